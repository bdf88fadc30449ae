import type { MsgHdrs } from '@nats-io/transport-node';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Envelope } from '@parley/contracts';
import { subjectFor } from '@parley/contracts';

/** Headers every event carries, so tools can route and trace without parsing the body. */
export function eventHeaders(envelope: Envelope): Record<string, string> {
  return {
    'Parley-Type': envelope.type,
    'Parley-Version': String(envelope.version),
    ...(envelope.ticketId ? { 'Parley-Ticket': envelope.ticketId } : {}),
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
  };
}

export function toNatsHeaders(values: Record<string, string>): MsgHdrs {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(values)) h.set(key, value);
  return h;
}

export function subjectOf(envelope: Envelope): string {
  return subjectFor(envelope.type, envelope.version);
}
