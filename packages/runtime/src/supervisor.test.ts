import { afterEach, describe, expect, it } from '@jest/globals';
import { restartDelay, Supervisor } from './supervisor.js';

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let sup: Supervisor | undefined;
afterEach(async () => {
  await sup?.stop();
});

describe('restartDelay', () => {
  it('grows with consecutive failures and repeats the last step', () => {
    expect([0, 1, 2, 5].map((n) => restartDelay(n, [100, 500, 2000]))).toEqual([100, 500, 2000, 2000]);
  });
});

describe('Supervisor', () => {
  it('restarts a killed process and prefixes its output', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    sup = new Supervisor({
      backoffMs: [50],
      stableMs: 60_000,
      stopTimeoutMs: 5000,
      onLine: (name, line) => lines.push(`${name}: ${line}`),
      onEvent: (name, event) => events.push(`${name}: ${event}`),
    });
    sup.start([
      { name: 'echo', command: process.execPath, args: ['-e', 'console.log("up");setInterval(()=>{},1000)'] },
    ]);
    await until(() => lines.length === 1);
    const first = sup.pid('echo');
    process.kill(first!, 'SIGKILL');
    await until(() => lines.length === 2);
    expect(lines).toEqual(['echo: up', 'echo: up']);
    expect(sup.pid('echo')).not.toBe(first);
    expect(events[0]).toMatch(/^echo: exited \(SIGKILL\); restarting in 50 ms \(restart #1\)$/);
  });

  it('gives children an IPC channel so they can tell when the supervisor is gone', async () => {
    const lines: string[] = [];
    sup = new Supervisor({
      backoffMs: [50],
      stableMs: 60_000,
      stopTimeoutMs: 5000,
      onLine: (_n, l) => lines.push(l),
    });
    sup.start([
      {
        name: 'ipc',
        command: process.execPath,
        args: ['-e', 'console.log(typeof process.send);setInterval(()=>{},1000)'],
      },
    ]);
    await until(() => lines.length === 1);
    expect(lines).toEqual(['function']);
  });

  it('lets a process drain on stop instead of killing it', async () => {
    const lines: string[] = [];
    sup = new Supervisor({
      backoffMs: [50],
      stableMs: 60_000,
      stopTimeoutMs: 5000,
      onLine: (_n, l) => lines.push(l),
    });
    const script =
      'console.log("up");process.on("SIGTERM",()=>{console.log("drained");process.exitCode=0;clearInterval(t)});const t=setInterval(()=>{},1000)';
    sup.start([{ name: 'svc', command: process.execPath, args: ['-e', script] }]);
    await until(() => lines.includes('up'));
    await sup.stop();
    expect(lines).toEqual(['up', 'drained']);
    expect(sup.restarts('svc')).toBe(0);
  });
});
