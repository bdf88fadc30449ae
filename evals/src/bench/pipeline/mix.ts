// The tickets the benchmark offers: the demo store's sample tickets and the golden dev set's texts, as their
// customers wrote them, shuffled once with a fixed seed so every run offers the same sequence. Only the dev
// split is read (the test split stays unseen).
import { mulberry32, shuffleInPlace } from '@parley/intent-model/rng';
import { loadDemoTickets } from '@parley/demo-store';
import { loadGoldenSplit } from '../../golden/cases.js';
import { ticketRequest } from '../../suites/golden.js';
import type { TicketRequest } from '../../tickets.js';
import type { BenchTicket } from './load.js';

export async function ticketMix(seed = 1): Promise<TicketRequest[]> {
  const demo: TicketRequest[] = (await loadDemoTickets()).map((t) => ({
    customer: t.customer,
    ...(t.subject !== undefined ? { subject: t.subject } : {}),
    body: t.body,
  }));
  const golden = (await loadGoldenSplit('dev')).map(ticketRequest);
  const all = [...demo, ...golden];
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
