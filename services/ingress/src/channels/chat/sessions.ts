import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { newId } from '../../tickets/ids.js';
import type { IngestDeps, Ingested } from '../ingest.js';
import { ingestInbound } from '../ingest.js';

export interface ChatSession {
  id: string;
  /** The workspace of the key that created the session: its ticket belongs there. */
  workspace: string;
  ticketId: string | null;
  name: string | null;
  email: string | null;
}

export interface TranscriptEntry {
  /** Increasing: poll with `after` set to the last id seen. */
  id: string;
  turn: number;
  role: 'customer' | 'bot' | 'agent';
  body: string;
  at: string;
  /**
   * On an automated reply when ratings are on: the token to `POST /r/:token` with `{ rating }`, and the
   * visitor's rating so far.
   */
  rating?: { token: string; value: 'up' | 'down' | null };
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * A visitor's session: an id and a secret token, shown once (only its SHA-256 is stored). The site's
 * backend creates it with its API key and hands both to its widget, which then needs no API key.
 */
export async function createChatSession(
  db: Kysely<Database>,
  workspace: string,
  visitor: { name?: string | undefined; email?: string | undefined },
): Promise<{ sessionId: string; token: string }> {
  const sessionId = newId('chs');
  const token = `cst_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('chat_sessions')
    .values({
      id: sessionId,
      workspace_id: workspace,
      token_hash: hash(token).toString('hex'),
      ticket_id: null,
      name: visitor.name ?? null,
      email: visitor.email ?? null,
    })
    .execute();
  return { sessionId, token };
}

/** The session, when `token` is its token (compared in constant time); null for an unknown id or a wrong token. */
export async function openChatSession(
  db: Kysely<Database>,
  sessionId: string,
  token: string,
): Promise<ChatSession | null> {
  const row = await db
    .selectFrom('chat_sessions')
    .select(['id', 'workspace_id', 'token_hash', 'ticket_id', 'name', 'email'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash, 'hex'), hash(token))) return null;
  return {
    id: row.id,
    workspace: row.workspace_id,
    ticketId: row.ticket_id,
    name: row.name,
    email: row.email,
  };
}

/** Another message of the session opened its ticket first. */
class SessionLinked extends Error {}

/**
 * A visitor's message: the first opens the session's ticket, later ones are its next turns. The client's
 * message id makes it idempotent. Two first messages racing open one ticket: the loser's transaction finds
 * the session already linked, rolls back, and its message becomes the next turn instead.
 */
export async function postChatMessage(
  deps: Omit<IngestDeps, 'workspace'>,
  session: ChatSession,
  message: { text: string; clientMessageId: string },
  guard?: () => void,
): Promise<Ingested> {
  const ingest = (ticketId: string | null) =>
    ingestInbound(
      { ...deps, workspace: session.workspace },
      {
        channel: 'chat',
        providerId: `${session.id}:${message.clientMessageId}`,
        address: session.id,
        text: message.text,
        threadTicketId: ticketId,
        opening: { customer: { name: session.name ?? undefined, email: session.email ?? undefined } },
        onNewTicket: async (trx, stored) => {
          const linked = await trx
            .updateTable('chat_sessions')
            .set({ ticket_id: stored.ticketId })
            .where('id', '=', session.id)
            .where('ticket_id', 'is', null)
            .executeTakeFirst();
          if (linked.numUpdatedRows === 0n) throw new SessionLinked();
        },
      },
      guard,
    );
  try {
    return await ingest(session.ticketId);
  } catch (err) {
    if (!(err instanceof SessionLinked)) throw err;
    const current = await deps.db
      .selectFrom('chat_sessions')
      .select('ticket_id')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    return ingest(current.ticket_id);
  }
}

/** Who answers the session's ticket now: `agent` once a person took it over, `bot` otherwise. */
export async function ticketOwner(db: Kysely<Database>, ticketId: string | null): Promise<string> {
  if (!ticketId) return 'bot';
  const row = await db.selectFrom('tickets').select('owner').where('id', '=', ticketId).executeTakeFirst();
  return row?.owner ?? 'bot';
}

/** The last message id and the owner of each ticket: what held transcript requests wait to see change. */
export async function ticketStates(
  db: Kysely<Database>,
  ticketIds: readonly string[],
): Promise<Map<string, { lastId: string | null; owner: string }>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => [
      'tickets.id',
      'tickets.owner',
      eb
        .selectFrom('messages')
        .select((m) => m.fn.max('messages.id').as('max'))
        .whereRef('messages.ticket_id', '=', 'tickets.id')
        .as('last_id'),
    ])
    .where('tickets.id', 'in', [...ticketIds])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { lastId: r.last_id === null ? null : String(r.last_id), owner: r.owner }]),
  );
}

/** The session's conversation (customer, bot and agent messages) after message `after`, oldest first. */
export async function chatTranscript(
  db: Kysely<Database>,
  session: ChatSession,
  after: string | undefined,
  rateToken?: (replyId: string) => string,
  limit = 200,
): Promise<TranscriptEntry[]> {
  const ticketId = session.ticketId;
  if (!ticketId) return [];
  let query = db
    .selectFrom('messages')
    // The automated reply a bot message is, and its rating: what the widget's thumbs need.
    .leftJoin('replies', (j) =>
      j
        .onRef('replies.ticket_id', '=', 'messages.ticket_id')
        .onRef('replies.turn', '=', 'messages.turn')
        .on('replies.source', '=', 'auto')
        .on('messages.role', '=', 'bot'),
    )
    .leftJoin('reply_ratings', 'reply_ratings.reply_id', 'replies.id')
    .select(['messages.id', 'messages.turn', 'messages.role', 'messages.body', 'messages.created_at'])
    .select(['replies.id as reply_id', 'reply_ratings.rating'])
    .where('messages.ticket_id', '=', ticketId);
  if (after !== undefined) query = query.where('messages.id', '>', after);
  const rows = await query.orderBy('messages.id').limit(limit).execute();
  return rows.map((m) => ({
    id: String(m.id),
    turn: m.turn,
    role: m.role as TranscriptEntry['role'],
    body: m.body,
    at: m.created_at.toISOString(),
    ...(m.reply_id && rateToken
      ? { rating: { token: rateToken(m.reply_id), value: (m.rating as 'up' | 'down' | null) ?? null } }
      : {}),
  }));
}
