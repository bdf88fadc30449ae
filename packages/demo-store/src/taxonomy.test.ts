import { readFile } from 'node:fs/promises';
import { describe, it, expect } from '@jest/globals';
import {
  CONSEQUENTIAL_TOOLS,
  DEFAULT_TAXONOMY_FILE,
  INTENTS,
  loadTaxonomy,
  parseTaxonomy,
} from './taxonomy.js';

async function rawTaxonomy(): Promise<{
  version: number;
  intents: Record<string, { band: string; tools: string[] }>;
}> {
  return JSON.parse(await readFile(DEFAULT_TAXONOMY_FILE, 'utf8'));
}

describe('taxonomy', () => {
  it('defines every intent', async () => {
    const taxonomy = await loadTaxonomy();
    expect(Object.keys(taxonomy.intents).sort()).toEqual([...INTENTS].sort());
  });

  it('never auto-answers an intent that can change an order or move money', async () => {
    const { intents } = await loadTaxonomy();
    for (const intent of [
      'cancel_order',
      'modify_order',
      'change_address',
      'return_request',
      'exchange_request',
    ] as const) {
      expect(intents[intent].band).not.toBe('auto');
    }
    for (const spec of Object.values(intents)) {
      if (spec.tools.some((t) => (CONSEQUENTIAL_TOOLS as readonly string[]).includes(t)))
        expect(spec.band).not.toBe('auto');
    }
  });

  it('gives each action intent the tool that performs it', async () => {
    const { intents } = await loadTaxonomy();
    expect(intents.order_status.tools).toEqual(expect.arrayContaining(['lookup_order', 'track_shipment']));
    expect(intents.cancel_order.tools).toContain('cancel_order');
    expect(intents.modify_order.tools).toContain('modify_order_items');
    expect(intents.change_address.tools).toContain('update_address');
    expect(intents.return_request.tools).toContain('return_items');
    expect(intents.exchange_request.tools).toContain('exchange_items');
    expect(intents.product_question.tools).toContain('lookup_product');
  });

  it('rejects an auto band on a consequential intent, naming it', async () => {
    const raw = await rawTaxonomy();
    const bad = {
      ...raw,
      intents: { ...raw.intents, cancel_order: { ...raw.intents.cancel_order, band: 'auto' } },
    };
    expect(() => parseTaxonomy('t.json', bad)).toThrow(
      't.json: intents.cancel_order.band: a consequential intent',
    );
  });

  it('rejects an auto intent that lists a consequential tool', async () => {
    const raw = await rawTaxonomy();
    const bad = {
      ...raw,
      intents: { ...raw.intents, payment: { ...raw.intents.payment, tools: ['refund'] } },
    };
    expect(() => parseTaxonomy('t.json', bad)).toThrow(
      'intents.payment.band: a consequential intent (tools refund)',
    );
  });

  it('rejects a missing or unknown intent', async () => {
    const raw = await rawTaxonomy();
    const { complaint: _dropped, ...rest } = raw.intents;
    expect(() => parseTaxonomy('t.json', { ...raw, intents: rest })).toThrow(
      'intents.complaint: intent is missing',
    );
    expect(() =>
      parseTaxonomy('t.json', { ...raw, intents: { ...raw.intents, weather: raw.intents.payment } }),
    ).toThrow('t.json:');
  });
});
