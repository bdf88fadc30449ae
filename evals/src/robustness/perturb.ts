import { mulberry32 } from '@parley/intent-model/rng';

/** Ways customers write the same request differently, none of which changes what they ask. */
/**
 * `context` and `typography` are not part of `all` (added after it, so the other kinds' seeds and figures stay as
 * they were): a sentence of the customer's situation before the text, which says nothing of what they ask; the
 * typographic apostrophes and quotation marks a phone's keyboard puts in ("I’d like…", “tracking”).
 */
export const PERTURBATIONS = [
  'typo',
  'casing',
  'politeness',
  'signoff',
  'all',
  'context',
  'typography',
] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

type Random = () => number;

const GREETINGS = [
  'Hi there, ',
  'Hello, ',
  'Hi! ',
  'Hey, ',
  'Good morning, ',
  'Hello team, ',
  'Dear support, ',
];
const THANKS = [
  ' Thanks so much!',
  ' Thank you!',
  ' Thanks in advance.',
  ' Many thanks.',
  ' Cheers!',
  ' Thx',
];
const SIGN_OFFS = [
  '\n\nBest, Maria',
  '\n\nKind regards,\nTom Becker',
  ' Thanks, Emma',
  '\nCheers,\nAnya',
  '\n\nRegards,\nJames Okafor',
  ' - Sam',
];
// Situations customers mention before asking; none of them is a problem with an order or asks for anything.
const CONTEXTS = [
  'I have been shopping with you for a couple of years now. ',
  'I was looking through your website earlier today. ',
  'My partner usually takes care of our online orders. ',
  'I am planning a few purchases for the holidays. ',
  'A friend recommended your store to me last week. ',
  'I am writing from my phone on the train, so sorry if this is short. ',
];
// Neighbouring keys on a QWERTY keyboard, for substitution typos.
const KEYS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

const pick = <T>(xs: readonly T[], random: Random): T => xs[Math.floor(random() * xs.length)]!;

function neighbour(ch: string, random: Random): string {
  const lower = ch.toLowerCase();
  const row = KEYS.find((r) => r.includes(lower));
  if (!row) return ch;
  const i = row.indexOf(lower);
  const options = [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
  const out = pick(options, random);
  return ch === lower ? out : out.toUpperCase();
}

/**
 * One keyboard slip in one word of four letters or more (two in texts of more than twelve words): two
 * neighbouring letters swapped, a letter dropped or doubled, or a neighbouring key hit. The first letter is
 * kept, as it mostly is in real typos.
 */
export function typo(text: string, random: Random): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return text;
  const count = text.split(/\s+/).length > 12 ? 2 : 1;
  let out = text;
  const chosen = new Set<number>();
  for (let k = 0; k < count && chosen.size < words.length; k++) {
    let w = Math.floor(random() * words.length);
    while (chosen.has(w)) w = (w + 1) % words.length;
    chosen.add(w);
  }
  // Edit from the last word back so earlier offsets stay valid.
  for (const w of [...chosen].sort((a, b) => b - a)) {
    const m = words[w]!;
    const word = m[0];
    const i = 1 + Math.floor(random() * (word.length - 1));
    const kind = Math.floor(random() * 4);
    let slipped: string;
    if (kind === 0 && i < word.length - 1)
      slipped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    else if (kind === 1) slipped = word.slice(0, i) + word.slice(i + 1);
    else if (kind === 2) slipped = word.slice(0, i) + word[i] + word.slice(i);
    else slipped = word.slice(0, i) + neighbour(word[i]!, random) + word.slice(i + 1);
    // Swapping two equal letters changes nothing: drop one instead.
    if (slipped === word) slipped = word.slice(0, i) + word.slice(i + 1);
    out = out.slice(0, m.index) + slipped + out.slice(m.index! + word.length);
  }
  return out;
}

export function casing(text: string, random: Random): string {
  return random() < 0.5 ? text.toLowerCase() : text.toUpperCase();
}

export function politeness(text: string, random: Random): string {
  return `${pick(GREETINGS, random)}${text}${pick(THANKS, random)}`;
}

export function signoff(text: string, random: Random): string {
  return `${text}${pick(SIGN_OFFS, random)}`;
}

export function context(text: string, random: Random): string {
  return `${pick(CONTEXTS, random)}${text}`;
}

/** Typographic punctuation as phones type it: ’ for every apostrophe, “ ” around quotations, … for "...". */
export function typography(text: string): string {
  let quotes = 0;
  return text
    .replace(/'/g, '’')
    .replace(/\.\.\./g, '…')
    .replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'));
}

/**
 * The text written another way, the same every run: the generator is seeded from `seed` and the text's
 * position, so one text's perturbation does not depend on the others.
 */
export function perturb(text: string, kind: Perturbation, seed: number, index: number): string {
  const random = mulberry32((seed * 1_000_003 + index * 7919 + PERTURBATIONS.indexOf(kind)) >>> 0);
  switch (kind) {
    case 'typo':
      return typo(text, random);
    case 'casing':
      return casing(text, random);
    case 'politeness':
      return politeness(text, random);
    case 'signoff':
      return signoff(text, random);
    case 'all':
      return casing(signoff(politeness(typo(text, random), random), random), random);
    case 'context':
      return context(text, random);
    case 'typography':
      return typography(text);
  }
}
