import { MAX_BODY_CHARS } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { WithinCommit } from '../../tickets/within-commit.js';
import type { IngestDeps, Ingested } from '../ingest.js';
import { ingestInbound } from '../ingest.js';
import { InvalidInput } from '../invalid-input.js';
import { channelText } from '../text.js';

export interface InboundSms {
  messageSid: string;
  /** The sender's number as Twilio gives it (E.164). */
  from: string;
  body: string;
}

const PHONE = /^\+?[0-9]{3,20}$/;
const SID = /^[A-Za-z0-9]{10,64}$/;

function single(params: URLSearchParams, name: string): string {
  const values = params.getAll(name);
  if (values.length === 0) throw new InvalidInput(name, 'Required');
  if (values.length > 1) throw new InvalidInput(name, `must be sent once (got ${values.length})`);
  return values[0]!;
}

/** The fields of Twilio's incoming-message webhook that make a turn; a missing or malformed one is named. */
export function readSmsForm(params: URLSearchParams): InboundSms {
  const messageSid = single(params, 'MessageSid');
  if (!SID.test(messageSid))
    throw new InvalidInput('MessageSid', 'must be a message SID (letters and digits)');
  const from = single(params, 'From');
  if (!PHONE.test(from))
    throw new InvalidInput('From', 'must be a phone number (digits, optionally after +)');
  const body = channelText(single(params, 'Body'), MAX_BODY_CHARS);
  if (!body)
    throw new InvalidInput(
      'Body',
      'must not be empty (messages without text, such as a picture alone, are not taken)',
    );
  return { messageSid, from, body };
}

/**
 * The SMS ticket a message from `phone` continues: the latest ticket opened or continued by an SMS from that
 * number, if anything happened on it (a message either way) since `since`.
 */
export async function findSmsThread(
  db: Kysely<Database>,
  workspace: string,
  phone: string,
  since: Date,
  except?: string,
): Promise<string | null> {
  let query = db
    .selectFrom('channel_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select('t.id')
    .where('m.workspace_id', '=', workspace)
    .where('t.workspace_id', '=', workspace)
    .where('m.channel', '=', 'sms')
    .where('m.address', '=', phone)
    .where('t.channel', '=', 'sms')
    .where('t.updated_at', '>=', since);
  if (except) query = query.where('t.id', '!=', except);
  const row = await query.orderBy('t.updated_at', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Another message from the same number opened a ticket first: this one belongs on it. */
class ThreadOpenedMeanwhile extends Error {}

/** A conversation is opened at most this many times over before the message just opens its own ticket. */
const MAX_THREAD_RETRIES = 3;

/**
 * An SMS as the next turn of the sender's recent SMS ticket, or a new ticket. Two first messages from one
 * number arriving together must not open two tickets: a new ticket takes a transaction lock on the number and
 * looks again; if another ticket for the number committed meanwhile, it rolls back and the message joins that
 * ticket instead. The lock is Postgres's, so it holds across ingress replicas.
 */
export async function receiveSms(
  deps: IngestDeps,
  sms: InboundSms,
  windowMs: number,
  guard?: () => void,
): Promise<Ingested> {
  for (let attempt = 1; ; attempt++) {
    const now = (deps.now ?? (() => new Date()))();
    const since = new Date(now.getTime() - windowMs);
    const thread = await findSmsThread(deps.db, deps.workspace, sms.from, since);
    const checkNoOtherThread: WithinCommit = async (trx, stored) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`sms-thread:${deps.workspace}:${sms.from}`}))`.execute(
        trx,
      );
      const other = await findSmsThread(trx, deps.workspace, sms.from, since, stored.ticketId);
      if (other && attempt < MAX_THREAD_RETRIES) throw new ThreadOpenedMeanwhile();
    };
    try {
      return await ingestInbound(
        deps,
        {
          channel: 'sms',
          providerId: sms.messageSid,
          address: sms.from,
          text: sms.body,
          threadTicketId: thread,
          opening: { customer: { phone: sms.from } },
          onNewTicket: checkNoOtherThread,
        },
        guard,
      );
    } catch (err) {
      if (!(err instanceof ThreadOpenedMeanwhile)) throw err;
    }
  }
}
