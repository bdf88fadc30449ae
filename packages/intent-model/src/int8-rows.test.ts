import { describe, expect, it } from '@jest/globals';
import { addScaledRow, quantizeRows } from './int8-rows.js';
import { mulberry32 } from './rng.js';

describe('quantizeRows', () => {
  it('keeps each weight within half a step of its row, whatever the row scale', () => {
    const random = mulberry32(7);
    const width = 16;
    // Rows of very different magnitudes: a shared scale would flatten the small ones to zero.
    const w = Float32Array.from({ length: width * 50 }, (_, i) => (random() * 2 - 1) * 10 ** ((i % 7) - 4));
    const m = quantizeRows(w, width);
    expect(m.q.length).toBe(w.length);
    expect(m.scale.length).toBe(50);
    for (let r = 0; r < 50; r++) {
      const row = w.subarray(r * width, (r + 1) * width);
      const largest = Math.max(...row.map(Math.abs));
      for (let c = 0; c < width; c++) {
        const back = m.q[r * width + c]! * m.scale[r]!;
        expect(Math.abs(back - row[c]!)).toBeLessThanOrEqual(largest / 254 + 1e-12);
      }
      expect(Math.max(...m.q.subarray(r * width, (r + 1) * width).map(Math.abs))).toBe(127);
    }
  });

  it('reads an all-zero row as zeros and refuses a length that is not whole rows', () => {
    const m = quantizeRows(new Float32Array([0, 0, 0, 1, -2, 0.5]), 3);
    expect([...m.q.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(m.scale[0]).toBe(0);
    expect(() => quantizeRows(new Float32Array(5), 3)).toThrow('no rows of 3');
  });

  it('adds a scaled row as the float product would, to within the rounding', () => {
    const w = new Float32Array([0.1, -0.4, 0.25, 2, 1, -3]);
    const m = quantizeRows(w, 3);
    const out = new Float64Array([1, 1, 1]);
    addScaledRow(m, 1, 0.5, out);
    [2, 1.5, -0.5].forEach((want, c) => expect(out[c]).toBeCloseTo(want, 1));
    addScaledRow(m, 0, 2, out);
    [2.2, 0.7, 0].forEach((want, c) => expect(Math.abs(out[c]! - want)).toBeLessThan(0.02));
  });
});
