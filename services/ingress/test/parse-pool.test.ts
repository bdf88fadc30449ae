import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import { EmailLimitExceeded, EmailUnparseable } from '../src/channels/email/limits.js';
import type { ParsePoolSettings } from '../src/channels/email/parse-pool.js';
import { EmailParsePool } from '../src/channels/email/parse-pool.js';
import { UnavailableError } from '../src/http/unavailable.js';
import { ParseGate } from './parse-gate.js';

// The parse pool with real worker threads: what happens to a parse that runs too long, a worker that dies,
// a worker that cannot start, and parses in flight at shutdown.
const OPTIONS: ParsePoolSettings['options'] = {
  limits: { maxParts: 100, maxHeaderBytes: 128 * 1024, maxThreadIds: 500, maxHtmlChars: 1_000_000 },
  authservIds: [],
};

function message(body: string, mode?: 'hold' | 'spin' | 'exit' | 'throw'): Buffer {
  const headers = ['From: yara@example.com', 'Subject: Hi', ...(mode ? [`X-Test-Parse: ${mode}`] : [])];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`);
}

const pools: EmailParsePool[] = [];
function pool(settings: Partial<ParsePoolSettings> = {}): EmailParsePool {
  const created = new EmailParsePool({ workers: 1, timeoutMs: 30_000, options: OPTIONS, ...settings });
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('EmailParsePool', () => {
  it('parses with the real worker and reports its refusals as the errors the route maps', async () => {
    const p = pool();
    expect(await p.parse(message('Where is my order?'))).toMatchObject({
      from: { address: 'yara@example.com' },
      body: 'Where is my order?',
    });
    await expect(p.parse(Buffer.from('no headers'))).rejects.toThrow(
      'From: the message has no sender address',
    );
    const parts = Array.from({ length: 150 }, (_, i) => `--b\r\n\r\npart ${i}\r\n`).join('');
    const multipart = `From: yara@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`;
    await expect(p.parse(Buffer.from(multipart))).rejects.toThrow(
      new EmailLimitExceeded(
        'MIME parts',
        'the message has more than 100 MIME parts (INGRESS_EMAIL_MAX_PARTS)',
      ),
    );
    expect(p.size).toBe(1);
  });

  it('abandons a parse past its time limit by terminating its worker, and the next parse gets a fresh one', async () => {
    const gate = new ParseGate();
    // The stuck parse never ends, so any limit proves the point; a long one leaves the fresh worker's first
    // (cold) parse ample time on a loaded machine.
    const p = pool({ timeoutMs: 5_000, worker: gate.worker });
    const stuck = p.parse(message('never parsed', 'spin'));
    await expect(stuck).rejects.toThrow(
      new EmailLimitExceeded(
        'parse time',
        'parsing the message took longer than 5000 ms (INGRESS_EMAIL_PARSE_TIMEOUT_MS)',
      ),
    );
    expect(p.size).toBe(0);
    expect((await p.parse(message('Still here'))).body).toBe('Still here');
    expect(p.size).toBe(1);
  });

  it('refuses a message the parser failed on or whose parse killed its worker, and carries on', async () => {
    const p = pool({ worker: new ParseGate().worker });
    // Only the error's name crosses from the worker: its message may quote the email.
    await expect(p.parse(message('x', 'throw'))).rejects.toThrow(new EmailUnparseable('TypeError'));
    await expect(p.parse(message('x', 'exit'))).rejects.toBeInstanceOf(EmailUnparseable);
    expect((await p.parse(message('After the crash'))).body).toBe('After the crash');
  });

  it('answers unavailable (retry later), not a refusal, when a worker cannot start', async () => {
    const p = pool({ worker: { entry: new URL('./no-such-parse-worker.ts', import.meta.url) } });
    const failed = await p.parse(message('Hello')).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(UnavailableError);
    expect((failed as Error).message).toBe('the email parser could not start');
  });

  it('runs at most its number of workers at once, and fails parses in flight when closed', async () => {
    const gate = new ParseGate();
    const p = pool({ worker: gate.worker });
    const first = p.parse(message('First', 'hold'));
    const second = p.parse(message('Second', 'hold'));
    await waitFor('a parse to be held in its worker', () => gate.held === 1);
    // The second waits for the one worker rather than starting another.
    expect(p.size).toBe(1);
    gate.release(2);
    expect((await first).body).toBe('First');
    expect((await second).body).toBe('Second');

    const held = p.parse(message('Held at shutdown', 'hold')).catch((err: unknown) => err);
    await waitFor('the parse to be held', () => gate.held === 1);
    await p.close();
    expect(await held).toBeInstanceOf(UnavailableError);
    expect(p.size).toBe(0);
    await expect(p.parse(message('After close'))).rejects.toBeInstanceOf(UnavailableError);
  });
});
