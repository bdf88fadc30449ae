import { MAX_BODY_CHARS } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
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
  phone: string,
  since: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('channel_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select('t.id')
    .where('m.channel', '=', 'sms')
    .where('m.address', '=', phone)
    .where('t.channel', '=', 'sms')
    .where('t.updated_at', '>=', since)
    .orderBy('t.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** An SMS as the next turn of the sender's recent SMS ticket, or a new ticket. */
export async function receiveSms(
  deps: IngestDeps,
  sms: InboundSms,
  windowMs: number,
  guard?: () => void,
): Promise<Ingested> {
  const now = (deps.now ?? (() => new Date()))();
  return ingestInbound(
    deps,
    {
      channel: 'sms',
      providerId: sms.messageSid,
      address: sms.from,
      text: sms.body,
      threadTicketId: await findSmsThread(deps.db, sms.from, new Date(now.getTime() - windowMs)),
      opening: { customer: { phone: sms.from } },
    },
    guard,
  );
}
