import { userInfo } from 'node:os';
import type { JetStreamManager } from '@nats-io/jetstream';
import { jetstreamManager } from '@nats-io/jetstream';
import { CANARY_TOKEN, connectNats, topology } from '@parley/bus';
import { readPlatformConfig } from '@parley/config';
import type { CanaryState } from '@parley/control';
import { CanaryConflict, CanaryControl } from '@parley/control';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const USAGE = [
  'usage: parley canary status [<service>]',
  '       parley canary start <service> --version <version> --share <0-100> [--reason <text>] [--by <name>]',
  '       parley canary promote <service> [--reason <text>] [--by <name>]',
  '       parley canary rollback <service> [--reason <text>] [--by <name>]',
  '       parley canary end <service>',
].join('\n');

/** The services that consume events, so the ones a canary can split. */
export const SERVICES = ['ingress', 'router', 'retrieval', 'resolver', 'gate', 'handoff', 'actions'] as const;

type Who = { reason?: string; by?: string };
export type CanaryArgs =
  | { command: 'status'; service?: string }
  | ({ command: 'start'; service: string; version: string; share: number } & Who)
  | ({ command: 'promote' | 'rollback'; service: string } & Who)
  | { command: 'end'; service: string };

const COMMANDS = ['status', 'start', 'promote', 'rollback', 'end'];

function serviceArg(value: string | undefined, command: string): string {
  if (value === undefined) throw new UsageError(`${command} needs a service\n${USAGE}`);
  if (!(SERVICES as readonly string[]).includes(value)) {
    throw new UsageError(`unknown service ${JSON.stringify(value)}; one of ${SERVICES.join(', ')}\n${USAGE}`);
  }
  return value;
}

function shareArg(value: string | undefined): number {
  if (value === undefined) throw new UsageError(`start needs --share <0-100>\n${USAGE}`);
  const match = /^(\d{1,3})%?$/.exec(value);
  const share = match ? Number(match[1]) : NaN;
  if (!(share >= 0 && share <= 100)) {
    throw new UsageError(
      `--share must be a whole percentage from 0 to 100 (got ${JSON.stringify(value)})\n${USAGE}`,
    );
  }
  return share;
}

function versionArg(value: string | undefined): string {
  if (value === undefined) throw new UsageError(`start needs --version <version>\n${USAGE}`);
  if (!CANARY_TOKEN.test(value)) {
    throw new UsageError(
      `--version must be letters, digits, ".", "_" or "-", at most 64 (got ${JSON.stringify(value)})\n${USAGE}`,
    );
  }
  return value;
}

export function parse(argv: readonly string[]): CanaryArgs {
  const { values, positionals } = strictArgs(
    argv,
    {
      version: { type: 'string' },
      share: { type: 'string' },
      reason: { type: 'string' },
      by: { type: 'string' },
    },
    USAGE,
    { min: 1, max: 2 },
  );
  const [command, service] = positionals as [string, string | undefined];
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`unknown canary command ${JSON.stringify(command)}\n${USAGE}`);
  }
  const given = Object.keys(values);
  const allow = (...names: string[]) => {
    const extra = given.filter((n) => !names.includes(n));
    if (extra.length > 0) {
      throw new UsageError(`${command} does not take --${extra.join(', --')}\n${USAGE}`);
    }
  };
  const who: Who = {
    ...(values.reason !== undefined ? { reason: values.reason } : {}),
    ...(values.by !== undefined ? { by: values.by } : {}),
  };
  switch (command) {
    case 'status':
      allow();
      return service === undefined ? { command } : { command, service: serviceArg(service, command) };
    case 'start':
      allow('version', 'share', 'reason', 'by');
      return {
        command,
        service: serviceArg(service, command),
        version: versionArg(values.version),
        share: shareArg(values.share),
        ...who,
      };
    case 'end':
      allow();
      return { command, service: serviceArg(service, command) };
    default:
      allow('reason', 'by');
      return { command: command as 'promote' | 'rollback', service: serviceArg(service, command), ...who };
  }
}

/** The events stream's next sequence: every event stamped with a canary begun now comes at or after it. */
async function nextSeq(jsm: JetStreamManager, stream: string): Promise<number> {
  try {
    return (await jsm.streams.info(stream)).state.last_seq + 1;
  } catch (err) {
    if (/not found/i.test((err as Error).message)) return 1;
    throw err;
  }
}

interface DurableStatus {
  name: string;
  side: 'stable' | 'candidate';
  /** In the stream, not yet delivered. */
  pending: number;
  /** Delivered, not yet acknowledged. */
  ackPending: number;
}

/** The service's durables on both sides: a candidate may be removed once its own show nothing left. */
async function durables(jsm: JetStreamManager, stream: string, service: string): Promise<DurableStatus[]> {
  const out: DurableStatus[] = [];
  try {
    for await (const c of jsm.consumers.list(stream)) {
      if (!c.name.startsWith(`${service}__`)) continue;
      out.push({
        name: c.name,
        side: c.name.endsWith('__candidate') ? 'candidate' : 'stable',
        pending: c.num_pending,
        ackPending: c.num_ack_pending,
      });
    }
  } catch (err) {
    if (!/not found/i.test((err as Error).message)) throw err;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function run(args: CanaryArgs, io: Io): Promise<number> {
  const config = readPlatformConfig(io.env);
  const nc = await connectNats(config.natsUrl, 'parley-cli-canary', config.natsAuth);
  try {
    const control = new CanaryControl({ nc, prefix: config.busPrefix });
    await control.start();
    try {
      const jsm = await jetstreamManager(nc, { timeout: 10_000 });
      const stream = topology(config.busPrefix).eventsStream;
      const by = (args as Who).by ?? userInfo().username;
      const reason = (args as Who).reason;
      let result: unknown;
      switch (args.command) {
        case 'status': {
          const services = args.service ? [args.service] : [...new Set(control.list().map((s) => s.service))];
          const canaries: Array<{ service: string; canary: CanaryState | null; durables: DurableStatus[] }> =
            [];
          for (const service of services) {
            canaries.push({
              service,
              canary: (await control.read(service))?.state ?? null,
              durables: await durables(jsm, stream, service),
            });
          }
          result = { canaries };
          break;
        }
        case 'start':
          result = await control.begin(
            { service: args.service, version: args.version, share: args.share, by, reason },
            () => nextSeq(jsm, stream),
          );
          break;
        case 'promote':
          result = await control.promote(args.service, by, reason);
          break;
        case 'rollback':
          result = await control.rollback(args.service, by, reason);
          break;
        case 'end':
          result = { ended: await control.end(args.service) };
          break;
      }
      io.out(`${JSON.stringify(result)}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof CanaryConflict)) throw err;
      io.err.write(`parley canary: ${err.message}\n`);
      return 1;
    } finally {
      await control.stop();
    }
  } finally {
    await nc.drain();
  }
}
