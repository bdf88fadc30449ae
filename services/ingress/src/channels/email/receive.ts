import { recordTimeline } from '@parley/audit';
import type { Customer } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { CrmLookup } from '../../tickets/customer-match.js';
import type { IngestDeps, Ingested } from '../ingest.js';
import { ingestInbound } from '../ingest.js';
import type { InboundEmail } from './parse.js';
import type { UnauthenticatedReason } from './sender-auth.js';

/** Most ids looked up from a References header (long threads name every earlier message). */
const MAX_THREAD_IDS = 50;

/**
 * The email ticket a message continues: the first of In-Reply-To, then References (latest first), that
 * names a message received on a ticket or a reply we sent from one, then the subject's `[#tkt_...]` token.
 * Only a ticket on the email channel whose customer is the sender counts: a ticket id or Message-ID seen by
 * someone else (a forwarded thread, a colleague in Cc) opens a new ticket instead of writing into this one.
 */
export async function findEmailThread(
  db: Kysely<Database>,
  workspace: string,
  mail: Pick<InboundEmail, 'answers' | 'subjectTicketId' | 'from'>,
): Promise<string | null> {
  const ids = mail.answers.slice(0, MAX_THREAD_IDS);
  const ticketOf = new Map<string, string>();
  if (ids.length > 0) {
    const received = await db
      .selectFrom('channel_messages')
      .select(['provider_id as id', 'ticket_id'])
      .where('workspace_id', '=', workspace)
      .where('channel', '=', 'email')
      .where('provider_id', 'in', ids)
      .execute();
    const sent = await db
      .selectFrom('deliveries')
      .select(['provider_message_id as id', 'ticket_id'])
      .where('channel', '=', 'email')
      .where('provider_message_id', 'in', ids)
      .execute();
    for (const row of [...received, ...sent]) if (row.id) ticketOf.set(row.id, row.ticket_id);
  }
  const candidates = [
    ...new Set([...ids.map((id) => ticketOf.get(id)), mail.subjectTicketId].filter((t) => t != null)),
  ];
  if (candidates.length === 0) return null;
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'customer'])
    .where('workspace_id', '=', workspace)
    .where('id', 'in', candidates)
    .where('channel', '=', 'email')
    .execute();
  const sender = mail.from.address.toLowerCase();
  const isSenders = (id: string) =>
    tickets.some((t) => t.id === id && (t.customer as Customer).email?.toLowerCase() === sender);
  return candidates.find(isSenders) ?? null;
}

/** The CRM as an unauthenticated sender sees it: nobody is known and no order has an owner. */
const NO_CUSTOMERS: CrmLookup = {
  byId: async () => null,
  byEmail: async () => null,
  byPhoneEnding: async () => [],
  ordersOwners: async () => new Map(),
};

/**
 * A parsed customer email as the next turn of its thread's ticket, or a new ticket. A sender the receiving
 * mail host did not authenticate (`unauthenticated`, the reason) could be anyone writing another customer's
 * address in From: the email is kept, but as a new ticket from an unknown customer (no CRM match, so no
 * customer's orders reach the reply) that never threads onto an existing ticket, and its timeline says why.
 */
export async function receiveEmail(
  deps: IngestDeps,
  mail: InboundEmail,
  unauthenticated: UnauthenticatedReason | null,
  guard?: () => void,
): Promise<Ingested> {
  return ingestInbound(
    unauthenticated ? { ...deps, crm: NO_CUSTOMERS } : deps,
    {
      channel: 'email',
      providerId: mail.messageId,
      address: mail.from.address.toLowerCase(),
      text: mail.body,
      threadTicketId: unauthenticated ? null : await findEmailThread(deps.db, deps.workspace, mail),
      opening: {
        customer: { email: mail.from.address, ...(mail.from.name ? { name: mail.from.name } : {}) },
        subject: mail.subject,
      },
      ...(unauthenticated
        ? {
            onNewTicket: (trx, stored) =>
              recordTimeline(trx, {
                ticketId: stored.ticketId,
                turn: stored.turn,
                type: 'email.sender_unauthenticated',
                service: 'ingress',
                eventId: stored.ticketId,
                detail: { channel: 'email', reason: unauthenticated },
              }),
          }
        : {}),
    },
    guard,
  );
}
