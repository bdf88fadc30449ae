import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import { twilioSignature } from '../src/channels/sms/signature.js';
import { EMPTY_TWIML } from '../src/http/sms.js';
import type { FakeTwilio } from './fake-twilio.js';
import { startFakeTwilio } from './fake-twilio.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';
import { CARD_NEEDLES } from './fixtures.js';

// SMS end to end: Twilio's signed webhook in, replies out through a local server speaking the Messages
// API's wire format, on the real bus and database.
const TOKEN = 'twilio-auth-token-0001';
const ACCOUNT = 'AC0000000000000000000000000000test';
const FROM = '+15550100999';
// The public URL configured at Twilio: what signatures cover, whatever host the service sees.
const WEBHOOK = 'https://support.shop.test/v1/sms/twilio';
const YARA = '+15550102000'; // the CRM's "+1 (555) 010-2000"

let twilio: FakeTwilio;
let ing: IngressHarness;

beforeAll(async () => {
  twilio = await startFakeTwilio();
  ing = await startIngress('ingress-sms', {
    INGRESS_TWILIO_AUTH_TOKEN: TOKEN,
    INGRESS_TWILIO_ACCOUNT_SID: ACCOUNT,
    INGRESS_TWILIO_FROM: FROM,
    INGRESS_TWILIO_API_URL: twilio.url,
    INGRESS_TWILIO_WEBHOOK_URL: WEBHOOK,
    INGRESS_SMS_MAX_PARTS: '2',
    LOG_LEVEL: 'trace',
  });
});
afterAll(async () => {
  await ing?.close();
  await twilio?.close();
});

let seq = 0;
const newSid = () => `SM${Date.now().toString(16)}${String(++seq).padStart(8, '0')}`;

async function webhook(
  fields: Record<string, string>,
  opts: { signature?: string | null; type?: string; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string | null; text: string }> {
  const params = new URLSearchParams({ AccountSid: ACCOUNT, To: FROM, NumMedia: '0', ...fields });
  const headers: Record<string, string> = {
    'content-type': opts.type ?? 'application/x-www-form-urlencoded',
    ...opts.headers,
  };
  const signature = opts.signature === undefined ? twilioSignature(TOKEN, WEBHOOK, params) : opts.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(`${ing.svc.url}/v1/sms/twilio`, {
    method: 'POST',
    headers,
    body: opts.raw ?? params.toString(),
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The ticket an SMS made: its MessageSid's row. */
async function ticketOf(messageSid: string): Promise<{ ticket_id: string; turn: number }> {
  return ing.h.db.db
    .selectFrom('channel_messages')
    .select(['ticket_id', 'turn'])
    .where('channel', '=', 'sms')
    .where('provider_id', '=', messageSid)
    .executeTakeFirstOrThrow();
}

function smsReply(ticketId: string, turn: number, body: string) {
  return makeEvent(ReplyRequested, {
    ticketId,
    payload: {
      turn,
      replyId: `rpl_${ticketId}_${turn}`,
      channel: 'sms',
      source: 'auto',
      body,
      citations: [],
    },
  });
}

describe('inbound SMS', () => {
  it('opens a ticket from a signed message, answers empty TwiML, and takes a redelivery once', async () => {
    const sid = newSid();
    const res = await webhook({
      From: YARA,
      Body: 'Where is order #W3400144? Card 4111 1111 1111 1111',
      MessageSid: sid,
    });
    expect(res).toEqual({ status: 200, type: 'text/xml', text: EMPTY_TWIML });
    const { ticket_id: ticketId, turn } = await ticketOf(sid);
    expect(turn).toBe(1);
    const [event] = await ing.awaitEvents('ticket.received.v1', ticketId, 1);
    expect(event!.payload).toMatchObject({
      externalId: `sms:${sid}`,
      ticket: {
        channel: 'sms',
        customer: { crmId: 'yara_li_6570', phone: YARA },
        body: 'Where is order #W3400144? Card [card]',
      },
    });

    const tickets = await ing.ticketCount();
    expect(
      (
        await webhook({
          From: YARA,
          Body: 'Where is order #W3400144? Card 4111 1111 1111 1111',
          MessageSid: sid,
        })
      ).status,
    ).toBe(200);
    expect(await ing.ticketCount()).toBe(tickets);
    expect(await ing.eventsFor('ticket.received.v1', ticketId)).toHaveLength(1);
  });

  it('continues the number’s ticket within the window, and opens a new one after it', async () => {
    const phone = '+447700900123';
    const first = newSid();
    await webhook({ From: phone, Body: 'My parcel is damaged', MessageSid: first });
    const { ticket_id: ticketId } = await ticketOf(first);
    const second = newSid();
    // Twilio may name the charset.
    const typed = { type: 'application/x-www-form-urlencoded; charset=UTF-8' };
    expect((await webhook({ From: phone, Body: 'It arrived wet', MessageSid: second }, typed)).status).toBe(
      200,
    );
    expect(await ticketOf(second)).toEqual({ ticket_id: ticketId, turn: 2 });
    const [, turn2] = await ing.awaitEvents('ticket.received.v1', ticketId, 2);
    expect(turn2!.payload).toMatchObject({
      turn: 2,
      ticket: { body: 'It arrived wet', history: [{ body: 'My parcel is damaged' }] },
    });

    // Nothing on the ticket for longer than the window (24 h): the next message is a new conversation.
    await ing.h.db.db
      .updateTable('tickets')
      .set({ updated_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('id', '=', ticketId)
      .execute();
    const third = newSid();
    await webhook({ From: phone, Body: 'New question', MessageSid: third });
    const later = await ticketOf(third);
    expect(later.turn).toBe(1);
    expect(later.ticket_id).not.toBe(ticketId);
  });

  it('keeps first messages from one number arriving together on one ticket, one turn each', async () => {
    const phone = '+447700900456';
    const sids = Array.from({ length: 5 }, () => newSid());
    const answers = await Promise.all(
      sids.map((sid, i) =>
        webhook({ From: phone, Body: `Message ${i + 1} about my order`, MessageSid: sid }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await Promise.all(sids.map(ticketOf));
    expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(1);
    expect(rows.map((r) => r.turn).sort()).toEqual([1, 2, 3, 4, 5]);
    await ing.awaitEvents('ticket.received.v1', rows[0]!.ticket_id, 5);
  });

  it('refuses an unsigned or wrongly signed request with 403 and bad fields with 400, storing nothing', async () => {
    const tickets = await ing.ticketCount();
    const fields = { From: YARA, Body: 'forged', MessageSid: newSid() };
    expect(await webhook(fields, { signature: null })).toMatchObject({
      status: 403,
      text: JSON.stringify({ error: 'forbidden', message: 'missing or malformed X-Twilio-Signature header' }),
    });
    const forged = await webhook(fields, {
      signature: twilioSignature('another-token', WEBHOOK, new URLSearchParams(fields)),
    });
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.text)).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/does not match/),
    });
    // A request Twilio really signed (same account token) but for another URL, replayed here with forwarded
    // headers naming that URL: the configured URL is what counts, never the request's own headers.
    const elsewhere = 'https://other-app.example/v1/sms/twilio';
    const replayed = new URLSearchParams({ AccountSid: ACCOUNT, To: FROM, NumMedia: '0', ...fields });
    const replay = await webhook(fields, {
      signature: twilioSignature(TOKEN, elsewhere, replayed),
      headers: { 'x-forwarded-host': 'other-app.example', 'x-forwarded-proto': 'https' },
    });
    expect(replay.status).toBe(403);
    expect(JSON.parse(replay.text)).toMatchObject({ message: expect.stringMatching(/does not match/) });
    // Signed for the parameters as sent, then one changed on the way.
    const params = new URLSearchParams({ AccountSid: ACCOUNT, To: FROM, NumMedia: '0', ...fields });
    const signature = twilioSignature(TOKEN, WEBHOOK, params);
    params.set('Body', 'tampered');
    expect((await webhook({}, { signature, raw: params.toString() })).status).toBe(403);

    const noBody = await webhook({ From: YARA, MessageSid: newSid() });
    expect(noBody.status).toBe(400);
    expect(JSON.parse(noBody.text)).toEqual({
      error: 'invalid_request',
      message: 'Body: Required',
      issues: [{ path: 'Body', message: 'Required' }],
    });
    const badFrom = await webhook({ From: 'not-a-number', Body: 'hi', MessageSid: newSid() });
    expect(JSON.parse(badFrom.text)).toMatchObject({
      message: expect.stringMatching(/^From: must be a phone number/),
    });
    const json = await webhook(fields, { type: 'application/json', raw: '{}' });
    expect(json.status).toBe(415);
    expect(JSON.parse(json.text)).toMatchObject({
      message: 'Content-Type must be application/x-www-form-urlencoded',
    });
    expect(await ing.ticketCount()).toBe(tickets);
  });
});

describe('outbound SMS', () => {
  it('sends a reply through the Messages API once, split in numbered parts when long', async () => {
    const sid = newSid();
    const phone = '+15550100201';
    await webhook({ From: phone, Body: 'How do returns work?', MessageSid: sid });
    const { ticket_id: ticketId } = await ticketOf(sid);
    const long = `${'Returns are free within 30 days. '.repeat(60)}Keep the receipt.`;
    const reply = smsReply(ticketId, 1, long);
    const before = twilio.sent.length;
    await ing.bus.publish(reply);
    await ing.bus.js.publish(
      `${ing.h.prefix}.reply.requested.v1`,
      JSON.stringify({ ...reply, id: `${reply.id}:again` }),
    );
    const [delivered] = await ing.awaitEvents('reply.delivered.v1', ticketId, 1);

    const sent = twilio.sent.slice(before);
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      expect(s.accountSid).toBe(ACCOUNT);
      expect(s.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
      expect(s.params.get('To')).toBe(phone);
      expect(s.params.get('From')).toBe(FROM);
      expect(s.params.get('Body')!.length).toBeLessThanOrEqual(1600);
    }
    expect(sent[0]!.params.get('Body')).toMatch(/^Returns are free .* \(1\/2\)$/s);
    expect(sent[1]!.params.get('Body')).toMatch(/Keep the receipt\. \(2\/2\)$/);
    expect((delivered!.payload as { providerMessageId: string }).providerMessageId).toMatch(
      /^SM\d{32},SM\d{32}$/,
    );
  });

  it('retries when Twilio fails temporarily and dead-letters a reply Twilio refuses', async () => {
    const sid = newSid();
    await webhook({ From: '+15550100202', Body: 'Retry please', MessageSid: sid });
    const { ticket_id: ticketId } = await ticketOf(sid);
    twilio.failNext(1, 503, 20503);
    const before = twilio.sent.length;
    await ing.bus.publish(smsReply(ticketId, 1, 'Short answer.'));
    await ing.awaitEvents('reply.delivered.v1', ticketId, 1);
    expect(twilio.sent.slice(before).map((s) => s.params.get('Body'))).toEqual(['Short answer.']);

    const refused = newSid();
    await webhook({ From: '+15550100111', Body: 'Unknown number', MessageSid: refused });
    const { ticket_id: other } = await ticketOf(refused);
    twilio.failNext(1, 400, 21211);
    await ing.bus.publish(smsReply(other, 1, 'Will not arrive.'));
    await waitFor(
      'the refused reply in the dead-letter stream',
      async () => (await ing.h.count('dlq.>')) >= 1,
    );
    expect(await ing.eventsFor('reply.delivered.v1', other)).toHaveLength(0);
  });
});

describe('logs', () => {
  it('hold no phone number or message text', () => {
    const text = ing.logs.join('');
    expect(text).toContain('ingress ready');
    for (const pii of ['5550102000', '447700900123', 'parcel', 'Returns are free', ...CARD_NEEDLES]) {
      expect(text).not.toContain(pii);
    }
  });
});
