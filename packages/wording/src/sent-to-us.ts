// The customer says the help centre, or an email of ours, told them to contact us ("Your page says contact you
// after 7 business days, so here I am"): they have read the section that answers the question and done what it
// says, so quoting it back sends them round in a circle. What it asks for next (a trace, a check of their case) is
// for a person. "Do I contact you or the carrier?" and "how do I contact you?" ask what the section says, and are
// not.

import { plainLowerCase } from './apostrophes.js';

/** Where the store tells a customer something in writing. */
const OURS = String.raw`(?:your|the) (?:web ?site|site|page|web ?page|faq|faqs|help ?(?:centre|center|page|section|article)|article|email|e-mail|app|policy|instructions|tracking page)`;

/** Contacting the store, in the words a page uses for it. */
const CONTACT = String.raw`(?:contact|email|e-mail|message|write to|reach out to|get in touch with|call|ring)`;

const PATTERNS: readonly RegExp[] = [
  // "your page says contact you after 7 business days", "the FAQ told me to get in touch with you"
  new RegExp(
    String.raw`\b${OURS} (?:says|said|told me|tells me|tells you|told us|asked me|asks) (?:[\w'-]+ ){0,3}?(?:to )?${CONTACT} (?:you|us|support|customer (?:service|support)|the support team)\b`,
  ),
  // "as your website says, I'm contacting you", "like the help page said, I'm getting in touch"
  new RegExp(
    String.raw`\b(?:as|like) ${OURS} (?:says|said|tells|told)\b[^.?!]{0,40}?\b(?:contacting|emailing|messaging|writing to|getting in touch with|reaching out to) you\b`,
  ),
];

/** The customer says a page or email of the store's sent them to contact it (`true`). */
export function sentToUsByTheHelpCentre(text: string): boolean {
  const s = plainLowerCase(text);
  return PATTERNS.some((p) => p.test(s));
}
