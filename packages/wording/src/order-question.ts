import { orderIdsIn } from '@parley/contracts';
import { plainApostrophes } from './apostrophes.js';
import { withPlaceholders, withoutCourtesy, PLACEHOLDERS } from './normalise.js';
import { asksOrderDetail, SLOT } from './order-detail.js';
import { asksOnlyProgress } from './progress-only.js';
import { voicesDispleasureIndirectly } from './sarcasm.js';

/** Something the customer asks to be done with an order, or a refund: a status alone does not answer it. */
export type OrderRequest =
  'cancel' | 'return' | 'exchange' | 'change' | 'refund' | 'reinstate' | 'human' | 'payment' | 'price';

export interface OrderQuestion {
  /** It asks where an order is, its status, tracking or delivery ("any news on #W…", "has it shipped"). */
  asksStatus: boolean;
  /**
   * It is about an order: names one, or says "my order", "my package", "I ordered...", or a thing of one
   * (`aboutItem`).
   */
  aboutOrder: boolean;
  /**
   * It speaks of an order only by a thing in it, asked after ("has my fleece jacket shipped?", "any news on the
   * makeup kit?", "where's the bookshelf I ordered?"): an order of the sender's only if their records hold that
   * thing (`orderNamedByItems`), and no other of their orders is meant.
   */
  aboutItem: boolean;
  /** Order ids it names ("#W1234567"). */
  orderIds: string[];
  /** What else it asks for; null when nothing. */
  request: OrderRequest | null;
  /** It reports a problem (damaged, wrong or missing items, a parcel that never came). */
  problem: boolean;
  /**
   * The only problem it reports is that the order has not come ("I haven't received anything", "it never
   * arrived"): whether that is a problem depends on the order's status, which only its records say.
   */
  notReceivedOnly: boolean;
  /** It speaks of someone else's order ("my wife's order", "on behalf of my father") or another shop's. */
  someoneElse: boolean;
  /**
   * It says or suggests that the parcel, or part of it, is not with the customer ("nothing on the porch", "I
   * only got the kettle", "where did the driver leave it?", "was it actually delivered?"). Asked of an order on
   * its way the status answers it; of a delivered one it is a missing parcel, which "delivered" does not answer.
   */
  doubtsDelivery: boolean;
  /**
   * It says a cancellation was already made or asked for ("did my cancellation go through?", "I hit cancel but
   * the app froze", "I have cancel the order"): the cancelled state is asked about, not a cancellation; its
   * status answers it only if the records say cancelled.
   */
  cancellationDone: boolean;
  /**
   * A sentence of its own asks something other than the status, ending with a question mark ("has #W… shipped?
   * and is the speaker in it the black one?", "where is my order? do you sell gift cards?"): the status answers
   * only part of the message.
   */
  otherQuestion: boolean;
  /**
   * It asks about a detail of the order that its status does not give: which size, colour or model was chosen,
   * what it cost or was paid with, where it goes, a receipt ("what's going on with the grill in #W…, is it the
   * electric one?", `asksOrderDetail`).
   */
  asksDetail: boolean;
}

/**
 * Reads what a message asks about an order, in the customer's words: whether it asks for the order's status,
 * and whether it also asks for something a status cannot answer. Deterministic word patterns, tolerant of
 * case, common typos, greetings and sign-offs; shared by the router (which routes such questions to
 * order_status), the resolver and the gate (which may answer them from the sender's own order records).
 */
export function readOrderQuestion(text: string): OrderQuestion {
  const canonical = canonicalText(text);
  const s = withCancelledState(canonical);
  const orderIds = orderIdsIn(text);
  const has = (patterns: readonly RegExp[], within = s) => patterns.some((p) => p.test(within));
  // "When would it arrive if I order today?" is about orders in general, not one that exists.
  const hypothetical = has(HYPOTHETICAL);
  const aboutOrder = orderIds.length > 0 || (has(ABOUT_ORDER) && !hypothetical);
  const aboutItem = !aboutOrder && !hypothetical && has(ABOUT_ITEM);
  // What broke before the order was placed is why it was placed, not a problem with it; what the store said
  // before, recalled to ask what has happened since, is no dispute of it.
  const ordered = withoutRecalled(s.replace(OLD_THING_BROKE, ' '));
  return {
    // The patterns read the usual wordings; a message of nothing but progress words, the rest.
    asksStatus: has(STATUS) || asksOnlyProgress(canonicalText(withoutCourtesy(text))),
    aboutOrder: aboutOrder || aboutItem,
    aboutItem,
    orderIds,
    request: firstRequest(s),
    problem: has(PROBLEM, ordered) || has(NOT_RECEIVED),
    notReceivedOnly: has(NOT_RECEIVED) && !has(PROBLEM, ordered),
    someoneElse: has(SOMEONE_ELSE),
    doubtsDelivery: has(NOT_ALL_THERE, s.replace(NOT_A_DOUBT, ' ')),
    cancellationDone: CANCEL_DONE_ONCE.test(withoutDoubtedCancel(canonical)),
    otherQuestion: asksBesidesStatus(text),
    asksDetail: asksOrderDetail(s),
  };
}

/** Words a question of its own takes at least ("is it the black one?"); fewer ("really?", "why??") ask nothing new. */
const QUESTION_WORDS = 3;

/** A sentence that opens as a question, after a joining word: "and is the speaker...", "also, what are...". */
const QUESTION_OPENING =
  /^ (?:(?:and|also|plus|so|oh|btw|but|ps) )*(?:is|are|was|were|do|does|did|can|could|will|would|should|what|whats|which|who|how|why|when|where|have|has) /;

/** The sentences of a text that end with a question mark, as written. */
export function questionMarked(text: string): string[] {
  return plainApostrophes(text).match(/[^.!?\n]+\?/g) ?? [];
}

/** Canonical words that open as a question and are long enough to ask something of their own. */
export function opensAsQuestion(words: string): boolean {
  return words.trim().split(' ').length >= QUESTION_WORDS && QUESTION_OPENING.test(words);
}

/**
 * A sentence that opens as a question and ends with a question mark, and asks neither the status nor of an order
 * that has not come ("and is the speaker in it the black one?"). "so i ordered 2 lamps and??" asks nothing new.
 */
function asksBesidesStatus(text: string): boolean {
  return questionSentences(text).some(
    (words) =>
      !STATUS.some((p) => p.test(words)) &&
      !asksOnlyProgress(words) &&
      !NOT_RECEIVED.some((p) => p.test(words)) &&
      !STATUS_WORD.test(words) &&
      !WHO_IS_RIGHT.test(words) &&
      !CHECK_IT.test(words),
  );
}

/**
 * "Could you check?", "can you have a look for me please?" after what is to be checked ("I can't remember if I
 * cancelled #W… or not"): a question asking us only to look, which the status answers like the rest.
 */
const CHECK_IT =
  /^ (?:so |and |but )?(?:can|could|would|will) (?:you|u|someone|somebody) (?:please |pls |kindly )?(?:check|look|have a look|take a look|confirm|verify)(?: (?:it|that|this|on it|into it|for me|please|pls))* $/;

/**
 * "Who is right?", "am I right?", "which is it?" after two readings of the order's state ("my husband says it
 * hasn't shipped, I think it has"), "is that still the case?" or "has that happened?" after a state recalled
 * ("earlier your chat said #W… was pending"): the status settles it, nothing more is asked.
 */
const WHO_IS_RIGHT =
  /^ (?:so |and |but )?(?:(?:who is|whos|who s|which is it|which one is it|am i|are we|is (?:he|she|it|that)) ?(?:right|correct)?|(?:is|was) (?:that|it|this) (?:still )?(?:the case|true|so)|(?:has|did) (?:that|it|this) (?:happened|happen)(?: yet)?) $/;

/** The sentences that open as a question and end with a question mark, each in canonical words. */
function questionSentences(text: string): string[] {
  return questionMarked(text)
    .map((q) => withCancelledState(canonicalText(q)))
    .filter(opensAsQuestion);
}

/**
 * How many sentences ask a question (open as one and end with a question mark): "Has #W… been sorted yet?" one,
 * "Has #W… been sorted yet? And do you sell gift cards?" two.
 */
export function questionsAsked(text: string): number {
  return questionSentences(text).length;
}

/** A status or its stage named ("what does processed mean?", "is it on a truck?"): still about the status. */
const STATUS_WORD =
  / (?:pending|processed|processing|shipped|dispatched|delivered|cancelled|canceled|in transit|on (?:a|the) truck|tracking|tracked|carrier|courier) /;

/** Canonical words with a cancellation already made, or the state asked in few words, read as "cancelled". */
function withCancelledState(canonical: string): string {
  return withoutDoubtedCancel(canonical)
    .replace(CANCEL_DONE, ' cancelled ')
    .replace(CANCEL_STATE, ' $1 cancelled ');
}

/** The message says a cancellation was already made or asked for (`OrderQuestion.cancellationDone`). */
export function saysCancellationDone(text: string): boolean {
  return CANCEL_DONE_ONCE.test(withoutDoubtedCancel(canonicalText(text)));
}

/**
 * "I can't remember if I cancelled #W…", "not sure whether I went through with cancelling it": whether the order
 * was cancelled is what is asked, which its status answers whatever it is; no cancellation is said to be made.
 * "What happens if I cancel it now?" asks about one to come, and is no such question.
 */
const CANCEL_DOUBTED =
  / (?:if|whether) (?:i|we) (?:already |actually |really |ever )?(?:cancell?ed|did cancel|went through with (?:the |my )?cancell?(?:ing|ation)(?: it| them| the order| my order)?) /g;

function withoutDoubtedCancel(canonical: string): string {
  return canonical.replace(CANCEL_DOUBTED, ' whether cancelled ');
}

/**
 * A cancellation already made or asked for: "my cancellation for #W… went through?", "has the cancellation been
 * processed", "I hit cancel", "I have cancel the order", "I already cancelled".
 */
const CANCEL_DONE =
  / (?:(?:my|the|this|that|your) cancell?ation (?:request )?(?:(?:for|of|on) (?:\S+ ){0,3}?)?(?:go|goes|went|gone|get|got|has|have|was|been|is|processed|accepted|work|worked|through|done)|(?:hit|hitting|pressed|press|clicked|click|tapped|tap|pushed) (?:the )?cancel(?: button)?|i (?:have |had |already |just )+cancel(?:ed|led)?|i cancell?ed|(?:my|the|this|that) cancel (?:on|for|of) (?:\S+ ){0,3}?(?:go|goes|went|gone|get|got) through|(?:i|we) (?:made|did) (?:a |the )?cancel(?:lation)?|(?:went|gone|go) through with (?:the |my )?cancell?(?:ing|ation)(?: it| them| the order| my order)?) /g;

const CANCEL_DONE_ONCE = new RegExp(CANCEL_DONE.source);

/** "is it cancel?", "not sure if it is cancel": the state asked about in few words, not a request to cancel. */
const CANCEL_STATE =
  / (is it|it is|was it|it was|if it|got|orderref is|orderref was|order is|order was) (?:really |already |now |still )?cancel (?!it |the |my |this |that )/g;

/** "My old one broke", "our previous kettle stopped working": the reason for the order. */
const OLD_THING_BROKE =
  / (?:my|our|the) (?:old|previous|last) (?:\S+ ){0,2}?(?:broke|is broken|was broken|died|stopped working|gave out|wore out) /g;

/**
 * A status question whose only complaint is that the order has not come ("What's going on with my order? I
 * haven't received anything"): for an order still pending or on its way its status is the answer, for a
 * delivered one it is a problem. Only the order's records tell which.
 */
export function isStatusOfAwaited(q: OrderQuestion): boolean {
  return (
    q.asksStatus &&
    q.aboutOrder &&
    q.request === null &&
    q.notReceivedOnly &&
    !q.otherQuestion &&
    !q.asksDetail
  );
}

/** The most orders a status question naming none is taken to ask about, all of them, when the sender has several. */
export const EVERY_ORDER_UP_TO = 3;

/** The most of a sender's orders listed for them to say which one a message is about (the first ones). */
export const ORDERS_LISTED_UP_TO = 5;

/**
 * A status question that names no order, from a sender with a few (two to `EVERY_ORDER_UP_TO`): "where's my
 * order?" is answered by the status of each, which answers whichever they meant; with more, they are asked which.
 */
export function asksEveryOrder(q: OrderQuestion, orders: number): boolean {
  return (
    isStatusOnly(q) &&
    !q.someoneElse &&
    !q.aboutItem &&
    q.orderIds.length === 0 &&
    orders >= 2 &&
    orders <= EVERY_ORDER_UP_TO
  );
}

/** A question about an order's status and nothing else: what an answer from the order record fully answers. */
export function isStatusOnly(q: OrderQuestion): boolean {
  return (
    q.asksStatus && q.aboutOrder && q.request === null && !q.problem && !q.otherQuestion && !q.asksDetail
  );
}

/**
 * Lower-case words separated by single spaces, apostrophes dropped ("where's" -> "wheres"), order ids and
 * other references as placeholders, and the common misspellings of the words the patterns look for mended.
 */
export function canonicalText(text: string): string {
  const words = withPlaceholders(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(mend);
  return ` ${words.join(' ')} `;
}

/**
 * The text as written, but each misspelling of a word the patterns rely on mended ("Can you cacel #W…?" ->
 * "Can you cancel #W…?"), lower case where mended, and typographic apostrophes plain ("I’d" -> "I'd");
 * everything else, case and punctuation included, unchanged.
 */
export function mendedWords(text: string): string {
  return plainApostrophes(text).replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    const mended = mend(lower);
    return mended === lower ? word : mended;
  });
}

/** Words the patterns rely on; a misspelling one edit away from one of them is read as the word. */
const VOCABULARY = [
  'order',
  'package',
  'parcel',
  'status',
  'delivered',
  'delivery',
  'deliver',
  'shipped',
  'shipping',
  'shipment',
  'tracking',
  'arrive',
  'arrived',
  'arriving',
  'dispatched',
  'warehouse',
  'update',
  'pending',
  'processed',
  // Before "cancel": "canceld" is the state asked about, one edit from both.
  'canceled',
  'cancel',
  'cancelled',
  'return',
  'refund',
  'exchange',
  'address',
  'change',
  'received',
  'happening',
];
/**
 * Real words one edit away from a VOCABULARY word (the ones among the 40,000 most frequent GloVe words, the
 * vocabulary's inflections included), and rarer ones a slip away from a SHORT_VOCABULARY word: never mended,
 * so "states", "skipped" or "sending" keep their meaning.
 */
const REAL_NEIGHBOURS = new Set(
  (
    'border older orders packages packaged marcel parcels states statue statues stats delivers slipped ' +
    'whipped skipped chipped shopped sipped shopping slipping skipping whipping sipping chipping shipments ' +
    'cracking tracing trucking racking arrives dispatches dispatcher warehouses updates updated spending ' +
    'ending sending lending bending tending vending fending mending processes professed cancer cancels ' +
    'chancel canceled chance charge chang changed changes changer returns refunds exchanges exchanged receive receiver receives deceived happenings mews'
  ).split(' '),
);
// Short words the patterns rely on, misspelled the common ways ("i dont hav it", "it sayz delivered").
const SHORT_TYPOS: Record<string, string> = {
  oder: 'order',
  ordr: 'order',
  pkg: 'package',
  pckg: 'package',
  hav: 'have',
  havnt: 'havent',
  sayz: 'says',
  sez: 'says',
  wher: 'where',
  whr: 'where',
  dint: 'didnt',
  didint: 'didnt',
  // Text-message spellings: "can u cancel it pls".
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  cuz: 'because',
};

/**
 * Short words the patterns rely on, too short for any one edit to be safe ("there" is one edit from "where"):
 * mended only from a slip of the fingers (two neighbouring letters swapped, a letter doubled, a neighbouring
 * key), which seldom makes another real word.
 */
// "status" and "update" are in VOCABULARY: any one edit of them is mended already.
const SHORT_VOCABULARY = ['where', 'wheres', 'order', 'orders', 'news', 'latest', 'track'];

/** Neighbouring keys on a QWERTY keyboard. */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbouringKeys(a: string, b: string): boolean {
  const row = KEY_ROWS.find((r) => r.includes(a));
  return row !== undefined && Math.abs(row.indexOf(a) - row.indexOf(b)) === 1 && row.includes(b);
}

/** `typed` is `word` with two neighbouring letters swapped, one letter doubled, or one neighbouring key hit. */
function fingerSlip(typed: string, word: string): boolean {
  if (typed.length === word.length + 1) {
    for (let i = 1; i < typed.length; i++)
      if (typed[i] === typed[i - 1] && typed.slice(0, i) + typed.slice(i + 1) === word) return true;
    return false;
  }
  if (typed.length !== word.length || typed === word) return false;
  const diff = [...typed].flatMap((c, i) => (c === word[i] ? [] : [i]));
  if (diff.length === 1) return neighbouringKeys(typed[diff[0]!]!, word[diff[0]!]!);
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    typed[diff[0]!] === word[diff[1]!] &&
    typed[diff[1]!] === word[diff[0]!]
  );
}

// A message is read several times per turn (router, resolver, each gate check): each word is mended once.
const MENDED = new Map<string, string>();

function mend(word: string): string {
  const known = MENDED.get(word);
  if (known !== undefined) return known;
  const mended = mendOnce(word);
  if (MENDED.size < 10_000) MENDED.set(word, mended);
  return mended;
}

function mendOnce(word: string): string {
  if (SHORT_TYPOS[word]) return SHORT_TYPOS[word];
  if (word.length < 4 || REAL_NEIGHBOURS.has(word) || VOCABULARY.includes(word)) return word;
  if (SHORT_VOCABULARY.includes(word)) return word;
  for (const v of SHORT_VOCABULARY) if (fingerSlip(word, v)) return v;
  if (word.length < 5) return word;
  for (const v of VOCABULARY) if (v.length >= 6 && oneEditAway(word, v)) return v;
  return word;
}

/** Damerau: one insertion, deletion, substitution or swap of neighbours. */
function oneEditAway(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const ORDER = PLACEHOLDERS.order;
const THING = String.raw`(?:order|orders|package|packages|parcel|parcels|delivery|deliveries|shipment|stuff|purchase|box|boxes|item|items|things)`;
// "the order" is usually a particular one; "the same order", "the next order" are not.
const OWN = String.raw`(?:my|our|this|that|the(?! (?:same|next|first|other|whole|an|any|each|every) ))`;
/** An order of theirs, named: "my order", "the grill and hiking boots order", "#W1234567", "order #W1234567". */
const AN_ORDER = String.raw`(?:${OWN} (?:\S+ ){0,3}?${THING}|(?:order )?${ORDER})`;
const r = (source: string) => new RegExp(source);

const ABOUT_ORDER: readonly RegExp[] = [
  // "my order", "the grill and hiking boots order"
  r(String.raw` ${OWN} (?:\S+ ){0,4}?${THING} `),
  // "do i have a tracking number yet": only an order of theirs has one
  r(String.raw` (?:do|did|will) i (?:have|get|got) (?:a |my |the |any )?tracking `),
  r(String.raw` i (?:just )?(?:ordered|bought|purchased|paid for) `),
  r(
    String.raw` my (?:\S+ ){0,3}?(?:arrive|arrived|ship|shipped|dispatched|delivered|left|come|coming|on (?:its|the) way|been sent) `,
  ),
  // "still waiting for my electric toothbrush", "I order them long time" (the tense dropped)
  r(String.raw` waiting (?:on|for) (?:my|our) `),
  r(String.raw` i order (?:them|it|this|these) `),
  // "I order one week ago", "i order on monday" (the tense dropped, the day said)
  r(
    String.raw` i (?:order|ordered) (?:\S+ ){0,3}?(?:ago|yesterday|last|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)) `,
  ),
  // "can I have my tracking number", "the tracking link please": only an order of theirs has one
  r(String.raw` (?:my|our) tracking `),
  r(
    String.raw`^ (?:(?:hi|hello|hey) )?(?:the |a )?tracking (?:number|no|link|code|info|details) (?:please|pls|thanks|thank you)`,
  ),
  // "where's my speaker at": only something they ordered is where they ask
  r(String.raw` (?:where|wheres) (?:is |are |s )?(?:my|our) `),
  // "air purifier delivered yet?": only something already ordered is awaited
  r(String.raw` (?:shipped|delivered|arrived|dispatched|sent out|here) yet `),
  // "did the cologne ship yet?", "has the lamp arrived": asked of a thing, only one they bought moves
  r(
    String.raw` (?:did|has|have|hasnt|havent) (?:the|our) (?:\S+ ){1,3}?(?:arrive|arrived|ship|shipped|dispatched|delivered|left|come|gone out|go out|been sent) `,
  ),
];

/**
 * Words after "my" or "the" that are no thing of an order: the account, money, messages, the store, people and
 * times. "Has my refund gone through?", "is the store open?", "did my message get through?".
 */
const NOT_A_THING = String.raw`(?:account|accounts|password|login|email|emails|e|mail|card|cards|visa|mastercard|paypal|address|addresses|refund|refunds|return|returns|exchange|exchanges|replacement|complaint|complaints|ticket|case|request|requests|question|questions|query|message|messages|reply|answer|payment|payments|balance|gift|points|reward|rewards|review|reviews|subscription|newsletter|sale|sales|discount|discounts|code|codes|coupon|promo|voucher|website|site|app|store|shop|team|support|chat|agent|policy|price|prices|money|bank|statement|invoice|receipt|profile|details|data|information|info|phone|number|name|size|colour|color|day|week|month|weekend|holiday|birthday|wife|husband|son|daughter|mum|mom|dad|father|mother|friend|partner|kids|family|neighbour|neighbor|boss|life|job|work|house|home|flat|apartment|door|porch|side|end|way|time|bad|mistake|fault|own|first|last|next|new|old|only|other|business|company|application|cancellation|trip|flight|luggage allowance|bill|tax|vat|credit|debit|stock|inventory|list|wishlist|basket|cart|checkout|one|ones|same|whole|rest|pending|processed|cancelled|canceled|delivered|shipped|tracking|call|callback|response|someone|somebody|person|human|update|updates|news)`;

/**
 * A thing of an order asked after (`OrderQuestion.aboutItem`): "my fleece jacket", "the bookshelf I ordered",
 * "any news on the makeup kit", "is the tablet coming this week". Read only beside a status question, and checked
 * against the sender's records before anything is said of it.
 */
const ABOUT_ITEM: readonly RegExp[] = [
  r(String.raw` (?:my|our) (?!${NOT_A_THING} )[a-z]+ `),
  r(
    String.raw` (?:the|a|an) (?:\S+ ){1,3}?(?:i|we) (?:just )?(?:ordered|bought|purchased|paid for|got from you) `,
  ),
  r(String.raw` (?:placed|put in|made|put through) an order for `),
  r(
    String.raw` (?:news|update|updates|word|status|progress) (?:on|about|regarding|re|for|of) the (?!${NOT_A_THING} )[a-z]+ `,
  ),
  r(String.raw` (?:is|are|has|have|did|was|were|if|whether) the (?!${NOT_A_THING} )[a-z]+ `),
  // "I'm waiting for a luggage set and a tea kettle"
  r(String.raw` waiting (?:on|for) (?:a|an|the) (?!${NOT_A_THING} )[a-z]+ `),
  // "The electric kettle - has it shipped?": the thing first, then the question
  r(String.raw`^ (?:(?:hi|hello|hey) )?the (?!${NOT_A_THING} )[a-z]+ `),
];

const HYPOTHETICAL: readonly RegExp[] = [
  r(
    String.raw` (?:if|when|before|once) (?:i|we|you) (?:\S+ )?(?:order|buy|purchase|place|checkout|check out) `,
  ),
  r(String.raw` (?:usually|normally|typically|in general|generally) `),
];

const STATUS: readonly RegExp[] = [
  // where is my order / wheres the parcel / where it is
  r(
    String.raw` (?:where|wheres|whereabouts|where abouts) (?:is |are |r |has |have |s )?(?:${OWN} (?:\S+ ){0,3}?${THING}|(?:${THING} )?${ORDER}|it|they|its|theyre) `,
  ),
  r(String.raw` where (?:${OWN} (?:\S+ ){0,3}?${THING}|it|they) (?:is|are|at|actually is) `),
  // "where is my vacuum", "where are my boots": what they bought, named by itself ("wheres my speaker at",
  // "check where my keyboard and umbrella are")
  r(String.raw` (?:(?:where|wheres) (?:is|are|s)|wheres) (?:my|our) `),
  // "wheres the bookshelf i ordered": a thing they bought, named by itself
  r(
    String.raw` (?:where|wheres) (?:is |are |s )?the (?:\S+ ){1,3}?(?:i|we) (?:just )?(?:ordered|bought|purchased|paid for) `,
  ),
  r(String.raw` where (?:my|our) (?:\S+ ){1,6}?(?:is|are|at) `),
  // "is my cycling helmet with the courier yet?": a thing of theirs with the carrier
  r(String.raw` with the (?:courier|carrier|post|mail|delivery driver) `),
  // "what's the holdup", "what is taking so long"
  r(String.raw` (?:whats|what is|what s) (?:the )?(?:holdup|hold up|delay) `),
  r(String.raw` (?:what is|whats|why is it) taking (?:so|this) long `),
  r(
    String.raw` (?:status|situation|tracking|track|eta|whereabouts|pending|processed|dispatched|shipped|delivered|in transit|out for delivery|on (?:its|the|their) way|on the (?:truck|van)|left (?:the|your) warehouse) `,
  ),
  r(String.raw` (?:cancelled|canceled) `),
  r(String.raw` (?:any|an|the|some|quick) (?:update|updates|news|word|info|information|progress) `),
  r(String.raw` (?:update|updates|news) (?:on|about|for|regarding) `),
  r(String.raw` (?:whats|what is|what s) (?:happening|going on|up|the latest|the deal) `),
  r(String.raw` (?:happening|going on) with `),
  r(String.raw` (?:what|whats) (?:\S+ )?(?:happened|happens|happening) (?:to|with) `),
  r(String.raw` latest on `),
  r(
    String.raw` (?:arrive|arrives|arrived|arriving|arrival|delivery date|delivery estimate|expected delivery) `,
  ),
  r(String.raw` (?:get|gets|getting) (?:here|delivered|to me) `),
  r(String.raw` (?:show|shows|turn|turns) up `),
  r(
    String.raw` (?:did|has|have|will|when|whens|is|was|its|it s) (?:\S+ ){0,6}?(?:come|coming|came|ship|ships|deliver|go out|goes out|going out|gone out|went out|go through|gone through|went through|been sent|sent|sended|sent out|left|moving|moved) `,
  ),
  r(String.raw` (?:hasnt|not|stopped|stuck|isnt) (?:\S+ )?(?:moved|moving|updated|changed) `),
  r(String.raw` (?:when|yet) (?:\S+ ){0,6}?(?:get|receive|ship|deliver|delivered|here) `),
  r(String.raw` ship (?:\S+ )?yet `),
  r(String.raw` been (?:sent|posted|mailed|dispatched) `),
  r(String.raw` (?:check(?:ing)?(?: in)?|look up|lookup|look into|confirm) (?:on )?(?:${AN_ORDER}|it) `),
  // "not sure it went through", "want to make sure #W… actually went through": whether the order was placed
  r(
    String.raw` (?:sure|know|check|confirm|see|certain) (?:if |whether |that )?(?:${AN_ORDER}|it|they) (?:\S+ )?(?:went|has gone|had gone|got|has got|go|goes) through `,
  ),
  // "is the order actually placed?", "was #W… confirmed?": whether it exists at all
  r(String.raw` (?:is|was|has|have) (?:${AN_ORDER}|it|they) (?:\S+ ){0,2}?(?:placed|confirmed) `),
  // "could you confirm delivery of #W…", "did they make it to my door", "wondering about #W…"
  r(String.raw` confirm (?:the )?(?:delivery|receipt|dispatch|shipping) `),
  r(String.raw` (?:make|made) it (?:to|here) `),
  r(String.raw` (?:dropped|drop|dropping) (?:it |them )?off `),
  r(String.raw` (?:wondering|asking|enquiring|inquiring) (?:about|after) (?:${AN_ORDER}) `),
  r(String.raw` (?:late|delayed|delay|on track|on schedule|running late) `),
  // "still waiting on #W…", "following up on #W…", "when can I expect it", "how many boxes is it in"
  r(String.raw` (?:still )?waiting (?:on|for) `),
  // "I'm still waiting. #W…", "still nothing for #W…", "how much longer for my order?", "my order not come yet"
  r(String.raw` still (?:waiting|nothing) `),
  r(String.raw` how (?:much )?longer `),
  r(String.raw` (?:not|hasnt|has not|havent|have not|isnt|didnt) (?:\S+ )?(?:come|came|arrived|here) yet `),
  r(String.raw` (?:following|follow) up (?:on|about|regarding) `),
  r(String.raw` when (?:can|will|should|do) (?:i|we) (?:expect|see|have) `),
  r(String.raw` (?:how many|which) (?:packages|parcels|boxes|shipments|deliveries) `),
  // A box came: was it this order? "was that order #W…", "is that my order"
  r(String.raw` (?:was|is) (?:that|this|it) (?:my |the )?(?:order|package|parcel|box) `),
  // How far along it is: "what stage is it at", "how far along is my order", "has it been packed yet",
  // "how's my order coming along"
  r(String.raw` (?:what|which) (?:stage|step|point) `),
  r(String.raw` (?:how far along|progress on|progress of|coming along|progress report|progress update) `),
  // "will my order be here by Friday?", "is the dumbbell set going to be here soon?"
  r(
    String.raw` (?:will|would|is|are|going to|gonna|should) (?:\S+ ){0,6}?be (?:here|there|with me|with us) `,
  ),
  r(String.raw` (?:been |got |get )?(?:packed|packaged|picked|prepared) (?:\S+ ){0,2}?yet `),
  // "still no sign of my order", "any movement on it", "where are we with #W…", "has anything happened with
  // my order", "is my order ready", "hows my order looking"
  r(String.raw` (?:no|any) (?:sign|trace) of `),
  r(String.raw` (?:any |no )?movement (?:on|with) `),
  r(String.raw` where (?:are we|are things|do we stand|do things stand) (?:with|on) `),
  r(String.raw` (?:anything|something) (?:happened|happening|new) (?:with|on|to) `),
  r(String.raw` (?:is|are) (?:${AN_ORDER}|it|they) ready `),
  r(String.raw` ${ORDER} (?:is|are) (?:\S+ )?ready `),
  r(String.raw` (?:hows|how is|how s|how are) (?:${AN_ORDER}|it) (?:looking|doing|going|getting on) `),
  // The same asked in passing: "wanted to ask how my order is getting along"
  r(
    String.raw` how (?:${AN_ORDER}(?: ${ORDER})?|it) (?:is|are) (?:looking|doing|going|getting on|getting along|progressing) `,
  ),
  // ... with "it's" and "they're" written without the apostrophe: "could you tell me how it's going?"
  r(
    String.raw` how (?:its|theyre) (?:looking|doing|going|getting on|getting along|progressing|coming along) `,
  ),
  // Nothing but the order's number, asked ("#W1234567???", "order #W1234567?")
  r(String.raw`^ (?:(?:hi|hello|hey) )?(?:my )?(?:order )?${ORDER} $`),
  // A stage of the warehouse or the carrier asked after: "is it packed already?", "has my stuff been boxed up",
  // "is #W… with the courier yet", "has it been handed to the carrier", "is it still processing", "is my order
  // in the post"
  r(
    String.raw` (?:is|are|has|have|was|were) (?:${AN_ORDER}|it|they|everything) (?:\S+ )?(?:already |still |now |yet )?(?:been |being |got )?(?:packed|packaged|boxed|prepared|processing|confirmed|with the (?:carrier|courier|post|mail)|handed (?:over )?to|picked up by|in the (?:mail|post)) `,
  ),
  r(String.raw` (?:still|being|its|it s|it is) processing `),
  // How near it is: "is it here yet?", "is my order nearly here", "should it be here by now", "how close is it"
  r(String.raw` here (?:yet|by now) `),
  r(String.raw` (?:nearly|almost) (?:here|there) `),
  r(String.raw` (?:how close|how near) (?:is|are) (?:${AN_ORDER}|it|they) `),
  r(String.raw` is (?:${AN_ORDER}|it) (?:close|near) $`),
  // "did you send my order?", "did you get my order #W…": asked of what was ordered
  r(
    String.raw` (?:did|have|has) (?:you|they) (?:\S+ )?(?:send|sent|ship|shipped|post|posted|mail|mailed|get|got|receive|received) (?:${AN_ORDER}) `,
  ),
  // "when will #W… be ready", "is it ready to ship"
  r(String.raw` when (?:will|would|is|does|should) (?:\S+ ){1,4}?(?:be )?ready `),
  // "has my order been fulfilled", "is my order complete": the order's own end, asked
  r(
    String.raw` (?:is|are|has|have|was|were) (?:${AN_ORDER}|it|they) (?:been )?(?:fulfilled|completed|complete|finished) `,
  ),
  // "when my order will be send", "the state of my order", "will I get my order by the weekend?"
  r(String.raw` (?:be|been) (?:send|ship|deliver|dispatch|post) `),
  r(String.raw` (?:state|stage|status) of (?:${AN_ORDER}) `),
  r(
    String.raw` will (?:i|we) (?:get|receive|have) (?:${AN_ORDER}|it|them) (?:by|before|on|in time|this|next|today|tomorrow) `,
  ),
  // "has it gone to the courier", "when will it reach me", "what state is my order in", "I want to know about
  // my order #W…"
  r(String.raw` (?:gone|went|go|going) (?:out )?(?:to|with) the (?:courier|carrier|post|mail) `),
  r(String.raw` (?:reach|reaches|reached|get to) (?:me|us|my (?:door|house|home|place|address)) `),
  r(
    String.raw` (?:what|which) (?:state|stage|status) (?:is |are )?(?:${AN_ORDER})(?! (?:going|shipping|being|headed|sent|delivered|coming) )`,
  ),
  r(String.raw` (?:want|like|wanted|need|love) to (?:know|hear) about (?:${AN_ORDER}) `),
  // "could you tell me abt my order", "update me on #W…", "I would like information regarding my order #W…"
  r(String.raw` (?:tell|update) (?:me|us) (?:\S+ )?(?:about|abt|on|regarding|re) (?:${AN_ORDER}|it) `),
  r(String.raw` (?:information|info|details) (?:about|abt|regarding|on|for|re) (?:${AN_ORDER}) `),
  // "where things stand", "where things are at with #W…", "where we at?"
  r(String.raw` where (?:things|everything|we|it|its) (?:are |is |s )?(?:stand|stands|at) `),
  // "is everything alright with my order", "is #W… all good?", "is my order sorted"
  r(
    String.raw` (?:everything|all) (?:\S+ ){0,2}?(?:ok|okay|alright|all right|fine|good) (?:with|on|for) (?:order )?(?:${AN_ORDER}|it) `,
  ),
  r(String.raw` (?:is|s) ${AN_ORDER} (?:still )?(?:ok|okay|alright|all right|fine|all good|sorted) `),
  // "when will it be with me", "when does #W… get with us"
  r(String.raw` (?:be|get|gets|arrive) with (?:me|us) `),
  // "when is #W… expected?", "when is it due"
  r(String.raw` (?:when|whens) (?:is|are) (?:${AN_ORDER}|it|they) (?:\S+ )?(?:expected|due) `),
  // "order #W… update?", "#W… progress?", "order #W… - current state?": the update asked in a word or two, at the end
  r(
    String.raw` (?:update|updates|progress|current (?:state|stage|status|position))(?: please| pls| plz| thanks| thx| ty)? $`,
  ),
  // How it is getting on, by a noun of the order's progress: "a quick heads-up on #W…", "the current position of
  // order #W…", "what's the story with #W…", "any headway on my order", "the lowdown on my parcel"
  r(
    String.raw` (?:heads up|headsup|lowdown|low down|rundown|run down|story|position|headway) (?:on|of|with|for|about|regarding|re) (?:${AN_ORDER}) `,
  ),
  r(String.raw` current (?:position|state|stage|standing) `),
  // "just want to be sure #W… is OK", "can you check my order is fine": that it is all right, asked of the order
  r(
    String.raw` (?:sure|certain|confirm|check|know|see) (?:that |if |whether )?(?:${AN_ORDER}) (?:is|s) (?:still )?(?:ok|okay|alright|all right|fine|all good|on track) `,
  ),
  // "#W…?? its been days": the order named and how long it has been, nothing asked beside
  r(
    String.raw` (?:its|it s|it has) been (?:\S+ ){0,2}?(?:days|weeks|ages|forever|a while|a week|so long|too long) `,
  ),
];

const REQUESTS: ReadonlyArray<[OrderRequest, RegExp]> = [
  [
    'reinstate',
    r(
      String.raw` (?:un cancel|uncancel|undo (?:the |my )?cancel\S*|reinstate|restore|reactivate|(?:re order|reorder) (?:it|them|this|these|the|everything|all|again)|reorder|order (?:it|them|this|these) again|put (?:it|them|the order|my order) (?:back )?through) `,
    ),
  ],
  [
    'cancel',
    r(
      String.raw` (?:cancel|cancelling|canceling|cancellation|stop (?:it|the order|my order|the shipment|shipping)|dont want (?:it|them|this|the order)|no longer (?:want|need)) `,
    ),
  ],
  // "can I get #W… cancelled?", "I need it cancelled": the state asked for, not asked about
  [
    'cancel',
    r(
      String.raw` (?:(?:can|could|would|will) (?:i|we|you) (?:please )?(?:get|have)|(?:want|need|like|wanna)(?: to (?:get|have))?) (?:\S+ ){0,3}?(?:cancelled|canceled) `,
    ),
  ],
  [
    'refund',
    r(
      String.raw` (?:refund|refunds|refunded|refunding|reimburse\S*|money back|chargeback|compensat\S*|credit back|pay (?:me )?back) `,
    ),
  ],
  // "has the money been put back on my gift card?", "how much did you send back?", "how many dollar you give back"
  [
    'refund',
    r(
      String.raw` (?:(?:the |my )?money (?:\S+ ){0,3}?(?:back|returned|return|refunded)|how (?:much|many (?:dollar|dollars)) (?:\S+ ){0,4}?(?:back|return|returned|credited)) `,
    ),
  ],
  [
    'return',
    r(
      String.raw` (?:return|returns|returned|returning|send (?:\S+ ){0,2}?back|take (?:\S+ ){0,2}?back|give (?:\S+ ){0,2}?back) `,
    ),
  ],
  [
    'exchange',
    r(
      String.raw` (?:exchange|exchanging|swap|swapping|replace|replacement|different size|different colou?r) `,
    ),
  ],
  [
    'change',
    r(
      String.raw` (?:change|changing|modify|modifying|edit|editing|amend|switch|correct|add|remove|update my|update the) (?:\S+ ){0,4}?(?:address|size|colou?r|item|items|payment|card|method|order|variant|option|quantity|name|phone|email|delivery|shipping|it) `,
    ),
  ],
  [
    'change',
    r(
      String.raw` (?:deliver|ship|send|sent|redirect) (?:it |them |this |the order |my order )?to (?:my|a|another|different|the|our|an) (?!door|(?:\S+ )?(?:card|account|paypal|bank|wallet|balance|visa|mastercard) )`,
    ),
  ],
  // "need #W… delivered to 66 Orchard Lane", "redirect it to 230 Elm Avenue": a street address, by its number (not
  // where it went or will go: "it was delivered to 12 Oak St", "when will it be delivered to ...")
  [
    'change',
    r(
      String.raw`(?<! (?:was|were|been|be|is|are|got|get)) (?:deliver|delivered|ship|shipped|send|sent|redirect|redirected|reroute|rerouted|forward|go|goes) (?:\S+ ){0,3}?to \d+[a-z]? [a-z]`,
    ),
  ],
  ['change', r(String.raw` (?:new|different|wrong|old) address `)],
  [
    'change',
    r(String.raw` (?:go|goes|going|come|coming) to (?:my|a|another|different|our|an) (?:\S+ )?address `),
  ],
  // "can you hold off shipping it until I'm back", "put it on hold", "don't send it yet"
  [
    'change',
    r(
      String.raw` (?:(?:hold|delay|postpone|pause) (?:off )?(?:on )?(?:shipping|the shipment|the shipping|the delivery|sending|dispatch|it|them|the order|my order)|put (?:it|them|the order|my order) on hold|(?:dont|do not) (?:ship|send|deliver|dispatch)|hang on to (?:it|them|the order|my order)|keep (?:it|them|the order|my order) (?:until|till)|send (?:it|them) (?:after|later)) `,
    ),
  ],
  // "if not I'd like to add a second water bottle", "can you throw in a charger": more items in an order.
  [
    'change',
    r(
      String.raw` (?:id like to|i would like to|i want to|i wanna|can you|could you|can i|could i|please|pls) (?:also |just )?(?:add|include|throw in|put in) `,
    ),
  ],
  // "can you ship it faster?", "expedite it", "upgrade to next day": a faster delivery than the one chosen.
  [
    'change',
    r(
      String.raw` (?:(?:ship|send|deliver|get) (?:it |them |my order |the order |this )?(?:out )?(?:faster|quicker|sooner|earlier)|expedite|speed (?:it |this |my order |the order )?up|rush (?:it|my order|the order|the delivery|shipping)|upgrade (?:the |my )?(?:shipping|delivery)) `,
    ),
  ],
  // "can you make sure they leave it with the neighbour", "add delivery instructions": how it is to be left.
  [
    'change',
    r(
      String.raw` (?:leave (?:it|them|the (?:parcel|package|box|order)) (?:with|at|on|in|behind|by|outside|next to)|delivery (?:instruction|instructions|note)|safe place) `,
    ),
  ],
  // "can I pay for my pending order with PayPal instead?", "use my gift card instead", "charge my other card":
  // another payment method for an order.
  [
    'change',
    r(
      String.raw` (?:pay|paying|use|using|charge|charging|switch|switching) (?:\S+ ){0,6}?(?:instead|(?:a |my )?(?:different|other|another|new) (?:card|payment|method)) `,
    ),
  ],
  ['payment', r(String.raw` (?:what|which) (?:card|payment)|paid with `)],
  [
    'price',
    r(
      String.raw` (?:price (?:drop|dropped|match|matching|adjustment|went down|is lower)|cheaper|discount|coupon|promo|voucher|invoice|receipt|warranty|guarantee) `,
    ),
  ],
  [
    'human',
    r(String.raw` (?:speak|talk) to (?:a |an |the |someone|somebody|human|person|agent|manager|supervisor)`),
  ],
];

function firstRequest(s: string): OrderRequest | null {
  for (const [kind, pattern] of REQUESTS) if (pattern.test(s)) return kind;
  return null;
}

/** A wrong item delivered: "received a yoga mat instead of the earbuds", "you sent me the wrong size". */
const WRONG_ITEM: readonly RegExp[] = [
  // "I ordered the wrong size" is the customer's own mistake, which an exchange puts right: only a wrong item
  // that was sent or came counts.
  r(
    String.raw` (?:you sent|sent me|was sent|were sent|received|receive|got|came|arrived|delivered) (?:me |with )?(?:a |an |the )?wrong `,
  ),
  r(
    String.raw` (?:received|receive|got|get|was sent|were sent|sent me|you sent|came with|arrived with) (?:\S+ ){1,5}?instead of (?:the|my|a|an|what) `,
  ),
  // Another option of it than the one ordered: "ordered the gold tablet and got a silver one", "ordered the
  // medium tone but the kit in the box is the light one", "it's not what I ordered".
  r(
    String.raw` (?:i |we )?(?:ordered|bought|paid for|chose|picked|selected) (?:\S+ ){1,12}?(?:but|and|yet) (?:i |we )?(?:got|received|was sent|were sent|you sent|they sent|it came|came|(?:the \S+ |what s |whats )?(?:inside |in )?(?:the (?:box|package|parcel) )?(?:is|was|are|were)) (?:a|an|the) (?:\S+ ){0,3}?one `,
  ),
  r(
    String.raw` (?:not|isnt|wasnt|arent|werent|nothing like) what (?:i|we) (?:ordered|paid for|asked for|bought|chose|picked|selected) `,
  ),
  r(String.raw` (?:is|was|are|were) what (?:i|we) paid for `),
];

/**
 * The message reports a wrong item delivered. The help centre's damaged-or-wrong-item case applies (a person
 * arranges the replacement), not an exchange for another option of what was ordered.
 */
export function reportsWrongItem(text: string): boolean {
  const s = canonicalText(text);
  return WRONG_ITEM.some((p) => p.test(s));
}

/**
 * What the store told them, disputed: "you say it has been refunded, my bank says not", "your email claims it was
 * delivered", "my bank says no refund was issued".
 */
const DISPUTE: readonly RegExp[] = [
  r(
    String.raw` (?:you|your (?:email|emails|system|site|website|record|records|app|message|team)) (?:say|says|said|claim|claims|claimed|insist|insists|insisted) (?:it|that|i|you|its|ive|they|the) (?!will |would |should |can |could |might |may )`,
  ),
  r(
    String.raw` (?:my )?(?:bank|card company|card issuer|statement) (?:says|said|shows|showed|tells|told) (?:me )?(?:no |nothing |it hasnt |it has not |there is no |theres no |they havent |they have not )`,
  ),
  // The carrier's record of a delivery attempt, against the customer's word: "says delivery attempted, nobody
  // home. I was home all day", "nobody knocked".
  r(
    String.raw` (?:attempted|attempt|nobody (?:was )?home|no one (?:was )?home|no answer|couldnt deliver|could not deliver|unable to deliver|missed (?:the |a |my )?delivery) (?:\S+ ){0,25}?(?:i was|we were|someone was|i am|we are|ive been|i have been|i was sitting|i was working) (?:\S+ ){0,3}?(?:home|in|here|in the house|at home|in all day) `,
  ),
  r(String.raw` (?:nobody|no one|noone) (?:knocked|rang|buzzed|came to the door|rang the bell) `),
];

/**
 * What the store said before, recalled to ask what has happened since: "last time I asked you said it was
 * pending", "earlier your chat said #W… was processed", "last week you told me…". Not a dispute of it.
 */
const RECALLED =
  / (?:last time|the last time|when i (?:last )?(?:asked|wrote|checked|called)|earlier|previously|yesterday|the other day|last week|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?: i (?:asked|wrote|checked|called))? (?:you|your (?:email|chat|team|agent|app|site|website)) (?:said|told me|told us|say|says) /g;

/** Words that gainsay what was recalled: "yesterday you said it was delivered. It wasn't." */
const GAINSAID =
  / (?:but|however|though|yet) | (?:it|that|this|they|which) (?:wasnt|isnt|hasnt|werent|arent|was not|is not|has not|were not|are not|never) | (?:not true|untrue|wrong|a lie|lied|nothing) /;

/** Canonical words without what the store said before, when it is recalled and not gainsaid (`RECALLED`). */
function withoutRecalled(s: string): string {
  return GAINSAID.test(s) ? s : s.replace(RECALLED, ' ');
}

/** The message disputes what the store or its records told the customer (`DISPUTE`). */
export function disputesWhatWeSaid(text: string): boolean {
  const s = withoutRecalled(canonicalText(text));
  return DISPUTE.some((p) => p.test(s));
}

/**
 * Displeasure in plain words: the customer says they are unhappy with the store, its service or what it did,
 * rather than only what happened ("unacceptable", "fed up", "nobody answers", "charged twice", "I never asked
 * for"), or disputes what the store told them.
 */
const DISPLEASURE: readonly RegExp[] = [
  r(
    String.raw` (?:nobody|no one|noone) (?:answers|answered|replies|replied|responds|responded|gets back|got back|helps|helped) `,
  ),
  r(
    String.raw` (?:unacceptable|ridiculous|disgusting|terrible|horrible|awful|appalling|worst|useless|scam|disappointed|disappointing|disappointment|dissapointed|dissapointing|furious|fed up|waste of) `,
  ),
  r(
    String.raw` (?:underhanded|shady|sneaky|dishonest|misleading|outrageous|shocking|pathetic|rip off|ripoff|ripped off) `,
  ),
  // What they bought called worthless: "the shoes are rubbish".
  r(String.raw` (?:rubbish|garbage|crap|crappy|shoddy|trashy|poor quality|cheaply made) `),
  r(String.raw` what kind of (?:company|store|shop|service) `),
  r(
    String.raw` (?:inconvenient|inconvenience|not good enough|not acceptable|not happy|unhappy|frustrated|frustrating|annoyed|annoying|sick of) `,
  ),
  // A write or a charge the customer says they never asked for.
  r(
    String.raw` (?:i|we) (?:never|didnt|did not) (?:ask|asked|request|requested|agree|agreed|authorise|authorize)d? (?:for|to) `,
  ),
  r(String.raw` without (?:asking|telling|my (?:permission|consent|ok|okay)) `),
  r(
    String.raw` (?:charged|taken|deducted|billed|went down|came out|debited) (?:\S+ ){0,3}?(?:twice|two times|double) `,
  ),
  r(String.raw` double (?:charged|charge|billed|payment) `),
  // A fault put on the store's own systems: "because your checkout glitched?", "your app crashed on me"
  r(
    String.raw` your (?:checkout|website|site|app|system|payment page|payment system) (?:\S+ )?(?:glitched|glitching|crashed|crashing|broke|bugged|messed up|screwed up) `,
  ),
  // Having to ask again, or being sent from one to another: "the third time I'm asking", "asked twice already",
  // "your bot asked for my name and zip code three times",
  // "back and forth between you and them", "nobody can tell me", "nobody told me".
  r(
    String.raw` (?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|nth) (?:time|email|message) (?:\S+ ){0,3}?(?:ask|asking|asked|contact|contacting|contacted|write|writing|written|email|emailing|emailed|message|messaging|messaged|chase|chasing|chased|call|calling|called) `,
  ),
  r(
    String.raw` (?:asked|told|contacted|emailed|written|wrote|messaged|called|chased|explained) (?:\S+ ){0,6}?(?:twice|three times|four times|several times|multiple times|many times|again and again|over and over|repeatedly) `,
  ),
  r(
    String.raw` (?:back and forth|round in circles|around in circles|runaround|run around|passed around|pushed around) `,
  ),
  r(
    String.raw` (?:nobody|no one|noone) (?:can|could|will|would|seems to|is able to|was able to) (?:\S+ )?(?:tell|explain|help|answer|say|give) `,
  ),
  r(String.raw` (?:nobody|no one|noone) (?:told|tell|tells|informed|warned|mentioned|explained) me `),
  // Exasperation that asks nothing of the help centre: "seriously?", "unbelievable", "how hard is it".
  r(String.raw` (?:unbelievable|unreal|absurd|laughable|insulting|insane) `),
  r(
    String.raw` (?:is|was) (?:this|that|it) (?:some kind of |a )?joke | what a joke | (?:this|that|it) is a joke `,
  ),
  r(
    String.raw` how hard (?:is it|can it be|could it be|would it be) | (?:its|it is|it s) not (?:that|so) (?:hard|difficult) `,
  ),
  // Blame put back on the store, and time lost to it: "it wasn't my mistake", "spent an evening on hold".
  r(String.raw` (?:wasnt|was not|werent|were not) (?:my|our) (?:fault|mistake|error) `),
  r(
    String.raw` (?:spent|wasted|sat|been|waited) (?:\S+ ){0,4}?on hold | on hold for (?:\S+ ){0,2}?(?:hours?|ages|forever|an hour) `,
  ),
  r(String.raw` (?:tedious|infuriating|exhausting|maddening) `),
  r(String.raw` (?:is it|was it) too much to ask `),
  r(
    String.raw` (?:tired|weary) of | (?:had|have had|ive had) enough | losing (?:my )?patience | since forever `,
  ),
  ...DISPUTE,
];

const PROBLEM: readonly RegExp[] = [
  ...WRONG_ITEM,
  r(String.raw` wrong (?:\S+ )?(?:item|items|size|colou?r|product|thing|one|order|parcel|package) `),
  r(
    String.raw` (?:damaged|damage|broken|broke|cracked|smashed|snapped|shattered|crushed|busted|dent|dents|dented|defective|faulty|leaking|leaked|ripped|torn|scratched|scratch|stolen|lost(?! track\b)|missing|spoiled|doesnt work|not working|stopped working) `,
  ),
  r(
    String.raw` (?:wont|doesnt|will not|does not|didnt|did not) (?:switch|turn|power|start|charge|work|fit|open|close) `,
  ),
  r(String.raw` (?:werent|wasnt|isnt|arent|not) (?:in|inside) (?:the|my) (?:box|package|parcel|order) `),
  ...DISPLEASURE,
  r(
    String.raw` (?:say|says|said|show|shows|showed|showing|marked|listed) (?:as )?delivered (?:\S+ ){0,3}?but `,
  ),
];

/** Disbelief asked as a question of its own: "no price matching?? seriously?", "are you kidding me?". */
const DISBELIEF =
  /\b(?:seriously|are you (?:kidding|joking)(?: me)?|you(?:'|’)?re (?:kidding|joking)(?: me)?)\s*[?!]/i;

/**
 * The message is about an order of this store another person placed ("my friend bought me headphones", "my dad
 * ordered a bike for me", "it's my sister's order"), not about an order placed with another shop: the store's
 * rule on orders placed by someone else bears on whatever it asks.
 */
export function aboutAnothersOrder(text: string): boolean {
  const s = canonicalText(text);
  return PLACED_BY_ANOTHER.some((p) => p.test(s));
}

/**
 * The message voices displeasure with the store, not only a problem: in plain words (`DISPLEASURE`) or the other
 * way round (praise meant as its opposite, mockery, an expectation let down: `voicesDispleasureIndirectly`).
 */
export function voicesDispleasure(text: string): boolean {
  const s = withoutRecalled(canonicalText(text));
  if (DISPLEASURE.some((p) => p.test(s)) || DISBELIEF.test(text)) return true;
  return voicesDispleasureIndirectly(s, text.split(/[.!?\n]+/).map(canonicalText));
}

/**
 * A message about an order, not the order: "a shipping email", "the order confirmation", "any updates", "the
 * tracking number". Not having one says nothing of whether the parcel came.
 */
const NOTICE = String.raw`(?:(?:order|shipping|shipment|dispatch|delivery|tracking|confirmation) )?(?:confirmation|email|e mail|mail|receipt|reply|response|answer|message|text|sms|notification|notice|update|invoice|code|link|tracking|number|info)s?`;

/**
 * That the order has not come: a problem for a delivered order (a lost parcel), but for one still pending or
 * on its way exactly what its status answers.
 */
const NOT_RECEIVED: readonly RegExp[] = [
  // Not a message about the order: "never got a confirmation", "never received the shipping email", "the
  // confirmation email never came".
  r(
    String.raw`(?<! ${NOTICE}) never (?:arrived|came|got|received|showed up|turned up|delivered) (?!(?:a |an |the |any |my |your )?${NOTICE} (?!or |nor ))`,
  ),
  r(
    String.raw` (?:didnt|did not|havent|have not) (?:get|receive|received|got|gotten) (?!(?:a |an |the |any |my |your )?${NOTICE} (?!or |nor ))(?:(?!yet )\S+ ){0,4}?(?:$|but |and )`,
  ),
];

/**
 * That the customer does not have what was delivered, or not all of it. Broad on purpose: it only keeps a
 * delivered order's status from being sent on its own, and a person reads what it holds back.
 */
const NOT_ALL_THERE: readonly RegExp[] = [
  // "I can't find it", "haven't seen it", "didn't get the earbuds", "it isn't here", "nobody came"
  r(
    String.raw` (?:cant|cannot|couldnt|can not|could not|dont|do not|didnt|did not|havent|have not|hasnt|has not|never|not|no) (?:\S+ ){0,2}?(?:find|found|locate|located|see|seen|saw|spot|spotted|get|got|gotten|receive|received|have|had|come|came|arrive|arrived|show|showed|turn|turned|pick|picked|ring|rang|knock|knocked|there|here|inside|with it|with them|in it|in the box) `,
  ),
  r(
    String.raw` (?:it|they|its|theyre|it is|they are) (?:isnt|arent|wasnt|werent|is not|are not|was not|were not)(?: here| there)? `,
  ),
  r(String.raw` (?:isnt|arent|wasnt|werent|is not|are not|was not|were not) (?:in|inside|there|here|with) `),
  r(
    String.raw` (?:never|nobody|no one|noone|nothing|nowhere|no sign|no trace|no record|no parcel|no package|no box|no delivery) `,
  ),
  r(String.raw` (?:empty|missing|disappeared|vanished|stole|stolen|theft|thief|lost(?! track)) `),
  // Still watching for it: "I've been checking my letterbox every day", "I keep looking out for the van"
  r(
    String.raw` (?:checking|checked|check|looking|looked|look|watching|watched) (?:\S+ ){0,2}?(?:${SLOT}|porch|doorstep|door step|front door|for the (?:van|driver|courier|postman|mailman)) `,
  ),
  // "someone took it" (but "my neighbour may have taken it in" keeps it safe)
  r(
    String.raw` (?:someone|somebody|a guy|a man|a woman|a person|people) (?:\S+ ){0,3}?(?:took|take|taken|grabbed|grab|nicked|swiped) (?!(?:it |them )?in )`,
  ),
  // Part of it: "I only got the kettle", "the other box", "coming separately", "was it delivered in full?"
  r(String.raw` only `),
  r(
    String.raw` (?:the )?(?:rest|remainder|remaining|other|second|another|missing) (?:\S+ )?(?:item|items|box|boxes|one|ones|part|parts|half|package|packages|parcel|parcels|piece|pieces) `,
  ),
  r(String.raw` (?:more|whole|entire) (?:order|box|boxes|package|packages|parcel|parcels|items) `),
  r(
    String.raw` (?:separate|separately|in full|partial|partly|in (?:two|2|several|multiple) (?:parts|boxes|packages|parcels|shipments)) `,
  ),
  r(String.raw` (?:all|everything) (?:\S+ )?(?:delivered|arrived|there|came) `),
  // Where it went: "where did the driver leave it?", "wrong address", "to the right address?"
  r(
    String.raw` where (?:exactly )?(?:\S+ ){0,4}?(?:left|leave|put|dropped|drop|delivered|deliver|went|go|ended up|end up) `,
  ),
  r(String.raw` (?:not|isnt|wasnt) (?:mine|ours|my (?:door|house|home|building|address|porch|street)) `),
  // "There is no camera. Not at my door, not with the neighbours, not in the mailroom."
  r(String.raw` (?:there is|theres|there was|there are|there were) no `),
  r(
    String.raw` not (?:at|on|by|outside|with|in|behind) (?:my|the|our|any) (?:\S+ )?(?:door|doorstep|porch|house|home|building|mailbox|mailroom|letterbox|neighbours?|neighbors?|reception|lobby|front desk|garden|gate|garage|office) `,
  ),
  r(
    String.raw` (?:wrong|another|different|other|right|correct) (?:address|door|house|building|flat|apartment|place|person|porch|unit)s? `,
  ),
  r(String.raw` (?:supposedly|apparently|allegedly|(?:claims|claimed) (?:it|that|to)) `),
];

/**
 * Phrases with a negation, or "only", that doubt nothing: "no rush", "not sure if it was delivered", "I don't
 * have the tracking number", "haven't had any emails", "the confirmation email never came", "it's my only order",
 * "the only thing I've ever ordered", "checking it didn't get cancelled". A message about the order is not the order.
 */
const NOT_A_DOUBT = new RegExp(
  String.raw` (?:no (?:rush|worries|problem|hurry|pressure|stress)|(?:didnt|did not|hasnt|has not|havent|have not|wasnt|was not|werent|were not) (?:get |got |gotten |been )?cancell?ed|not (?:sure|certain) (?:if|whether|when)|(?:dont|do not) know (?:if|whether|when)|(?:dont|do not|didnt|did not|havent|have not|hasnt|has not|not|never) (?:\S+ )?(?:have|had|get|got|gotten|receive|received|see|saw|seen|find|found) (?:a |an |the |my |any |your )?${NOTICE}(?! (?:or|nor) )|(?:the |my |your |a |an |any )?${NOTICE} (?:\S+ )?(?:never|didnt|did not|hasnt|has not|havent|have not) (?:come|came|arrive|arrived|get|got|show|showed|turn|turned|reach|reached)(?: through| up| here)?|never heard|if not|or not|(?:my|our|its|it s) only (?:\S+ )?(?:order|purchase)|the only (?:\S+ )?(?:i|we) (?:\S+ ){0,2}?(?:ordered|bought)|only ever) `,
  'g',
);

const RELATIVE = String.raw`(?:wife|husband|partner|spouse|son|daughter|kid|kids|child|children|mum|mom|mother|dad|father|parent|parents|sister|brother|sibling|friend|roommate|flatmate|housemate|colleague|coworker|boss|neighbour|neighbor|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|nephew|niece|boyfriend|girlfriend|fiance|fiancee)`;

/** An order of this store that another person placed (another shop's orders are `someoneElse` only). */
const PLACED_BY_ANOTHER: readonly RegExp[] = [
  r(String.raw` (?:its|it is|thats|that is) (?:my|our) ${RELATIVE}s `),
  r(String.raw` (?:my|our) ${RELATIVE}s? (?:s )?(?:order|package|parcel|purchase|account|delivery) `),
  r(String.raw` (?:my|our) ${RELATIVE}s? (?:\S+ ){0,2}?(?:ordered|bought|purchased|placed) `),
  r(
    String.raw` (?:on behalf of|for someone else|not my order|isnt mine|not mine|who ordered|someone elses|somebody elses) `,
  ),
  r(String.raw` (?:his|her|their) order `),
];

const SOMEONE_ELSE: readonly RegExp[] = [
  ...PLACED_BY_ANOTHER,
  // An order placed with another shop is not one of the sender's orders here.
  r(String.raw` (?:amazon|ebay|walmart|etsy|aliexpress|temu|shein|costco|ikea|target com|best buy) `),
];
