import { describe, expect, it } from '@jest/globals';
import { withProgress } from './progress.js';

describe('progress', () => {
  it('reports the start and the duration of a step off a terminal, and a failure too', async () => {
    const lines: string[] = [];
    const sink = { isTTY: false, write: (t: string) => lines.push(t) };
    let now = 0;
    const clock = () => now;
    expect(await withProgress('building', async () => ((now = 2500), 'ok'), sink, clock)).toBe('ok');
    await expect(
      withProgress('training', async () => Promise.reject(new Error('boom')), sink, clock),
    ).rejects.toThrow('boom');
    expect(lines).toEqual([
      'building...\n',
      'building: done in 2.5 s\n',
      'training...\n',
      'training: failed after 0.0 s\n',
    ]);
  });
});
