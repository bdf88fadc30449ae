// Another company's account, sign-in or subscription ("forgot my Hulu login", "my Apple ID is locked", "reset my
// Netflix password"), an order placed with another shop ("I ordered shoes on Zalando") or a card refused
// somewhere else ("declined at gas stations"): this store's help centre explains its own sign-in, orders and
// checkout, and its rules sent as the answer would tell the customer something untrue about the other company. Carriers and the payment methods the store takes
// (PayPal, Visa, Mastercard) are not here: customers name them about their orders with us.

/** Well-known companies whose accounts customers mistake us for, lower case, as customers spell them. */
const COMPANIES = [
  'netflix',
  'hulu',
  'disney plus',
  'disney\\+',
  'spotify',
  'youtube',
  'hbo max',
  'hbo',
  'prime video',
  'amazon prime',
  'amazon',
  'ebay',
  'walmart',
  'etsy',
  'apple',
  'icloud',
  'itunes',
  'app store',
  'google play',
  'microsoft',
  'xbox',
  'playstation',
  'psn',
  'steam',
  'nintendo',
  'facebook',
  'instagram',
  'tiktok',
  'whatsapp',
  'twitter',
  'snapchat',
  'linkedin',
  'uber',
  'lyft',
  'doordash',
  'airbnb',
  'venmo',
  'zelle',
  'cash app',
  'chase',
  'wells fargo',
  'bank of america',
  'capital one',
  'citibank',
].join('|');

/** What of such a company's a customer cannot get into: its account is only one when the sign-in is the issue. */
const SIGN_IN = String.raw`(?:login|log in|logon|sign in|signin|password|passcode|pin|username|user name|id|subscription|membership|profile|app|2fa|two factor|verification code)`;

const PATTERNS: readonly RegExp[] = [
  // "my hulu login", "the Apple ID", "reset my netflix password"
  new RegExp(String.raw`\b(${COMPANIES})(?: account)?(?:'s)? ${SIGN_IN}\b`, 'i'),
  // "log in to Spotify", "password for my Steam account"
  new RegExp(
    String.raw`\b(?:log ?in|sign ?in|password|access|locked out)(?: (?:to|into|for|of|on))? (?:my |the |your )?(${COMPANIES})\b`,
    'i',
  ),
  // "my Facebook account was hacked"
  new RegExp(
    String.raw`\b(${COMPANIES}) account (?:\w+ ){0,3}?(?:locked|hacked|suspended|disabled|banned|compromised|blocked)\b`,
    'i',
  ),
];

/** Other shops and marketplaces customers buy from, lower case, as customers spell them. */
const SHOPS = [
  'amazon',
  'ebay',
  'walmart',
  'etsy',
  'target',
  'best buy',
  'costco',
  'ikea',
  'zalando',
  'asos',
  'shein',
  'temu',
  'aliexpress',
  'alibaba',
  'zara',
  'h&m',
  'uniqlo',
  'argos',
  'currys',
  'john lewis',
  'tesco',
  'wayfair',
  'home depot',
  'macys',
  "macy's",
  'nordstrom',
  'sephora',
  'mediamarkt',
  'media markt',
  'rakuten',
  'flipkart',
  'mercado libre',
].join('|');

/** Places a card is used that are not an online shop's checkout. */
const PLACES = String.raw`(?:gas station|gas pump|petrol station|filling station|supermarket|grocery store|grocery shop|restaurant|bar|pub|cafe|coffee shop|atm|cash machine|cashpoint|pharmacy|hotel|toll|parking meter|vending machine)`;

const ELSEWHERE: readonly RegExp[] = [
  // "I ordered shoes on Zalando", "bought a TV from Best Buy", "my Amazon order"
  new RegExp(
    String.raw`\b(?:ordered|bought|purchased|order|purchase)(?: \S+){0,4}? (?:on|from|at|through|via|with) (${SHOPS})\b`,
    'i',
  ),
  new RegExp(String.raw`\b(?:my|an|the) (${SHOPS}) (?:order|purchase|parcel|package|delivery)\b`, 'i'),
  // "does Target price match Costco?", "will IKEA take it back?": what another shop does is its own rule, and this
  // store's answer to the same question would be read as that shop's.
  new RegExp(
    String.raw`\b(?:does|do|did|will|would|can|could) (${SHOPS}) (?!order|purchase|parcel|package|delivery)\w`,
    'i',
  ),
  // "my card keeps getting declined at gas stations", "rejected at the ATM"
  new RegExp(
    String.raw`\b(?:declined|rejected|refused|denied|bounced|not working|doesn't work|does not work|won't work|failed)(?: \S+){0,3}? (?:at|in) (?:a |an |the |most |some |every |all )?(${PLACES})s?\b`,
    'i',
  ),
];

const ALL = [...PATTERNS, ...ELSEWHERE];

/**
 * The other company or place the message's account, order or payment is with, lower case ("hulu", "zalando",
 * "gas station"); undefined when nothing says it is not this store's.
 */
export function anotherCompanysMatter(text: string): string | undefined {
  const s = text.replace(/[’]/g, "'").replace(/\s+/g, ' ');
  for (const p of ALL) {
    const m = p.exec(s);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}
