import { describe, expect, it } from '@jest/globals';
import { headers } from '@nats-io/transport-node';
import { CANARY_HEADER, formatStamp, ownerOf, splitFromStamp, ticketBucket } from './canary.js';

function stamped(values: Record<string, string>) {
  const h = headers();
  for (const [k, v] of Object.entries(values)) h.set(k, v);
  return h;
}

describe('the canary stamp', () => {
  it('records each split with a share, sorted, and reads each service back', () => {
    const stamp = formatStamp([
      { service: 'router', version: 'v7', share: 100 },
      { service: 'gate', version: '2.1.0-rc.1', share: 30 },
      { service: 'resolver', version: 'v3', share: 0 },
    ]);
    expect(stamp).toBe('gate=2.1.0-rc.1/30,router=v7/100');
    expect(splitFromStamp(stamp, 'gate')).toEqual({ service: 'gate', version: '2.1.0-rc.1', share: 30 });
    expect(splitFromStamp(stamp, 'router')).toEqual({ service: 'router', version: 'v7', share: 100 });
    expect(splitFromStamp(stamp, 'resolver')).toBeUndefined();
    expect(formatStamp([{ service: 'gate', version: 'v2', share: 0 }])).toBeUndefined();
  });

  it.each(['gate=v2/101', 'gate=v2', 'gate=/30', 'gate=v 2/30', 'gate=v2/-1', 'gate=v2/3x'])(
    'reads the malformed stamp %j as no split',
    (stamp) => {
      expect(splitFromStamp(stamp, 'gate')).toBeUndefined();
    },
  );
});

describe('the ticket bucket', () => {
  const tickets = Array.from({ length: 2000 }, (_, i) => `tk_${i.toString(36)}`);

  it('is the same every time, in 0..99, and spreads tickets evenly', () => {
    const buckets = tickets.map((t) => ticketBucket('gate', t));
    expect(tickets.map((t) => ticketBucket('gate', t))).toEqual(buckets);
    expect(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < 100)).toBe(true);
    const under30 = buckets.filter((b) => b < 30).length / tickets.length;
    expect(under30).toBeGreaterThan(0.26);
    expect(under30).toBeLessThan(0.34);
  });

  it('differs between services, so two canaries do not take the same tickets', () => {
    const same = tickets.filter((t) => ticketBucket('gate', t) === ticketBucket('router', t)).length;
    expect(same).toBeLessThan(tickets.length * 0.05);
  });
});

describe('which side owns a message', () => {
  it('follows the stamp and the ticket header; a larger share only adds tickets', () => {
    const owner = (share: number, ticket: string) =>
      ownerOf('gate', stamped({ [CANARY_HEADER]: `gate=v2/${share}`, 'Parley-Ticket': ticket }));
    for (const ticket of ['tk_a', 'tk_b', 'tk_c', 'tk_d', 'tk_e']) {
      const bucket = ticketBucket('gate', ticket);
      expect(owner(bucket, ticket)).toBe('stable');
      expect(owner(bucket + 1, ticket)).toBe('candidate');
      expect(owner(0, ticket)).toBe('stable');
      expect(owner(100, ticket)).toBe('candidate');
    }
  });

  it('gives the stable side anything without a stamp for the service or without a ticket', () => {
    expect(ownerOf('gate', undefined)).toBe('stable');
    expect(ownerOf('gate', stamped({ 'Parley-Ticket': 'tk_a' }))).toBe('stable');
    expect(ownerOf('gate', stamped({ [CANARY_HEADER]: 'gate=v2/100' }))).toBe('stable');
    expect(ownerOf('gate', stamped({ [CANARY_HEADER]: 'router=v2/100', 'Parley-Ticket': 'tk_a' }))).toBe(
      'stable',
    );
  });
});
