import { describe, expect, it } from '@jest/globals';
import { UnavailableError } from '../http/unavailable.js';
import type { Release } from './admission.js';
import { Admission, isRefusal } from './admission.js';

const limits = {
  maxInFlight: 4,
  maxInFlightPerClient: 2,
  maxInFlightPerRoute: 3,
  maxAuthPerAddress: 1,
  dbConcurrency: 1,
  dbConcurrencyPerClient: 1,
  dbWaitMs: 30,
};

function admitted(entered: ReturnType<Admission['enter']>): Release {
  if (isRefusal(entered)) throw new Error(`refused: ${entered.refused}`);
  return entered;
}

describe('Admission', () => {
  it('bounds each client on its own, so one client at its bound leaves room for the others', () => {
    const a = new Admission(limits);
    const first = admitted(a.enter('key:a'));
    admitted(a.enter('key:a'));
    expect(a.enter('key:a')).toEqual({ refused: 'client', limit: 2 });
    // Another key is still served while the first is refused.
    admitted(a.enter('key:b'));
    admitted(a.enter('key:b'));
    expect(a.inFlightCount).toBe(4);
    // The server's own bound still caps the total.
    expect(a.enter('key:c')).toEqual({ refused: 'server', limit: 4 });
    first();
    first(); // a second release of the same request changes nothing
    expect(a.inFlightCount).toBe(3);
    expect(a.clientCount('key:a')).toBe(1);
    admitted(a.enter('key:c'));
  });

  it('bounds a route group across all its clients', () => {
    const a = new Admission({ ...limits, maxInFlight: 10 });
    const held = [1, 2, 3].map((n) => admitted(a.enter(`webhook:${n}`, 'sms')));
    expect(a.enter('webhook:4', 'sms')).toEqual({ refused: 'route', limit: 3 });
    admitted(a.enter('key:a'));
    held[0]!();
    admitted(a.enter('webhook:4', 'sms'));
  });

  it('bounds credential checks per address and frees the place when a check fails', async () => {
    const a = new Admission(limits);
    let finish!: () => void;
    const slow = a.authenticate('addr:1', () => new Promise<string>((r) => (finish = () => r('ok'))));
    expect(await a.authenticate('addr:1', async () => 'second')).toEqual({ refused: 'address', limit: 1 });
    expect(await a.authenticate('addr:2', async () => 'other')).toBe('other');
    finish();
    expect(await slow).toBe('ok');
    await expect(a.authenticate('addr:1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await a.authenticate('addr:1', async () => 'again')).toBe('again');
  });

  it('runs database work within the slot bound and refuses with UnavailableError past the wait', async () => {
    const a = new Admission(limits);
    let release!: () => void;
    const held = a.db('c1', () => new Promise<string>((r) => (release = () => r('first'))));
    await expect(a.db('c1', async () => 'second')).rejects.toThrow(UnavailableError);
    await expect(a.db('c1', async () => 'second')).rejects.toThrow(
      /no database connection free within 30 ms/,
    );
    release();
    await expect(held).resolves.toBe('first');
    await expect(a.db('c1', async () => 'third')).resolves.toBe('third');
  });

  it('keeps each client to half the database slots, so a busy client leaves room for another', async () => {
    const a = new Admission({ ...limits, dbConcurrency: 4, dbConcurrencyPerClient: 2 });
    const releases: Array<() => void> = [];
    const hold = (client: string) =>
      a.db(client, () => new Promise<string>((r) => releases.push(() => r(client))));
    const busy = [hold('noisy'), hold('noisy')];
    // The noisy client's third query waits for its own share and gives up; another client is served at once.
    await expect(a.db('noisy', async () => 'third')).rejects.toThrow(UnavailableError);
    await expect(a.db('quiet', async () => 'served')).resolves.toBe('served');
    for (const r of releases) r();
    await expect(Promise.all(busy)).resolves.toEqual(['noisy', 'noisy']);
  });

  it('frees the database slot when the work fails', async () => {
    const a = new Admission(limits);
    await expect(a.db('c1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(a.db('c1', async () => 'next')).resolves.toBe('next');
  });
});
