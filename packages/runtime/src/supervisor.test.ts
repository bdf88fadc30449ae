import { afterEach, describe, expect, it } from '@jest/globals';
import { restartDelay, Supervisor } from './supervisor.js';

const HEARTBEAT_CHILD = new URL('../test/heartbeat-child.ts', import.meta.url).pathname;
const heartbeatChild = (mode: 'block' | 'run' | 'tick' | 'slow' | 'mute') => ({
  name: mode,
  command: process.execPath,
  args: ['--import', 'tsx', HEARTBEAT_CHILD, mode],
});

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
    // The handler is in place before "up" is printed; a child's last output can be read after its exit event,
    // so "drained" is waited for (a SIGKILLed child would never print it).
    const script =
      'process.on("SIGTERM",()=>{console.log("drained");process.exitCode=0;clearInterval(t)});console.log("up");const t=setInterval(()=>{},1000)';
    sup.start([{ name: 'svc', command: process.execPath, args: ['-e', script] }]);
    await until(() => lines.includes('up'));
    await sup.stop();
    await until(() => lines.includes('drained'));
    expect(lines).toEqual(['up', 'drained']);
    expect(sup.restarts('svc')).toBe(0);
  });
});

describe('Supervisor liveness', () => {
  // Start-up gets a generous limit unless a test is about it: a child started on a loaded machine may take
  // seconds to load, which is not the hang these tests look for.
  const watched = (
    lines: string[],
    events: string[],
    heartbeatTimeoutMs: number,
    startupTimeoutMs = 30_000,
  ) =>
    new Supervisor({
      backoffMs: [50],
      stableMs: 60_000,
      stopTimeoutMs: 2000,
      heartbeatTimeoutMs,
      startupTimeoutMs,
      onLine: (_n, line) => lines.push(line),
      onEvent: (_n, event) => events.push(event),
    });

  it('kills and restarts a child whose event loop is blocked forever', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    sup = watched(lines, events, 1500);
    sup.start([heartbeatChild('block')]);
    await until(() => lines.length >= 1, 60_000);
    const first = sup.pid('block');
    // It heartbeats a few times, then spins in `for (;;);`, never exiting by itself.
    await until(() => lines.length >= 2 && sup!.pid('block') !== first, 60_000);
    expect(events[0]).toMatch(
      /^no heartbeat for \d+ ms \(event loop blocked or process stopped\); killing it \(SIGKILL\)$/,
    );
    expect(events[1]).toMatch(/^exited \(SIGKILL\); restarting in 50 ms \(restart #1\)$/);
    expect(sup.restarts('block')).toBeGreaterThanOrEqual(1);
  });

  it('kills and restarts a stopped (SIGSTOP) child', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    sup = watched(lines, events, 1500);
    sup.start([heartbeatChild('run')]);
    await until(() => lines.length === 1, 60_000);
    const first = sup.pid('run')!;
    // Past its first heartbeats (50 ms apart), so the steady limit applies to the stop, not start-up's.
    await new Promise((r) => setTimeout(r, 300));
    process.kill(first, 'SIGSTOP');
    await until(() => lines.length === 2, 60_000);
    expect(sup.pid('run')).not.toBe(first);
    expect(events).toEqual([
      expect.stringMatching(/^no heartbeat for \d+ ms/),
      'exited (SIGKILL); restarting in 50 ms (restart #1)',
    ]);
  });

  it('kills a child that never sends its first heartbeat once the start-up limit passes', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    sup = watched(lines, events, 60_000, 1000);
    sup.start([heartbeatChild('mute')]);
    await until(() => lines.length >= 2, 60_000);
    expect(events[0]).toMatch(
      /^no heartbeat for \d+ ms \(event loop blocked or process stopped\); killing it/,
    );
    expect(events[1]).toBe('exited (SIGKILL); restarting in 50 ms (restart #1)');
  });

  it('gives a slow start-up the start-up limit, not the heartbeat limit', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    // Its first heartbeat comes 1.5 s after start, past the 500 ms heartbeat limit but within start-up's.
    sup = watched(lines, events, 500);
    sup.start([heartbeatChild('slow')]);
    await until(() => lines.length >= 1, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(events).toEqual([]);
    expect(sup.restarts('slow')).toBe(0);
  });

  it('leaves a child that keeps sending heartbeats alone well past the limit', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    sup = watched(lines, events, 3000);
    sup.start([heartbeatChild('tick')]);
    // 50 ms apart, so 120 ticks outlast the limit twice over.
    await until(() => lines.filter((l) => l === 'tick').length >= 120, 60_000);
    expect(events).toEqual([]);
    expect(sup.restarts('tick')).toBe(0);
    expect(lines.filter((l) => l === 'up')).toHaveLength(1);
  });
});
