import { describe, expect, it } from '@jest/globals';
import { configProblems } from '@parley/config/testing';
import { readServiceConfig } from './config.js';

describe('readServiceConfig', () => {
  it('has defaults for everything', () => {
    expect(readServiceConfig({})).toMatchObject({ port: 8086, concurrency: 4 });
  });

  it('names a bad value', () => {
    expect(configProblems(() => readServiceConfig({ ACTIONS_CONCURRENCY: '0' }))).toEqual([
      expect.stringMatching(/^ACTIONS_CONCURRENCY: /),
    ]);
  });
});
