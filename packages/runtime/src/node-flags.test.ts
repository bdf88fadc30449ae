import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { SERVICE_NODE_FLAGS } from './node-flags.js';

describe('SERVICE_NODE_FLAGS', () => {
  it('are the flags the image starts every service with', async () => {
    const entrypoint = await readFile(new URL('../../../deploy/entrypoint.sh', import.meta.url), 'utf8');
    const command = entrypoint.split('\n').find((line) => line.startsWith('exec node '));
    for (const flag of SERVICE_NODE_FLAGS) expect(command?.split(' ')).toContain(flag);
  });

  it('are flags this node accepts', () => {
    for (const flag of SERVICE_NODE_FLAGS) {
      expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!)).toBe(true);
    }
  });
});
