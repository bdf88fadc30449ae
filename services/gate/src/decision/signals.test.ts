import { describe, expect, it } from '@jest/globals';
import type { AnswerCoverage, Draft, Retrieval, Routing } from '@parley/contracts';
import { answerSignals } from './signals.js';

const routing: Routing = {
  intent: 'shipping_info',
  confidence: 0.9,
  band: 'auto',
  tier: 'local',
  outOfScope: false,
  sentiment: { score: 0, label: 'neutral' },
  allowedTools: [],
  rules: [],
  router: 'local-model',
};
const retrieval: Retrieval = {
  passages: [],
  customer: null,
  topScore: 0.6,
  index: 'embedded',
  leadMargin: 0.3,
};

function draft(coverage: AnswerCoverage | undefined): Draft {
  return {
    body: 'Hi,\n\nStandard shipping takes 5-7 business days.\n\nBest regards,\nThe support team',
    citations: [{ chunkId: 'c1', articleId: 'shipping-methods', section: 'Delivery times' }],
    facts: [],
    groundedness: 1,
    toolCalls: [],
    model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    ...(coverage ? { coverage } : {}),
  };
}

const signals = (coverage: AnswerCoverage | undefined) =>
  answerSignals({ routing, retrieval, draft: draft(coverage) });
const base: AnswerCoverage = { share: 0.5, asks: 1, answered: 1, sections: 1 };

describe('answerSignals: what the quotes give of what was asked', () => {
  it('is the share of the asked kinds of answer the quotes give', () => {
    expect(signals({ ...base, kindsAsked: 2, kindsGiven: 1 }).helpKindGiven).toBe(0.5);
    expect(signals({ ...base, kindsAsked: 1, kindsGiven: 0 }).helpKindGiven).toBe(0);
  });

  it('counts a question that asks for no kind, or a composer that does not compare kinds, as given', () => {
    expect(signals({ ...base, kindsAsked: 0, kindsGiven: 0 }).helpKindGiven).toBe(1);
    expect(signals(base).helpKindGiven).toBe(1);
  });

  it("reads the quotes' similarity to the question, or their literal coverage without one", () => {
    expect(signals({ ...base, similarity: 0.8 }).helpSimilarity).toBe(0.8);
    expect(signals(base).helpSimilarity).toBe(0.5);
  });

  it('is 0 without a help-centre answer', () => {
    expect(signals(undefined)).toMatchObject({ helpKindGiven: 0, helpSimilarity: 0 });
  });
});
