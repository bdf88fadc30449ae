import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { waitFor } from '@parley/bus/testing';
import type { EnvelopeBase } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { API_KEY } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

// A customer's identity and orders stay theirs: nothing a sender writes, and no identifier that disagrees
// with the others, attaches a ticket to someone else. And no personal data reaches the timeline or logs.
const A = { id: 'yara_li_6570', email: 'yara.li6570@example.com', phone: '+1 (555) 010-2000' };
const B = { id: 'ivan_santos_6635', email: 'ivan.santos3158@example.com', order: '#W8770097' };
const C = { id: 'mei_tanaka_4120', email: 'mei.tanaka4120@example.com', phone: '+44 20 7946 0958' };

let ing: IngressHarness;
let h: BusHarness;
let bus: Bus;
let svc: RunningService;
const logLines: string[] = [];

beforeAll(async () => {
  const logs = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  // Everything the service would ever log, to check none of it is personal.
  ing = await startIngress('ingress-privacy', { LOG_LEVEL: 'trace' }, { logDestination: logs });
  ({ h, bus, svc } = ing);
  await h.db.db
    .insertInto('customers')
    .values({
      id: C.id,
      first_name: 'Mei',
      last_name: 'Tanaka',
      email: C.email,
      phone: C.phone,
      address: JSON.stringify({}),
      payment_methods: JSON.stringify([]),
    })
    .execute();
});
afterAll(async () => {
  await ing?.close();
});

async function post(ticket: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${svc.url}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(ticket),
  });
  const json = (await res.json()) as { ticketId: string };
  expect(res.status).toBe(202);
  return json.ticketId;
}

interface Received {
  ticket: { customer: Record<string, unknown>; body: string; subject?: string };
}

async function received(ticketId: string): Promise<Received> {
  const jsm = await bus.jsm();
  const found = await waitFor(`ticket.received for ${ticketId}`, async () => {
    const info = await jsm.streams.info(bus.topo.eventsStream);
    for (let seq = info.state.last_seq; seq >= info.state.first_seq; seq--) {
      const msg = await jsm.streams.getMessage(bus.topo.eventsStream, { seq }).catch(() => null);
      const event = msg?.json<EnvelopeBase>();
      if (event?.ticketId === ticketId && event.type === 'ticket.received') return event.payload as Received;
    }
    return null;
  });
  return found!;
}

async function stored(ticketId: string) {
  const ticket = await h.db.db
    .selectFrom('tickets')
    .select(['customer_crm_id'])
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const timeline = await h.db.db
    .selectFrom('timeline')
    .select(['type', 'detail'])
    .where('ticket_id', '=', ticketId)
    .execute();
  return {
    crmId: ticket.customer_crm_id,
    detail: timeline.find((t) => t.type === 'ticket.received')?.detail,
  };
}

/** The match everywhere it is recorded: the ticket row, the published event and the timeline. */
async function expectMatch(ticketId: string, crmId: string | null, detail: Record<string, unknown> = {}) {
  const row = await stored(ticketId);
  expect(row.crmId).toBe(crmId);
  expect(row.detail).toMatchObject({ crmId, ...detail });
  expect((await received(ticketId)).ticket.customer.crmId).toBe(crmId);
}

describe("another customer's data", () => {
  it('(a) an order id of another customer in the text does not move the ticket to them', async () => {
    const ticketId = await post({
      customer: { email: A.email },
      body: `Please send me everything about order ${B.order}, including the address.`,
    });
    await expectMatch(ticketId, A.id, { matchedBy: 'email', ordersConfirmed: 0, ordersUnowned: 1 });
    const anonymous = await post({ customer: {}, subject: `Order ${B.order}`, body: 'Where is it?' });
    await expectMatch(anonymous, null, { matchedBy: null, ordersUnowned: 1 });
  });

  it("(b) another customer's email in the body while posting as A stays A's ticket", async () => {
    const ticketId = await post({
      customer: { email: A.email },
      body: `I am really ${B.email}; show me my orders and my saved cards.`,
    });
    await expectMatch(ticketId, A.id, { matchedBy: 'email' });
    // The event carries what the caller said about the sender and the match, nothing of B's record.
    expect((await received(ticketId)).ticket.customer).toEqual({ crmId: A.id, email: A.email });
    const anonymous = await post({ customer: { name: 'Ivan' }, body: `My email is ${B.email}` });
    await expectMatch(anonymous, null, { matchedBy: null });
  });

  it("(c) another customer's phone in the body never identifies anyone", async () => {
    const ticketId = await post({ customer: { phone: A.phone }, body: `Call me on ${C.phone} instead` });
    await expectMatch(ticketId, A.id, { matchedBy: 'phone' });
    const anonymous = await post({ customer: {}, body: `This is Mei, ${C.phone}, what did I order?` });
    await expectMatch(anonymous, null, { matchedBy: null });
  });

  it("(d) a customer id paired with someone else's email or phone leaves the sender unmatched, and says why", async () => {
    const byEmail = await post({ customer: { id: B.id, email: A.email }, body: 'My orders please' });
    await expectMatch(byEmail, null, { matchedBy: null, matchRefused: 'id_contact_mismatch' });
    const byPhone = await post({ customer: { id: A.id, phone: C.phone }, body: 'My orders please' });
    await expectMatch(byPhone, null, { matchedBy: null, matchRefused: 'id_contact_mismatch' });
    const conflict = await post({ customer: { email: B.email, phone: C.phone }, body: 'My orders please' });
    await expectMatch(conflict, null, { matchedBy: null, matchRefused: 'contact_conflict' });
    // The rule's other side: an id alone, or with the customer's own details, is the integration's word.
    const trusted = await post({ customer: { id: B.id }, body: 'My orders please' });
    await expectMatch(trusted, B.id, { matchedBy: 'id' });
    const own = await post({
      customer: { id: C.id, email: 'MEI.Tanaka4120@example.com', phone: '20 7946 0958' },
      body: 'hi',
    });
    await expectMatch(own, C.id, { matchedBy: 'id' });
  });
});

describe('personal data in the timeline and the logs', () => {
  const PII = [
    'jane.doe+orders@mail.eu.example.co.uk',
    '+44 7700 900123',
    '(415) 555-0199',
    '4111 1111 1111 1111',
    '5555-5555-5555-4444',
    '1600 Pennsylvania Avenue NW',
    '221B Baker Street',
    'SW1A 1AA',
    'Jane Doe',
  ];

  it('keeps emails, phones, cards, addresses and names out of the timeline details and every log line', async () => {
    const ids = [
      await post({
        channel: 'email',
        customer: { email: PII[0], name: PII[8], phone: PII[1] },
        subject: `Card ${PII[3]} charged twice`,
        body: `Send it to ${PII[5]} or ${PII[6]}, London ${PII[7]}. Call ${PII[2]}. Card ${PII[4]}.`,
      }),
      await post({
        channel: 'sms',
        customer: { phone: PII[2], id: 'not-a-crm-id' },
        body: `${PII[8]} here, mail ${PII[0]}`,
      }),
    ];
    const follow = await fetch(`${svc.url}/v1/tickets/${ids[1]}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `Also my card ${PII[3]} and address ${PII[6]}` }),
    });
    expect(follow.status).toBe(202);
    // Wait for both turns to be published, so everything the service logs about them has been logged.
    await waitFor('three ticket.received', async () => (await h.count('ticket.received.v1')) >= 3);

    const timeline = await h.db.db
      .selectFrom('timeline')
      .select(['ticket_id', 'detail'])
      .where('ticket_id', 'in', ids)
      .execute();
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    const details = JSON.stringify(timeline.map((t) => t.detail));
    const view = await fetch(`${svc.url}/v1/tickets/${ids[0]}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const shown = JSON.stringify(((await view.json()) as { timeline: unknown }).timeline);
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const token of PII) {
      expect({
        token,
        inTimeline: details.includes(token),
        inView: shown.includes(token),
        inLogs: logs.includes(token),
      }).toEqual({
        token,
        inTimeline: false,
        inView: false,
        inLogs: false,
      });
    }
    // Card digits are masked before storage, in any grouping.
    const messages = await h.db.db
      .selectFrom('messages')
      .select('body')
      .where('ticket_id', 'in', ids)
      .execute();
    expect(JSON.stringify(messages)).not.toMatch(/4111|5555.?5555/);
  });
});
