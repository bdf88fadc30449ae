import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH, TEST_NATS_URL, waitFor } from '@parley/bus/testing';
import { CanaryConflict, CanaryControl, canaryKey, controlBucket } from '../src/index.js';
import { dropControlBucket } from '../src/testing.js';

const prefix = `t${randomBytes(5).toString('hex')}`;
let nc: NatsConnection;
const controls: CanaryControl[] = [];

beforeAll(async () => {
  nc = await connectNats(TEST_NATS_URL, 'test-control-canary', TEST_NATS_AUTH);
});
afterAll(async () => {
  await Promise.all(controls.map((c) => c.stop()));
  await dropControlBucket(nc, prefix);
  await nc.drain();
});

async function started(onInvalid?: (p: string) => void): Promise<CanaryControl> {
  const c = new CanaryControl({ nc, prefix, onInvalid });
  await c.start();
  controls.push(c);
  return c;
}

describe('CanaryControl', () => {
  it('starts, reshares, promotes, rolls back and ends a canary, and every instance follows', async () => {
    const ops = await started();
    const service = await started();
    expect(service.splits()).toEqual([]);
    let seqReads = 0;
    const nextSeq = async () => {
      seqReads += 1;
      return 41 + seqReads;
    };

    const begun = await ops.begin({ service: 'gate', version: 'v2', share: 30, by: 'sre' }, nextSeq);
    expect(begun).toMatchObject({ service: 'gate', version: 'v2', share: 30, phase: 'running', fromSeq: 42 });
    await waitFor('the split to reach the service', () => service.state('gate')?.share === 30, 5000);
    expect(service.splits()).toEqual([{ service: 'gate', version: 'v2', share: 30 }]);
    expect(await service.startSeq('gate')).toBe(42);
    expect(await service.startSeq('router')).toBeUndefined();

    // The same version again changes the share and keeps where the canary began.
    expect(await ops.begin({ service: 'gate', version: 'v2', share: 50 }, nextSeq)).toMatchObject({
      share: 50,
      fromSeq: 42,
    });
    expect(seqReads).toBe(1);
    await expect(ops.begin({ service: 'gate', version: 'v3', share: 10 }, nextSeq)).rejects.toThrow(
      new CanaryConflict('a canary of v2 is running for gate; promote, roll back or end it first'),
    );

    expect(await ops.rollback('gate', 'sre', 'error rate up')).toMatchObject({
      share: 0,
      phase: 'rolled_back',
      changedBy: 'sre',
      reason: 'error rate up',
    });
    await waitFor('the rollback to reach the service', () => service.state('gate')?.share === 0, 5000);
    expect(await ops.promote('gate')).toMatchObject({ share: 100, phase: 'promoted', fromSeq: 42 });
    expect((await ops.read('gate'))?.state.reason).toBeUndefined();
    await waitFor('the promotion to reach the service', () => service.state('gate')?.share === 100, 5000);

    // A canary that is not running any more may be replaced by another version, which begins anew.
    expect(await ops.begin({ service: 'gate', version: 'v3', share: 10 }, nextSeq)).toMatchObject({
      version: 'v3',
      fromSeq: 43,
    });
    expect((await ops.end('gate')).version).toBe('v3');
    await waitFor('the end to reach the service', () => service.state('gate') === undefined, 5000);
    expect(service.splits()).toEqual([]);
    await expect(ops.promote('gate')).rejects.toThrow('no canary for gate; start one first');
    await expect(ops.end('gate')).rejects.toThrow('no canary for gate');
  });

  it('refuses a change to a value another operator changed since it was read', async () => {
    const a = await started();
    await a.begin({ service: 'router', version: 'v9', share: 5 }, async () => 1);
    const readBefore = await a.read('router');
    await a.begin({ service: 'router', version: 'v9', share: 15 }, async () => 1);
    // An instance that read the value before that change: its write must not silently undo it.
    class Late extends CanaryControl {
      override async read() {
        return readBefore;
      }
    }
    const late = new Late({ nc, prefix });
    await late.start();
    controls.push(late);
    await expect(late.promote('router')).rejects.toThrow(
      new CanaryConflict('the canary for router changed meanwhile; read it again and retry'),
    );
    await expect(late.end('router')).rejects.toThrow(CanaryConflict);
    expect((await a.read('router'))?.state).toMatchObject({ share: 15, phase: 'running' });
    await a.end('router');
  });

  it('reports an invalid stored value and keeps the last good one', async () => {
    const problems: string[] = [];
    const a = await started((p) => problems.push(p));
    await a.begin({ service: 'resolver', version: 'v4', share: 20 }, async () => 7);
    const kv = await new Kvm(nc).open(controlBucket(prefix));
    await kv.put(canaryKey('resolver'), JSON.stringify({ service: 'resolver', share: 250 }));
    await waitFor('the problem to be reported', () => problems.length === 1, 5000);
    expect(problems[0]).toMatch(/^canary value for resolver at revision \d+ is invalid$/);
    expect(a.state('resolver')).toMatchObject({ version: 'v4', share: 20 });
    // A new instance reads the bad value as no canary at all rather than failing to start.
    const b = await started();
    expect(b.state('resolver')).toBeUndefined();
    await kv.delete(canaryKey('resolver'));
  });
});
