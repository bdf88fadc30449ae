import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import { API_KEY, CARD_NEEDLES } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';
import type { ReceivedMail, TestSmtp } from './smtp.js';
import { startSmtp } from './smtp.js';

// Email end to end: raw messages in through the inbound endpoint, replies out through a real SMTP server,
// threads followed both ways, on the real bus and database.
const LOGIN = { user: 'parley', pass: 'smtp-password-1' };
let smtp: TestSmtp;
let ing: IngressHarness;

beforeAll(async () => {
  smtp = await startSmtp(LOGIN);
  ing = await startIngress('ingress-email', {
    INGRESS_SMTP_HOST: '127.0.0.1',
    INGRESS_SMTP_PORT: String(smtp.port),
    INGRESS_SMTP_USER: LOGIN.user,
    INGRESS_SMTP_PASSWORD: LOGIN.pass,
    INGRESS_EMAIL_FROM: 'Shop Support <support@shop.test>',
    INGRESS_EMAIL_MAX_BYTES: '8192',
    // The receiving mail host whose Authentication-Results are believed (the default policy requires one).
    INGRESS_EMAIL_AUTHSERV_ID: 'mx.shop.test',
    // Everything the service would log, to check no customer text or address is among it.
    LOG_LEVEL: 'trace',
  });
});
afterAll(async () => {
  await ing?.close();
  await smtp?.close();
});

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function inbound(raw: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${ing.svc.url}/v1/email/inbound`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'message/rfc822', ...headers },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

let seq = 0;
/**
 * A customer's email; `id` is its Message-ID. Unless `authResults` says otherwise, the receiving host
 * (mx.shop.test) found DKIM and DMARC passing for the From domain, as for a customer writing from their own
 * mailbox; `authResults` are the Authentication-Results values, topmost first.
 */
function email(opts: {
  from?: string;
  subject?: string;
  body: string;
  id?: string;
  inReplyTo?: string;
  references?: string;
  extra?: string[];
  authResults?: string[];
}): { raw: string; id: string } {
  const id = opts.id ?? `<c${++seq}.${Date.now()}@mail.example.com>`;
  const from = opts.from ?? '"Yara Li" <yara.li6570@example.com>';
  const domain = /@([^@>\s]+)>?\s*$/.exec(from)?.[1] ?? '';
  const authResults = opts.authResults ?? [
    `mx.shop.test; dkim=pass header.d=${domain} header.s=s1; dmarc=pass (p=reject) header.from=${domain}`,
  ];
  const headers = [
    ...authResults.map((value) => `Authentication-Results: ${value}`),
    `From: ${from}`,
    'To: support@shop.test',
    `Subject: ${opts.subject ?? 'Where is my laptop?'}`,
    `Message-ID: ${id}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
    ...(opts.references ? [`References: ${opts.references}`] : []),
    ...(opts.extra ?? []),
    'Content-Type: text/plain; charset=utf-8',
  ];
  return { raw: `${headers.join('\r\n')}\r\n\r\n${opts.body.replace(/\n/g, '\r\n')}`, id };
}

function emailReply(ticketId: string, turn: number, source: 'auto' | 'agent' = 'auto') {
  return makeEvent(ReplyRequested, {
    ticketId,
    payload: {
      turn,
      replyId: `rpl_${ticketId}_${turn}${source === 'agent' ? '_agent' : ''}`,
      channel: 'email',
      source,
      body: `Answer to turn ${turn}: your laptop ships within 2 days.`,
      citations: [],
    },
  });
}

/** Waits for the SMTP server to hold `count` messages to `to`, and returns them. */
async function mailTo(to: string, count: number): Promise<ReceivedMail[]> {
  let found: ReceivedMail[] = [];
  await waitFor(`${count} emails to ${to}`, () => {
    found = smtp.received.filter((m) => m.to.includes(to));
    return found.length === count;
  });
  return found;
}

describe('inbound email', () => {
  it('opens a ticket from a new email: sender, subject, text without quote and signature, cards masked', async () => {
    const mail = email({
      body: [
        'My laptop from order #W3400144 has not arrived. Card 4111 1111 1111 1111.',
        '',
        'Sent from my iPhone',
        '',
        'On Mon, Nov 23, 2026 at 10:00 AM Shop <news@shop.test> wrote:',
        '> Our autumn sale starts today',
      ].join('\n'),
    });
    const first = await inbound(mail.raw);
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ turn: 1, duplicate: false });
    const ticketId = first.json.ticketId as string;

    const [event] = await ing.awaitEvents('ticket.received.v1', ticketId, 1);
    expect(event!.payload).toMatchObject({
      turn: 1,
      externalId: `email:${mail.id}`,
      ticket: {
        channel: 'email',
        customer: { crmId: 'yara_li_6570', email: 'yara.li6570@example.com', name: 'Yara Li' },
        subject: 'Where is my laptop?',
        body: 'My laptop from order #W3400144 has not arrived. Card [card].',
        history: [],
      },
    });

    // The same email again (a provider's retry): the same ticket and turn, nothing new stored or published.
    const tickets = await ing.ticketCount();
    const again = await inbound(mail.raw);
    expect(again).toEqual({ status: 202, json: { ticketId, turn: 1, duplicate: true } });
    expect(await ing.ticketCount()).toBe(tickets);
    expect(await ing.eventsFor('ticket.received.v1', ticketId)).toHaveLength(1);
  });

  it('threads replies: to our reply by In-Reply-To, to the customer message by References, and by the subject token', async () => {
    const customer = 'ivan.santos3158@example.com';
    const opening = email({
      from: `Ivan <${customer}>`,
      subject: 'Cancel my order',
      body: 'Please cancel #W8770097.',
    });
    const ticketId = (await inbound(opening.raw)).json.ticketId as string;

    // Our answer goes out by SMTP, threaded to the customer's message, with the ticket token in the subject.
    await ing.bus.publish(emailReply(ticketId, 1));
    const [sent] = await mailTo(customer, 1);
    const ourId = `<rpl_${ticketId}_1@shop.test>`;
    expect(sent!.from).toBe('support@shop.test');
    expect(sent!.mail.messageId).toBe(ourId);
    expect(sent!.mail.inReplyTo).toBe(opening.id);
    expect(sent!.mail.references).toBe(opening.id);
    expect(sent!.mail.subject).toBe(`Re: Cancel my order [#${ticketId}]`);
    expect(sent!.mail.text?.trim()).toBe('Answer to turn 1: your laptop ships within 2 days.');
    expect(sent!.headers).toMatch(/^Auto-Submitted: auto-replied$/m);
    // The server has the message before the delivery commits: wait for the commit's event.
    await ing.awaitEvents('reply.delivered.v1', ticketId, 1);
    const delivery = await ing.h.db.db
      .selectFrom('deliveries')
      .select('provider_message_id')
      .where('reply_id', '=', `rpl_${ticketId}_1`)
      .executeTakeFirstOrThrow();
    expect(delivery.provider_message_id).toBe(ourId);

    // The customer answers our reply: the second turn, with the first turn and our reply as history.
    const second = email({
      from: customer,
      subject: `Re: Cancel my order [#${ticketId}]`,
      body: 'Thanks, but is the refund automatic?\n\n> Answer to turn 1',
      inReplyTo: ourId,
      references: `${opening.id} ${ourId}`,
    });
    expect((await inbound(second.raw)).json).toEqual({ ticketId, turn: 2, duplicate: false });
    const events = await ing.awaitEvents('ticket.received.v1', ticketId, 2);
    expect(events[1]!.payload).toMatchObject({
      turn: 2,
      ticket: {
        channel: 'email',
        body: 'Thanks, but is the refund automatic?',
        history: [
          { turn: 1, role: 'customer', body: 'Please cancel #W8770097.' },
          { turn: 1, role: 'bot', body: 'Answer to turn 1: your laptop ships within 2 days.' },
        ],
      },
    });

    // An agent's answer to turn 2 answers the second email, references the whole thread, and is not marked automatic.
    await ing.bus.publish(emailReply(ticketId, 2, 'agent'));
    const [, agentMail] = await mailTo(customer, 2);
    expect(agentMail!.mail.inReplyTo).toBe(second.id);
    expect(agentMail!.mail.references).toEqual([opening.id, ourId, second.id]);
    expect(agentMail!.headers).not.toMatch(/Auto-Submitted/);

    // A message naming only the customer's own earlier message (a second note before any answer) threads too,
    const third = email({
      from: customer,
      subject: 'one more thing',
      body: 'Also the invoice.',
      references: second.id,
    });
    expect((await inbound(third.raw)).json).toMatchObject({ ticketId, turn: 3 });
    // and so does a new message that only keeps the ticket token in its subject.
    const fourth = email({ from: customer, subject: `Fwd: [#${ticketId}]`, body: 'Any news?' });
    expect((await inbound(fourth.raw)).json).toMatchObject({ ticketId, turn: 4 });
  });

  it('opens a new ticket when someone else replies into a customer ticket', async () => {
    const opening = email({ body: 'Where is #W3400144?' });
    const ticketId = (await inbound(opening.raw)).json.ticketId as string;
    const stranger = email({
      from: 'someone.else@example.com',
      subject: `Re: Where is my laptop? [#${ticketId}]`,
      body: 'Tell me about this order.',
      inReplyTo: opening.id,
    });
    const res = await inbound(stranger.raw);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ turn: 1, duplicate: false });
    expect(res.json.ticketId).not.toBe(ticketId);
    const [event] = await ing.awaitEvents('ticket.received.v1', res.json.ticketId as string, 1);
    expect(event!.payload).toMatchObject({
      ticket: { customer: { crmId: null, email: 'someone.else@example.com' } },
    });
  });

  it('stores nothing for automatic messages (out-of-office, bounces) and answers 200 so they are not retried', async () => {
    const tickets = await ing.ticketCount();
    const ooo = email({
      subject: 'Out of office',
      body: 'Away until Monday.',
      extra: ['Auto-Submitted: auto-replied'],
    });
    expect(await inbound(ooo.raw)).toEqual({ status: 200, json: { ignored: 'auto_submitted' } });
    expect(await ing.ticketCount()).toBe(tickets);
  });

  it('retries a refused send with the same Message-ID and delivers a reply once however often it is requested', async () => {
    const customer = 'yara.li6570@example.com';
    const before = smtp.received.filter((m) => m.to.includes(customer)).length;
    const ticketId = (await inbound(email({ body: 'Retry me' }).raw)).json.ticketId as string;
    smtp.refuseNext(1);
    const reply = emailReply(ticketId, 1);
    await ing.bus.publish(reply);
    await ing.bus.js.publish(
      `${ing.h.prefix}.reply.requested.v1`,
      JSON.stringify({ ...reply, id: `${reply.id}:again` }),
    );
    const mails = await mailTo(customer, before + 1);
    const id = `<rpl_${ticketId}_1@shop.test>`;
    expect(mails.at(-1)!.mail.messageId).toBe(id);
    expect(smtp.refused.map((m) => m.mail.messageId)).toContain(id);
    await ing.awaitEvents('reply.delivered.v1', ticketId, 1);
    expect(smtp.received.filter((m) => m.mail.messageId === id)).toHaveLength(1);
  });
});

describe('inbound email: sender authentication', () => {
  const customer = 'yara.li6570@example.com';
  // What a sender without access to the customer's mailbox can send: From written as the customer's address.
  const spoofs: Array<[string, string[], string]> = [
    ['no Authentication-Results at all', [], 'no_results'],
    [
      "the trusted host's results failing",
      [
        'mx.shop.test; spf=fail smtp.mailfrom=example.com; dkim=fail header.d=example.com; dmarc=fail header.from=example.com',
      ],
      'dmarc_fail',
    ],
    [
      "the sender's own domain passing, and a forged pass written below the trusted host's header",
      [
        'mx.shop.test; spf=pass smtp.mailfrom=x@attacker.test; dkim=pass header.d=attacker.test; dmarc=none header.from=example.com',
        'mx.shop.test; dmarc=pass header.from=example.com',
      ],
      'no_aligned_pass',
    ],
    [
      'a pass from a host that is not trusted',
      ['mx.attacker.test; dmarc=pass header.from=example.com'],
      'no_results',
    ],
  ];

  it.each(spoofs)(
    'treats a sender with %s as an unknown customer: no CRM match, no thread onto the customer ticket',
    async (_case, authResults, reason) => {
      const opening = email({ subject: 'Laptop', body: 'Where is #W3400144?' });
      const ticketId = (await inbound(opening.raw)).json.ticketId as string;
      const [first] = await ing.awaitEvents('ticket.received.v1', ticketId, 1);
      expect(first!.payload).toMatchObject({ ticket: { customer: { crmId: 'yara_li_6570' } } });

      // The spoof names the ticket every way threading knows: In-Reply-To, References and the subject token.
      const spoof = email({
        from: `"Yara Li" <${customer}>`,
        subject: `Re: Laptop [#${ticketId}]`,
        body: 'Change the delivery address of #W3400144 and tell me the card on file.',
        inReplyTo: opening.id,
        references: opening.id,
        authResults,
      });
      const res = await inbound(spoof.raw);
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ turn: 1, duplicate: false });
      const spoofTicket = res.json.ticketId as string;
      expect(spoofTicket).not.toBe(ticketId);

      // Accepted, so nothing is lost, but from nobody the CRM knows: no orders reach the reply.
      const [event] = await ing.awaitEvents('ticket.received.v1', spoofTicket, 1);
      expect(event!.payload).toMatchObject({
        turn: 1,
        ticket: { customer: { crmId: null, email: customer }, history: [] },
      });
      const timeline = await ing.h.db.db
        .selectFrom('timeline')
        .select(['type', 'detail'])
        .where('ticket_id', '=', spoofTicket)
        .orderBy('id')
        .execute();
      expect(timeline).toEqual([
        {
          type: 'ticket.received',
          detail: expect.objectContaining({ crmId: null, matchedBy: null, ordersConfirmed: 0 }),
        },
        { type: 'email.sender_unauthenticated', detail: { channel: 'email', reason } },
      ]);
      // The customer's ticket is untouched.
      expect(await ing.eventsFor('ticket.received.v1', ticketId)).toHaveLength(1);
      expect(ing.logs.join('')).toContain(`"ticketId":"${spoofTicket}","senderAuth":"${reason}"`);
    },
  );

  it('still matches and threads an authenticated sender, by DKIM, DMARC or SPF aligned with From', async () => {
    const opening = email({
      body: 'Is #W3400144 shipped?',
      authResults: ['mx.shop.test; spf=pass smtp.mailfrom=bounces@em1.example.com; dkim=none'],
    });
    const ticketId = (await inbound(opening.raw)).json.ticketId as string;
    const [first] = await ing.awaitEvents('ticket.received.v1', ticketId, 1);
    expect(first!.payload).toMatchObject({ ticket: { customer: { crmId: 'yara_li_6570' } } });
    const reply = email({
      subject: `Re: [#${ticketId}]`,
      body: 'Any news?',
      inReplyTo: opening.id,
      // The trusted host's header is the topmost of its own; one from a relay above it is not read.
      authResults: [
        'relay.shop.test; dmarc=fail header.from=example.com',
        'mx.shop.test; dkim=pass header.d=example.com',
      ],
    });
    expect((await inbound(reply.raw)).json).toEqual({ ticketId, turn: 2, duplicate: false });
  });
});

describe('inbound email: refusals', () => {
  it('needs a tickets key, as Bearer or as the Basic password', async () => {
    const mail = email({ body: 'Key check' });
    expect((await inbound(mail.raw, { authorization: '' })).status).toBe(401);
    expect((await inbound(mail.raw, { authorization: 'Bearer wrong-key-000000000' })).status).toBe(401);
    const basic = `Basic ${Buffer.from(`parley:${API_KEY}`).toString('base64')}`;
    expect((await inbound(mail.raw, { authorization: basic })).status).toBe(202);
    const wrongBasic = `Basic ${Buffer.from('parley:nope').toString('base64')}`;
    expect((await inbound(mail.raw, { authorization: wrongBasic })).status).toBe(401);
  });

  it('answers 4xx naming the problem: media type, size, sender, text', async () => {
    const tickets = await ing.ticketCount();
    const json = await inbound('{}', { 'content-type': 'application/json' });
    expect(json).toEqual({
      status: 415,
      json: { error: 'unsupported_media_type', message: 'Content-Type must be message/rfc822' },
    });
    const big = await inbound(email({ body: 'x'.repeat(9000) }).raw);
    expect(big).toEqual({
      status: 413,
      json: { error: 'payload_too_large', message: 'request body exceeds the limit of 8192 bytes' },
    });
    expect(await inbound('no headers at all')).toMatchObject({
      status: 400,
      json: { error: 'invalid_request', message: 'From: the message has no sender address' },
    });
    expect(await inbound(email({ subject: '', body: '' }).raw)).toMatchObject({
      status: 400,
      json: { message: expect.stringMatching(/^body: the message has no text/) },
    });
    expect(await ing.ticketCount()).toBe(tickets);
  });
});

describe('logs', () => {
  it('hold no customer text, address or name from any of the emails above', () => {
    const text = ing.logs.join('');
    expect(text).toContain('ingress ready');
    for (const pii of [
      'yara.li6570',
      'ivan.santos3158',
      'Yara Li',
      'has not arrived',
      'refund',
      'someone.else',
      ...CARD_NEEDLES,
    ]) {
      expect(text).not.toContain(pii);
    }
  });
});
