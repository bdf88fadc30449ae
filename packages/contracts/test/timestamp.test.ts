import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { formatIssues, Timestamp } from '../src/index.js';

describe('Timestamp', () => {
  it('accepts and refuses what zod`s datetime check with offsets does, with its message', () => {
    const datetime = z.string().datetime({ offset: true });
    const samples = [
      '2026-12-04T06:22:27.123Z',
      '2026-12-04T06:22:27Z',
      '2026-12-04T06:22Z',
      '2026-12-04T06:22:27.1234567+01:00',
      '2026-12-04T06:22:27-0530',
      '2024-02-29T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-12-04T24:00:00Z',
      '2026-12-04T06:22:27',
      '2026-12-04 06:22:27Z',
      '2026-12-04',
      '',
      'yesterday',
    ];
    for (const s of samples) {
      const ours = Timestamp.safeParse(s);
      const zods = datetime.safeParse(s);
      expect([s, ours.success]).toEqual([s, zods.success]);
      if (!ours.success && !zods.success) expect(formatIssues(ours.error)).toEqual(formatIssues(zods.error));
    }
    expect(Timestamp.safeParse(12).success).toBe(false);
  });
});
