import { describe, expect, it } from '@jest/globals';
import { configProblems } from '@parley/config/testing';
import { readServiceConfig } from './config.js';

const problems = (env: Record<string, string>) => configProblems(() => readServiceConfig(env));

describe('readServiceConfig', () => {
  it('gives working defaults', () => {
    const c = readServiceConfig({});
    expect(c.port).toBe(8081);
    expect(c.routing).toEqual({
      escalateAmountUsd: 200,
      minConfidence: 0.5,
      trend: { minTurns: 2, escalateBelow: -0.5 },
    });
    expect(c.intentTrainFile).toMatch(/demo-store\/intents\/train\.jsonl$/);
    expect(c.wordVectors).toBe(true);
    expect(c.platform.busPrefix).toBe('parley');
    expect(c.llm).toBeNull();
  });

  it('reads decimals and flags', () => {
    const c = readServiceConfig({
      ROUTER_ESCALATE_AMOUNT_USD: '99.5',
      ROUTER_MIN_CONFIDENCE: '0.7',
      ROUTER_WORD_VECTORS: 'false',
    });
    expect([c.routing.escalateAmountUsd, c.routing.minConfidence, c.wordVectors]).toEqual([99.5, 0.7, false]);
  });

  it('names every bad variable', () => {
    expect(
      problems({
        ROUTER_MIN_CONFIDENCE: '1.5',
        ROUTER_ESCALATE_AMOUNT_USD: 'lots',
        ROUTER_TREND_ESCALATE_BELOW: '0.3',
      }),
    ).toEqual([
      'ROUTER_ESCALATE_AMOUNT_USD: must be a number (got "lots")',
      'ROUTER_MIN_CONFIDENCE: must be at most 1 (got "1.5")',
      'ROUTER_TREND_ESCALATE_BELOW: must be at most 0 (got "0.3")',
    ]);
  });

  describe('the LLM router', () => {
    it('reads a hosted provider with its key and the default deadline', () => {
      const c = readServiceConfig({
        ROUTER_CLASSIFIER: 'llm',
        ROUTER_LLM_PROVIDER: 'anthropic',
        ROUTER_LLM_MODEL: 'claude-haiku-4-5',
        ROUTER_LLM_API_KEY: 'sk-ant-secret',
      });
      expect(c.llm).toEqual({
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        apiKey: 'sk-ant-secret',
        timeoutMs: 4000,
      });
    });

    it('reads a self-hosted compatible server without a key', () => {
      const c = readServiceConfig({
        ROUTER_CLASSIFIER: 'llm',
        ROUTER_LLM_PROVIDER: 'openai-compatible',
        ROUTER_LLM_MODEL: 'qwen2.5-7b-instruct',
        ROUTER_LLM_BASE_URL: 'http://vllm:8000/v1',
        ROUTER_LLM_TIMEOUT_MS: '2500',
      });
      expect(c.llm).toEqual({
        provider: 'openai-compatible',
        model: 'qwen2.5-7b-instruct',
        baseUrl: 'http://vllm:8000/v1',
        timeoutMs: 2500,
      });
    });

    it('ignores the model variables while the local model routes', () => {
      expect(readServiceConfig({ ROUTER_LLM_PROVIDER: 'openai' }).llm).toBeNull();
    });

    it('names what llm is missing', () => {
      expect(problems({ ROUTER_CLASSIFIER: 'llm' })).toEqual([
        'ROUTER_LLM_PROVIDER: required when ROUTER_CLASSIFIER=llm (one of anthropic, openai, openai-compatible)',
        'ROUTER_LLM_MODEL: required when ROUTER_CLASSIFIER=llm',
      ]);
      expect(
        problems({
          ROUTER_CLASSIFIER: 'llm',
          ROUTER_LLM_PROVIDER: 'openai',
          ROUTER_LLM_MODEL: 'gpt-4o-mini',
        }),
      ).toEqual(['ROUTER_LLM_API_KEY: required for provider openai']);
      expect(
        problems({
          ROUTER_CLASSIFIER: 'llm',
          ROUTER_LLM_PROVIDER: 'openai-compatible',
          ROUTER_LLM_MODEL: 'm',
        }),
      ).toEqual(['ROUTER_LLM_BASE_URL: required for provider openai-compatible (the server address)']);
    });

    it('rejects bad values, naming each', () => {
      expect(
        problems({
          ROUTER_CLASSIFIER: 'gpt',
          ROUTER_LLM_PROVIDER: 'gemini',
          ROUTER_LLM_BASE_URL: 'vllm:8000',
          ROUTER_LLM_TIMEOUT_MS: '60000',
        }),
      ).toEqual([
        'ROUTER_CLASSIFIER: must be one of local, llm (got "gpt")',
        'ROUTER_LLM_PROVIDER: must be one of anthropic, openai, openai-compatible (got "gemini")',
        'ROUTER_LLM_BASE_URL: must be a URL starting with http:// or https:// (got "vllm:8000")',
        'ROUTER_LLM_TIMEOUT_MS: must be at most 20000 (got "60000")',
      ]);
    });
  });
});
