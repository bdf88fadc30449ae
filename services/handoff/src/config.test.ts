import { describe, expect, it } from '@jest/globals';
import type { ConfigError } from '@parley/config';
import { readServiceConfig } from './config.js';

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({ HANDOFF_AGENT_KEYS: 'k1, k2' });
    expect(c.port).toBe(8085);
    expect(c.agentKeys).toEqual(['k1', 'k2']);
    expect(c.sla).toEqual({
      firstResponseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
      resolutionFactor: 6,
    });
  });

  it('names a bad SLA spec', () => {
    try {
      readServiceConfig({ HANDOFF_SLA_MINUTES: 'urgent=15' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'HANDOFF_SLA_MINUTES: missing SLA minutes for high, normal, low',
      ]);
    }
  });
});
