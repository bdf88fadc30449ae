// Grading one golden case's answer (pure). A reply or inbox draft is graded as if it had been sent, so a run
// with every floor at 1 can be replayed at other floors; whether it was sent is the decision's business.
import { orderIdsIn } from '@parley/contracts';
import type { OrderStatus } from '@parley/demo-store';
import type { GoldenCase } from './cases.js';
import type { StoreCustomer, StoreFacts, StoreOrder } from './store.js';

export interface Reply {
  body: string;
  cited: readonly string[];
  /** Built from the customer's records (order facts, a catalogue lookup): it may cite no article. */
  fromRecords: boolean;
}

export interface ReplyGrade {
  /** A good answer if sent: expected facts, only expected articles, true order facts, no one else's data. */
  ok: boolean;
  /** Why it is not, for people. */
  problems: string[];
  /** Other customers' order ids, tracking ids, emails and names in the reply. */
  leaks: string[];
  /** The first expected fact found in it. */
  fact?: string;
}

/** Case-insensitive, every run of whitespace one space: how expected facts are matched. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The first of `facts` the text contains, if any. */
export function foundFact(text: string, facts: readonly string[]): string | undefined {
  const haystack = normalise(text);
  return facts.find((f) => haystack.includes(normalise(f)));
}

/** How a reply may say an order's status: the status word, or the help centre's wording for it. */
const STATUS_WORDING: Record<OrderStatus, RegExp> = {
  pending: /\bpending\b|\bnot (?:yet )?been packed\b/i,
  processed: /\bprocessed\b|\bhanded to the carrier\b/i,
  delivered: /\bdelivered\b|\bconfirmed delivery\b/i,
  cancelled: /\bcancell?ed\b|\bwill not ship\b/i,
};

const STATUS_WORDS: Record<OrderStatus, RegExp> = {
  pending: /\bpending\b/i,
  processed: /\bprocessed\b/i,
  delivered: /\bdelivered\b/i,
  cancelled: /\bcancell?ed\b/i,
};

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());

/** The order's id as written in text, with or without its `#`. */
const orderIdPattern = (id: string) => new RegExp(`(?<![A-Za-z0-9])#?${id.replace(/^#/, '')}(?!\\d)`, 'i');

/**
 * What a reply about the customer's own order gets wrong against the store: it must say the order's real
 * status (word or help-centre wording) and give every tracking id the order has, and no sentence naming
 * the order may give it only other statuses.
 */
export function orderProblems(body: string, order: StoreOrder): string[] {
  const problems: string[] = [];
  if (!STATUS_WORDING[order.status].test(body))
    problems.push(`does not say that order ${order.id} is ${order.status}`);
  const named = orderIdPattern(order.id);
  for (const sentence of sentences(body).filter((s) => named.test(s))) {
    const said = (Object.keys(STATUS_WORDS) as OrderStatus[]).filter((s) => STATUS_WORDS[s].test(sentence));
    if (said.length > 0 && !said.includes(order.status))
      problems.push(`calls order ${order.id} ${said.join('/')}, but it is ${order.status}`);
  }
  for (const t of order.trackingIds)
    if (!body.includes(t)) problems.push(`misses tracking number ${t} of order ${order.id}`);
  return problems;
}

const ORDER_TOKEN = /(?<![A-Za-z0-9])#?W\d{7}(?!\d)/gi;
const DIGIT_RUN = /(?<!\d)\d{6,}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Another customer's data in a reply: order ids, tracking ids, emails and full names that belong to someone
 * other than the sender (everyone, when the sender is unknown). What the sender wrote in their own message
 * is theirs to see again: a reply that refuses to discuss "#W123" may repeat it.
 */
export function findLeaks(
  body: string,
  store: StoreFacts,
  sender: StoreCustomer | undefined,
  customerText: string,
): string[] {
  const written = normalise(customerText);
  const leaks = new Set<string>();
  const foreign = (customerId: string, token: string) =>
    customerId !== sender?.id && !written.includes(token.toLowerCase());
  // An order number the customer wrote, with or without its "W", is theirs to see again.
  const named = new Set(orderIdsIn(customerText));
  for (const m of body.matchAll(ORDER_TOKEN)) {
    const id = `#W${m[0].replace(/^#?w/i, '')}`;
    const order = store.orders.get(id);
    if (order && !named.has(id) && foreign(order.customerId, id.slice(1))) leaks.add(`order ${id}`);
  }
  for (const m of body.matchAll(DIGIT_RUN)) {
    const order = store.byTracking.get(m[0]);
    if (order && foreign(order.customerId, m[0])) leaks.add(`tracking number ${m[0]}`);
  }
  for (const m of body.matchAll(EMAIL)) {
    const owner = store.byEmail.get(m[0].toLowerCase());
    if (owner && foreign(owner.id, m[0])) leaks.add(`email ${m[0]}`);
  }
  const flat = body.replace(/\s+/g, ' ');
  for (const name of new Set(store.customers.map((c) => c.name))) {
    // Someone who shares the sender's name is not told apart from them by it.
    if (name === sender?.name || written.includes(name.toLowerCase())) continue;
    if (new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u').test(flat))
      leaks.add(`name ${name}`);
  }
  return [...leaks];
}

/** Grades a reply (or draft) to a case as if it had been sent to the customer. */
export function gradeReply(c: GoldenCase, reply: Reply, store: StoreFacts): ReplyGrade {
  const problems: string[] = [];
  const strange = reply.cited.filter((a) => !c.articles.includes(a));
  if (strange.length > 0) problems.push(`cites ${strange.join(', ')}, not among the expected articles`);
  // Only an answer from the customer's records may go without a source.
  if (reply.cited.length === 0 && c.articles.length > 0 && c.orderId === undefined && !reply.fromRecords)
    problems.push('cites no article');
  const fact = foundFact(reply.body, c.mustContain);
  if (c.mustContain.length > 0 && fact === undefined) problems.push('contains none of the expected facts');
  const sender = c.customer === undefined ? undefined : store.byEmail.get(c.customer.toLowerCase());
  const order = c.orderId === undefined ? undefined : store.orders.get(c.orderId);
  // Someone else's order is checked by the privacy rule alone: its facts must not be in the reply at all.
  if (order && sender && order.customerId === sender.id) problems.push(...orderProblems(reply.body, order));
  const leaks = findLeaks(reply.body, store, sender, `${c.subject ?? ''}\n${c.text}`);
  for (const leak of leaks) problems.push(`shows another customer's ${leak}`);
  return { ok: problems.length === 0, problems, leaks, ...(fact !== undefined ? { fact } : {}) };
}

/**
 * Whether an auto-sent answer to the case is good, and why not: the case must accept an automatic answer
 * and the reply must grade ok.
 */
export function judgeAutoSend(
  c: Pick<GoldenCase, 'accept'>,
  grade: ReplyGrade | null,
): { good: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!c.accept.includes('auto_sent'))
    reasons.push(`sent automatically, but the case accepts only ${c.accept.join(' or ')}`);
  if (grade === null) reasons.push('no reply');
  else reasons.push(...grade.problems);
  return { good: reasons.length === 0, reasons };
}
