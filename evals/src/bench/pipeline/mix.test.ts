import { describe, expect, it } from '@jest/globals';
import { loadDemoTickets } from '@parley/demo-store';
import { loadGoldenSplit } from '../../golden/cases.js';
import { benchTickets, PROBES_DIR, ticketMix, VARIED_SPLITS, variedMix } from './mix.js';

describe('ticket mix', () => {
  it('holds every demo ticket and golden dev text, in the same shuffled order each time', async () => {
    const mix = await ticketMix();
    const demo = await loadDemoTickets();
    const dev = await loadGoldenSplit('dev');
    expect(mix).toHaveLength(demo.length + dev.length);
    const bodies = new Set(mix.map((t) => t.body));
    for (const t of demo) expect(bodies.has(t.body)).toBe(true);
    for (const c of dev) expect(bodies.has(c.text)).toBe(true);
    expect(await ticketMix()).toEqual(mix);
    expect(mix.slice(0, demo.length).map((t) => t.body)).not.toEqual(demo.map((t) => t.body));
  });

  it('varies as widely as the repository allows outside the test split, each text once', async () => {
    const varied = await variedMix();
    const texts = new Set(varied.map((t) => t.body));
    const demo = await loadDemoTickets();
    const golden = (
      await Promise.all(['dev' as const, ...VARIED_SPLITS].map((s) => loadGoldenSplit(s)))
    ).flat();
    const probes = (
      await Promise.all(
        [
          'account',
          'complaints',
          'complaints-2',
          'help-centre',
          'order-changes',
          'order-questions',
          'order-status',
          'order-status-2',
          'order-status-3',
          'out-of-scope',
          'others-and-gifts',
          'payments-addresses',
          'products',
          'refund-status',
          'requests-with-questions',
          'unanswered',
          'write-requests',
        ].map((d) => loadGoldenSplit('train', `${PROBES_DIR}${d}`)),
      )
    ).flat();
    for (const c of [...golden, ...probes]) expect(texts.has(c.text)).toBe(true);
    // Those and nothing else: no test case is in it.
    expect(varied).toHaveLength(demo.length + golden.length + probes.length);
    expect(await variedMix()).toEqual(varied);
  });

  it('gives each ticket its own externalId, going round the mix', async () => {
    const mix = await ticketMix();
    const batch = benchTickets(mix, mix.length + 5, 'bench-x-open', 3);
    expect(new Set(batch.map((t) => t.externalId)).size).toBe(batch.length);
    expect(batch[0]!.body).toBe(mix[3]!.body);
    expect(batch[mix.length]!.body).toBe(mix[3]!.body);
  });
});
