import { describe, expect, it } from '@jest/globals';
import type { CrmLookup } from './customer-match.js';
import { matchCustomer, normalisePhone, samePhone } from './customer-match.js';

interface Row {
  id: string;
  email: string;
  phone: string | null;
}

/** The CRM in memory, with the same normalisation rules the SQL lookup applies. */
function crm(customers: Row[], orders: Record<string, string>): CrmLookup {
  return {
    byId: async (id) => customers.find((c) => c.id === id) ?? null,
    byEmail: async (email) => customers.find((c) => c.email.toLowerCase() === email)?.id ?? null,
    byPhoneEnding: async (last) =>
      customers
        .filter((c) => c.phone?.replace(/\D/g, '').endsWith(last))
        .map((c) => ({ id: c.id, phone: c.phone! })),
    ordersOwners: async (ids) => new Map(ids.filter((o) => orders[o]).map((o) => [o, orders[o]!])),
  };
}

const store = crm(
  [
    { id: 'yara_li_1', email: 'Yara.Li@example.com', phone: '+1 (555) 010-2000' },
    { id: 'ivan_santos_2', email: 'ivan@example.com', phone: null },
    { id: 'shared_a', email: 'a@example.com', phone: '555-999-0000' },
    { id: 'shared_b', email: 'b@example.com', phone: '5559990000' },
  ],
  { '#W1000001': 'yara_li_1', '#W2000002': 'ivan_santos_2' },
);

describe('matchCustomer', () => {
  it("matches by CRM id first, when the contact details given with it are that customer's", async () => {
    expect(await matchCustomer({ id: 'ivan_santos_2' }, { body: 'hi' }, store)).toMatchObject({
      crmId: 'ivan_santos_2',
      matchedBy: 'id',
      refused: null,
    });
    const withContact = await matchCustomer(
      { id: 'yara_li_1', email: 'YARA.LI@example.com', phone: '555 010 2000' },
      { body: 'hi' },
      store,
    );
    expect(withContact).toMatchObject({ crmId: 'yara_li_1', matchedBy: 'id' });
  });

  it("leaves the sender unmatched when an id comes with another customer's (or an unknown) email or phone", async () => {
    const unmatched = { crmId: null, matchedBy: null, refused: 'id_contact_mismatch' };
    expect(
      await matchCustomer({ id: 'ivan_santos_2', email: 'Yara.Li@example.com' }, { body: 'hi' }, store),
    ).toMatchObject(unmatched);
    expect(
      await matchCustomer({ id: 'ivan_santos_2', email: 'new.address@example.com' }, { body: 'hi' }, store),
    ).toMatchObject(unmatched);
    expect(
      await matchCustomer({ id: 'yara_li_1', phone: '555-999-0000' }, { body: 'hi' }, store),
    ).toMatchObject(unmatched);
    // Ivan has no phone on file: a number that is someone else's contradicts the id, an unknown one does not.
    expect(
      await matchCustomer({ id: 'ivan_santos_2', phone: '+1 555 010 2000' }, { body: 'hi' }, store),
    ).toMatchObject(unmatched);
    expect(
      await matchCustomer({ id: 'ivan_santos_2', phone: '+44 20 7946 0958' }, { body: 'hi' }, store),
    ).toMatchObject({ crmId: 'ivan_santos_2', matchedBy: 'id' });
  });

  it('leaves the sender unmatched when email and phone belong to two different customers', async () => {
    const m = await matchCustomer(
      { email: 'ivan@example.com', phone: '555 010 2000' },
      { body: 'hi' },
      store,
    );
    expect(m).toMatchObject({ crmId: null, matchedBy: null, refused: 'contact_conflict' });
  });

  it('never identifies a sender from the text: emails, phones and order ids there are only words', async () => {
    const m = await matchCustomer(
      {},
      { subject: 'for ivan@example.com', body: 'I am Yara, +1 (555) 010-2000, order #W1000001' },
      store,
    );
    expect(m).toMatchObject({ crmId: null, matchedBy: null, refused: null, confirmedOrderIds: [] });
    expect(m.unownedOrderIds).toEqual(['#W1000001']);
  });

  it('falls back to email, case-insensitively, when the id is unknown', async () => {
    const m = await matchCustomer({ id: 'nobody', email: '  YARA.LI@EXAMPLE.COM ' }, { body: 'hi' }, store);
    expect(m).toMatchObject({ crmId: 'yara_li_1', matchedBy: 'email' });
  });

  it('matches by phone digits whatever the formatting', async () => {
    const m = await matchCustomer({ phone: '15550102000' }, { body: 'hi' }, store);
    expect(m).toMatchObject({ crmId: 'yara_li_1', matchedBy: 'phone' });
  });

  it('matches a phone number given without its country code', async () => {
    const m = await matchCustomer({ phone: '555.010.2000' }, { body: 'hi' }, store);
    expect(m).toMatchObject({ crmId: 'yara_li_1', matchedBy: 'phone' });
  });

  it('does not match a phone number shared by several customers', async () => {
    const m = await matchCustomer({ phone: '(555) 999 0000' }, { body: 'hi' }, store);
    expect(m.crmId).toBeNull();
  });

  it('never matches a customer just because the text names their order id', async () => {
    const m = await matchCustomer(
      { email: 'stranger@example.com' },
      { subject: 'Cancel #W2000002', body: 'please cancel order #W2000002' },
      store,
    );
    expect(m).toEqual({
      crmId: null,
      matchedBy: null,
      refused: null,
      confirmedOrderIds: [],
      unownedOrderIds: ['#W2000002'],
    });
  });

  it('uses an order id only to confirm the customer matched otherwise', async () => {
    const m = await matchCustomer(
      { email: 'yara.li@example.com' },
      { body: 'where are #W1000001 and #W2000002 and #W9999999?' },
      store,
    );
    expect(m).toEqual({
      crmId: 'yara_li_1',
      matchedBy: 'email',
      refused: null,
      confirmedOrderIds: ['#W1000001'],
      unownedOrderIds: ['#W2000002'],
    });
  });
});

describe('normalisation helpers', () => {
  it('keeps phone digits and refuses too short a number', () => {
    expect(normalisePhone('+44 20-7946 0958')).toBe('442079460958');
    expect(normalisePhone('12-34')).toBeNull();
  });

  it('compares phones with or without a country code, never by a short tail', () => {
    expect(samePhone('+1 (555) 010-2000', '5550102000')).toBe(true);
    expect(samePhone('555-010-2000', '555 010 2000')).toBe(true);
    expect(samePhone('+1 (555) 010-2000', '0102000')).toBe(false);
    expect(samePhone('+1 (555) 010-2000', '+1 (555) 010-2001')).toBe(false);
    expect(samePhone('', '5550102000')).toBe(false);
  });

  it('reads order ids as every service does: once each, in any spelling, only with seven digits', async () => {
    const match = await matchCustomer(
      { email: 'yara.li@example.com' },
      { subject: 'w1000001', body: '#W1000001, W2000002 and #W10000012' },
      store,
    );
    expect(match).toMatchObject({ confirmedOrderIds: ['#W1000001'], unownedOrderIds: ['#W2000002'] });
  });
});
