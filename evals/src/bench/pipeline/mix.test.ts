import { describe, expect, it } from '@jest/globals';
import { loadDemoTickets } from '@parley/demo-store';
import { loadGoldenSplit } from '../../golden/cases.js';
import { benchTickets, ticketMix } from './mix.js';

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

  it('gives each ticket its own externalId, going round the mix', async () => {
    const mix = await ticketMix();
    const batch = benchTickets(mix, mix.length + 5, 'bench-x-open', 3);
    expect(new Set(batch.map((t) => t.externalId)).size).toBe(batch.length);
    expect(batch[0]!.body).toBe(mix[3]!.body);
    expect(batch[mix.length]!.body).toBe(mix[3]!.body);
  });
});
