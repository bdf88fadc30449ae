/**
 * The customer says someone else has used their account: orders they did not place, a hacked account, someone
 * logged into it. The help centre's "reset your password and contact us straight away" reads as the answer, and
 * they have just contacted us: a person secures the account and looks at the orders.
 */

// Gaps like [^.?!\n]{0,30} keep a match inside one sentence.
const GAP = String.raw`[^.?!\n]{0,30}`;
const re = (source: string) => new RegExp(source, 'i');

const NOT_MINE = String.raw`\b(?:i|we)\s+(?:never|didn['’]?t|did not|haven['’]?t|have not)\s+(?:make|made|place|placed|order|ordered|buy|bought|authori[sz]e|authori[sz]ed)\b`;

const MISUSE: readonly RegExp[] = [
  re(String.raw`\b(?:orders?|purchases?)\b${GAP}${NOT_MINE}`),
  re(String.raw`\bunauthori[sz]ed\s+(?:orders?|purchases?|charges?|access|logins?|use)\b`),
  re(String.raw`\baccount\b${GAP}\b(?:hacked|compromised|hijacked|broken into|taken over)\b`),
  re(String.raw`\b(?:hacked|compromised|hijacked)\b${GAP}\bmy account\b`),
  re(
    String.raw`\b(?:someone|somebody|a stranger|another person)\b${GAP}\b(?:using|used|logged into|got into|broke into|accessed)\b${GAP}\bmy account\b`,
  ),
];

/** The message says someone else used the sender's account (see above). */
export function reportsAccountMisuse(text: string): boolean {
  return MISUSE.some((p) => p.test(text));
}
