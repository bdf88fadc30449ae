import { describe, expect, it } from '@jest/globals';
import type { ComposeInput } from '../composer.js';
import { officeChair, productRetrieval, routing, ticket } from '../local/testing.js';
import { composeRequest, hostedAnswerSchema, promptSources } from './prompt.js';

const input: ComposeInput = {
  ticket: ticket('Is the office chair in stock in blue leather?'),
  routing: routing('product_question'),
  retrieval: productRetrieval([officeChair((v) => v.options.color === 'blue')]),
};

describe('hosted prompt', () => {
  it('gives catalogue facts by product name and variant number, never long item ids', () => {
    const sources = promptSources(input);
    const content = composeRequest(input, sources, { timeoutMs: 1000 }).messages[0]!.content;
    expect(content).toContain('F1: product: Office Chair');
    expect(content).toContain('Office Chair color options: blue');
    expect(content).toContain(
      'Office Chair variant 1 options: material: leather, color: blue, armrest: none',
    );
    expect(content).toMatch(/Office Chair variant 1 price: \$471\.82/);
    expect(content).not.toMatch(/\d{8,}/);
    // Each labelled line stands for a fact in the draft's own format, so the grounding check can read it back.
    expect(sources.facts.find((f) => f.line.endsWith('price: $471.82'))?.fact).toEqual({
      source: 'tool',
      ref: '4794339885',
      field: 'variants.4168944673.price',
      value: '$471.82',
    });
  });

  it('has no proposal note without a proposed action, and asks for the answer shape', () => {
    const req = composeRequest(input, promptSources(input), { timeoutMs: 1000 });
    expect(req.messages[0]!.content).not.toContain('Proposed action');
    expect(req.system).toContain(
      '{"body": "<the answer>", "citations": [{"passage": <number>}], "facts_used"',
    );
    expect(hostedAnswerSchema.safeParse({ body: ' ', citations: [], facts_used: [] }).success).toBe(false);
  });
});
