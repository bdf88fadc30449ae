// Displeasure said the other way round: praise that means its opposite ("Still not here. Fantastic."), a
// mocking picture of how slow something is ("coming by carrier pigeon?"), and the service the customer says
// they should have had ("I would have liked to know"). A literal reader takes these for calm; a person reading
// them would not answer with a bare status.

/** A sentence of praise and nothing else: "Fantastic.", "Just brilliant!", "Great job." */
const BARE_PRAISE =
  /^(?:oh |well |just |really |simply |absolutely |how |so |that is |thats |what a )?(?:great|fantastic|brilliant|wonderful|lovely|perfect|amazing|marvellous|marvelous|superb|awesome|excellent|terrific|splendid|fabulous|super|nice|cool)(?: (?:one|job|work|service|stuff|going))?$/;

/** The sentences before it say something has not happened or is taking long. */
const SHORTFALL = / (?:not|no|never|nothing|still|ages|yet|forever|nobody|none) /;

const MOCKING: readonly RegExp[] = [
  // "is it coming by snail mail?", "sent by carrier pigeon"
  / (?:by|via|on) (?:a )?(?:snail|carrier pigeon|pigeon|donkey|horse and cart|horseback|rowing boat|canoe|tortoise|turtle) /,
  // "is someone making it by hand?", "are you knitting it yourselves?"
  / (?:making|made|knitting|knitted|building|carving|weaving|sewing) (?:it|them|this|that) (?:by hand|yourselves|yourself|from scratch) /,
  / (?:walking|carrying|rowing|swimming) (?:it|them) (?:here|over|across) /,
  / thanks for nothing /,
];

/** What the customer says they should have been told or given: the store fell short of it. */
const EXPECTED: readonly RegExp[] = [
  / (?:i|we) would have (?:liked|appreciated|expected|preferred|thought) /,
  / (?:i|we) (?:expected|expect|deserve|deserved) (?:better|more) /,
  / (?:should|could) have (?:been )?(?:told|informed|notified|warned|emailed|messaged|let me know|let us know|said something) /,
  / not (?:even )?(?:a single|one) (?:email|message|word|update|reply|response|call|text) /,
  / (?:taking|takes|took) forever /,
  / (?:ordered|paid|shipped|sent|returned|bought|posted|cancelled|canceled|refunded|requested|reported|emailed|asked) (?:\S+ ){0,3}?ages ago /,
];

/**
 * Displeasure put as praise, mockery or an expectation let down. `canonical` is the text as the wording
 * patterns read it (`canonicalText`: lower case, one space between words, a space at each end), `sentences` each
 * of its sentences read the same way, in order.
 */
export function voicesDispleasureIndirectly(canonical: string, sentences: readonly string[]): boolean {
  if (MOCKING.some((p) => p.test(canonical)) || EXPECTED.some((p) => p.test(canonical))) return true;
  const said = sentences.map((x) => x.trim()).filter((x) => x !== '');
  return said.some(
    (s, i) => i > 0 && BARE_PRAISE.test(s) && SHORTFALL.test(` ${said.slice(0, i).join(' ')} `),
  );
}
