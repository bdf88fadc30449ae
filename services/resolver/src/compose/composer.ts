import type { Draft, Retrieval, Routing, TicketTurn } from '@parley/contracts';

export interface ComposeInput {
  ticket: TicketTurn;
  routing: Routing;
  retrieval: Retrieval;
}

export type ComposeResult =
  { draft: Draft; noDraftReason?: undefined } | { draft: null; noDraftReason: string };

/**
 * What the resolver needs from a model tier. The local grounded composer is the offline default; hosted
 * tiers (the ChatModel adapters in @parley/providers) plug in behind the same interface.
 */
export interface Composer {
  readonly provider: string;
  readonly name: string;
  compose(input: ComposeInput): Promise<ComposeResult>;
}
