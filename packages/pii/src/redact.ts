import { maskCards } from './cards.js';

// Redaction of personal data before text reaches a log, the audit trail's free text or a model provider.
// Patterns favour recall: a false "[phone]" in a log costs little, a leaked number costs a lot.

// A match starts only where a run of local-part characters starts: otherwise a long run with no domain after
// its "@" would be rescanned from every position in it (quadratic time).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// International or North American style numbers with at least 9 digits in total.
const PHONE = /(?<![\w#])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w])/g;
// A number written with a leading "+" and any grouping ("+33 1 23 45 67 89", "+81 3-1234-5678").
const INTL_PHONE = /(?<![\w#])\+\d[\d\s().-]{6,}\d(?![\w])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const STREET_SUFFIX =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|square|sq|loop|close|crescent|cres|grove|gardens|gdns|mews|walk|row|trail|trl|plaza|alley|hill|green|park';
// "4100 Euclid Ave, Apt 12", "221B Baker Street": a house number, up to four words and a street suffix,
// optional unit.
const STREET = new RegExp(
  `\\b\\d{1,6}[a-z]?\\s+(?:[\\p{L}\\p{N}.'-]+\\s+){1,4}(?:${STREET_SUFFIX})\\b\\.?(?:,?\\s+(?:apt|apartment|suite|ste|unit|#)\\.?\\s*[\\w-]+)?`,
  'giu',
);
// Streets named before the number's words, as in much of Europe and Latin America ("8 Rue de la Paix").
const STREET_PREFIXED =
  /\b\d{1,5}[a-z]?,?\s+(?:rue|via|calle|avenida|rua|viale|corso|piazza|plaza|strada|chemin|allée|allee)\s+(?:[\p{L}'-]+\s?){1,4}/giu;
const PO_BOX = /\bP\.?\s?O\.?\s+Box\s+\d+/gi;
// UK postcodes ("SW1A 1AA", "M1 1AE"): distinctive enough to find anywhere, in capitals.
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/g;
// A US ZIP code only right after a state abbreviation ("NY 10118"), so other five-digit numbers stay.
const US_ZIP = /(?<=\b[A-Z]{2}\s{1,3})\d{5}(?:-\d{4})?\b/g;

/** Every pattern redaction runs over untrusted text (the ReDoS check in the tests reads this list). */
export const REDACTION_PATTERNS: readonly RegExp[] = [
  EMAIL,
  PHONE,
  INTL_PHONE,
  IBAN,
  SSN,
  STREET,
  STREET_PREFIXED,
  PO_BOX,
  UK_POSTCODE,
  US_ZIP,
];

function digitCount(s: string): number {
  let n = 0;
  for (const c of s) if (c >= '0' && c <= '9') n++;
  return n;
}

/** Order ids (#W1234567), amounts, dates and short counts pass through: they are needed and not personal. */
export function redactPii(text: string): string {
  // Cards before phones: a grouped card number would otherwise read as a phone number.
  return (
    maskCards(text.replace(EMAIL, '[email]'))
      .replace(IBAN, '[iban]')
      .replace(SSN, '[ssn]')
      .replace(STREET, '[address]')
      .replace(STREET_PREFIXED, '[address]')
      .replace(PO_BOX, '[address]')
      .replace(UK_POSTCODE, '[postcode]')
      .replace(US_ZIP, '[zip]')
      // Order ids (#W1234567) are preceded by '#', which the phone patterns refuse.
      .replace(INTL_PHONE, (m) => (digitCount(m) >= 8 ? '[phone]' : m))
      .replace(PHONE, (m) => (digitCount(m) >= 9 ? '[phone]' : m))
  );
}
