import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { context } from '@opentelemetry/api';
import { contextFromTraceparent, createLogger, currentTraceparent, initTracing, inSpan } from './index.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('logger', () => {
  it('drops free-text fields and scrubs PII from messages', () => {
    const out = capture();
    const log = createLogger({ service: 'test', destination: out.stream });
    log.info(
      { ticketId: 't1', body: 'my card is 4111 1111 1111 1111', email: 'a@b.com' },
      'mail from jo@example.com',
    );
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'test', ticketId: 't1', body: '[redacted]', email: '[redacted]' });
    expect(line?.msg).toBe('mail from [email]');
  });
});

describe('tracing', () => {
  it('carries a traceparent from one span to a child continued elsewhere', async () => {
    initTracing({ service: 'test' });
    const upstream = await inSpan('publish', context.active(), async () => currentTraceparent());
    expect(upstream).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const traceId = upstream!.split('-')[1];
    const downstream = await inSpan('consume', contextFromTraceparent(upstream), async () =>
      currentTraceparent(),
    );
    expect(downstream!.split('-')[1]).toBe(traceId);
    expect(downstream).not.toBe(upstream);
  });
});
