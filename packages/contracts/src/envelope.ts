import { z } from 'zod';
import { Id, Timestamp } from './common.js';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Fields every event carries, whatever its type. */
export const EnvelopeBase = z.object({
  /** Deterministic: derived from the event's domain identity, so a re-publish is a duplicate. */
  id: z.string().min(1).max(300),
  type: z.string().min(1).max(100),
  version: z.number().int().min(1),
  occurredAt: Timestamp,
  /** The ticket the event belongs to; null for events that are not about a ticket (knowledge changes). */
  ticketId: Id.nullable(),
  traceparent: z.string().regex(TRACEPARENT, 'must be a W3C traceparent').optional(),
  payload: z.unknown(),
});
export type EnvelopeBase = z.infer<typeof EnvelopeBase>;

export interface EventDefinition<
  T extends string = string,
  V extends number = number,
  P extends z.ZodTypeAny = z.ZodTypeAny,
> {
  type: T;
  version: V;
  /** Subject relative to the deployment's prefix: `<type>.v<version>`, so versions never share a consumer. */
  subject: string;
  payload: P;
  ticketScoped: boolean;
  /** Domain key that makes the event unique among events of its type (e.g. the turn). */
  key(ticketId: string | null, payload: z.infer<P>): string;
  envelope: z.ZodType<Envelope<T, V, z.infer<P>>>;
}

export interface Envelope<T extends string = string, V extends number = number, P = unknown> {
  id: string;
  type: T;
  version: V;
  occurredAt: string;
  ticketId: string | null;
  traceparent?: string | undefined;
  payload: P;
}

export type EventOf<D> =
  D extends EventDefinition<infer T, infer V, infer P> ? Envelope<T, V, z.infer<P>> : never;
export type PayloadOf<D> = D extends EventDefinition<string, number, infer P> ? z.infer<P> : never;

export function subjectFor(type: string, version: number): string {
  return `${type}.v${version}`;
}

export function defineEvent<T extends string, V extends number, P extends z.ZodTypeAny>(spec: {
  type: T;
  version: V;
  payload: P;
  ticketScoped?: boolean;
  key: (ticketId: string | null, payload: z.infer<P>) => string;
}): EventDefinition<T, V, P> {
  const ticketScoped = spec.ticketScoped ?? true;
  const envelope = EnvelopeBase.extend({
    type: z.literal(spec.type),
    version: z.literal(spec.version),
    ticketId: ticketScoped ? Id : z.null(),
    payload: spec.payload,
  }) as unknown as z.ZodType<Envelope<T, V, z.infer<P>>>;
  return {
    type: spec.type,
    version: spec.version,
    subject: subjectFor(spec.type, spec.version),
    payload: spec.payload,
    ticketScoped,
    key: spec.key,
    envelope,
  };
}

/** Builds a valid envelope; the id is derived from domain keys so republishing is idempotent. */
export function makeEvent<D extends EventDefinition>(
  def: D,
  input: {
    ticketId: string | null;
    payload: PayloadOf<D>;
    occurredAt?: Date;
    traceparent?: string | undefined;
  },
): EventOf<D> {
  const key = def.key(input.ticketId, input.payload);
  const envelope = {
    id: `${def.type}.v${def.version}:${input.ticketId ?? '-'}:${key}`,
    type: def.type,
    version: def.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    ticketId: input.ticketId,
    ...(input.traceparent ? { traceparent: input.traceparent } : {}),
    payload: input.payload,
  };
  // Validate on the way out too: a producer bug must fail loudly at the producer, not downstream.
  return parseOrThrow(def.envelope, envelope, def.type) as EventOf<D>;
}

export class ContractError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: string[],
  ) {
    super(`invalid ${eventType}: ${issues.join('; ')}`);
    this.name = 'ContractError';
  }
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContractError(label, formatIssues(result.error));
  return result.data;
}
