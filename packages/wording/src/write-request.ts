// The store write a customer's words ask for, found wherever it stands in the message: "I bought a kettle last
// week for my mother, and it turns out she already has one, so I'd like to return it" asks for a return. An
// intent classifier reads the whole message and can be split between writes ("exchange" against "modify") or
// pulled towards the story around the request; these words are the request itself. A question about whether
// something can be done ("Can I exchange shoes for another size?") asks for no write.

/** The kinds of write a request can name; `modify` does not say what is changed. */
export type WriteRequest = 'cancel' | 'return' | 'swap' | 'modify';

/** A request for something to be done, just before the verb: "I'd like to", "please", "can you", "For #W..., ". */
const FRAME =
  /(?:^|[.!?;:\n]\s*|\b(?:(?:i|and|but|so)(?:'d| would)?(?: also| really| just)? (?:like|want|need|wish|wanted|prefer)(?: you)? to|i'm (?:looking|hoping|trying) to|(?:can|could|would|will) you(?: please)?|please|help me|let me|i (?:have|had) to|go ahead and|i'd rather|i decided to|i've decided to|so i (?:want|need) to)\s+|#W\d{7},?\s+(?:i (?:want|need|would like) to\s+|please\s+)?)$/i;

const VERBS: Array<[WriteRequest, RegExp]> = [
  ['cancel', /\bcancel\b(?! ?(?:policy|fee))/gi],
  ['return', /\b(?:return|send back)\b(?!s| (?:policy|window|label|period|shipping))/gi],
  ['swap', /\b(?:exchange|swap)\b(?! (?:policy|rate))/gi],
  ['modify', /\b(?:change|modify|update|switch)\b/gi],
];

/**
 * The write the customer asks for in so many words: a verb in a request frame ("I'd like to return", "Please
 * cancel", "can you exchange", a sentence starting with it); the first such request when there are several.
 * `modify` is refined by what is changed (address, payment, items). Undefined when no request is worded.
 */
export function askedWrite(text: string): WriteRequest | undefined {
  return writeRequests(text)[0]?.write;
}

/**
 * Every request for a write in the text, in the order written, with where its verb stands and what it asks to
 * be done ("return the luggage set, with the refund to PayPal"): from the verb to the end of its sentence, cut
 * short where the text turns ("but keep the speaker") or asks for another write ("and exchange the tablet").
 */
export function writeRequests(text: string): Array<{ at: number; write: WriteRequest; span: string }> {
  const found: Array<{ at: number; write: WriteRequest }> = [];
  for (const [write, re] of VERBS) {
    for (const m of text.matchAll(re)) {
      if (FRAME.test(text.slice(Math.max(0, m.index - 60), m.index))) found.push({ at: m.index, write });
    }
  }
  const verbs = VERBS.flatMap(([, re]) => [...text.matchAll(re)].map((m) => m.index));
  return found
    .sort((a, b) => a.at - b.at)
    .map(({ at, write }) => {
      const next = Math.min(...verbs.filter((v) => v > at), text.length);
      const rest = text.slice(at, next);
      const end = rest.search(/[.!?](?=\s|$)|\n|\b(?:but|except|however|while|keep|keeping|although)\b/i);
      return { at, write, span: end > 0 ? rest.slice(0, end) : rest };
    });
}
