import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { redactPii } from '@parley/pii';
import { loadPiiCorpus } from '@parley/pii/testing';
import { createLogger, scrub } from './logger.js';

function capture(): { stream: Writable; text: () => string; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const text = () => chunks.join('');
  return {
    stream,
    text,
    lines: () =>
      text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('the logger on the PII corpus', () => {
  const corpus = loadPiiCorpus();

  it.each(corpus.map((l) => [l.text, l] as const))(
    'logs no PII from %j, however it is passed',
    (text, line) => {
      const out = capture();
      const log = createLogger({ service: 'test', level: 'trace', destination: out.stream });
      log.info(text);
      log.info({ ticketId: 'tkt_1' }, text);
      log.info('note %s and %j and %o', text, { nested: text }, [text]);
      log.error(new Error(text));
      log.error({ err: new Error('wrapped', { cause: new Error(text) }) }, 'failed');
      log.warn({ err: Object.assign(new Error(text), { code: 'E_TEST' }) });
      log.warn({ detail: { note: text, list: [text, { deeper: [text] }] } }, 'nested');
      log.info({ error: new Error(text), reasons: [{ why: text }] }, 'an error under another key');
      log.child({ customerNote: text }).info('from a child');
      log.child({ ticketId: 'tkt_1' }).child({ note: text }).info('from a grandchild');
      log.info({ [text]: 1 }, 'as a key');
      log.debug({ payload: { ticket: { customer: { name: text } } } }, 'deep payload');

      const written = out.text();
      expect({ text, leaked: line.pii.filter((t) => written.includes(t)) }).toEqual({ text, leaked: [] });
      // The text reached the log, redacted, rather than vanishing.
      const lines = out.lines();
      expect(lines).toHaveLength(12);
      expect(lines[0]!.msg).toBe(redactPii(text));
      expect(lines[3]!.msg).toBe(redactPii(text));
      for (const kept of line.keep) expect(lines[0]!.msg).toContain(kept);
    },
  );
});

describe('scrub', () => {
  it('keeps ids, numbers and structure, and cuts cycles and depth', () => {
    const cyclic: Record<string, unknown> = { ticketId: 'tkt_1', n: 3, ok: true, at: null };
    cyclic.self = cyclic;
    expect(scrub(cyclic)).toEqual({ ticketId: 'tkt_1', n: 3, ok: true, at: null, self: '[circular]' });
    const shared = { id: 'x' };
    expect(scrub({ a: shared, b: shared })).toEqual({ a: { id: 'x' }, b: { id: 'x' } });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 50; i++) deep = { deep };
    expect(JSON.stringify(scrub(deep))).toContain('[too deep]');
    expect(scrub(Buffer.from('a@b.example'))).toBe('[11 bytes]');
  });

  it('reduces errors to type, code, redacted message and cause', () => {
    const err = Object.assign(
      new Error('no row for a@b.example', { cause: new Error('call +44 20 7946 0958') }),
      {
        code: '23505',
      },
    );
    expect(scrub(err)).toEqual({
      type: 'Error',
      message: 'no row for [email]',
      code: '23505',
      cause: { type: 'Error', message: 'call [phone]' },
    });
  });
});
