import type { Address, CancelReason, Order, PaymentMethod } from '@parley/commerce';

// The details of a write a customer states in words: a payment method, a cancellation reason, an address.

const KIND_WORDS: Array<[PaymentMethod['kind'], RegExp]> = [
  ['paypal', /\bpay\s?pal\b/gi],
  ['gift_card', /\b(?:gift[\s-]?cards?|gc|store credit|website credit|site credit|store balance)\b/gi],
  [
    'credit_card',
    // "SD card", "CF card", "memory card" are product options, not a way to pay.
    /\b(?:credit[\s-]?card|debit card|(?<!\b(?:sd|cf|micro ?sd|memory|sim|graphics|video|sound|gift)[\s-])card|visa|mastercard|amex|american express|discover)\b/gi,
  ],
];
/**
 * The method that paid, named by how it paid: "the original card", "whatever I paid with", or an answer that is
 * only "the original", "the same one" or "same as before". Within a longer message "the same one" or "the
 * original one" as often name an item ("the wireless version of the same one"), and are not read.
 */
const ORIGINAL = new RegExp(
  [
    String.raw`\boriginal(?:ly)? (?:payment|method|card|account)\b`,
    String.raw`^\s*(?:the )?(?:original|same)(?: one| as before| as last time)?\s*(?:please|pls|thanks)?[.!]*\s*$`,
    String.raw`\bsame (?:payment|method|card|way)\b`,
    String.raw`\b(?:the )?(?:payment )?method i (?:paid|used)\b`,
    String.raw`\b(?:the )?one i (?:originally )?(?:paid|used|ordered) with\b`,
    String.raw`\b(?:whatever|what) i (?:originally )?(?:paid|used)\b`,
    String.raw`\bhow i paid\b|\bwhere it came from\b|\bpaid with originally\b`,
  ].join('|'),
  'gim',
);

interface Mention {
  at: number;
  method: PaymentMethod | 'original' | 'unclear';
}

/** "not PayPal", "rather than the gift card", "than GC": a method named only to be turned down. */
function turnedDown(text: string, at: number): boolean {
  return /\b(?:not|n't|rather than|instead of|than|except|no)\s+(?:\w+\s+){0,2}$/i.test(
    text.slice(Math.max(0, at - 30), at),
  );
}

/**
 * The payment method the customer names, from their own methods: an id ("paypal_123"), a kind (PayPal, a gift
 * card, a card; a card by its brand or last four digits when they have several), or "the original" one. The
 * first one named that is not turned down; `exclude` leaves one out (the method an order is paid with, when
 * the customer asks to move away from it). Undefined when none is named or the words fit several.
 */
export function namedPayment(
  text: string,
  methods: readonly PaymentMethod[],
  exclude?: string,
): PaymentMethod | 'original' | undefined {
  const mentions: Mention[] = [];
  for (const m of methods) {
    const at = text.indexOf(m.id);
    if (at >= 0) mentions.push({ at, method: m });
  }
  for (const [kind, re] of KIND_WORDS) {
    for (const match of text.matchAll(re)) {
      const at = match.index;
      if (mentions.some((x) => Math.abs(x.at - at) < 3) || turnedDown(text, at)) continue;
      const own = methods.filter((m) => m.kind === kind && m.id !== exclude);
      const picked = own.length === 1 ? own[0]! : byCardDetails(text, own);
      mentions.push({ at, method: picked ?? 'unclear' });
    }
  }
  for (const match of text.matchAll(ORIGINAL)) mentions.push({ at: match.index, method: 'original' });
  const usable = mentions
    .filter((m) => m.method === 'original' || m.method === 'unclear' || m.method.id !== exclude)
    .sort((a, b) => a.at - b.at);
  const first = usable[0]?.method;
  return first === 'unclear' ? undefined : first;
}

function byCardDetails(text: string, cards: readonly PaymentMethod[]): PaymentMethod | undefined {
  const hit = cards.filter(
    (m) =>
      m.kind === 'credit_card' &&
      (text.includes(m.lastFour) || new RegExp(`\\b${m.brand}\\b`, 'i').test(text)),
  );
  return hit.length === 1 ? hit[0] : undefined;
}

/** The method that paid for the order first (where the store's policy sends a refund). */
export function originalMethod(order: Order): string | undefined {
  return order.paymentHistory.find((t) => t.type === 'payment')?.paymentMethodId;
}

/**
 * The method the order is paid with now: the last one used that still holds a net payment. After a payment
 * change the first method was refunded, and "the original payment method" for a price difference is the one the
 * order stands on, not the card that no longer pays for it.
 */
export function payingMethod(order: Order): string | undefined {
  const net = new Map<string, number>();
  for (const t of order.paymentHistory)
    net.set(
      t.paymentMethodId,
      (net.get(t.paymentMethodId) ?? 0) + (t.type === 'payment' ? t.amount : -t.amount),
    );
  const paying = [...order.paymentHistory]
    .reverse()
    .find((t) => t.type === 'payment' && net.get(t.paymentMethodId)! > 0.005);
  return paying?.paymentMethodId ?? originalMethod(order);
}

/** One pattern matching any of the phrases, each as whole words. */
const anyPhrase = (phrases: readonly string[]): RegExp => new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'i');

/**
 * Everyday ways of saying an order was placed by mistake: a slip ("clicked buy by accident", "oops"), the wrong
 * thing or size ordered, the same order placed twice.
 */
const MISTAKE = anyPhrase([
  "by mistake|mistaken(?:ly)?|accident(?:al|ally)?|by error|in error|wrong order|didn'?t mean to|did not mean to",
  'mis-?click(?:ed)?|clicked (?:buy|order|the button|it) by|oops|typo',
  '(?:ordered|bought|picked|chose|got|selected) (?:the |a )?wrong',
  'wrong (?:size|colou?r|item|one|thing|model|product|version|variant|quantity|amount)',
  '(?:ordered|placed|bought|paid for) (?:it |this |the order |the same (?:thing |order )?)?twice',
  'double(?:d)?[- ]?(?:order(?:ed)?|clicked)|duplicate(?: order)?|meant to order',
]);
/**
 * Everyday ways of saying the order is no longer needed: not wanted any more, found or had elsewhere, a change of
 * plans, a wait too long to be worth it.
 */
const NOT_NEEDED = anyPhrase([
  "no longer need(?:ed)?|don'?t need|do not need|not need(?:ed)?|no longer want|don'?t want|do not want",
  "won'?t need|changed (?:my|our) minds?|no need for|not interested|decided (?:against|not to)|rather not",
  '(?:found|got|bought|saw) (?:it |one |them |something )?(?:cheaper|elsewhere|somewhere else|locally|in a store)',
  'cheaper (?:elsewhere|somewhere|locally|online|at)',
  '(?:already (?:have|got|bought|own)|(?:have|got) (?:one|it|them) already)',
  "plans? (?:have |has )?changed|change of plans?|taking (?:too|so) long|too long to|can'?t wait (?:that|this|so) long",
]);

/** The cancellation reason the store accepts, when the customer's words say which. */
export function cancelReason(text: string): CancelReason | undefined {
  if (MISTAKE.test(text)) return 'ordered by mistake';
  if (NOT_NEEDED.test(text)) return 'no longer needed';
  return undefined;
}

// A house number (not an order id's digits), up to four words of street name (none a number but an ordinal: in
// "in 2 days to 12 Oak St" the street starts at 12), and the street's kind.
const STREET =
  /(?<![\w#$])(\d+[A-Za-z]?\s+(?:(?:\d+(?:st|nd|rd|th)|[A-Za-z][\w.'-]*)\s+){0,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Square|Sq)\b\.?)/gi;
const UNIT = /^\s*,?\s*((?:Suite|Ste|Apt|Apartment|Unit|Floor|#)\.?\s*[\w-]+)/i;

/** US states and territories by name, for an address that spells its state out ("Austin, Texas 78701"). */
const STATES: Record<string, string> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  'district of columbia': 'DC',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  'puerto rico': 'PR',
  guam: 'GU',
};
const CODES = new Set(Object.values(STATES));
const STATE = [...Object.keys(STATES), ...[...CODES].map((c) => c.toLowerCase())]
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/ /g, '\\s+'))
  .join('|');
// The comma between city and state is often left out ("Dallas TX 75201"), and some write the state's name.
const PLACE = new RegExp(
  `^\\s*,?\\s*([A-Za-z][A-Za-z .'-]*?)(?:\\s*,\\s*|\\s+)(${STATE})\\.?\\s*,?\\s*(\\d{5})(?:-\\d{4})?\\b(?:\\s*,?\\s*(USA|United States|US)\\b)?`,
  'i',
);

/** A unit of a building: "Suite 310", "apt 4B", "Unit #12", "Floor 2". */
const UNIT_WORDS = String.raw`(?:suite|ste|apt|apartment|unit|floor)\.?\s*#?\s*[\w-]*\d[\w-]*`;
/** The unit said to be the right one: "Should be Suite 310", "it's apt 4B", "change it to unit 12". */
const NEW_UNIT = new RegExp(
  String.raw`\b(?:should (?:be|say|read)|to|is|it's|its|correct one is|new one is)\s+(?:an? |the )?(${UNIT_WORDS})`,
  'i',
);
/** Words saying the address on the order is wrong or is to change. */
const CORRECTION = /\b(?:wrong|incorrect|typo|mistake|fix|correct|update|change|should be)\b/i;

/**
 * The order's address with only its unit changed, when the message corrects the unit alone ("wrong suite number!
 * Should be Suite 310 not what I put. Same street, same city."): the street, city, state and ZIP stay the order's,
 * and the read-back shows the whole address before anything changes. Undefined when no new unit is said, or a
 * street is written out (then the address is the one written).
 */
export function unitCorrected(text: string, current: Address): Address | undefined {
  if (!CORRECTION.test(text)) return undefined;
  const unit = NEW_UNIT.exec(text)?.[1];
  if (unit === undefined) return undefined;
  return { ...current, line2: labelCase(unit.replace(/\s+/g, ' ').trim()) };
}

/** A part written all in lower case, capitalised as an address label is ("12 oak st" -> "12 Oak St"). */
function labelCase(part: string): string {
  if (part !== part.toLowerCase()) return part;
  return part.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** The state's two-letter code, from a code in any case or the state's name. */
function stateCode(written: string): string {
  const name = written.toLowerCase().replace(/\s+/g, ' ');
  return STATES[name] ?? name.toUpperCase();
}

/**
 * A postal address written out: street, an optional suite or apartment, city, state and ZIP code. Case is the
 * customer's unless they wrote a part all in lower case; the state becomes its two-letter code.
 */
export function addressIn(text: string): Address | undefined {
  // The first street followed by a place: "3 kids and way too much" is no street of "12 Oak St, Austin, TX ...".
  for (const street of text.matchAll(STREET)) {
    let rest = text.slice(street.index + street[0].length);
    const unit = UNIT.exec(rest);
    if (unit) rest = rest.slice(unit[0].length);
    const place = PLACE.exec(rest);
    if (!place) continue;
    return {
      line1: labelCase(street[1]!.trim()),
      line2: labelCase(unit?.[1]?.trim() ?? ''),
      city: labelCase(place[1]!.trim()),
      state: stateCode(place[2]!),
      zip: place[3]!,
      country: 'USA',
    };
  }
  return undefined;
}
