import { describe, expect, it } from '@jest/globals';
import { CpuMeter, addSample, totals } from './cpu.js';
import type { ProcInfo } from './proc.js';

const at = (pid: number, cpuMs: number): ProcInfo => ({ pid, ppid: 1, comm: 'x', cpuMs, threads: 1 });

describe('CPU over a window', () => {
  it('counts processes present at the start from then, later ones from birth, each to its last reading', () => {
    const readings = new Map();
    const groups = new Map([
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
    ]);
    addSample(readings, [at(1, 1000), at(2, 50)], groups, true);
    // 3 is born; 2 exits after this sample.
    addSample(readings, [at(1, 1100), at(2, 80), at(3, 30)], groups, false);
    addSample(readings, [at(1, 1250), at(3, 70)], groups, false);
    expect(totals(readings)).toEqual({ a: 250 + 30, b: 70 });
  });

  it('leaves out processes no group claims', () => {
    const readings = new Map();
    addSample(readings, [at(1, 10), at(9, 10)], new Map([[1, 'a']]), true);
    addSample(readings, [at(1, 20), at(9, 500)], new Map([[1, 'a']]), false);
    expect(totals(readings)).toEqual({ a: 10 });
  });

  it('measures the CPU this process spends', async () => {
    const meter = new CpuMeter(async () => new Map([[process.pid, 'self']]), 20);
    await meter.start();
    let x = 0;
    for (let i = 0; i < 3e7; i++) x = (x + i * i) % 1_000_003;
    const { ms, seconds } = await meter.stop();
    expect(x).toBeGreaterThanOrEqual(0);
    expect(ms.self).toBeGreaterThan(0);
    expect(seconds).toBeGreaterThan(0);
  });
});
