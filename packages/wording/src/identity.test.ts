import { describe, expect, it } from '@jest/globals';
import { claimedAccount, givesIdentity, identityIn, nameAgrees, withoutIdentity } from './identity.js';

const names = (...texts: string[]) => identityIn(texts).names.map((n) => `${n.firstName} ${n.lastName}`);

describe('identityIn', () => {
  it('reads a full name introduced as one, in any case', () => {
    expect(names('My name is Harper Kim and my zip is 95119')).toEqual(['Harper Kim']);
    expect(names('name: harper kim, zip: 95119')).toContain('harper kim');
    expect(names("I'm Harper Kim from San Jose, zip 95119")).toContain('Harper Kim');
    // A name goes with a ZIP code or not at all.
    expect(names("I'm Harper Kim from San Jose")).toEqual([]);
  });

  it('reads the two words written right before the ZIP code as a name', () => {
    expect(names('Harper Kim, 95119')).toEqual(['Harper Kim']);
    expect(names('harper kim 95119 thanks')).toEqual(['harper kim']);
    // Without a ZIP code, words beside nothing are no name.
    expect(names('Harper Kim here')).toEqual([]);
  });

  it('does not take words around the ZIP code that cannot be a name', () => {
    expect(names('my zip is 95119')).toEqual([]);
    expect(names('zip code 95119')).toEqual([]);
  });

  it('pairs a name with the five-digit number beside it, else with the ZIP code said to be one or the only one', () => {
    const pairs = (text: string, edge?: string) =>
      identityIn([text], edge).names.map((n) => `${n.firstName} ${n.lastName} ${n.zip}`);
    // The new address's ZIP code is not the customer's: the one beside the name is.
    expect(pairs('Change the address to 12 Oak St, San Antonio, TX 78219. James Kim, 92199')).toEqual([
      'James Kim 92199',
    ]);
    expect(pairs('My name is James Kim, zip code is 92199, order #W5386730')).toContain('James Kim 92199');
    expect(pairs('I am James Kim. It is 78219 or 92199, not sure')).toEqual([]);
    expect(pairs('my zip is 92199', 'James Kim')).toEqual(['James Kim 92199']);
    // Digits inside an email address or an order id are no ZIP code.
    expect(pairs('james.92199@example.com', 'James Kim')).toEqual([]);
    expect(identityIn(['james.92199@example.com']).emails).toEqual(['james.92199@example.com']);
  });

  it('falls back on a full name given at the edge, after the ones written', () => {
    expect(identityIn(['95119'], 'Harper Kim').names).toEqual([
      { firstName: 'Harper', lastName: 'Kim', zip: '95119' },
    ]);
    expect(identityIn(['95119'], 'Harper').names).toEqual([]);
    expect(identityIn(['Lucas Moore, 95119'], 'Harper Kim').names.map((n) => n.firstName)).toEqual([
      'Lucas',
      'Harper',
    ]);
  });
});

describe('nameAgrees', () => {
  it('accepts an edge name that is the account’s as far as it goes', () => {
    expect(nameAgrees(undefined, 'Harper Kim')).toBe(true);
    expect(nameAgrees('Harper Kim', 'Harper Kim')).toBe(true);
    expect(nameAgrees('harper', 'Harper Kim')).toBe(true);
    expect(nameAgrees('H. Kim', 'Harper Kim')).toBe(true);
  });

  it('refuses a name that is not the account’s', () => {
    expect(nameAgrees('Bob', 'Harper Kim')).toBe(false);
    expect(nameAgrees('Harper Smith', 'Harper Kim')).toBe(false);
    expect(nameAgrees('B. Kim', 'Harper Kim')).toBe(false);
  });
});

describe('givesIdentity', () => {
  it('is true of a message holding an email address or a five-digit number', () => {
    expect(givesIdentity('harper.kim5741@example.com')).toBe(true);
    expect(givesIdentity('Harper Kim 95119')).toBe(true);
    expect(givesIdentity('what do you need from me? order #W5386730')).toBe(false);
  });
});

describe('withoutIdentity', () => {
  it('takes out the ZIP code a sender identifies with and gives their full name, leaving the request', () => {
    const told = withoutIdentity('For #W9373487, modify the charger to white. Olivia Lopez, 76171', 'Olivia');
    expect(told.text).toBe('For #W9373487, modify the charger to white. Olivia Lopez,  ');
    expect(told.names).toEqual(['Olivia Lopez']);
    // A ZIP code of an address asked for stays: no name goes with it.
    expect(withoutIdentity('ship it to 12 Oak St, Austin, TX 78701').text).toContain('78701');
  });
});

describe('claimedAccount', () => {
  const accounts: Record<string, { email: string; name: string; zip: string }> = {
    harper_kim_1: { email: 'harper@example.com', name: 'Harper Kim', zip: '95119' },
  };
  const lookup = {
    byEmail: async (email: string) =>
      Object.keys(accounts).find((id) => accounts[id]!.email === email) ?? null,
    nameOf: async (id: string) => accounts[id]?.name ?? null,
    byNameZip: async (n: { firstName: string; lastName: string; zip: string }) =>
      Object.keys(accounts).find(
        (id) =>
          accounts[id]!.name.toLowerCase() === `${n.firstName} ${n.lastName}`.toLowerCase() &&
          accounts[id]!.zip === n.zip,
      ) ?? null,
  };

  it('finds the account by an email bearing the edge name, or by full name and ZIP code', async () => {
    expect(await claimedAccount(identityIn(['it is harper@example.com']), undefined, lookup)).toBe(
      'harper_kim_1',
    );
    expect(await claimedAccount(identityIn(['harper@example.com']), 'Bob', lookup)).toBeNull();
    expect(await claimedAccount(identityIn(['Harper Kim, 95119']), undefined, lookup)).toBe('harper_kim_1');
    expect(await claimedAccount(identityIn(['Harper Kim, 95110']), undefined, lookup)).toBeNull();
  });
});
