import { describe, expect, it } from '@jest/globals';
import { configProblems } from '@parley/config/testing';
import { readServiceConfig } from './config.js';

const problems = (source: Record<string, string>) => configProblems(() => readServiceConfig(source));

describe('readServiceConfig', () => {
  it('defaults to the local composer on port 8083', () => {
    expect(readServiceConfig({})).toMatchObject({
      port: 8083,
      composer: 'local',
      retrievalFloor: 0.12,
      hosted: null,
    });
  });

  it('names bad values', () => {
    expect(problems({ RESOLVER_COMPOSER: 'gpt', RESOLVER_RETRIEVAL_FLOOR: '2' })).toEqual([
      'RESOLVER_COMPOSER: must be one of local, anthropic, openai, openai-compatible (got "gpt")',
      'RESOLVER_RETRIEVAL_FLOOR: must be at most 1 (got "2")',
    ]);
    expect(problems({ RESOLVER_TIMEOUT_MS: '99', RESOLVER_BASE_URL: 'ftp://x' })).toEqual([
      'RESOLVER_BASE_URL: must be a URL starting with http:// or https:// (got "ftp://x")',
      'RESOLVER_TIMEOUT_MS: must be at least 100 (got "99")',
    ]);
  });

  it('reads a hosted composer with a model per tier; the frontier tier defaults to the commodity model', () => {
    const config = readServiceConfig({
      RESOLVER_COMPOSER: 'anthropic',
      RESOLVER_MODEL_COMMODITY: 'claude-haiku-4-5',
      RESOLVER_API_KEY: 'sk-ant-x',
      RESOLVER_TIMEOUT_MS: '5000',
    });
    expect(config.hosted).toEqual({
      provider: 'anthropic',
      models: { commodity: 'claude-haiku-4-5', frontier: 'claude-haiku-4-5' },
      apiKey: 'sk-ant-x',
      timeoutMs: 5000,
      maxToolRounds: 6,
    });
    const both = readServiceConfig({
      RESOLVER_COMPOSER: 'openai-compatible',
      RESOLVER_MODEL_COMMODITY: 'llama3.1:8b',
      RESOLVER_MODEL_FRONTIER: 'llama3.1:70b',
      RESOLVER_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(both.hosted).toEqual({
      provider: 'openai-compatible',
      models: { commodity: 'llama3.1:8b', frontier: 'llama3.1:70b' },
      baseUrl: 'http://127.0.0.1:11434/v1',
      timeoutMs: 20_000,
      maxToolRounds: 6,
    });
  });

  it('reads the tool round cap, 6 by default, between 1 and 20', () => {
    const hosted = { RESOLVER_COMPOSER: 'anthropic', RESOLVER_MODEL_COMMODITY: 'm', RESOLVER_API_KEY: 'k' };
    expect(readServiceConfig({ ...hosted, RESOLVER_MAX_TOOL_ROUNDS: '3' }).hosted?.maxToolRounds).toBe(3);
    expect(problems({ ...hosted, RESOLVER_MAX_TOOL_ROUNDS: '0' })).toEqual([
      'RESOLVER_MAX_TOOL_ROUNDS: must be at least 1 (got "0")',
    ]);
    expect(problems({ ...hosted, RESOLVER_MAX_TOOL_ROUNDS: '21' })).toEqual([
      'RESOLVER_MAX_TOOL_ROUNDS: must be at most 20 (got "21")',
    ]);
    expect(problems({ ...hosted, RESOLVER_MAX_TOOL_ROUNDS: 'six' })).toHaveLength(1);
  });

  it('names what a hosted composer is missing', () => {
    expect(problems({ RESOLVER_COMPOSER: 'openai' })).toEqual([
      'RESOLVER_MODEL_COMMODITY: required when RESOLVER_COMPOSER=openai',
      'RESOLVER_API_KEY: required for RESOLVER_COMPOSER=openai',
    ]);
    expect(problems({ RESOLVER_COMPOSER: 'openai-compatible', RESOLVER_MODEL_COMMODITY: 'm' })).toEqual([
      'RESOLVER_BASE_URL: required for RESOLVER_COMPOSER=openai-compatible (the server address)',
    ]);
    expect(
      problems({ RESOLVER_COMPOSER: 'anthropic', RESOLVER_API_KEY: '', RESOLVER_MODEL_COMMODITY: 'm' }),
    ).toEqual(['RESOLVER_API_KEY: required for RESOLVER_COMPOSER=anthropic']);
  });
});
