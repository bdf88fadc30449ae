import { describe, expect, it } from '@jest/globals';
import { cpuFigures, summarise } from './figures.js';

describe('summarise', () => {
  it('measures from the first acceptance to the last decision, latency per decided ticket', () => {
    const t0 = 1_700_000_000_000;
    const times = [
      { acceptedMs: t0, decidedMs: t0 + 100 },
      { acceptedMs: t0 + 500, decidedMs: t0 + 800 },
      { acceptedMs: t0 + 1000, decidedMs: t0 + 2000 },
      { acceptedMs: t0 + 1500, decidedMs: null },
    ];
    expect(summarise(times)).toEqual({
      stored: 4,
      decided: 3,
      seconds: 2,
      decidedPerSec: 1.5,
      latencyMs: { p50: 300, p95: 1000, p99: 1000, max: 1000 },
    });
  });

  it('says nothing of latency when nothing was decided', () => {
    expect(summarise([{ acceptedMs: 1, decidedMs: null }])).toEqual({
      stored: 1,
      decided: 0,
      seconds: 0,
      decidedPerSec: 0,
      latencyMs: null,
    });
  });
});

describe('cpuFigures', () => {
  const own = (name: string) => `service:${name}`;

  it('divides each group by the tickets and totals services, NATS and Postgres', () => {
    const ms = {
      'service:a': 100,
      'service:b': 50,
      nats: 30,
      'postgres:a': 20,
      'postgres:server': 10,
      'postgres:others': 999,
      driver: 77,
    };
    const machine = { busyMs: 1800, totalMs: 2000 };
    const f = cpuFigures(ms, 3.456, 10, ['a', 'b'], { natsSeen: true, postgresSeen: true, own, machine });
    expect(f.perTicketMs).toEqual({ a: 10, b: 5, nats: 3, postgres: 3, total: 21 });
    expect(f.postgresPerTicketMs).toEqual({ a: 2, b: 0, server: 1 });
    expect(f.notCountedMs).toEqual({ otherPostgresClients: 999, driver: 77 });
    expect(f.seconds).toBe(3.46);
    // 210 ms counted of the 2,000 ms the cores had; 1,800 ms of it busy with anything.
    expect(f.machine).toEqual({ busyPct: 90, countedPct: 10.5 });
  });

  it('reports servers it could not see as null, not as free', () => {
    const f = cpuFigures({ 'service:a': 40 }, 1, 4, ['a'], { natsSeen: false, postgresSeen: false, own });
    expect(f.perTicketMs).toEqual({ a: 10, nats: null, postgres: null, total: 10 });
    expect(f.postgresPerTicketMs).toBeNull();
    expect(f.notCountedMs.otherPostgresClients).toBeNull();
    expect(f.machine).toBeNull();
  });
});
