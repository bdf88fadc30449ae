// `pnpm bench pipeline` at a tiny size: the shape of what it prints and that its figures agree with each
// other. No timing assertions: speed is what the benchmark reports, not what a test can demand.
import { describe, expect, it } from '@jest/globals';
import type { PipelineResult } from '../src/bench/pipeline.js';
import { format, run } from '../src/bench/pipeline.js';
import { UsageError } from '../src/dispatch.js';
import { SERVICE_NAMES } from '../src/stack.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('bench pipeline', () => {
  it('refuses a bad rate before starting anything', async () => {
    await expect(run({ options: { rate: '0' }, positional: [], json: true })).rejects.toThrow(UsageError);
    await expect(run({ options: { rate: 'fast' }, positional: [], json: true })).rejects.toThrow(/--rate/);
  });

  it('measures the stack at saturation and open loop, and the bare chain, with consistent figures', async () => {
    const result = (await run({
      options: { saturate: 'true', rate: '10', tickets: '20', warmup: '2', 'chain-messages': '40' },
      positional: [],
      json: true,
    })) as PipelineResult;

    expect(result.phases.map((p) => p.mode)).toEqual(['saturation', 'open']);
    expect(result.phases[0]!.inFlight).toBe(16);
    expect(result.phases[1]!.rate).toBe(10);
    for (const p of result.phases) {
      expect(p.posted).toBe(20);
      expect(p.accepted + p.refused['429'] + p.refused['503'] + p.failed).toBe(p.posted);
      // Every 202 is a stored ticket, and nothing else is.
      expect(p.stored).toBe(p.accepted);
      expect(p.decided).toBeGreaterThan(0);
      expect(p.decided).toBeLessThanOrEqual(p.accepted);
      expect(p.undecided).toBe(p.stored - p.decided);
      expect(p.decidedPerSec).toBeGreaterThan(0);
      const l = p.latencyMs!;
      expect(l.p50).toBeGreaterThan(0);
      expect(l.p50).toBeLessThanOrEqual(l.p95);
      expect(l.p95).toBeLessThanOrEqual(l.p99);
      expect(l.p99).toBeLessThanOrEqual(l.max);

      const cpu = p.cpu.perTicketMs;
      for (const name of SERVICE_NAMES) expect(cpu[name]).toBeGreaterThanOrEqual(0);
      // The services every ticket passes through on its way to a decision.
      for (const name of ['ingress', 'router', 'retrieval', 'resolver', 'gate'])
        expect(cpu[name]).toBeGreaterThan(0);
      expect(cpu.nats).toBeGreaterThanOrEqual(0);
      expect(cpu.postgres).toBeGreaterThan(0);
      const parts = [...SERVICE_NAMES.map((n) => cpu[n]!), cpu.nats!, cpu.postgres!];
      // Each figure is rounded to 0.01 ms on its own.
      expect(Math.abs(sum(parts) - cpu.total)).toBeLessThanOrEqual(0.01 * parts.length);
      const pg = p.cpu.postgresPerTicketMs!;
      expect(Object.keys(pg).sort()).toEqual([...SERVICE_NAMES, 'server'].sort());
      expect(Math.abs(sum(Object.values(pg)) - cpu.postgres!)).toBeLessThanOrEqual(0.01 * 9);
      // Every service uses its own connections.
      expect(pg.ingress).toBeGreaterThan(0);
      expect(pg.gate).toBeGreaterThan(0);
      expect(p.cpu.seconds).toBeGreaterThan(0);
      expect(p.load).toHaveLength(2);
      // Shares of all cores' time over the window (a little slack: the two come from different counters).
      for (const pct of [p.cpu.machine!.busyPct, p.cpu.machine!.countedPct]) {
        expect(pct).toBeGreaterThan(0);
        expect(pct).toBeLessThanOrEqual(101);
      }
    }
    for (const name of SERVICE_NAMES) expect(result.rssMb[name]).toBeGreaterThan(0);

    const chain = result.chain;
    expect(chain.hops).toBe(6);
    expect(chain.sent).toBe(40);
    expect(chain.completed).toBe(40);
    expect(chain.perSec).toBeGreaterThan(0);
    expect(chain.load).toHaveLength(2);
    expect(chain.cpu.perTicketMs.chain).toBeGreaterThan(0);
    expect(chain.cpu.postgresPerTicketMs!.chain).toBeGreaterThan(0);

    expect(result.ratio).toBeGreaterThan(0);
    expect(result.ratio!).toBeCloseTo(result.phases[0]!.decidedPerSec / chain.perSec, 2);

    const text = format(result as unknown as Record<string, unknown>);
    for (const name of SERVICE_NAMES) expect(text).toContain(name);
    expect(text).toContain('saturation 16');
    expect(text).toContain('open 10/s');
    expect(text).toMatch(/pipeline \/ chain: [\d.]+x/);
  }, 600_000);
});
