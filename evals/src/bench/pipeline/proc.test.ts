import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  natsPortOf,
  parseMachineCpu,
  parsePeakRssMb,
  parseRssMb,
  parseSchedstat,
  parseStat,
  peakRssMb,
  readProc,
  withDescendants,
} from './proc.js';

// A stat line as the kernel writes it (fields 1-20 and a few after), for a process whose name has a space
// and a parenthesis in it.
const STAT =
  '4242 (my (odd) name) S 17 4242 4242 0 -1 4194560 500 0 0 0 150 37 0 0 20 0 3 0 123456 1000000 2000';

describe('/proc readings', () => {
  it('counts stat fields from the last parenthesis, whatever the name holds', () => {
    expect(parseStat(STAT, 100)).toEqual({
      pid: 4242,
      ppid: 17,
      comm: 'my (odd) name',
      cpuMs: 1870,
      threads: 3,
    });
    expect(parseStat('garbage', 100)).toBeUndefined();
  });

  it('reads schedstat nanoseconds and the peak resident set', () => {
    expect(parseSchedstat('5335690842 91686810042 98067\n')).toBeCloseTo(5335.690842, 6);
    expect(parsePeakRssMb('Name:\tnode\nVmPeak:\t 900 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1 kB\n')).toBe(200);
    expect(parsePeakRssMb('Name:\tkthreadd\n')).toBeUndefined();
    expect(parseRssMb('Name:\tnode\nVmPeak:\t 900 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 102400 kB\n')).toBe(100);
    expect(parseRssMb('Name:\tkthreadd\n')).toBeUndefined();
  });

  it('reads what the whole machine did from /proc/stat', () => {
    const stat = 'cpu  1000 10 200 500 40 0 30 20 0 0\ncpu0 500 5 100 250 20 0 15 10 0 0\nintr 1 2\n';
    // busy: user, nice, system, irq, softirq, steal; idle and I/O wait make up the rest.
    expect(parseMachineCpu(stat, 100)).toEqual({ busyMs: 12_600, totalMs: 18_000 });
    expect(parseMachineCpu('intr 1 2\n', 100)).toBeUndefined();
  });

  it('finds the port a nats-server command line listens on', () => {
    expect(natsPortOf(['-a', '127.0.0.1', '-p', '4333', '-js'])).toBe(4333);
    expect(natsPortOf(['--port=5222'])).toBe(5222);
    expect(natsPortOf(['-js', '-sd', '/var/lib/nats'])).toBe(4222);
  });

  it('collects a process tree', () => {
    const procs = [
      { pid: 1, ppid: 0 },
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
      { pid: 12, ppid: 11 },
      { pid: 20, ppid: 1 },
    ].map((p) => ({ ...p, comm: 'x', cpuMs: 0, threads: 1 }));
    expect(withDescendants(10, procs).sort((a, b) => a - b)).toEqual([10, 11, 12]);
    expect(withDescendants(20, procs)).toEqual([20]);
  });

  it('reads this very process', () => {
    const self = readProc(process.pid);
    expect(self?.pid).toBe(process.pid);
    // The kernel's own name for the thread group (Node 24 names its main thread, so not always `node`).
    expect(self?.comm).toBe(readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim());
    expect(self!.threads).toBeGreaterThan(1);
    expect(peakRssMb(process.pid)).toBeGreaterThan(10);
    expect(readProc(2 ** 30)).toBeUndefined();
  });
});
