import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from '@jest/globals';

const SIGNALS_CHILD = new URL('../test/signals-child.ts', import.meta.url).pathname;

describe('stopOnSignals', () => {
  it('lets a supervised process exit by itself once stopped, although its IPC channel is still open', async () => {
    // As the supervisor starts a service: with an IPC channel, which Node counts as keeping the process alive.
    const child = spawn(process.execPath, ['--import', 'tsx', SIGNALS_CHILD], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const lines: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.trim().split('\n')));
    try {
      while (!lines.includes('up')) await new Promise((r) => setTimeout(r, 20));
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // No SIGKILL is ever sent: a child that lingered after stopping would time this test out.
      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(lines).toEqual(['up', 'stopped']);
      expect(child.connected).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
