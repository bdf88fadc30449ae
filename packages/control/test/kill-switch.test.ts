import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH, TEST_NATS_URL, waitFor } from '@parley/bus/testing';
import { parseArgs } from '../src/cli.js';
import { controlBucket, KILL_SWITCH_KEY, KillSwitch } from '../src/index.js';
import { dropControlBucket } from '../src/testing.js';

const prefix = `t${randomBytes(5).toString('hex')}`;
let nc: NatsConnection;
const switches: KillSwitch[] = [];

beforeAll(async () => {
  nc = await connectNats(TEST_NATS_URL, 'test-control', TEST_NATS_AUTH);
});
afterAll(async () => {
  await Promise.all(switches.map((s) => s.stop()));
  await dropControlBucket(nc, prefix);
  await nc.drain();
});

async function started(onInvalid?: (p: string) => void): Promise<KillSwitch> {
  const ks = new KillSwitch({ nc, prefix, onInvalid });
  await ks.start();
  switches.push(ks);
  return ks;
}

describe('KillSwitch', () => {
  it('defaults to auto, and a flip in one instance reaches the other', async () => {
    const a = await started();
    const b = await started();
    expect(a.mode()).toBe('auto');
    expect(b.mode()).toBe('auto');
    await a.set('suggest_only', 'ops', 'model provider incident');
    expect(a.mode()).toBe('suggest_only');
    await waitFor('b to see suggest_only', () => b.mode() === 'suggest_only', 5000);
    expect(b.state()).toMatchObject({
      mode: 'suggest_only',
      changedBy: 'ops',
      reason: 'model provider incident',
    });
    await b.set('disabled', 'ops');
    await waitFor('a to see disabled', () => a.mode() === 'disabled', 5000);
  });

  it('reads the current value at start (the bucket already exists)', async () => {
    const c = await started();
    expect(c.mode()).toBe('disabled');
  });

  it('keeps the last good mode when someone stores garbage', async () => {
    const problems: string[] = [];
    const d = await started((p) => problems.push(p));
    const kv = await new Kvm(nc).open(controlBucket(prefix));
    await kv.put(KILL_SWITCH_KEY, '{"mode":"off"}');
    await waitFor('the invalid value to be reported', () => problems.length === 1, 5000);
    expect(d.mode()).toBe('disabled');
  });
});

describe('cli arguments', () => {
  it('parses a mode and flags, and names what is wrong', () => {
    expect(parseArgs(['kill-switch', 'suggest_only', '--reason', 'incident 42'])).toEqual({
      mode: 'suggest_only',
      reason: 'incident 42',
    });
    expect(() => parseArgs(['kill-switch', 'off'])).toThrow(
      /mode must be auto, suggest_only or disabled \(got "off"\)/,
    );
    expect(() => parseArgs(['flip', 'auto'])).toThrow(/unknown command "flip"/);
    expect(() => parseArgs(['kill-switch', 'auto', '--why'])).toThrow(/unexpected argument "--why"/);
  });
});
