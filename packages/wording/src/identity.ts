// Who an unknown sender says they are, as the store's policy lets them prove it: the email of the account, or
// their full name with the account's ZIP code. The caller looks these up in the store.

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const ZIP = /\b(\d{5})(?:-\d{4})?\b/g;
/** A name introduced as one, in any case ("My name is Harper Kim", "name: harper kim", "this is Harper Kim"). */
const INTRODUCED =
  /\b(?:my name is|my name's|name is|name:|i am|i'm|im|this is|it's|its)\s+([a-z][a-z'-]+)\s+([a-z][a-z'-]+)/gi;
/**
 * Two words written right before a five-digit number ("Harper Kim, 95119", "harper kim zip 95119"). Not the words
 * after one: in "..., TX 78219. James Kim, 92199" they follow the new address's ZIP code.
 */
const BEFORE_ZIP =
  /([a-z][a-z'-]+)\s+([a-z][a-z'-]+)[\s,;:.-]+(?:zip(?:\s*code)?\s*(?:is\s*)?:?\s*)?(\d{5})\b/gi;
/** Words that end a name rather than belong to it ("... Kim and my zip is"). */
const NOT_NAMES = new Set(
  'and or my zip code is the a an to from in at of for with name email mail address am here thanks thank you please'.split(
    ' ',
  ),
);
/** Name and ZIP code pairs tried at most: each is one store lookup. */
const MAX_PAIRS = 6;

export interface NameAndZip {
  firstName: string;
  lastName: string;
  zip: string;
}

export interface IdentityClaim {
  emails: string[];
  /**
   * The full names with ZIP codes the sender may have given, most likely first; the store decides which, if
   * any, is theirs. A name written right beside a five-digit number goes with that number; any other name with
   * the ZIP code the text gives (said to be one, or its only five-digit number).
   */
  names: NameAndZip[];
}

/**
 * Emails, full names and ZIP codes the customer wrote; a full name given at the edge stands in for one not
 * written. A name is only ever looked up together with a ZIP code, and both must be one account's, so a pair of
 * words misread as a name finds nothing rather than someone else.
 */
export function identityIn(texts: readonly string[], edgeName?: string): IdentityClaim {
  const text = texts.join('\n');
  const emails = [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))];
  // Email addresses are set aside first: their digits and words are not a ZIP code or a name.
  const rest = text.replace(EMAIL, ' ');
  // A ZIP code is a five-digit number said to be one, or any five-digit number when it is the only one.
  const said = [...rest.matchAll(/zip(?:\s*code)?\D{0,20}(\d{5})\b/gi)].map((m) => m[1]!);
  const all = [...new Set([...rest.matchAll(ZIP)].map((m) => m[1]!))];
  const zips = said.length > 0 ? [...new Set(said)] : all.length === 1 ? all : [];
  type Written = readonly [first: string, last: string, zip?: string];
  const edge = (edgeName ?? '').trim().split(/\s+/).filter(Boolean);
  const written: Written[] = [
    ...[...rest.matchAll(BEFORE_ZIP)].map((m) => [m[1]!, m[2]!, m[3]!] as const),
    ...[...rest.matchAll(INTRODUCED)].map((m) => [m[1]!, m[2]!] as const),
    ...(edge.length >= 2 ? [[edge[0]!, edge.at(-1)!] as const] : []),
  ];
  const names: NameAndZip[] = [];
  const seen = new Set<string>();
  for (const [first, last, beside] of written) {
    if (NOT_NAMES.has(first.toLowerCase()) || NOT_NAMES.has(last.toLowerCase())) continue;
    for (const zip of beside ? [beside] : zips) {
      const key = `${first} ${last} ${zip}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      names.push({ firstName: first, lastName: last, zip });
    }
  }
  return { emails, names: names.slice(0, MAX_PAIRS) };
}

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^a-z'-]+/)
    .filter(Boolean);

/**
 * The name given at the edge is the account's, as far as it goes: each of its words is one of the account's
 * names, or the initial of one ("Harper", "Harper Kim", "H. Kim" for Harper Kim; not "Bob"). When the edge gave
 * no name, any account's agrees.
 */
export function nameAgrees(edgeName: string | undefined, accountName: string): boolean {
  const given = words(edgeName ?? '');
  if (given.length === 0) return true;
  const own = words(accountName);
  return given.every((w) => own.includes(w) || (w.length === 1 && own.some((o) => o.startsWith(w))));
}

/** Where a claim is looked up: the store's accounts, however a service reads them. */
export interface AccountLookup {
  /** The account with this email (given lower-cased). */
  byEmail(email: string): Promise<string | null>;
  /** The account's full name. */
  nameOf(accountId: string): Promise<string | null>;
  byNameZip(name: NameAndZip): Promise<string | null>;
}

/**
 * The account a claim identifies, if any: by an email whose account bears the name given at the edge (`nameAgrees`:
 * an email typed in a message does not open someone else's account), else by full name and ZIP code.
 */
export async function claimedAccount(
  claim: IdentityClaim,
  edgeName: string | undefined,
  lookup: AccountLookup,
): Promise<string | null> {
  for (const email of claim.emails) {
    const id = await lookup.byEmail(email);
    const name = id ? await lookup.nameOf(id) : null;
    if (id && name !== null && nameAgrees(edgeName, name)) return id;
  }
  for (const name of claim.names) {
    const id = await lookup.byNameZip(name);
    if (id) return id;
  }
  return null;
}

// The same patterns for a yes-or-no test (a global pattern's `test` would carry its position between calls).
const AN_EMAIL = new RegExp(EMAIL.source, 'i');
const A_ZIP = new RegExp(ZIP.source);

/** The message gives details a sender is identified by: an email address or a five-digit number (a ZIP code). */
export function givesIdentity(text: string): boolean {
  return AN_EMAIL.test(text) || A_ZIP.test(text);
}

/**
 * The text with the ZIP codes a sender identifies themselves with taken out, and the full names they gave: what
 * an intent classifier should not read ("For #W..., modify the charger ... Olivia Lopez, 76171" asks what it asks
 * without the name and number). Only names paired with a ZIP code are found, as `identityIn` finds them.
 */
export function withoutIdentity(text: string, edgeName?: string): { text: string; names: string[] } {
  const { names } = identityIn([text], edgeName);
  let s = text;
  for (const { zip } of names) s = s.replace(new RegExp(String.raw`\b${zip}(?:-\d{4})?\b`, 'g'), ' ');
  return { text: s, names: [...new Set(names.map((n) => `${n.firstName} ${n.lastName}`))] };
}
