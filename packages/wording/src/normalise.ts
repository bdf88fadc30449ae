import { replaceOrderIds } from '@parley/contracts';

/**
 * Names the rules below. A model trained on normalised text records it, so text is never normalised one way
 * at training and another at prediction; change it whenever a rule changes what the model sees.
 */
export const NORMALISER_VERSION = 'wording-4';

/**
 * Stand-ins for what varies from ticket to ticket but says nothing about intent. Plain lower-case words, so
 * every tokenizer keeps them whole, and none of them an English word, so they never collide with one.
 */
export const PLACEHOLDERS = {
  order: 'orderref',
  tracking: 'trackingref',
  email: 'emailref',
  amount: 'amountref',
} as const;

export interface NormaliseOptions {
  /** The sender's name as the CRM or the channel knows it ("Emma Kovacs"); its words are removed. */
  names?: readonly string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// Carrier tracking numbers: long digit runs, or UPS-style 1Z codes. Shorter numbers (quantities, dates, sizes)
// can carry meaning and stay.
const TRACKING = /(?<![\p{L}\p{N}])(?:1Z[0-9A-Z]{16}|\d{9,22})(?![\p{L}\p{N}])/gu;
const NUMBER = String.raw`\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?[kK](?![\p{L}]))?`;
const AMOUNT = new RegExp(
  String.raw`(?:[$€£]\s?|\b(?:usd|eur|gbp|us\$)\s?)${NUMBER}|(?<![\p{L}\p{N}])${NUMBER}\s?(?:[$€£]|(?:dollars?|bucks|usd|euros?|eur|gbp)\b)`,
  'giu',
);

const GREETING_WORD = String.raw`(?:h+i+|hii+|hello+|hey+|heya|hiya|howdy|hallo|greetings|yo|dear|good\s+(?:morning|afternoon|evening|day))`;
const GREETING_TARGET = String.raw`(?:there|all|everyone|everybody|folks|guys|team|friends?|sir(?:\s+or\s+madam)?|madam|(?:the\s+)?(?:customer\s+)?(?:support|service|care|help)(?:\s+team)?)`;
const CAPITALISED = String.raw`\p{Lu}[\p{L}'-]*`;
// A greeting at the start of a line, with whom it greets and the punctuation after it.
const GREETING = new RegExp(
  String.raw`^[ \t]*${GREETING_WORD}(?:[ \t,]+${GREETING_TARGET})?(?:[ \t]+${CAPITALISED})?(?:[ \t]*[,!.:;\-–—]+(?=\s|$)|[ \t]*$)[ \t]*`,
  'gimu',
);
// A bare greeting word followed by the message ("hey can u check my order").
const BARE_GREETING = new RegExp(
  String.raw`^[ \t]*${GREETING_WORD}(?:[ \t]+${GREETING_TARGET})?[ \t]+(?=\S)`,
  'gimu',
);

const THANKS = String.raw`(?:thanks|thank\s*you|thankyou|thanx|thnx|thx|tks|ty|tia|many\s+thanks|much\s+appreciated|appreciate\s+it|(?:i\s+)?appreciate\s+(?:your|the)\s+help)(?:\s+(?:so|very)\s+much|\s+a\s+(?:lot|bunch|million)|\s+again|\s+in\s+advance|\s+for\s+(?:your|the|all\s+your)\s+(?:help|time|assistance|support)|\s+for\s+helping|\s+guys|\s+all)*`;
const CLOSING = String.raw`(?:(?:best|kind|warm|warmest|many)\s+(?:regards|wishes)|regards|best|cheers|sincerely|(?:yours\s+)?(?:truly|sincerely|faithfully)|all\s+the\s+best|take\s+care|have\s+a\s+(?:nice|good|great|lovely)\s+(?:day|one|weekend|evening)|xx+)`;
const SIGN_OFF = String.raw`(?:${THANKS}|${CLOSING})`;
// At the end of the text, after a sentence, comma or dash: a sign-off, perhaps followed by a name.
const TRAILING_SIGN_OFF = new RegExp(
  String.raw`(^|[.!?,;:\n)]|\s[-–—])[\s]*${SIGN_OFF}(?:\s*[,!.\-–—:]+\s*(?:${CAPITALISED}|[\p{Ll}'-]+)(?:\s+(?:${CAPITALISED}|[\p{Ll}'-]+))?|\s+${CAPITALISED}(?:\s+${CAPITALISED})?)?[\s.!,:;)\-–—]*$`,
  'iu',
);
// Thanks at the very end with no punctuation before it ("how much is shipping thanks", "... Cheers!"), perhaps
// with a name after a comma. Only thanks: "best" or "regards" there can be the question's own words.
const TRAILING_THANKS = new RegExp(
  String.raw`(\s)(?:${THANKS}|cheers)(?:\s*[,!.\-–—:]+\s*${CAPITALISED}(?:\s+${CAPITALISED})?)?[\s.!,:;)\-–—]*$`,
  'iu',
);
// Courtesy sentences that ask for nothing.
const COURTESY = new RegExp(
  String.raw`(^|[.!?\n]|,)\s*(?:i\s+)?(?:hope\s+(?:you(?:'re|\s+are)|all\s+is|this\s+(?:finds|reaches)\s+you|your\s+day\s+is)\s+(?:well|good|great|doing\s+well|going\s+well)(?:\s+today)?|sorry\s+(?:to\s+bother\s+you|for\s+the\s+(?:trouble|bother))|quick\s+question|no\s+rush|thanks\s+in\s+advance)\s*[.!,:;\-–—]*(?=\s|$)`,
  'giu',
);
// Whole sentences that open a message and ask for nothing: "I hope you can help me with something.", "Can you
// help me?", "I have a quick question:", "Sorry if this is a silly question.", "Long-time customer here." They
// must end as a sentence: "can you help me with my order" is the request itself.
const OPENER = new RegExp(
  String.raw`(?<=^|[.!?\n])\s*(?:i\s+(?:hope|wonder(?:ed)?\s+if|was\s+wondering\s+if)\s+(?:you|someone|somebody)\s+(?:can|could|might|will)\s+help(?:\s+me)?(?:\s+(?:with|on)\s+(?:something|a\s+(?:question|query|few\s+things)|this))?(?:\s+please)?|(?:can|could)\s+(?:you|someone|somebody)\s+(?:please\s+)?help(?:\s+me)?(?:\s+please)?|i\s+(?:have|had|got)\s+a\s+(?:quick\s+|small\s+|short\s+)?(?:question|query)(?:\s+for\s+you)?|sorry\s+if\s+this\s+is\s+a\s+(?:silly|stupid|dumb|daft|basic)\s+question|(?:long[\s-]?time|loyal|regular|repeat)\s+customer\s+here)\s*[.!?:]+(?=\s|$)`,
  'giu',
);
// A name signed on its own at the end: after a dash ("... - Sam", "—Ana"), or alone on the last line after a
// sentence or a blank line ("Where is it?\nMaria"). One to three capitalised words and nothing else: a last
// line such as "Earbuds" after "I want to return:" ends no sentence before it and stays, and so do a word
// written in capitals ("- Bravia TV") and the sizes and colours an option is named by ("the blue one - Medium").
const NOT_A_NAME = String.raw`(?:Small|Medium|Large|Extra|Black|White|Blue|Red|Green|Gr[ae]y|Silver|Gold|Pink|Yellow|Purple|Orange|Brown|Navy|Beige)\b`;
const NAME_WORD = String.raw`(?!${NOT_A_NAME})(?:\p{Lu}')?\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?`;
const NAME_WORDS = String.raw`${NAME_WORD}(?:[ \t]+${NAME_WORD}){0,2}`;
const SIGNED_NAME = new RegExp(
  String.raw`(?:[ \t]+[-–—]+[ \t]*|(?<=[.!?)\p{Extended_Pictographic}])[ \t]*\n[ \t]*(?:[-–—]+[ \t]*)?|\n[ \t]*\n[ \t]*(?:[-–—]+[ \t]*)?)${NAME_WORDS}[ \t]*[.!]?[ \t]*$`,
  'u',
);
// Chat shorthand for whole words ("pls", "u", "ur"): rare in the word vectors' text, so a sentence vector
// weighs them far above the words around them ("cancel #W2417020 pls" read as nothing the store handles).
// Each is read as the word it stands for; a letter in a name or a size ("size U", "U-lock") is not one.
const NOT_IN_A_WORD_BEFORE = String.raw`(?<![\p{L}\p{N}'-])`;
const NOT_IN_A_WORD_AFTER = String.raw`(?![\p{L}\p{N}'-])`;
/** One of `words` standing as a whole word. */
const wholeWord = (words: string, flags = 'giu') =>
  new RegExp(`${NOT_IN_A_WORD_BEFORE}(?:${words})${NOT_IN_A_WORD_AFTER}`, flags);
const SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [wholeWord('pls|plz|plse|pleas|pleez'), 'please'],
  [new RegExp(`${NOT_IN_A_WORD_BEFORE}r(?=[ \\t]+(?:u|you)${NOT_IN_A_WORD_AFTER})`, 'giu'), 'are'],
  // Lower case only: a capital U is a size or a letter more often than a word.
  [wholeWord('u', 'gu'), 'you'],
  [wholeWord('ur', 'gu'), 'your'],
  [wholeWord('smth|sth|smthg'), 'something'],
  [wholeWord('cuz|coz|bc|bcoz'), 'because'],
  [wholeWord('tmrw|tmr|tmrrw|2moro|2morrow'), 'tomorrow'],
  [wholeWord('pkg|pckg'), 'package'],
  [wholeWord('msg'), 'message'],
];
const SIGNATURE = /(?:^|\n)[ \t]*(?:--[ \t]*\n[\s\S]*|sent\s+from\s+my\s+[^\n]*)$/i;

/**
 * The customer's words as the intent model should read them: greetings, sign-offs, courtesy phrases and the
 * sender's name removed; order ids, tracking numbers, email addresses and amounts replaced by the
 * `PLACEHOLDERS`. "Hi, where is #W3113816? Thanks, Emma" and "where is #W9284598" then read alike. Case,
 * spelling and the rest of the wording are left to the model. When nothing is left (a message that is only
 * "Thanks!") the placeholders-only text is returned, so the model still sees what was said.
 */
export function normaliseForIntent(text: string, opts: NormaliseOptions = {}): string {
  return withoutCourtesy(withPlaceholders(foldQuotes(text)), opts);
}

/**
 * The request alone: greetings, sign-offs, courtesy phrases, a signature and the sender's name removed,
 * everything else as written (order ids, amounts and case included). What a search for the answer should
 * read: "Good morning team" and "Kind regards, Tom" match help-centre words ("team", "kind") that say nothing
 * about the question. The text itself when nothing would be left.
 */
export function withoutCourtesy(text: string, opts: NormaliseOptions = {}): string {
  const folded = foldQuotes(text);
  let s = folded.replace(SIGNATURE, '');
  s = stripSignOffs(s);
  // Greetings can come stacked: "Dear support, Hi, ...".
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s
      .replace(GREETING, '')
      .replace(BARE_GREETING, '')
      .replace(/^[\s,.;:!\-–—]+/, '');
    if (s === before) break;
  }
  s = s.replace(COURTESY, '$1').replace(OPENER, '');
  s = stripSignOffs(s);
  s = withoutNames(s, opts.names ?? []);
  s = tidy(s.replace(/^[\s,.;:!\-–—]+/, ''));
  return /[\p{L}\p{N}]/u.test(s) ? s : tidy(folded);
}

/**
 * The customer's words as a reader takes them, before any model reads them: chat shorthand written out ("can u
 * check it pls" -> "can you check it please") and a name signed alone at the end removed ("... - Sam"), which a
 * sender unknown to the channel leaves where `withoutCourtesy` cannot tell it from the message. Applied to what a
 * service reads of a ticket, not inside `normaliseForIntent`, whose every change is a change of what the models
 * were trained on (`NORMALISER_VERSION`).
 */
export function readableText(text: string): string {
  return expandShorthand(text.replace(SIGNED_NAME, ''));
}

/** Chat shorthand written out: "can u check it pls" -> "can you check it please". */
export function expandShorthand(text: string): string {
  return SHORTHAND.reduce((s, [pattern, word]) => s.replace(pattern, word), text);
}

function foldQuotes(text: string): string {
  return text.normalize('NFKC').replace(/[\u2018\u2019\u02bc`]/g, "'");
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Order ids, tracking numbers, email addresses and amounts replaced by their placeholder words. */
export function withPlaceholders(text: string): string {
  return replaceOrderIds(text.replace(EMAIL, ` ${PLACEHOLDERS.email} `), ` ${PLACEHOLDERS.order} `)
    .replace(TRACKING, ` ${PLACEHOLDERS.tracking} `)
    .replace(AMOUNT, ` ${PLACEHOLDERS.amount} `);
}

function stripSignOffs(text: string): string {
  let s = text.trimEnd();
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s.replace(TRAILING_SIGN_OFF, '$1').replace(TRAILING_THANKS, '$1').trimEnd();
    if (s === before) break;
  }
  return s;
}

const INTRO = String.raw`(?:(?:it'?s|its|this\s+is|my\s+name\s+is|i\s+am|i'm|im)\s+)`;

/** Removes the sender's full name anywhere, an introduction by name, and their name words when capitalised. */
function withoutNames(text: string, names: readonly string[]): string {
  let s = text;
  for (const name of names) {
    const parts = name
      .split(/\s+/)
      .map((p) => p.replace(/[^\p{L}'-]/gu, ''))
      .filter((p) => p.length >= 2);
    if (parts.length === 0) continue;
    const escaped = parts.map(escapeRegExp);
    const any = `(?:${escaped.join('|')})`;
    s = s.replace(
      new RegExp(String.raw`(?<![\p{L}])${INTRO}?${escaped.join(String.raw`\s+`)}(?![\p{L}])`, 'giu'),
      ' ',
    );
    s = s.replace(new RegExp(String.raw`(?<![\p{L}])${INTRO}${any}(?:\s+${any})?(?![\p{L}])`, 'giu'), ' ');
    // A single name word only when capitalised: "Mason" is a name, "mason" may be a word.
    s = s.replace(
      new RegExp(
        String.raw`(?<![\p{L}])(?:${parts.map((p) => capitalise(escapeRegExp(p))).join('|')})(?![\p{L}])`,
        'gu',
      ),
      ' ',
    );
  }
  return s;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
