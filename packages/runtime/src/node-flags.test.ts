import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from './node-flags.js';

describe('SERVICE_NODE_FLAGS', () => {
  it('are the flags the image starts every service with', async () => {
    const entrypoint = await readFile(new URL('../../../deploy/entrypoint.sh', import.meta.url), 'utf8');
    const command = entrypoint.split('\n').find((line) => line.startsWith('exec node '));
    for (const flag of SERVICE_NODE_FLAGS) expect(command?.split(' ')).toContain(flag);
  });

  it('go with the environment the image gives every service, unless the container sets its own', () => {
    const entrypoint = new URL('../../../deploy/entrypoint.sh', import.meta.url).pathname;
    const printed = (env: Record<string, string>) =>
      spawnSync('sh', [entrypoint, 'sh', '-c', 'env'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH!, ...env },
      }).stdout.split('\n');
    for (const [name, value] of Object.entries(SERVICE_ENV)) {
      expect(printed({})).toContain(`${name}=${value}`);
      expect(printed({ [name]: '7' })).toContain(`${name}=7`);
    }
  });

  it('are flags this node accepts (it refuses an unknown one as a bad option)', () => {
    const run = (flags: readonly string[]) =>
      spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    const ok = run(SERVICE_NODE_FLAGS);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(run(['--heap-growing-percentage=30']).status).not.toBe(0);
  });
});
