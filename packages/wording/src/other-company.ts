// Another company's account, sign-in or subscription ("forgot my Hulu login", "my Apple ID is locked", "reset my
// Netflix password"): this store's help centre explains its own sign-in, and its steps sent as the answer would
// tell the customer something untrue about the other company. Carriers and the payment methods the store takes
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

/**
 * The company whose account, sign-in or subscription the message asks about when it is not this store's, lower
 * case ("hulu"); undefined otherwise.
 */
export function anotherCompanysAccount(text: string): string | undefined {
  const s = text.replace(/[’]/g, "'").replace(/\s+/g, ' ');
  for (const p of PATTERNS) {
    const m = p.exec(s);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}
