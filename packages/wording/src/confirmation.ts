// Whether a customer's message answers a proposal read back to them with an explicit yes or no. Conservative on
// purpose: only a short message made of agreeing (or refusing) words and politeness counts; anything with a
// question, a condition or more to say ("yes, but to my new address") is an ordinary message.

const wordList = (list: string): string[] => list.split(' ');

/** Words that carry the agreement itself. */
const YES_CORE = new Set(
  wordList(
    'yes yeah yea ya yep yup y sure ok okay k confirm confirmed proceed correct absolutely definitely certainly ' +
      'affirmative agreed agree alright fine',
  ),
);
/** Words that may keep an agreement company ("yes, please cancel that order for me"). */
const YES = new Set([
  ...YES_CORE,
  ...wordList(
    "right perfect great good sounds works go ahead do it that thats that's is please pls plz i want to me us by " +
      'would like exactly all done cancel change return exchange update modify swap the order mine my one this ' +
      'them him her thing sir maam looks look process asap with cancellation refund address payment make ' +
      'details detail those these everything information info accurate are was were changes modification',
  ),
]);
const GO_AHEAD = [
  /\bgo ahead\b/,
  /\bplease do\b/,
  /\bdo it\b/,
  /\bsounds good\b/,
  /\bthat works\b/,
  /\bthat'?s right\b/,
  /\bgo for it\b/,
];
/** Words that carry the refusal itself. */
const NO_CORE = new Set(wordList("no nope nah not dont don't never stop wait hold mind n"));
/** Words that may keep a refusal company ("no thanks, I've changed my mind, leave the order as it is"). */
const NO_COMPANY = new Set([
  ...NO_CORE,
  ...wordList(
    'on thanks thank you do it that please anymore now yet changed my mind i ve ive have need want to leave as is keep the order cancel actually ' +
      "will i'll i've rather",
  ),
]);
/** Politeness either answer may carry. */
const POLITE = new Set(
  wordList(
    'thanks thank you thx ty cheers much so very a lot hi hello hey dear kind regards best and oh well then just ' +
      'for your help appreciated',
  ),
);

const MAX_WORDS = 14;

/** A core word with a letter held for emphasis ("yesss", "nooo", "okkk") read as the word itself. */
function unstretched(word: string): string {
  if (YES_CORE.has(word) || NO_CORE.has(word)) return word;
  const short = word.replace(/(.)\1+/g, '$1');
  return YES_CORE.has(short) || NO_CORE.has(short) ? short : word;
}

/** 'yes', 'no', or null when the message is not a plain answer to the proposal. */
export function confirmationOf(text: string): 'yes' | 'no' | null {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (lower.includes('?')) return null;
  // Sign-off lines ("Best,\nAna") and names are not part of the answer: read the first line that says something.
  const lines = lower.split(/\n/).map((line) =>
    line
      .split(/[^a-z']+/)
      .filter(Boolean)
      .map(unstretched),
  );
  const words = lines.find(
    (line) =>
      line.some((w) => YES_CORE.has(w) || NO_CORE.has(w)) || GO_AHEAD.some((p) => p.test(line.join(' '))),
  );
  if (!words || words.length > MAX_WORDS) return null;
  const agrees = words.some((w) => YES_CORE.has(w));
  const goAhead = GO_AHEAD.some((p) => p.test(words.join(' ')));
  const refuses = words.some((w) => NO_CORE.has(w));
  if (refuses && !agrees && words.every((w) => NO_COMPANY.has(w) || POLITE.has(w))) return 'no';
  if ((agrees || goAhead) && !refuses && words.every((w) => YES.has(w) || POLITE.has(w))) return 'yes';
  return null;
}
