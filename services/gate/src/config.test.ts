import { describe, expect, it } from '@jest/globals';
import { configProblems } from '@parley/config/testing';
import { readServiceConfig } from './config.js';
import { DEFAULT_POLICY } from './decision/policy.js';

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({});
    expect(c.port).toBe(8084);
    expect(c.policy).toEqual(DEFAULT_POLICY);
    expect(c.platform.busPrefix).toBe('parley');
  });

  it('reads decimal floors', () => {
    const c = readServiceConfig({
      GATE_GROUNDEDNESS_FLOOR: '0.9',
      GATE_NEGATIVE_SENTIMENT: '-0.7',
      GATE_COVERAGE_FLOOR: '0.55',
      GATE_LEAD_MARGIN_FLOOR: '0.3',
    });
    expect(c.policy.groundednessFloor).toBe(0.9);
    expect(c.policy.negativeSentiment).toBe(-0.7);
    expect(c.policy.coverageFloor).toBe(0.55);
    expect(c.policy.leadMarginFloor).toBe(0.3);
  });

  it('names each bad variable', () => {
    expect(
      configProblems(() =>
        readServiceConfig({
          GATE_GROUNDEDNESS_FLOOR: '1.5',
          GATE_CONFIDENCE_FLOOR: 'high',
          GATE_COVERAGE_FLOOR: '-0.1',
          GATE_LEAD_MARGIN_FLOOR: '9',
        }),
      ),
    ).toEqual([
      'GATE_GROUNDEDNESS_FLOOR: must be at most 1 (got "1.5")',
      'GATE_CONFIDENCE_FLOOR: must be a number (got "high")',
      'GATE_COVERAGE_FLOOR: must be at least 0 (got "-0.1")',
      'GATE_LEAD_MARGIN_FLOOR: must be at most 5 (got "9")',
    ]);
  });
});
