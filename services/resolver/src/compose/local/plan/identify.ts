// Who an unknown sender says they are, as the store's policy lets them prove it: the email of the account, or
// their full name with the account's ZIP code. The caller looks these up in the store.

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const ZIP = /\b(\d{5})(?:-\d{4})?\b/g;
const NAME = /\b(?:my name is|i am|i'm|this is|name:)\s+([A-Z][a-z'-]+)\s+([A-Z][a-z'-]+)/;

export interface IdentityClaim {
  emails: string[];
  name?: { firstName: string; lastName: string };
  zips: string[];
}

/** Emails, a full name and ZIP codes the customer wrote; a name given at the edge stands in for one not written. */
export function identityIn(texts: readonly string[], edgeName?: string): IdentityClaim {
  const text = texts.join('\n');
  const emails = [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))];
  // A ZIP code is a five-digit number said to be one, or any five-digit number when it is the only one.
  const said = [...text.matchAll(/zip(?:\s*code)?\D{0,20}(\d{5})\b/gi)].map((m) => m[1]!);
  const all = [...new Set([...text.matchAll(ZIP)].map((m) => m[1]!))];
  const zips = said.length > 0 ? [...new Set(said)] : all.length === 1 ? all : [];
  const written = NAME.exec(text);
  const parts = written ? [written[1]!, written[2]!] : (edgeName ?? '').trim().split(/\s+/);
  const name =
    parts.length >= 2 && parts[0] && parts.at(-1)
      ? { firstName: parts[0], lastName: parts.at(-1)! }
      : undefined;
  return { emails, zips, ...(name ? { name } : {}) };
}

/** The edge's name and a name in the text agree, when both are given (case and spacing aside). */
export function sameName(a: string | undefined, b: string): boolean {
  if (!a) return true;
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}
