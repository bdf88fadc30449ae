import { orderIdsIn } from '@parley/contracts';

/** What the sender told us about themselves at the edge. */
export interface CustomerClaim {
  id?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** A CRM customer's own contact details, to check what a caller says about them. */
export interface CrmContact {
  id: string;
  email: string | null;
  phone: string | null;
}

/** Read access to the CRM; the database implementation is `crm-lookup.ts`. */
export interface CrmLookup {
  byId(id: string): Promise<CrmContact | null>;
  byEmail(normalisedEmail: string): Promise<string | null>;
  /** Customers whose phone digits end with these digits: candidates for `samePhone`. */
  byPhoneEnding(lastDigits: string): Promise<Array<{ id: string; phone: string }>>;
  /** Owner of each listed order that exists. */
  ordersOwners(orderIds: readonly string[]): Promise<Map<string, string>>;
}

export type MatchedBy = 'id' | 'email' | 'phone';

/**
 * Why identifiers that each name a customer were not trusted together: an id given with an email or
 * phone that is not that customer's (`id_contact_mismatch`), or an email and a phone of two different
 * customers (`contact_conflict`).
 */
export type MatchRefusal = 'id_contact_mismatch' | 'contact_conflict';

export interface CustomerMatch {
  crmId: string | null;
  matchedBy: MatchedBy | null;
  /** Set when the sender was left unmatched because the identifiers disagree. */
  refused: MatchRefusal | null;
  /** Order ids named in the text that belong to the matched customer. */
  confirmedOrderIds: string[];
  /** Order ids named in the text that exist but belong to someone else (or anyone, when unmatched). */
  unownedOrderIds: string[];
}

const MIN_PHONE_DIGITS = 7;
// A national number is at least this long; shorter ones are extensions or typos, never a match by suffix.
const MIN_NATIONAL_DIGITS = 9;
const MAX_COUNTRY_CODE_DIGITS = 3;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only, so "+1 (555) 123-4567" and "15551234567" compare equal; too few digits is no phone. */
export function normalisePhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/**
 * Same number once formatting is gone: equal digits, or one is the other with a country code in front
 * ("+1 555 010 2000" and "555-010-2000").
 */
export function samePhone(a: string, b: string): boolean {
  const x = normalisePhone(a);
  const y = normalisePhone(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return (
    short.length >= MIN_NATIONAL_DIGITS &&
    long.length - short.length <= MAX_COUNTRY_CODE_DIGITS &&
    long.endsWith(short)
  );
}

type Identified = { crmId: string; by: MatchedBy } | { refused: MatchRefusal } | null;

async function byPhone(digits: string, crm: CrmLookup): Promise<string | null> {
  const found = (await crm.byPhoneEnding(digits.slice(-MIN_PHONE_DIGITS))).filter((c) =>
    samePhone(c.phone, digits),
  );
  // A number shared by several customers identifies none of them.
  return found.length === 1 ? found[0]!.id : null;
}

async function identify(claim: CustomerClaim, crm: CrmLookup): Promise<Identified> {
  const email = claim.email ? normaliseEmail(claim.email) : '';
  const digits = claim.phone ? normalisePhone(claim.phone) : null;
  const byEmail = email ? await crm.byEmail(email) : null;
  const phoneOwner = digits ? await byPhone(digits, crm) : null;
  const id = claim.id?.trim();
  const record = id ? await crm.byId(id) : null;
  if (record) {
    // The id is what the integration vouches for; contact details given with it must be that customer's,
    // or one customer's id would reach another's orders by pairing it with their own address.
    const emailDiffers = email !== '' && normaliseEmail(record.email ?? '') !== email;
    const phoneDiffers =
      digits !== null &&
      (record.phone ? !samePhone(record.phone, digits) : phoneOwner !== null && phoneOwner !== record.id);
    if (emailDiffers || phoneDiffers) return { refused: 'id_contact_mismatch' };
    return { crmId: record.id, by: 'id' };
  }
  if (byEmail && phoneOwner && byEmail !== phoneOwner) return { refused: 'contact_conflict' };
  if (byEmail) return { crmId: byEmail, by: 'email' };
  if (phoneOwner) return { crmId: phoneOwner, by: 'phone' };
  return null;
}

/**
 * Finds the CRM customer behind a ticket: by id, else email, else phone, and only when the identifiers
 * given agree (see `MatchRefusal`); otherwise the sender stays unmatched. Nothing in the text (order ids,
 * emails, phone numbers) ever identifies anyone, since anyone can type another customer's details; an
 * order id only confirms a customer already matched by what the caller said about the sender.
 */
export async function matchCustomer(
  claim: CustomerClaim,
  texts: { subject?: string | undefined; body: string },
  crm: CrmLookup,
): Promise<CustomerMatch> {
  const identified = await identify(claim, crm);
  const who = identified && 'crmId' in identified ? identified : null;
  const refused = identified && 'refused' in identified ? identified.refused : null;
  const named = orderIdsIn(texts.subject, texts.body);
  const owners = named.length > 0 ? await crm.ordersOwners(named) : new Map<string, string>();
  const confirmedOrderIds = named.filter((o) => who !== null && owners.get(o) === who.crmId);
  const unownedOrderIds = named.filter((o) => owners.has(o) && owners.get(o) !== who?.crmId);
  return {
    crmId: who?.crmId ?? null,
    matchedBy: who?.by ?? null,
    refused,
    confirmedOrderIds,
    unownedOrderIds,
  };
}
