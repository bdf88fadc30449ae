// The store write a customer's words ask for, found wherever it stands in the message: "I bought a kettle last
// week for my mother, and it turns out she already has one, so I'd like to return it" asks for a return. An
// intent classifier reads the whole message and can be split between writes ("exchange" against "modify") or
// pulled towards the story around the request; these words are the request itself. A question about whether
// something can be done ("Can I exchange shoes for another size?") asks for no write.

import { orderIdsIn } from '@parley/contracts';
import { mendedWords } from './order-question.js';

/**
 * The kinds of write a request can name; `modify` does not say what is changed, `refund` asks for the money back
 * (a cancellation of an order not yet shipped, a return of one delivered).
 */
export type WriteRequest = 'cancel' | 'return' | 'swap' | 'modify' | 'refund';

/** Words that make "instead" about money, payment, the order or its delivery rather than an item's options. */
const NOT_OPTION_WORDS = String.raw`refunds?|money|credit|cash|vouchers?|replacements?|gift ?cards?|paypal|cards?|payments?|methods?|address|orders?|deliver\w*|ship\w*|sen[dt]`;

/**
 * A request for something to be done, just before the verb: "I'd like to", "please", "can you", "For #W..., ",
 * "Need to" opening a sentence, "I need change" (no "to"). Not when asked ("do I need to return everything?",
 * "do I have to send it back?"): that asks for the rule; nor as a condition ("if I want to cancel, do I need
 * to give a reason?"): that asks what the write takes.
 */
const FRAME =
  /(?:(?:^|[.!?;:\n]\s*)(?:(?:hi|hey|hello|yo|ok|okay)\s+)?(?:(?:need|want|wanna|gotta)(?: to)?\s+)?|\b(?:(?<!\b(?:do|does|did|must|should|if|when|whether) )(?:i|and|but|so)(?:'d| would)?(?: also| really| just)? (?:like|want|wanna|need|gotta|wish|wanted|prefer)(?: you)?(?: to)?|\bid like(?: to)?|i'm (?:looking|hoping|trying) to|(?:can|could|would|will) you(?: please)?|how about you|please|pls|plz|kindly|(?:request|requesting|process|start|open|initiate)(?: a| an| the)?|help me|let me|(?<!\b(?:do|did) )i (?:have|had) to|go ahead and|i'd rather|i decided to|i've decided to|so i (?:want|need) to)\s+|(?:#?W|#)?\d{7},?\s+(?:i (?:want|need|would like) to\s+|please\s+)?)$/i;

const VERBS: Array<[WriteRequest, RegExp]> = [
  [
    'cancel',
    /\b(?:cancel(?:lation)?|stop(?= (?:my|the|this) order\b))\b(?! ?(?:policy|fee|window|period))/gi,
  ],
  [
    'return',
    /\b(?:return|send back|send (?:it|them|this|that|these|those|(?:the|my) [\w-]+(?: [\w-]+){0,2}?) back)\b(?!s| (?:policy|window|label|period|shipping))/gi,
  ],
  ['swap', /\b(?:exchange|swap)\b(?! (?:policy|rate|window|period))/gi],
  ['modify', /\b(?:change|modify|update|switch)\b/gi],
  // The money back asked for with the verb: "please refund my order", "can you refund the lamp", "refund me pls";
  // not a part of the price ("refund the shipping fee"), nor asked when or why ("when will you refund me?").
  [
    'refund',
    /(?<!\b(?:when|why|if|whether|how long|how soon|until|till)\b[^.!?]{0,20})\brefund(?=(?: (?:me|us|it|them|my|the|this|that|these|those|#?W?\d{7}|order)\b(?! (?:the |my )?(?:shipping|delivery|difference|fees?|tax|extra|price difference)\b))| (?:please|pls|plz)\b)/gi,
  ],
  // How an order is paid: "use my Mastercard ending 2556 for #W... instead", "can you charge my Visa", "wanna pay
  // #W... with my PayPal". A payment method must follow, so "use the discount code" is no change.
  [
    'modify',
    /\b(?:use|charge|bill|pay(?: for)?)\b(?=(?: (?:it|them|this|(?:order )?#?W?\d{7}|the order|my order))?(?: (?:with|using|by|on|to))? (?:my|the) (?:[\w-]+ ){0,2}?(?:gift ?card|paypal|visa|master ?card|amex|credit card|debit card)\b)/gi,
  ],
  // Where an order goes: "redirect #W... to ...", "ship #W... to 12 Oak St", "need #W... delivered to 66 Orchard
  // Lane": a street address (its house number) follows.
  ['modify', /\b(?:redirect|re-?route|forward)\b/gi],
  ['modify', /\b(?:deliver(?:ed)?|ship(?:ped)?|sen[dt])\b(?=(?: [\w#-]+){0,3}? to \d+[a-z]? [a-z])/gi],
];

/**
 * Another option of an item asked for with no verb of change: "I want the hiking boots in 12 instead", "can I get
 * the headphones in black instead?", "make the espresso machine 1L instead of 2L", "I'd prefer the kettle in 2L".
 * Not what was received ("I got the blue one instead"), nor the money ("I want the refund instead").
 */
const OTHER_OPTION: readonly RegExp[] = [
  /\b(?:want|need|prefer|like|get|have|make|take)\s+(?:the|my|this|that|it|them)\b[^.!?\n]{0,40}?\b(?:instead|rather than)\b/i,
  /\bprefer\s+(?:the|my|it|them)\b[^.!?\n]{0,30}?\bin\s+[\w%-]/i,
];
/** `NOT_OPTION_WORDS` as a test of a span of words. */
const NOT_AN_OPTION = new RegExp(String.raw`\b(?:${NOT_OPTION_WORDS})\b`, 'i');
/** Where a request for another option may stand: opening a sentence, or after "I", "can I", "please". */
const OPTION_FRAME =
  /(?:^|[.!?;:,\n]\s*|\b(?:i|we|i'd|id|you|please|pls|to)\s+(?:would\s+|really\s+|just\s+|actually\s+|rather\s+)?)$/i;

/**
 * The message asks for another option of an item it names, with no verb of change (`OTHER_OPTION`): a change of
 * items on a pending order, an exchange on a delivered one.
 */
export function asksOtherOption(written: string): boolean {
  return otherOptionIn(mendedWords(written));
}

/** `asksOtherOption` of a text already mended. */
function otherOptionIn(text: string): boolean {
  return OTHER_OPTION.some((pattern) => {
    const m = pattern.exec(text);
    if (!m || NOT_AN_OPTION.test(m[0])) return false;
    return OPTION_FRAME.test(text.slice(Math.max(0, m.index - 30), m.index));
  });
}

/**
 * A request for what is to be done to a thing, the thing named first: "I want it returned", "I'd like the order
 * cancelled", "I want to get them exchanged", "I need the lamp replaced", "can I get #W… cancelled?".
 */
const DONE_TO =
  /\b(?:(?:want|need|would like|'d like)\s+(?:to (?:get|have)\s+)?|(?:can|could) (?:i|we|you) (?:please )?(?:get|have)\s+)(?:it|them|this|that|these|those|(?:order )?#?W?\d{7}|(?:the|my|this|that|both) [\w-]+(?: [\w-]+){0,3}?)\s+(?:to be\s+)?(cancell?ed|returned|sent back|exchanged|swapped|replaced|changed|updated)\b/i;

/** A write asked to be started, named as a noun: "can I get a return started for the sunglasses from #W…?". */
const STARTED =
  /\b(?:(?:can|could) (?:i|we|you) (?:please )?|(?:want|need|would like|'d like) to )(?:get|have) (?:a|an|the|my) (return|exchange|cancellation) (?:started|going|opened|set up|processed)\b/i;
const STARTED_WRITE: Record<string, WriteRequest> = {
  return: 'return',
  exchange: 'swap',
  cancellation: 'cancel',
};

const DONE: Record<string, WriteRequest> = {
  cancelled: 'cancel',
  canceled: 'cancel',
  returned: 'return',
  'sent back': 'return',
  exchanged: 'swap',
  swapped: 'swap',
  replaced: 'swap',
  changed: 'modify',
  updated: 'modify',
};

/** Requests found by a pattern whose first group names the write: its first match counts. */
const NAMED_WRITES: ReadonlyArray<[RegExp, Record<string, WriteRequest>]> = [
  [DONE_TO, DONE],
  [STARTED, STARTED_WRITE],
];

/**
 * Wanting the money back for an order: "I want a full refund", "...and get a full refund", "wanna get a refund via
 * PayPal", "I want my money back". Not wanting to know about one ("I want to know when my refund arrives"), nor a
 * part of the price ("a refund of the shipping fee"), nor a question whether one is possible.
 */
const REFUND_WANTED =
  /\b(?:want|wanna|need|would like|'d like|id like|demand|expect|request|requesting)\b(?:(?![.?!\n])(?!\b(?:know|check|see|find out|when|where|whether|if|status|track|asking|eligible|possible|allowed|able)\b)[^]){0,80}?\b(?:(?:a|my|the) )?(?:full |complete )?(?:refund|money back)\b(?! (?:status|policy|(?:of|for|on) (?:the )?(?:shipping|delivery|difference|fee|tax|extra|price difference)))/gi;

/** The money back refused in the words that name it: "I would like the same model again, not a refund". */
const NOT_THE_MONEY =
  /\b(?:not|no|never|rather than|instead of)\s+(?:(?:a|my|the)\s+)?(?:full\s+|complete\s+)?(?:refund|money back)$/i;

/**
 * The write the customer asks for in so many words: a verb in a request frame ("I'd like to return", "Please
 * cancel", "can you exchange", a sentence starting with it) or done to a thing ("I want it returned"); the first
 * such request when there are several.
 * `modify` is refined by what is changed (address, payment, items). Undefined when no request is worded.
 */
export function askedWrite(written: string): WriteRequest | undefined {
  const text = mendedWords(written);
  let first: { at: number; write: WriteRequest } | undefined;
  for (const [write, re] of VERBS) {
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 60), m.index);
      if (!FRAME.test(before) && !imperativeAfterComma(before, text.slice(m.index))) continue;
      if (write === 'cancel' && cancelsAnotherThing(text, m.index + m[0].length)) continue;
      if (!first || m.index < first.at) first = { at: m.index, write };
      break;
    }
  }
  for (const [pattern, writes] of NAMED_WRITES) {
    const m = pattern.exec(text);
    const write = m ? writes[m[1]!.toLowerCase()] : undefined;
    if (m && write && (!first || m.index < first.at)) first = { at: m.index, write };
  }
  if (!first && otherOptionIn(text)) return 'swap';
  // The money back is what a named write brings ("I want it returned, money back to PayPal"): that write says more.
  for (const m of text.matchAll(REFUND_WANTED)) {
    if (askingWhether(text, m.index) || NOT_THE_MONEY.test(m[0])) continue;
    if (!first || m.index < first.at) first = { at: m.index, write: 'refund' };
    break;
  }
  return first?.write;
}

/** Things a customer may ask to cancel that are not an order: the store cancels none of them as an order. */
const OTHER_THING =
  /\b(?:gift ?cards?|accounts?|subscriptions?|memberships?|newsletters?|(?:marketing |promo(?:tional)? )?e-?mails?|(?:credit |debit )?cards?)\b/i;
const ORDER_NAMED = /\b(?:orders?|ordered|purchases?)\b/i;
const PRONOUN = /^\s*(?:it|that|this|them)\b/i;

/** The words name another thing than an order, and no order ("order", "purchase" or an order's number). */
const namesOtherThing = (words: string) =>
  OTHER_THING.test(words) && !ORDER_NAMED.test(words) && orderIdsIn(words).length === 0;

/**
 * The cancellation is of something else than an order: its object names another thing ("cancel my account",
 * "cancel the gift card"), or it is a pronoun in a message that speaks of another thing and of no order at all
 * ("we lost the gift card... can you cancel it and send a new one?").
 */
function cancelsAnotherThing(text: string, afterVerb: number): boolean {
  const object = text.slice(afterVerb, afterVerb + 40);
  const named = /^\s*(?:(?:the|my|our|this|that|his|her|their) )?([^.?!,\n]*)/i.exec(object)?.[1] ?? '';
  const head = named.split(/\s+/).slice(0, 3).join(' ');
  return namesOtherThing(head) || (PRONOUN.test(object) && namesOtherThing(text));
}

const AFTER_COMMA = /,\s+$/;
const VERB_AND_OBJECT = /^\w+(?: back)? (?:it|them|this|that|the|my|our|these|those)\b/i;

/**
 * A clause after a comma that opens with the verb and its object: "I picked the wrong deck, change it to
 * bamboo", "wrong size, exchange them for a 10". Not a verb used as a noun ("Hi, change of plans").
 */
function imperativeAfterComma(before: string, from: string): boolean {
  return AFTER_COMMA.test(before) && VERB_AND_OBJECT.test(from);
}

/** The words stand in a question whether something may be done: "Can I ... if I want a refund?", "do I need a refund". */
function askingWhether(text: string, at: number): boolean {
  const start =
    Math.max(text.lastIndexOf('.', at), text.lastIndexOf('?', at - 1), text.lastIndexOf('\n', at)) + 1;
  const sentence = text.slice(start, text.slice(at).search(/[.?!\n]|$/) + at + 1);
  return (
    /\?\s*$/.test(sentence) ||
    /^\s*(?:can|could|may|do|does|should|is|are|how|what|when|where|why)\b/i.test(sentence)
  );
}

/**
 * A message's sentences: split after end punctuation and at line breaks (a greeting line stands alone). A
 * semicolon does not end one: "exchange the kettle to 2L; the lamp to LED" is one request.
 */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The sentences of a longer message that ask for a write in so many words, in the order written, without the
 * story around them: "I bought a kettle for my mother last month. She already has one, and the box was dented.
 * I'd like to return it." gives ["I'd like to return it."]. Read alone, they say what the customer wants done;
 * the story says why, and pulls an intent classifier towards a complaint or a question. Empty when no sentence
 * asks for a write or every sentence does (the message is its own request).
 */
export function requestSentences(text: string): string[] {
  const all = sentencesOf(text);
  const asking = all.filter((s) => askedWrite(s) !== undefined);
  return asking.length === all.length ? [] : asking;
}

/**
 * The sentences of a longer message that ask a question of their own (`asksAQuestion`), in the order written,
 * without the story before them: "My aunt sent me a fleece jacket for my birthday. It is much too big. Can I
 * exchange a gift?" gives ["Can I exchange a gift?"]. The story pulls an intent classifier towards a complaint;
 * the question says what the customer wants to know. A sentence asking for a write is a request, not one of
 * these (`requestSentences`). Empty when no sentence asks or every one does (the message is its own question).
 */
export function questionSentences(text: string): string[] {
  const all = sentencesOf(text).filter((s) => !PLEASANTRY.test(s));
  const asking = all.filter((s) => askedWrite(s) === undefined && asksAQuestion(s));
  return asking.length === all.length ? [] : asking;
}

/**
 * The sentences a longer message turns on: its question sentences (`questionSentences`), or, when no sentence
 * asks anything, its last one besides a greeting, thanks or sign-off ("I am on the train. forgot my password"
 * gives ["forgot my password"]): customers end with what they want. Empty for a message of one sentence, and for
 * one whose every sentence asks.
 */
export function focusSentences(text: string): string[] {
  const asked = questionSentences(text);
  if (asked.length > 0) return asked;
  const all = sentencesOf(text).filter((s) => !PLEASANTRY.test(s));
  const asking = all.some((s) => askedWrite(s) === undefined && asksAQuestion(s));
  return all.length > 1 && !asking ? [all[all.length - 1]!] : [];
}

/**
 * What a request may carry besides itself: a greeting, thanks, a sign-off, who the customer is ("My name is ...
 * and my ZIP code is ...", or bare: "Olivia Lopez, 76171", an email address).
 */
const PLEASANTRY =
  /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[\w\s]*,?|(?:many )?thanks?(?: you)?\b.*|(?:best |kind )?regards,?.*|cheers\W*|my name is .*\b(?:zip|e-?mail)\b.*|[a-z][a-z'-]+\s+[a-z][a-z'-]+[\s,;:-]*\d{5}(?:-\d{4})?\W*(?:(?:many )?thanks?(?: you)?\b.*)?|(?:(?:my )?e-?mail(?: is)?:?\s*)?[\w.%+-]+@[\w.-]+\.[a-z]{2,}\W*)$/i;

/**
 * The message is a request and nothing else: every sentence asks for a write in so many words, or is a greeting,
 * thanks, a sign-off or who the customer is ("Hi,\n\nReturn #W1234567: Desk Lamp. Thanks!"). Nothing in it
 * speaks of other items or orders than the ones the request names, so its words say what is to be done.
 */
export function plainRequest(text: string): boolean {
  const all = sentencesOf(text);
  const asking = all.filter((s) => askedWrite(s) !== undefined);
  return asking.length > 0 && all.every((s) => asking.includes(s) || PLEASANTRY.test(s));
}

/** The writes a customer may ask about rather than for: their verbs, in any tense a question uses. */
const WRITE_VERB = String.raw`(?:cancel\w*|return\w*|send (?:\w+ ){0,2}?back|sent back|go back|exchang\w*|swap\w*|chang\w*|modif\w*|switch\w*|refund\w*)`;

/**
 * Wording of a question about whether, when or how a write can be done: "can I still cancel it?", "can it go
 * back?", "is it too late to change the address?", "how do I return it?", "steps to send an item back".
 */
const WHETHER_THE_WRITE: readonly RegExp[] = [
  // "can I still cancel", "do I need to return everything", "do i have to send it back".
  new RegExp(
    String.raw`\b(?:can|could|may|do|should) (?:i|we) (?:still |even |also |actually )?(?:\w+ )?(?:to )?${WRITE_VERB}`,
    'i',
  ),
  // "What do you need from me to change my address?": what the write takes, not a request for it.
  new RegExp(String.raw`\bwhat (?:do|does|would) (?:you|it) need\b[^.!?]*\b${WRITE_VERB}`, 'i'),
  new RegExp(
    String.raw`\b(?:can|could|may) (?:it|they|this|that|these|those|mine) (?:still )?(?:be |go )`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:is|are|was) (?:it|they|this|that) (?:still )?(?:possible|allowed|ok|okay|too late|eligible|able)\b`,
    'i',
  ),
  new RegExp(String.raw`\bis (?:it |there )?(?:possible|a way)\b`, 'i'),
  // "can #W… still be cancelled?", "could the colour on it still be changed?"
  /\b(?:can|could|may) (?:\S+ ){1,4}?(?:still |even )?be (?:cancell?ed|changed|returned|exchanged|modified|swapped|switched|sent back|updated|amended|edited|redirected|upgraded)\b/i,
  // "too late to add another thing to #W…?"
  /(?:^|[.!?]\s+)too late to\b/i,
  /\btoo late to\b[^.!?]*\?/i,
];

/** Wording of a question about how a write goes or its rules: "how do I return it?", "what's the deadline?". */
const HOW_THE_WRITE_GOES: readonly RegExp[] = [
  // "for an exchange do i have to place a new order?": a question about how the write goes.
  /\bfor an? (?:exchange|return|refund|cancellation)\b[^.!?]*\?/i,
  new RegExp(String.raw`\bhow (?:do|can|would|should|long do) (?:i|we)\b`, 'i'),
  new RegExp(String.raw`\b(?:steps|how|way|process) to ${WRITE_VERB}`, 'i'),
  /\b(?:window|deadline|time limit|policy|rules?)\b[^.!?]*\?/i,
];

const WHETHER_ALLOWED: readonly RegExp[] = [...WHETHER_THE_WRITE, ...HOW_THE_WRITE_GOES];

/**
 * A question whether the write asked for beside it may be done at all: the patterns of `WHETHER_THE_WRITE`, and
 * the request's own go-ahead asked for ("would that be ok?", "am I still able to?", "can you do that?").
 */
const ABOUT_THE_REQUEST: readonly RegExp[] = [
  ...WHETHER_THE_WRITE,
  /\b(?:is|are|was|would|will) (?:it|they|this|that) (?:still |even )?(?:be )?(?:possible|allowed|ok|okay|fine|alright|too late|eligible|able|a problem)\b/i,
  /\b(?:am i|are we) (?:still |even )?(?:able|allowed|eligible)\b/i,
  /\b(?:can|could|will|would) (?:i|we|you) (?:still |even )?do (?:that|this|it)\b/i,
  /\btoo late\b/i,
  // "how long do I have to send them?": the time the write may still be done in.
  /\bhow long do (?:i|we) have\b/i,
];

/**
 * Words of a question that names nothing of its own ("How long does it take?", "How do I do that?", "Possible?",
 * "do I need to do anything else?"): such a question is about the request beside it.
 */
const ONLY_ABOUT_IT = new Set(
  (
    'how long much many what when where which why who is are was were be been do does did done doing it its that ' +
    'this these those them they i we you me my our your to the a an can could will would should shall may might ' +
    'must have has had need needs get take takes took usually normally typically generally possible doable ok ' +
    'okay allowed fine alright anything else something there then so and or also just still even work works ' +
    'process happen happens time next now'
  ).split(' '),
);

const namesNothing = (question: string) =>
  (question.toLowerCase().match(/[\p{L}']+/gu) ?? []).every((w) => ONLY_ABOUT_IT.has(w));

/** A sentence opening as a question about what may be done: "Can I ...", "Is it possible ...", "What if ...". */
const QUESTION_START =
  /^(?:(?:can|could|may|do|should|must) (?:i|we)\b|(?:is|are|does|did|will|how|what|when|where|why|which|if)\b)/i;

/**
 * Asking for a thing done, the thing named before what is to be done to it: "can I get #W… cancelled?", "Can I
 * get a return started for the sunglasses?", or another option of it: "can I get the headphones in black
 * instead?". A request, however it opens: the customer does not ask whether (unless on a condition: "can I get it
 * cancelled if it already shipped?").
 */
const GET_IT_DONE = String.raw`(?:can|could) (?:i|we) (?:please )?(?:get|have) (?:(?:\S+ ){1,5}?(?:cancell?ed|returned|exchanged|swapped|replaced|started|processed|set up)|(?![^.!?]*?\b(?:${NOT_OPTION_WORDS})\b[^.!?]*?\binstead\b)[^.!?]{1,50}?\binstead\b)(?![^.!?]*\b(?:if|when|once)\b)`;

/** Asks the store to do something: "can you ...", "could you please ...", "can I get it cancelled?". */
const ASKS_US = new RegExp(String.raw`^(?:(?:can|could|would|will) you|please|${GET_IT_DONE})\b`, 'i');

/** A clause that asks the store to act wherever it says so: "In order #W... could you switch ...?". */
const ASKS_US_ANYWHERE = new RegExp(
  String.raw`\b(?:(?:can|could|would|will) you|please|${GET_IT_DONE})\b`,
  'i',
);

/** What opens a sentence before its question: "so", "and", "hi". */
const OPENER = /^(?:hi|hello|hey|so|and|but|also|ok|okay|well)\b[\s,!]*/i;

/**
 * The message asks about the store's rules ("Can I change the delivery address after placing an order?",
 * "I'd like to cancel it. Is that still possible?", "What if the size I want to exchange for costs more?"): a
 * sentence opens as a question, or ends as one that neither asks for a write nor addresses the store. A
 * question asking the store to act ("can you swap it?") is a request. A semicolon ends a clause here: "I'd like
 * to cancel; is that possible?" asks.
 */
export function asksAboutRules(text: string): boolean {
  return clausesOf(text).some((bare) => {
    if (ASKS_US.test(bare)) return false;
    if (QUESTION_START.test(bare)) return true;
    return /\?\s*$/.test(bare) && askedWrite(bare) === undefined && !/\byou\b/i.test(bare);
  });
}

/**
 * The message asks a question of its own: a sentence opens as one ("how long...", "can I...") or ends with a
 * question mark, and does not ask the store to act ("can you cancel it?", "for #W..., could you ...?" are
 * requests). "I want to return the boots, how long do I have?" asks one beside its request.
 */
export function asksAQuestion(text: string): boolean {
  return clausesOf(text).some(
    (bare) => !ASKS_US_ANYWHERE.test(bare) && (QUESTION_START.test(bare) || /\?\s*$/.test(bare)),
  );
}

/** Words a greeting, thanks, a sign-off or a name take at most ("Hi,", "Thanks!", "Best, Ana"). */
const ASIDE_WORDS = 3;

/**
 * The message is its question and nothing else but greetings, thanks or a name: "Hi, can I cancel #W…? Thanks".
 * A story around it ("the kit had clearly been opened before... can I send it back?") is often a grievance, and a
 * second question ("...and how long does the refund take?") is one the offer leaves unanswered.
 */
export function onlyTheQuestion(text: string): boolean {
  const clauses = text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((clause) => clause.trim())
    .filter((clause) => (clause.match(/[\p{L}\d]+/gu)?.length ?? 0) > ASIDE_WORDS);
  return clauses.length === 1 && asksAQuestion(clauses[0]!);
}

/**
 * A question joined to what comes before it by a comma or a dash: "return the mat from #W..., how long does the
 * refund take?", "cancel #W... - when do I get my money back?".
 */
const JOINED_QUESTION =
  /(?:,|\s[-–—]+)\s+(?=(?:and |but |so |also )?(?:how|what|when|where|why|which|will|would|do|does|did|is|are|can|could|should)\b)/i;

/**
 * The questions a request made in so many words carries beside it, about something else than whether the write
 * may be done: "Can you cancel #W...? And how long will the refund take?", "I need to return the kettle from
 * #W.... How do I get a label?", "return the mat from #W..., do I need the original box?". The request stands,
 * and the questions are for the help centre to answer beside the write read back. Undefined when no sentence asks
 * for a write in so many words, when none asks anything else, or when one asks whether the write may be done
 * ("I'd like to exchange the lamp. Is that ok?", "can I still cancel it?"): then the message asks the rule.
 */
export function questionsBesideRequest(text: string): string[] | undefined {
  const parts = sentencesOf(text)
    .flatMap((s) => s.split(JOINED_QUESTION))
    .map((s) => s.trim().replace(OPENER, ''))
    .filter(Boolean);
  // A request asks for the write, whether or not worded as a question ("Can you cancel #W...?").
  const requests = parts.filter((p) => askedWrite(p) !== undefined && !asksAQuestion(p));
  const questions = parts.filter((p) => !requests.includes(p) && asksAQuestion(p));
  if (requests.length === 0 || questions.length === 0) return undefined;
  if (questions.some((q) => namesNothing(q) || ABOUT_THE_REQUEST.some((p) => p.test(q)))) return undefined;
  return questions;
}

/** A message's clauses, each without the word that opens it ("so", "hi"). */
function clausesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim().replace(OPENER, ''))
    .filter(Boolean);
}

/**
 * The message asks whether, when or how a write can be done ("if my order is already processed, can I still
 * cancel it?", "lipstick set never opened, can it go back") and asks for none in so many words: the help
 * centre's rule answers it, and asking who they are or which order, as if they had asked for the write, does
 * not.
 */
export function asksWhetherAllowed(text: string): boolean {
  if (askedWrite(text) !== undefined) return false;
  return WHETHER_ALLOWED.some((p) => p.test(text));
}

/**
 * The message is a question about a write's rules, as the action planner reads one (`asksAboutRules`: it plans
 * no write for it) or as the narrower patterns do (`asksWhetherAllowed`): "do i need to give a reason to
 * cancel?", "What if the size I want to exchange for costs more?". Its answer is the help centre's rule, not a
 * question for which order or who they are.
 */
export function asksRulesOfAWrite(text: string): boolean {
  return asksWhetherAllowed(text) || asksAboutRules(text);
}

/**
 * Wording that a write has already been done: by the store ("you cancelled my order", "my order was cancelled",
 * "they changed my address") or by the customer ("I already returned it", "I sent the boots back last week").
 * The done write is what the message is about (a grievance, or a refund still to come), not a request for it.
 */
const WRITE_DONE: readonly RegExp[] = [
  /\b(?:you(?: guys| people| all)?|u|they|y'all)\s+(?:just\s+|already\s+|have\s+|had\s+|went and\s+)?(?:cancell?ed|changed|modified|switched|swapped|exchanged)\b/i,
  /\b(?:was|were|got|gets|has been|have been|had been)\s+(?:\w+\s+)?(?:cancell?ed|changed|modified|switched|swapped|exchanged)\b/i,
  /\bi(?:'ve| have| had)?\s+(?:already\s+|just\s+)?(?:returned|sent\s+(?:\w+\s+){0,3}?back|shipped\s+(?:\w+\s+){0,3}?back|dropped\s+(?:\w+\s+){0,3}?off)\b/i,
];

/**
 * The message says the write was already done ("You cancelled my order because of a price mistake!", "I sent
 * the lamp back two weeks ago") and asks for none in so many words: asking who they are or which order, to do
 * it, answers something they did not ask. A question whether it was done ("was it cancelled?") is not a
 * statement that it was.
 */
export function reportsWriteDone(text: string): boolean {
  if (askedWrite(text) !== undefined) return false;
  return sentencesOf(text).some((s) => !s.trimEnd().endsWith('?') && WRITE_DONE.some((p) => p.test(s)));
}

/**
 * Asking the store to look into something itself: trace a parcel, investigate, chase the carrier, open a claim
 * ("can you trace it?", "please look into this", "I need you to chase the courier"). Only a person does that; a
 * help-centre quote saying "contact us and we will open a trace" answers a customer who already has. A question
 * about such work ("how long does an investigation take?") asks for none.
 */
export function asksUsToInvestigate(text: string): boolean {
  return INVESTIGATE.some((p) => p.test(text));
}

const LOOK_INTO =
  '(?:trace|investigate|look into|chase(?: up)?|follow up on|open an? (?:trace|investigation|claim)|file an? claim(?: for)?)';
const INVESTIGATE: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(?:can|could|would|will|pls|please)\s+(?:you|u|y'all|someone)\s+(?:please\s+)?${LOOK_INTO}\b`,
    'i',
  ),
  new RegExp(String.raw`(?:^|[.!?]\s*|\b(?:and|so|just)\s+)(?:please|pls|kindly)\s+${LOOK_INTO}\b`, 'i'),
  new RegExp(String.raw`\bi\s+(?:need|want|would like|'d like)\s+(?:you|someone)\s+to\s+${LOOK_INTO}\b`, 'i'),
];
