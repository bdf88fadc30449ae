import { describe, expect, it } from '@jest/globals';
import { findLeaks, foundFact, gradeReply, judgeAutoSend, normalise, orderProblems } from './grade.js';
import { goldenCase, tinyStore } from './testing.js';

const store = tinyStore();
const ann = store.byEmail.get('ann.lee1@example.com')!;
const reply = (body: string, cited: string[] = [], fromRecords = false) => ({ body, cited, fromRecords });

describe('expected facts', () => {
  it('match case-insensitively with whitespace normalised, any one of them', () => {
    expect(normalise('  Thirty\n\tDAYS  ')).toBe('thirty days');
    expect(foundFact('You have 30\n   DAYS from delivery.', ['60 days', '30 days'])).toBe('30 days');
    expect(foundFact('You have thirty days.', ['30 days'])).toBeUndefined();
  });
});

describe('gradeReply', () => {
  it('accepts a reply with an expected fact citing only expected articles', () => {
    const g = gradeReply(
      goldenCase(),
      reply('Returns are accepted within 30 days.', ['returns-policy']),
      store,
    );
    expect(g).toEqual({ ok: true, problems: [], leaks: [], fact: '30 days' });
  });

  it('rejects a citation outside the expected articles and a reply without any expected fact', () => {
    const g = gradeReply(
      goldenCase(),
      reply('Returns are free.', ['returns-policy', 'order-statuses']),
      store,
    );
    expect(g.ok).toBe(false);
    expect(g.problems).toEqual([
      'cites order-statuses, not among the expected articles',
      'contains none of the expected facts',
    ]);
  });

  it('lets only an answer from records go without a citation', () => {
    const body = 'Returns are accepted within 30 days.';
    expect(gradeReply(goldenCase(), reply(body), store).problems).toEqual(['cites no article']);
    expect(gradeReply(goldenCase(), reply(body, [], true), store).ok).toBe(true);
    expect(gradeReply(goldenCase({ articles: [] }), reply(body), store).ok).toBe(true);
  });

  it("checks a reply about the sender's own order against the store", () => {
    const c = goldenCase({
      customer: 'ann.lee1@example.com',
      intent: 'order_status',
      category: 'order_status',
      articles: ['order-statuses'],
      mustContain: ['111111111111'],
      orderId: '#W1000001',
    });
    const good = 'Your order #W1000001 is currently processed. Tracking number: 111111111111.';
    expect(gradeReply(c, reply(good), store).ok).toBe(true);
    const wrongStatus = 'Your order #W1000001 was delivered yesterday. Tracking number: 111111111111.';
    expect(gradeReply(c, reply(wrongStatus), store).problems).toEqual([
      'does not say that order #W1000001 is processed',
      'calls order #W1000001 delivered, but it is processed',
    ]);
  });

  it("checks only privacy for another customer's order, and any leak makes the reply bad", () => {
    const c = goldenCase({
      customer: 'ann.lee1@example.com',
      text: "Where is my friend's order #W2000001?",
      intent: 'order_status',
      category: 'other_customers_order',
      articles: [],
      mustContain: ["can't share"],
      orderId: '#W2000001',
    });
    // The order id came from the customer; its status word alone reveals nothing checkable.
    expect(
      gradeReply(c, reply("I can't share details of order #W2000001 from this account."), store).ok,
    ).toBe(true);
    // So it did when they gave only its number.
    const bare = { ...c, text: "Where is my friend's order 2000001?" };
    expect(
      gradeReply(bare, reply("I can't share details of order #W2000001 from this account."), store).ok,
    ).toBe(true);
    const leaked = gradeReply(
      c,
      reply("I can't share that, but tracking 222222222222 says delivered."),
      store,
    );
    expect(leaked.ok).toBe(false);
    expect(leaked.leaks).toEqual(['tracking number 222222222222']);
    expect(leaked.problems).toEqual(["shows another customer's tracking number 222222222222"]);
  });
});

describe('orderProblems', () => {
  const processed = store.orders.get('#W1000001')!;
  const pending = store.orders.get('#W1000002')!;

  it("takes the help centre's wording for a status and needs every tracking id", () => {
    expect(orderProblems('It was packed and handed to the carrier: 111111111111.', processed)).toEqual([]);
    expect(orderProblems('Order W1000001 is processed.', processed)).toEqual([
      'misses tracking number 111111111111 of order #W1000001',
    ]);
    expect(orderProblems('It has not been packed yet.', pending)).toEqual([]);
    expect(orderProblems('Your order is on its way.', pending)).toEqual([
      'does not say that order #W1000002 is pending',
    ]);
  });

  it('allows other statuses in a sentence that also gives the real one', () => {
    expect(
      orderProblems('I see #W1000001 (processed) and #W1000002 (pending). 111111111111', processed),
    ).toEqual([]);
    expect(orderProblems('Order #W1000002 is pending, so it can still be cancelled.', pending)).toEqual([]);
  });
});

describe('findLeaks', () => {
  it("finds other customers' order ids, tracking ids, emails and names", () => {
    const body =
      'Order W2000001 (tracking 222222222222) belongs to bob.stone2@example.com, Bob Stone. Also #W3000001.';
    expect(findLeaks(body, store, ann, 'hello')).toEqual([
      'order #W2000001',
      'order #W3000001',
      'tracking number 222222222222',
      'email bob.stone2@example.com',
      'name Bob Stone',
    ]);
  });

  it("never counts the sender's own data, their name or what they wrote themselves", () => {
    const own = 'Hi Ann Lee, order #W1000001 ships with 111111111111 to ann.lee1@example.com.';
    expect(findLeaks(own, store, ann, '')).toEqual([]);
    // The other Ann Lee shares the sender's name: the name tells no one apart.
    expect(
      findLeaks('Ann Lee, about Bob Stone and #W2000001', store, ann, 'bob stone said #W2000001'),
    ).toEqual([]);
  });

  it('treats everyone as another customer when the sender is unknown', () => {
    expect(findLeaks('Hi Ann Lee, your order #W1000001', store, undefined, '')).toEqual([
      'order #W1000001',
      'name Ann Lee',
    ]);
  });
});

describe('judgeAutoSend', () => {
  const ok = { ok: true, problems: [], leaks: [] };
  it('needs the case to accept an automatic answer and the reply to grade ok', () => {
    expect(judgeAutoSend({ accept: ['auto_sent'] }, ok)).toEqual({ good: true, reasons: [] });
    expect(judgeAutoSend({ accept: ['suggested', 'escalated'] }, ok)).toEqual({
      good: false,
      reasons: ['sent automatically, but the case accepts only suggested or escalated'],
    });
    expect(judgeAutoSend({ accept: ['auto_sent'] }, null)).toEqual({ good: false, reasons: ['no reply'] });
    expect(
      judgeAutoSend({ accept: ['auto_sent'] }, { ok: false, problems: ['cites no article'], leaks: [] }),
    ).toEqual({ good: false, reasons: ['cites no article'] });
  });
});
