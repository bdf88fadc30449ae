import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy } from '@nats-io/jetstream';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import { makeEvent, TicketReceived } from '@parley/contracts';
import { anonymousTurn } from '@parley/contracts/testing';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../src/io.js';
import { runCli } from '../src/main.js';

/** Runs one command line against `env`, collecting what it prints. */
async function parley(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    env,
    out: (text) => (out += text),
    err: { isTTY: false, write: (text: string) => (err += text) },
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const received = (ticketId: string) =>
  makeEvent(TicketReceived, { ticketId, payload: { turn: 1, ticket: anonymousTurn('Where is my order?') } });

describe('argument parsing', () => {
  it.each([
    [['keys', 'create', 'agent', '--scope', 'inbox'], "Unknown option '--scope'"],
    [['keys', 'create', 'agent', '--workspace'], "Option '--workspace <value>' argument missing"],
    [['keys', 'create'], 'create needs a key name'],
    [['keys', 'list', 'extra'], 'list takes only --workspace'],
    [['keys', 'rotate', 'x'], 'unknown keys command "rotate"'],
    [['kill-switch', 'off'], 'mode must be auto, suggest_only or disabled (got "off")'],
    [['kill-switch', 'auto', 'now'], 'unexpected argument "now"'],
    [['canary'], 'missing argument'],
    [['canary', 'pause', 'gate'], 'unknown canary command "pause"'],
    [['canary', 'start', 'gate', '--share', '30'], 'start needs --version <version>'],
    [['canary', 'start', 'gate', '--version', 'v2'], 'start needs --share <0-100>'],
    [['canary', 'start', 'gate', '--version', 'v2', '--share', '130'], '--share must be a whole percentage'],
    [['canary', 'start', 'gate', '--version', 'v2', '--share', '0.5'], '(got "0.5")'],
    [['canary', 'start', 'gate', '--version', 'v2/beta', '--share', '5'], '--version must be letters'],
    [['canary', 'start', 'mailer', '--version', 'v2', '--share', '5'], 'unknown service "mailer"; one of'],
    [['canary', 'promote'], 'promote needs a service'],
    [['canary', 'rollback', 'gate', '--share', '0'], 'rollback does not take --share'],
    [['canary', 'end', 'gate', '--reason', 'done'], 'end does not take --reason'],
    [['canary', 'status', 'gate', 'router'], 'unexpected argument "router"'],
    [['train', '--epochs', '3'], "Unknown option '--epochs'"],
    [['train', 'data.jsonl'], 'unexpected argument "data.jsonl"'],
    [['migrate', 'sideways'], 'direction must be up or down (got "sideways")'],
    [['vectors', 'build', '--max-words', 'many'], '--max-words must be a positive integer'],
    [['classifier', 'train'], 'unknown classifier command "train"'],
    [['classifier', 'build', '--epochs', '3'], "Unknown option '--epochs'"],
    [['kb', 'sync', 'x'], 'usage: parley kb ingest'],
    [['kb', 'ingest', 'x', '--kind', 'pdf'], '--kind must be one of'],
  ])('%j is a usage error (exit 2) naming the problem, with the usage', async (argv, problem) => {
    const { code, out, err } = await parley(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(problem);
    expect(err).toContain('usage: ');
  });

  it('names an unknown command and lists the commands', async () => {
    const { code, err } = await parley(['deploy']);
    expect(code).toBe(2);
    expect(err).toContain('unknown command "deploy"');
    for (const name of [
      'kill-switch',
      'canary',
      'keys',
      'kb',
      'train',
      'migrate',
      'seed',
      'vectors',
      'classifier',
    ]) {
      expect(err).toContain(`  ${name}`);
    }
  });

  it('prints a command usage for --help without running it', async () => {
    const { code, out } = await parley(['keys', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('parley keys create <name> [--scopes tickets,inbox,admin] [--workspace <id>]');
  });

  it('reports a bad setting as a failure naming the variable', async () => {
    const { code, err } = await parley(['keys', 'list'], { DATABASE_POOL_MAX: 'lots' });
    expect(code).toBe(1);
    expect(err).toContain('DATABASE_POOL_MAX: must be an integer');
  });
});

describe('against the real NATS and Postgres', () => {
  let h: BusHarness;
  beforeAll(async () => {
    h = await createBusHarness('cli');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a key in a workspace, lists it only there, and revokes it once', async () => {
    const created = await parley(
      ['keys', 'create', 'acme agent', '--scopes', 'inbox', '--workspace', 'acme'],
      h.env(),
    );
    expect(created.code).toBe(0);
    const [, id] = /^created (key_[0-9a-f]+) \(inbox\) in workspace acme\n/.exec(created.out) ?? [];
    expect(id).toBeDefined();
    expect(created.out.split('\n')[1]).toMatch(/^\S{20,}$/);

    const listed = await parley(['keys', 'list', '--workspace', 'acme'], h.env());
    expect(listed.out).toContain(`${id}\tacme agent\tacme\tinbox\t`);
    expect(listed.out).toContain('\tactive\n');
    expect((await parley(['keys', 'list', '--workspace', 'globex'], h.env())).out).toBe('');

    expect(await parley(['keys', 'revoke', id!], h.env())).toMatchObject({ code: 0, out: `revoked ${id}\n` });
    expect(await parley(['keys', 'revoke', id!], h.env())).toMatchObject({
      code: 1,
      out: `no active key ${id}\n`,
    });
    expect((await parley(['keys', 'list', '--workspace', 'acme'], h.env())).out).toContain('\trevoked ');
  });

  it('flips the kill switch and reads it back', async () => {
    const set = await parley(
      ['kill-switch', 'suggest_only', '--reason', 'incident 42', '--by', 'sre'],
      h.env(),
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({
      mode: 'suggest_only',
      reason: 'incident 42',
      changedBy: 'sre',
    });
    const status = await parley(['kill-switch', 'status'], h.env());
    expect(JSON.parse(status.out)).toMatchObject({ mode: 'suggest_only', reason: 'incident 42' });
  });

  it('starts, reads, rolls back, promotes and ends a canary, refusing what the state cannot take', async () => {
    const none = await parley(['canary', 'promote', 'router'], h.env());
    expect(none).toEqual({ code: 1, out: '', err: 'parley canary: no canary for router; start one first\n' });

    // Where the canary begins: after everything already in the events stream.
    const bus = await h.bus();
    await bus.publish(received('tk_before'));
    const started = await parley(
      [
        'canary',
        'start',
        'router',
        '--version',
        'v2.1',
        '--share',
        '30%',
        '--by',
        'sre',
        '--reason',
        'new model',
      ],
      h.env(),
    );
    expect(started.code).toBe(0);
    const state = JSON.parse(started.out) as Record<string, unknown>;
    expect(state).toMatchObject({
      service: 'router',
      version: 'v2.1',
      share: 30,
      phase: 'running',
      changedBy: 'sre',
      reason: 'new model',
    });
    const info = await (await bus.jsm()).streams.info(bus.topo.eventsStream);
    expect(state.fromSeq).toBe(info.state.last_seq + 1);

    const other = await parley(['canary', 'start', 'router', '--version', 'v3', '--share', '5'], h.env());
    expect(other).toMatchObject({ code: 1, out: '' });
    expect(other.err).toBe(
      'parley canary: a canary of v2.1 is running for router; promote, roll back or end it first\n',
    );

    // A candidate durable holding one message it has not been handed yet: status shows what is left on it.
    await (
      await bus.jsm()
    ).consumers.add(bus.topo.eventsStream, {
      durable_name: 'router__ticket_received_v1__candidate',
      filter_subject: `${h.prefix}.ticket.received.v1`,
      ack_policy: AckPolicy.Explicit,
    });
    const status = await parley(['canary', 'status'], h.env());
    expect(JSON.parse(status.out)).toEqual({
      canaries: [
        {
          service: 'router',
          canary: expect.objectContaining({ share: 30 }),
          durables: [
            { name: 'router__ticket_received_v1__candidate', side: 'candidate', pending: 1, ackPending: 0 },
          ],
        },
      ],
    });
    const rolled = await parley(['canary', 'rollback', 'router', '--reason', 'latency'], h.env());
    expect(JSON.parse(rolled.out)).toMatchObject({ share: 0, phase: 'rolled_back', reason: 'latency' });
    const promoted = await parley(['canary', 'promote', 'router'], h.env());
    expect(JSON.parse(promoted.out)).toMatchObject({ share: 100, phase: 'promoted', fromSeq: state.fromSeq });
    const ended = await parley(['canary', 'end', 'router'], h.env());
    expect(JSON.parse(ended.out)).toMatchObject({ ended: { version: 'v2.1', phase: 'promoted' } });
    const after = await parley(['canary', 'status', 'router'], h.env());
    expect(JSON.parse(after.out)).toMatchObject({ canaries: [{ service: 'router', canary: null }] });
  });

  it('migrates an up-to-date schema as a no-op and shows its progress', async () => {
    const migrated = await parley(['migrate'], h.env());
    expect(migrated).toMatchObject({ code: 0, out: 'up: nothing to do\n' });
    expect(migrated.err).toMatch(
      /^migrating up \(schema t_cli_[0-9a-f]+\)\.\.\.\nmigrating up .*: done in \d+\.\d s\n$/,
    );
  });
});

describe('classifier build', () => {
  it("trains retrieval's classifiers into the cache the service reads, and refuses too few questions", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-cli-classifier-'));
    const lines = ['gift-cards', 'shipping-methods'].flatMap((article) =>
      Array.from({ length: 24 }, (_, i) =>
        JSON.stringify({
          id: `${article}-${i}`,
          text: `question ${i} about ${article.replace('-', ' ')}`,
          articles: [article],
        }),
      ),
    );
    const file = join(dir, 'answered.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const cache = join(dir, 'cache');
    const built = await parley(['classifier', 'build', '--questions', file, '--cache-dir', cache]);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.out)).toEqual({ cacheDir: cache, questions: 48 });
    expect((await readdir(cache)).filter((f) => f.endsWith('.articles'))).toHaveLength(1);
    const few = join(dir, 'few.jsonl');
    await writeFile(few, `${lines.slice(0, 3).join('\n')}\n`);
    const refused = await parley(['classifier', 'build', '--questions', few, '--cache-dir', cache]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('too few answered questions to learn from (3)');
  });
});
