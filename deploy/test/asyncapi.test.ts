import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { allEvents } from '@parley/contracts';
import { Ajv } from 'ajv';
import { ASYNCAPI_FILE, renderAsyncApi } from '../src/asyncapi.js';

/** The AsyncAPI 3.0.0 JSON Schema as the AsyncAPI initiative publishes it (@asyncapi/specs). */
function asyncApiValidator() {
  const specs = createRequire(import.meta.url)('@asyncapi/specs') as { schemas: Record<string, object> };
  // The schema carries its own copy of the draft-07 meta-schema; Ajv's built-in one would clash with it.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    meta: false,
    validateSchema: false,
  });
  return ajv.compile(specs.schemas['3.0.0']!);
}

interface Doc {
  channels: Record<
    string,
    { address: string; messages: Record<string, { payload: { properties: object } }> }
  >;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
}

describe('docs/asyncapi.json', () => {
  it('is what the contracts generate (run `pnpm --filter @parley/deploy asyncapi`)', async () => {
    expect(await readFile(ASYNCAPI_FILE, 'utf8')).toBe(await renderAsyncApi());
  });

  it('is a valid AsyncAPI 3.0 document with a channel per event and its envelope schema', async () => {
    const doc = JSON.parse(await readFile(ASYNCAPI_FILE, 'utf8')) as Doc;
    const validate = asyncApiValidator();
    expect({ valid: validate(doc), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(Object.keys(doc.channels)).toHaveLength(allEvents.length);
    const received = doc.channels.ticketReceivedV1!;
    expect(received.address).toBe('{prefix}.ticket.received.v1');
    expect(Object.keys(received.messages.ticketReceivedV1!.payload.properties)).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'ticketId', 'traceparent', 'payload']),
    );
  });

  it('names who sends and who receives the hops of a ticket', async () => {
    const doc = JSON.parse(await readFile(ASYNCAPI_FILE, 'utf8')) as Doc;
    const ops = Object.keys(doc.operations);
    for (const op of [
      'ingressSendsTicketReceivedV1',
      'routerReceivesTicketReceivedV1',
      'routerSendsTicketRoutedV1',
      'retrievalReceivesTicketRoutedV1',
      'resolverSendsTicketResolvedV1',
      'gateReceivesTicketResolvedV1',
      'gateSendsHandoffRequestedV1',
      'handoffReceivesHandoffRequestedV1',
    ]) {
      expect(ops).toContain(op);
    }
    expect(doc.operations.routerReceivesTicketReceivedV1).toMatchObject({
      action: 'receive',
      channel: { $ref: '#/channels/ticketReceivedV1' },
    });
  });
});
