import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  allEvents,
  ContractError,
  makeEvent,
  parseEvent,
  ReplyRequested,
  TicketReceived,
} from '../src/index.js';

const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;

function fixtures(): Array<{ type: string; version: number; file: string; raw: unknown }> {
  const out: Array<{ type: string; version: number; file: string; raw: unknown }> = [];
  for (const type of readdirSync(fixturesDir)) {
    for (const v of readdirSync(join(fixturesDir, type))) {
      for (const file of readdirSync(join(fixturesDir, type, v))) {
        const raw: unknown = JSON.parse(readFileSync(join(fixturesDir, type, v, file), 'utf8'));
        out.push({ type, version: Number(v.slice(1)), file, raw });
      }
    }
  }
  return out;
}

describe('fixtures corpus', () => {
  const corpus = fixtures();

  it('covers every event definition', () => {
    const covered = new Set(corpus.map((f) => `${f.type}@${f.version}`));
    for (const def of allEvents) expect(covered).toContain(`${def.type}@${def.version}`);
  });

  it.each(corpus.map((f) => [`${f.type}/v${f.version}/${f.file}`, f] as const))(
    '%s still parses',
    (_name, f) => {
      const parsed = parseEvent(f.raw);
      expect(parsed.type).toBe(f.type);
      expect(parsed.version).toBe(f.version);
    },
  );
});

describe('rejecting malformed events', () => {
  const valid = JSON.parse(
    readFileSync(join(fixturesDir, 'ticket.received/v1/basic.json'), 'utf8'),
  ) as Record<string, unknown> & { payload: Record<string, unknown> };

  it('names the field that is wrong', () => {
    const bad = { ...valid, payload: { ...valid.payload, turn: 'one' } };
    expect(() => parseEvent(bad)).toThrow(/payload\.turn: Expected number, received string/);
  });

  it('names a missing nested field', () => {
    const ticket = { ...(valid.payload.ticket as Record<string, unknown>) };
    delete ticket.body;
    expect(() => parseEvent({ ...valid, payload: { ...valid.payload, ticket } })).toThrow(
      /payload\.ticket\.body: Required/,
    );
  });

  it('rejects an unknown version with a clear reason', () => {
    expect(() => parseEvent({ ...valid, version: 99 })).toThrow(
      'unknown event version 99 of ticket.received',
    );
  });

  it('rejects something that is not an envelope at all', () => {
    let error: unknown;
    try {
      parseEvent({ hello: 'world' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: Required/),
        expect.stringMatching(/^type: Required/),
      ]),
    );
  });

  it('rejects a ticket event without a ticket id and a malformed traceparent', () => {
    expect(() => parseEvent({ ...valid, ticketId: null })).toThrow(/ticketId/);
    expect(() => parseEvent({ ...valid, traceparent: 'nope' })).toThrow(
      /traceparent: must be a W3C traceparent/,
    );
  });

  it('rejects an over-long body', () => {
    const ticket = { ...(valid.payload.ticket as Record<string, unknown>), body: 'x'.repeat(20_001) };
    expect(() => parseEvent({ ...valid, payload: { ...valid.payload, ticket } })).toThrow(
      /payload\.ticket\.body/,
    );
  });

  it('ignores unknown fields so producers can add optional ones first', () => {
    const parsed = parseEvent({ ...valid, payload: { ...valid.payload, addedLater: true } });
    expect(parsed.payload).not.toHaveProperty('addedLater');
  });
});

describe('makeEvent', () => {
  const payload = {
    turn: 2,
    replyId: 'rpl_1',
    channel: 'api' as const,
    source: 'auto' as const,
    body: 'Hello',
    citations: [],
  };

  it('derives the id from domain keys so a retry produces the same id', () => {
    const a = makeEvent(ReplyRequested, { ticketId: 't1', payload });
    const b = makeEvent(ReplyRequested, { ticketId: 't1', payload, occurredAt: new Date(0) });
    expect(a.id).toBe('reply.requested.v1:t1:rpl_1');
    expect(b.id).toBe(a.id);
  });

  it('refuses to build an invalid event at the producer', () => {
    expect(() => makeEvent(TicketReceived, { ticketId: 't1', payload: { turn: 0 } as never })).toThrow(
      /invalid ticket.received: payload\.turn/,
    );
  });
});
