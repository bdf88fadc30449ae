import { PLACEHOLDERS } from './normalise.js';

/**
 * Words that frame a question without saying what it is about: pronouns, auxiliaries, prepositions, politeness
 * ("kindly", "mind", "sorry to bother"), asking frames ("could you let me know", "I'm keen to know") and the
 * time of asking ("at the moment", "so far").
 */
const FRAME = new Set(
  (
    'a an the i im id ive me my mine we us our you your u ur ya it its they them their this that these those ' +
    'is are r was were be been being am do does did have has had can could would will should may might shall ' +
    'to of on for with about regarding re at in from by and or so if whether as ' +
    'please pls plz kindly just quick quickly one question sorry bother mind tell let know ask asking wondering ' +
    'wonder wanted want wanna like love curious keen hoping hope inform advise what whats ' +
    'share confirm give giving get got any some anything there here again also see check checking idea ' +
    'now currently current right moment today yet still already far lately ' +
    'ordered bought purchased paid placed'
  ).split(' '),
);

/** Words that ask how an order is getting on: where it is, its progress or status, when it comes. */
const PROGRESS = new Set(
  (
    'where wheres whereabouts status progress progressing update updates news latest eta stand stands ' +
    'standing position state stage headway track tracking moving movement moved along going doing looking ' +
    'coming getting happening happened situation word info information how hows up when transit way things ' +
    // where it has got to, in the store's and the carrier's words
    'ship shipped sent dispatched posted delivered left processed pending courier carrier warehouse gone ' +
    'arrive arrived arriving expect expected soon out week weekend tomorrow'
  ).split(' '),
);

/** Words for an order; "order" may be the verb ("when can I order?"), so a word alone is not the order. */
const ORDER_WORDS = new Set([
  'order',
  'orders',
  'purchase',
  'parcel',
  'package',
  'shipment',
  'delivery',
  'stuff',
]);

/** The order itself: its number, or a word for it that is the customer's ("my order", "the parcel"). */
const AN_ORDER = new RegExp(
  String.raw` (?:${PLACEHOLDERS.order}|(?:my|our|the|this) (?:${[...ORDER_WORDS].join('|')})) `,
);

/**
 * How to do something ("how do I see my order?") or where it goes ("where is my order going to?"): a procedure
 * or an address, which a status does not give, in the same words.
 */
const NOT_PROGRESS =
  / how (?:do|does|can|could|should|would) (?:i|we|you) | how (?:will|would|does|do|is|are) (?:\S+ ){1,4}?(?:arrive|come|be delivered|be shipped|be sent|delivered|shipped|sent) | (?:going|headed|heading) to $/;

const NO_THINGS: ReadonlySet<string> = new Set();

/** Longer than this, a message says more than "how is it going?", whatever its words. */
const MOST_WORDS = 20;

/**
 * A message about an order that, greetings and sign-offs aside (`canonical` is `canonicalText` of
 * `withoutCourtesy`), says nothing but how the order is getting on: every word frames the question, names the
 * order or asks after its progress ("Any headway on #W…?", "Where does #W… stand at the moment?", "#W… where r
 * we"). A word of anything else (an item, a change, a problem, a negation, another question) and it is not.
 * The status patterns read the usual wordings; this reads the rest, word by word, of a message that names
 * nothing a status would not answer. `things`: words that name what the order holds ("hiking", "boots" of the
 * Hiking Boots), which name the order as well as its number does ("has my hiking boots left yet?").
 */
export function asksOnlyProgress(canonical: string, things: ReadonlySet<string> = NO_THINGS): boolean {
  const words = canonical.trim().split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MOST_WORDS || NOT_PROGRESS.test(canonical)) return false;
  if (!AN_ORDER.test(canonical) && !words.some((w) => things.has(w))) return false;
  let progress = false;
  for (const w of words) {
    if (PROGRESS.has(w)) progress = true;
    else if (w !== PLACEHOLDERS.order && !ORDER_WORDS.has(w) && !FRAME.has(w) && !things.has(w)) return false;
  }
  return progress;
}
