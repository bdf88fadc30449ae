import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { freePorts } from './stack.js';

describe('freePorts', () => {
  it('hands out distinct ports, each free to listen on once they are returned', async () => {
    const ports = await freePorts(24);
    expect(ports).toHaveLength(24);
    expect(new Set(ports).size).toBe(24);
    const servers = ports.map(() => createServer());
    await Promise.all(
      servers.map(
        (srv, i) =>
          new Promise<void>((resolve, reject) => {
            srv.once('error', reject);
            srv.listen(ports[i], '127.0.0.1', () => resolve());
          }),
      ),
    );
    await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
  });
});
