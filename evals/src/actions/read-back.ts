// How the simulated customer checks a read-back against what it asked for, as a careful customer reads "Electric
// Kettle (capacity: 1.5L, material: plastic, color: black)" when they asked for the 1.5L glass one: every item
// changed the way they said and nothing else about it, only the items they named, and the payment method they
// named. It reads the read-back's words and the customer's own words, and the options the store's product pages
// show for the items they own (never the task's expected actions).

/** An item of one of the customer's orders, with the options its product page offers. */
export interface OwnItem {
  name: string;
  options: Record<string, string>;
  /** Each option's values on the product page (the catalogue: public). */
  choices?: Record<string, string[]>;
}

/** Lower case, quotes and punctuation out, "1.5 L" as "1.5l": enough to find a value the customer wrote. */
function plain(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9.%]+/g, ' ')
    // "5-feet", "5 foot" and "5 ft" are one height; "31 inches" is the page's "31 inch".
    .replace(/(\d) (?:feet|foot)\b/g, '$1 ft')
    .replace(/(\d) inches\b/g, '$1 inch')
    .replace(/(\d)\s+(l|ft|gb|tb|w|mm|inch|mp)\b/g, '$1$2')
    .replace(/(\D)\.|\.(\D)/g, '$1 $2');
  return ` ${s.replace(/\s+/g, ' ').trim()} `;
}

/**
 * Where the value was last written for this option, or -1: not where it follows another option's name
 * ("frame color black" gives no lens colour).
 */
function lastFor(said: string, key: string, value: string, keys: readonly string[]): number {
  const others = keys.filter((k) => k !== key).map((k) => ` ${plain(k).trim()}`);
  const needle = ` ${plain(value).trim()} `;
  for (let at = said.lastIndexOf(needle); at >= 0; at = at > 0 ? said.lastIndexOf(needle, at - 1) : -1)
    if (!others.some((o) => said.slice(0, at).endsWith(o))) return at;
  return -1;
}

/** "k: v, k: v" as pairs. */
function optionsIn(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/,\s*/)) {
    const at = part.indexOf(': ');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 2).trim();
  }
  return out;
}

/** The swaps a read-back lists: "Name (old options) for Name (new options)". */
export function swapsIn(
  summary: string,
): Array<{ name: string; from: Record<string, string>; to: Record<string, string> }> {
  const re = /([A-Z][\w'&-]*(?: [\w'&-]+)*?) \(([^()]*)\) for \1 \(([^()]*)\)/g;
  return [...summary.matchAll(re)].map((m) => ({
    name: m[1]!,
    from: optionsIn(m[2]!),
    to: optionsIn(m[3]!),
  }));
}

/**
 * The names of options that hold their own values blanked out, positions kept: writing "bagged/bagless bagged"
 * asks for nothing bagless.
 */
function withoutValueNames(text: string, choices: Record<string, string[]>): string {
  const values = Object.values(choices)
    .flat()
    .map((v) => ` ${plain(v).trim()} `);
  let out = text;
  for (const key of Object.keys(choices)) {
    const name = ` ${plain(key).trim()} `;
    if (values.some((v) => name.includes(v))) out = out.replaceAll(name, ` ${'_'.repeat(name.length - 2)} `);
  }
  return out;
}

/**
 * Whether a swap is the one asked for: each option that changes takes a value the customer wrote, the value
 * written last for it when they wrote several; the value written last of all is there; something changes.
 */
export function swapFits(
  swap: { from: Record<string, string>; to: Record<string, string> },
  choices: Record<string, string[]>,
  said: string,
): boolean {
  const text = withoutValueNames(plain(said), choices);
  // The value written last of all, with every option it may belong to ("black" is a frame and a lens colour).
  const lasts: Array<{ key: string; value: string; at: number }> = [];
  let changed = false;
  for (const [key, now] of Object.entries(swap.to)) {
    const written = (choices[key] ?? [now])
      .filter((v) => v !== swap.from[key])
      .map((value) => ({ value, at: lastFor(text, key, value, Object.keys(choices)) }))
      .filter((w) => w.at >= 0)
      .sort((a, b) => b.at - a.at);
    if (written[0]) lasts.push({ key, ...written[0] });
    if (now === swap.from[key]) continue;
    changed = true;
    // A change they did not ask for, or an earlier wish they changed their mind about.
    if (written[0]?.value !== now) return false;
  }
  const lastAtAll = Math.max(-1, ...lasts.map((w) => w.at));
  const latest = lasts.filter((w) => w.at === lastAtAll);
  return changed && (latest.length === 0 || latest.some((w) => swap.to[w.key] === w.value));
}

const METHODS: Array<[RegExp, string]> = [
  [/pay\s?pal/i, 'paypal'],
  [/gift card|\bGC\b|website credit|store credit/i, 'gift_card'],
  [/credit card|\bcard\b|visa|mastercard|amex|discover/i, 'credit_card'],
];

/** The one kind of payment method a text names, if exactly one. */
export function methodKind(text: string): string | undefined {
  const ids = [...new Set([...text.matchAll(/\b(paypal|credit_card|gift_card)_\d+\b/g)].map((m) => m[1]!))];
  // "gift card" is not a credit card.
  const plainText = text.replace(/gift card/gi, 'GC');
  const kinds = ids.length > 0 ? ids : METHODS.filter(([re]) => re.test(plainText)).map(([, k]) => k);
  return kinds.length === 1 ? kinds[0] : undefined;
}

/** The method a read-back settles money with: "charged to PayPal", "goes to the gift card", "with PayPal instead". */
export function readBackMethod(summary: string): string | undefined {
  const m =
    /(?:charged to|refunded to|goes to|payment method:|with) (PayPal|the gift card|the \w+ card ending \d+)/.exec(
      summary,
    );
  return m ? methodKind(m[1]!) : undefined;
}

/**
 * Whether a read-back is what the customer wants in detail (the order and kind of change are checked by the
 * caller): the items it changes or returns are ones they named (or all, when they said so, or `implied`: the one
 * item of an order they named, which "change it to bamboo" needs no name for), each swap as they asked (`later`:
 * decisions they made along the way, after what they said first), and the payment method the one they named.
 */
export function detailsFit(
  summary: string,
  said: string,
  items: readonly OwnItem[],
  later: readonly string[] = [],
  implied: readonly OwnItem[] = [],
): boolean {
  const wrote = new Set(plain(said).trim().split(' ').map(singular));
  const all = /\b(?:all|everything|both)\b/i.test(said);
  const itemLevel = /^\s*(?:Return|In order)\b/.test(summary);
  if (itemLevel && !all) {
    for (const item of items) {
      if (!summary.includes(`${item.name} (`) || implied.includes(item)) continue;
      const head = singular(plain(item.name).trim().split(' ').at(-1) ?? '');
      if (!wrote.has(head)) return false;
    }
  }
  if (itemLevel && twiceUnasked(summary, said, items)) return false;
  for (const swap of swapsIn(summary)) {
    const item = items.find((i) => i.name === swap.name);
    const about = [said, ...later].map((t) => passageFor(t, swap.name, items)).join(' ');
    if (!swapFits(swap, item?.choices ?? {}, about)) return false;
  }
  const wanted = methodKind(said);
  const method = readBackMethod(summary);
  return !wanted || !method || wanted === method;
}

/**
 * What the customer said about one item: the text from each mention of its name's noun to the next mention of
 * another item's, and what they said before naming any item ("1L black, please" answers about whatever was asked).
 */
export function passageFor(said: string, name: string, items: readonly OwnItem[]): string {
  const nounOf = (n: string) => singular(plain(n).trim().split(' ').at(-1) ?? '');
  const mine = nounOf(name);
  const nouns = new Set(items.map((i) => nounOf(i.name)));
  let owner: string | undefined;
  const out: string[] = [];
  // An option list they wrote, "(color green, compartment laptop)", belongs to the item before it.
  for (const part of said.split(/(\([^()]*\))/)) {
    const options = part.startsWith('(');
    for (const word of plain(part).trim().split(' ').filter(Boolean)) {
      if (!options && nouns.has(singular(word))) owner = singular(word);
      if (owner === undefined || owner === mine) out.push(word);
    }
  }
  return out.join(' ');
}

/**
 * The read-back changes or returns one item twice (an order holding two of it) when the customer did not ask
 * for more than one ("both", "all", "two", the noun in the plural).
 */
function twiceUnasked(summary: string, said: string, items: readonly OwnItem[]): boolean {
  if (/\b(?:both|all|two|three|each)\b/i.test(said)) return false;
  const words = plain(said);
  return items.some((item) => {
    const options = Object.entries(item.options)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    if (summary.split(`${item.name} (${options})`).length - 1 < 2) return false;
    const noun = plain(item.name).trim().split(' ').at(-1) ?? '';
    return !words.includes(` ${noun}s `) && !words.includes(` ${noun}es `);
  });
}

function singular(w: string): string {
  return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}
