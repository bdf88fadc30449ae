import { ActionAuthorised, ActionDeclined, ActionProposed, ActionSettled } from './action.js';
import type { EnvelopeBase, EventDefinition } from './envelope.js';
import { ContractError, EnvelopeBase as EnvelopeSchema, formatIssues } from './envelope.js';
import { HandoffRequested, SlaBreached, TicketOwnerChanged } from './handoff.js';
import { KnowledgeChanged } from './knowledge.js';
import { ReplyDelivered, ReplyFailed, ReplyRated, ReplyRequested } from './reply.js';
import {
  TicketDecided,
  TicketConfirmation,
  TicketEscalated,
  TicketReceived,
  TicketResolved,
  TicketRetrieved,
  TicketRouted,
} from './ticket.js';

/** Every event the platform exchanges, every version still accepted. */
export const allEvents: readonly EventDefinition[] = [
  TicketReceived,
  TicketRouted,
  TicketEscalated,
  TicketConfirmation,
  TicketRetrieved,
  TicketResolved,
  TicketDecided,
  HandoffRequested,
  SlaBreached,
  TicketOwnerChanged,
  ReplyRequested,
  ReplyDelivered,
  ReplyFailed,
  ReplyRated,
  KnowledgeChanged,
  ActionProposed,
  ActionAuthorised,
  ActionDeclined,
  ActionSettled,
];

export function findEvent(type: string, version: number): EventDefinition | undefined {
  return allEvents.find((e) => e.type === type && e.version === version);
}

/** Parses any event off the wire: envelope first, then the payload for its (type, version). */
export function parseEvent(raw: unknown): EnvelopeBase {
  // A well-formed event is parsed once, by its own definition's schema (which holds the envelope's fields);
  // anything else goes the long way below, so a bad message is described exactly as before.
  const known = typeof raw === 'object' && raw !== null ? definitionNamedBy(raw) : undefined;
  if (known) {
    const parsed = known.envelope.safeParse(raw);
    if (parsed.success) return parsed.data as EnvelopeBase;
  }
  const base = EnvelopeSchema.safeParse(raw);
  if (!base.success) throw new ContractError('envelope', formatIssues(base.error));
  const def = findEvent(base.data.type, base.data.version);
  if (!def) {
    throw new ContractError(base.data.type, [
      `unknown event version ${base.data.version} of ${base.data.type}`,
    ]);
  }
  const parsed = def.envelope.safeParse(raw);
  if (!parsed.success) throw new ContractError(def.type, formatIssues(parsed.error));
  return parsed.data as EnvelopeBase;
}

function definitionNamedBy(raw: object): EventDefinition | undefined {
  const { type, version } = raw as { type?: unknown; version?: unknown };
  return typeof type === 'string' && typeof version === 'number' ? findEvent(type, version) : undefined;
}
