import { describe, expect, it } from '@jest/globals';
import { PG_OTHERS, PG_SERVER, classifyPostgres } from './attribution.js';
import type { ProcInfo } from './proc.js';

const proc = (pid: number, comm: string): ProcInfo => ({ pid, ppid: 1, comm, cpuMs: 0, threads: 1 });

describe('classifyPostgres', () => {
  it('splits postgres processes into our backends, the server and other clients', () => {
    const procs = [
      proc(100, 'postgres'), // postmaster: not in pg_stat_activity
      proc(101, 'postgres'),
      proc(102, 'postgres'),
      proc(103, 'postgres'),
      proc(104, 'postgres'),
      proc(105, 'postgres'),
      proc(200, 'node'),
    ];
    const activity = [
      { pid: 101, application_name: '', backend_type: 'walwriter' },
      { pid: 102, application_name: 'parley-gate-eabc', backend_type: 'client backend' },
      { pid: 103, application_name: 'parley-gate-eother', backend_type: 'client backend' },
      { pid: 104, application_name: null, backend_type: 'client backend' },
      { pid: 105, application_name: 'parley-ingress-eabc', backend_type: 'client backend' },
      { pid: 200, application_name: 'parley-gate-eabc', backend_type: 'client backend' },
    ];
    const ours = new Map([
      ['parley-gate-eabc', 'gate'],
      ['parley-ingress-eabc', 'ingress'],
    ]);
    const groups = classifyPostgres(procs, activity, (app) => ours.get(app));
    expect(Object.fromEntries(groups)).toEqual({
      100: PG_SERVER,
      101: PG_SERVER,
      102: 'postgres:gate',
      103: PG_OTHERS,
      104: PG_OTHERS,
      105: 'postgres:ingress',
    });
  });
});
