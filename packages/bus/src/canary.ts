import { createHash } from 'node:crypto';
import type { MsgHdrs } from '@nats-io/transport-node';

/**
 * Canary releases split a service's live tickets between its stable and its candidate version by a hash of
 * the ticket id. The split in force is stamped on every event by the process that publishes it (the
 * `Parley-Canary` header), and both sides of the consuming service decide from that stamp alone. So the two
 * sides always agree about a stored message, however late either of them learns of a change: each message is
 * handled by exactly one side, never both and never neither.
 */
export const CANARY_HEADER = 'Parley-Canary';

/** Which durable a process consumes from: the stable one, or the candidate's own copy of it. */
export type CanaryRole = 'stable' | 'candidate';

export const CANARY_ROLES: readonly CanaryRole[] = ['stable', 'candidate'];

/** One service's split: tickets whose bucket is below `share` (0..100) go to its candidate `version`. */
export interface CanarySplit {
  service: string;
  version: string;
  share: number;
}

/** What the bus needs from the shared control state (`@parley/control` watches it in a NATS KV bucket). */
export interface CanarySource {
  /** The splits in force as this process knows them: stamped on every event it publishes. */
  splits(): readonly CanarySplit[];
  /**
   * A fresh read (not the watched copy) of the stream sequence from which the service's canary stamps events,
   * or undefined when it has none: where a candidate durable created now must start.
   */
  startSeq(service: string): Promise<number | undefined>;
}

/** Service names and versions as they may appear in a stamp (no separators, nothing a header refuses). */
export const CANARY_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The ticket's bucket for a service, 0..99: stable for a ticket, independent between services. */
export function ticketBucket(service: string, ticketId: string): number {
  const digest = createHash('sha256').update(`${service}\u0000${ticketId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/** The stamp for the splits given; only those with a share above 0 need saying (absent means stable). */
export function formatStamp(splits: readonly CanarySplit[]): string | undefined {
  const parts = splits
    .filter((s) => s.share > 0)
    .map((s) => `${s.service}=${s.version}/${s.share}`)
    .sort();
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** The split a stamp records for one service; anything malformed reads as no split (the stable side). */
export function splitFromStamp(stamp: string | undefined, service: string): CanarySplit | undefined {
  if (!stamp) return undefined;
  for (const part of stamp.split(',')) {
    const match = /^([^=]+)=([^/]+)\/(\d{1,3})$/.exec(part.trim());
    if (!match || match[1] !== service) continue;
    const share = Number(match[3]);
    if (share > 100 || !CANARY_TOKEN.test(match[2]!)) return undefined;
    return { service, version: match[2]!, share };
  }
  return undefined;
}

/**
 * Which side handles a stored message for `service`. Read from the message's headers only (the stamp and the
 * `Parley-Ticket` header every event carries), so a message that does not even decode is settled by exactly
 * one side too: without a stamp or a ticket it is the stable side's.
 */
export function ownerOf(service: string, headers: MsgHdrs | undefined): CanaryRole {
  const split = splitFromStamp(headers?.get(CANARY_HEADER) || undefined, service);
  const ticketId = headers?.get('Parley-Ticket');
  if (!split || !ticketId) return 'stable';
  return ticketBucket(service, ticketId) < split.share ? 'candidate' : 'stable';
}
