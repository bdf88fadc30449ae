import { userInfo } from 'node:os';
import { connectNats } from '@parley/bus';
import { readPlatformConfig } from '@parley/config';
import { KillSwitchMode } from '@parley/contracts';
import { KillSwitch } from '@parley/control';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const USAGE =
  'usage: parley kill-switch <auto|suggest_only|disabled> [--reason <text>] [--by <name>]\n       parley kill-switch status';

export type KillSwitchArgs =
  { command: 'set'; mode: KillSwitchMode; reason?: string; by?: string } | { command: 'status' };

export function parse(argv: readonly string[]): KillSwitchArgs {
  const { values, positionals } = strictArgs(
    argv,
    { reason: { type: 'string' }, by: { type: 'string' } },
    USAGE,
    { min: 1, max: 1 },
  );
  if (positionals[0] === 'status') {
    if (values.reason !== undefined || values.by !== undefined)
      throw new UsageError(`status takes no options\n${USAGE}`);
    return { command: 'status' };
  }
  const mode = KillSwitchMode.safeParse(positionals[0]);
  if (!mode.success) {
    throw new UsageError(
      `mode must be auto, suggest_only or disabled (got ${JSON.stringify(positionals[0])})\n${USAGE}`,
    );
  }
  return {
    command: 'set',
    mode: mode.data,
    ...(values.reason !== undefined ? { reason: values.reason } : {}),
    ...(values.by !== undefined ? { by: values.by } : {}),
  };
}

export async function run(args: KillSwitchArgs, io: Io): Promise<number> {
  const config = readPlatformConfig(io.env);
  const nc = await connectNats(config.natsUrl, 'parley-cli-kill-switch', config.natsAuth);
  try {
    const ks = new KillSwitch({ nc, prefix: config.busPrefix });
    await ks.start();
    try {
      const state =
        args.command === 'status'
          ? (ks.state() ?? { mode: 'auto' })
          : await ks.set(args.mode, args.by ?? userInfo().username, args.reason);
      io.out(`${JSON.stringify(state)}\n`);
    } finally {
      await ks.stop();
    }
    return 0;
  } finally {
    await nc.drain();
  }
}
