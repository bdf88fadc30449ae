// The tickets the benchmarks offer: the demo store's sample tickets and the golden dev set's texts, as their
// customers wrote them, shuffled once with a fixed seed so every run offers the same sequence. Only the dev
// split is read (the test split stays unseen). The varied mix (`pnpm bench memory`) adds the train,
// calibration and fresh splits and the probes, each text once: as many different words as the repository holds
// outside the test split.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, shuffleInPlace } from '@parley/intent-model/rng';
import { loadDemoTickets } from '@parley/demo-store';
import type { GoldenSplit } from '../../golden/cases.js';
import { loadGoldenSplit } from '../../golden/cases.js';
import { ticketRequest } from '../../suites/golden.js';
import type { TicketRequest } from '../../tickets.js';
import type { BenchTicket } from './load.js';

export async function ticketMix(seed = 1): Promise<TicketRequest[]> {
  return shuffled([...(await demoTickets()), ...(await loadGoldenSplit('dev')).map(ticketRequest)], seed);
}

/** The golden splits besides dev the varied mix reads (never `test`), and the probes' folders. */
export const VARIED_SPLITS: readonly GoldenSplit[] = ['train', 'calibration', 'fresh'];
export const PROBES_DIR = fileURLToPath(new URL('../../../probes/', import.meta.url));

/** Every demo ticket and every text of the golden dev, train, calibration and fresh splits and of the probes. */
export async function variedMix(seed = 1): Promise<TicketRequest[]> {
  const probes = (await readdir(PROBES_DIR, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => join(PROBES_DIR, d.name))
    .sort();
  const golden = await Promise.all([
    ...(['dev', ...VARIED_SPLITS] as const).map((split) => loadGoldenSplit(split)),
    ...probes.map((dir) => loadGoldenSplit('train', dir)),
  ]);
  return shuffled([...(await demoTickets()), ...golden.flat().map(ticketRequest)], seed);
}

async function demoTickets(): Promise<TicketRequest[]> {
  return (await loadDemoTickets()).map((t) => ({
    customer: t.customer,
    ...(t.subject !== undefined ? { subject: t.subject } : {}),
    body: t.body,
  }));
}

function shuffled<T>(all: readonly T[], seed: number): T[] {
  const order = all.map((_, i) => i);
  shuffleInPlace(order, mulberry32(seed));
  return order.map((i) => all[i]!);
}

/** `count` tickets taken round the mix from `offset`, each with its own externalId `<tag>-<n>`. */
export function benchTickets(
  mix: readonly TicketRequest[],
  count: number,
  tag: string,
  offset = 0,
): BenchTicket[] {
  return Array.from({ length: count }, (_, i) => ({
    ...mix[(offset + i) % mix.length]!,
    externalId: `${tag}-${i}`,
  }));
}
