import { describe, expect, it } from '@jest/globals';
import type { ConfigError } from '@parley/config';
import { readServiceConfig } from './config.js';

describe('readServiceConfig', () => {
  it('defaults to the local composer on port 8083', () => {
    expect(readServiceConfig({})).toMatchObject({ port: 8083, composer: 'local', retrievalFloor: 0.15 });
  });

  it('names bad values', () => {
    try {
      readServiceConfig({ RESOLVER_COMPOSER: 'gpt', RESOLVER_RETRIEVAL_FLOOR: '2' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'RESOLVER_COMPOSER: must be one of local (got "gpt")',
        'RESOLVER_RETRIEVAL_FLOOR: must be at most 1 (got "2")',
      ]);
    }
  });
});
