import { describe, expect, it } from '@jest/globals';
import { SERVICE_NAMES } from '../stack.js';
import type { ServiceName } from '../stack.js';
import type { MemoryPoint } from './memory.js';
import { secondHalfGrowth } from './memory.js';

const at = (offered: number, mb: number, retrieval: number | null = mb): MemoryPoint => ({
  offered,
  accepted: offered,
  seconds: offered / 10,
  rssMb: Object.fromEntries(SERVICE_NAMES.map((n) => [n, n === 'retrieval' ? retrieval : mb])) as Record<
    ServiceName,
    number | null
  >,
});

describe('secondHalfGrowth', () => {
  it('is the resident set at the end less the one nearest half the tickets', () => {
    const growth = secondHalfGrowth([
      at(0, 100),
      at(500, 150),
      at(1000, 160),
      at(1500, 161),
      at(1642, 170, 190),
    ]);
    // Half of 1,642 is 821: the 1,000 point is nearest.
    expect(growth.ingress).toBe(10);
    expect(growth.retrieval).toBe(30);
  });

  it('is unknown for a service that was not running at either point, and for no points at all', () => {
    expect(secondHalfGrowth([at(0, 100), at(1000, 120, null)]).retrieval).toBeNull();
    expect(secondHalfGrowth([]).gate).toBeNull();
  });
});
