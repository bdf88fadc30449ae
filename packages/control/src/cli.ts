// Operator CLI: `tsx packages/control/src/cli.ts kill-switch <auto|suggest_only|disabled> [--reason text] [--by name]`
import { userInfo } from 'node:os';
import { connectNats } from '@parley/bus';
import { readPlatformConfig } from '@parley/config';
import { KillSwitchMode } from '@parley/contracts';
import { KillSwitch } from './kill-switch.js';

const USAGE = 'usage: kill-switch <auto|suggest_only|disabled> [--reason <text>] [--by <name>]';

export function parseArgs(argv: readonly string[]): { mode: KillSwitchMode; reason?: string; by?: string } {
  const [command, mode, ...rest] = argv;
  if (command !== 'kill-switch')
    throw new Error(`unknown command ${JSON.stringify(command ?? '')}; ${USAGE}`);
  const parsed = KillSwitchMode.safeParse(mode);
  if (!parsed.success)
    throw new Error(
      `mode must be auto, suggest_only or disabled (got ${JSON.stringify(mode ?? '')}); ${USAGE}`,
    );
  const out: { mode: KillSwitchMode; reason?: string; by?: string } = { mode: parsed.data };
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if ((flag !== '--reason' && flag !== '--by') || value === undefined) {
      throw new Error(`unexpected argument ${JSON.stringify(flag)}; ${USAGE}`);
    }
    out[flag === '--reason' ? 'reason' : 'by'] = value;
  }
  return out;
}

async function run(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = readPlatformConfig(process.env);
  const nc = await connectNats(config.natsUrl, 'parley-control-cli', config.natsAuth);
  try {
    const ks = new KillSwitch({ nc, prefix: config.busPrefix });
    await ks.start();
    const state = await ks.set(args.mode, args.by ?? userInfo().username, args.reason);
    await ks.stop();
    process.stdout.write(`${JSON.stringify(state)}\n`);
  } finally {
    await nc.drain();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((err: unknown) => {
    process.stderr.write(`kill-switch: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
