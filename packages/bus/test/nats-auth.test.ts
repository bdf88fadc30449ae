// Each way to authenticate, against real nats-servers started here with authentication on (own ports, so the
// shared server is untouched): the right credentials connect, none or wrong ones fail with a clear error.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { nkeys } from '@nats-io/transport-node';
import { readNatsAuth } from '@parley/config';
import { connectNats } from '../src/bus.js';

const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const dir = mkdtempSync(join(tmpdir(), 'parley-nats-auth-'));
const servers: ChildProcess[] = [];

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A nats-server with this configuration on a port of its own; its URL once it accepts connections. */
async function startServer(name: string, config: string): Promise<string> {
  const port = await freePort();
  const conf = file(`${name}.conf`, `listen: "127.0.0.1:${port}"\n${config}\n`);
  const child = spawn(NATS_SERVER_BIN, ['-c', conf], { stdio: 'ignore' });
  servers.push(child);
  const deadline = Date.now() + 15_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null) throw new Error(`nats-server (${name}) exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`nats-server (${name}) did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return `nats://127.0.0.1:${port}`;
}

/** Connects with the credentials these variables configure, proves the connection works, and closes it. */
async function roundTrip(url: string, env: Record<string, string>): Promise<string> {
  const nc = await connectNats(url, 'test-nats-auth', readNatsAuth(env));
  try {
    await nc.flush();
    return 'connected';
  } finally {
    await nc.close();
  }
}

type KeyPair = ReturnType<typeof nkeys.createUser>;
const seedOf = (kp: KeyPair) => new TextDecoder().decode(kp.getSeed());

// NATS JWTs (operator mode), signed with NKeys: what `nsc` would write, made here so the test needs no tool.
function jwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const b64 = (data: Uint8Array | string) =>
    Buffer.from(typeof data === 'string' ? data : Buffer.from(data)).toString('base64url');
  const header = b64(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims = b64(
    JSON.stringify({
      jti: randomUUID(),
      iat: Math.floor(Date.now() / 1000),
      iss: issuer.getPublicKey(),
      name,
      sub: subject,
      nats: { ...nats, version: 2 },
    }),
  );
  const signature = b64(issuer.sign(new TextEncoder().encode(`${header}.${claims}`)));
  return `${header}.${claims}.${signature}`;
}

function credsFile(name: string, userJwt: string, user: KeyPair): string {
  return file(
    name,
    `-----BEGIN NATS USER JWT-----\n${userJwt}\n------END NATS USER JWT------\n\n` +
      `-----BEGIN USER NKEY SEED-----\n${seedOf(user)}\n------END USER NKEY SEED------\n`,
  );
}

const NO_LIMITS = { subs: -1, data: -1, payload: -1 };

afterAll(() => {
  for (const child of servers) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('user and password, and NKey users', () => {
  const user = nkeys.createUser();
  let url: string;
  beforeAll(async () => {
    url = await startServer(
      'users',
      `authorization { users: [ { user: "parley", password: "pw-right-1" }, { nkey: "${user.getPublicKey()}" } ] }`,
    );
  });

  it('connects with the right user and password, and refuses none or a wrong one', async () => {
    expect(await roundTrip(url, { NATS_USER: 'parley', NATS_PASSWORD: 'pw-right-1' })).toBe('connected');
    await expect(roundTrip(url, { NATS_USER: 'parley', NATS_PASSWORD: 'pw-wrong-1' })).rejects.toThrow(
      'NATS refused the credentials from NATS_USER/NATS_PASSWORD (Authorization Violation)',
    );
    await expect(roundTrip(url, {})).rejects.toThrow(
      'NATS requires credentials and none are configured: set NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED(_FILE) or NATS_CREDS_FILE (Authorization Violation)',
    );
  });

  it('connects with the user NKey seed, inline or from a file, and refuses another key', async () => {
    expect(await roundTrip(url, { NATS_NKEY_SEED: seedOf(user) })).toBe('connected');
    const seedFile = file('user.nk', `${seedOf(user)}\n`);
    expect(await roundTrip(url, { NATS_NKEY_SEED_FILE: seedFile })).toBe('connected');
    const stranger = nkeys.createUser();
    await expect(roundTrip(url, { NATS_NKEY_SEED: seedOf(stranger) })).rejects.toThrow(
      'NATS refused the credentials from NATS_NKEY_SEED (Authorization Violation)',
    );
    await expect(
      roundTrip(url, { NATS_NKEY_SEED_FILE: file('stranger.nk', seedOf(stranger)) }),
    ).rejects.toThrow('NATS refused the credentials from NATS_NKEY_SEED_FILE (Authorization Violation)');
  });

  it('never puts a secret in the error', async () => {
    const error = await roundTrip(url, { NATS_USER: 'parley', NATS_PASSWORD: 'pw-wrong-2' }).catch(
      (err: Error) => err,
    );
    expect(String((error as Error).message)).not.toContain('pw-wrong-2');
  });
});

describe('token', () => {
  let url: string;
  beforeAll(async () => {
    url = await startServer('token', 'authorization { token: "tok-right-1" }');
  });

  it('connects with the right token, and refuses none or a wrong one', async () => {
    expect(await roundTrip(url, { NATS_TOKEN: 'tok-right-1' })).toBe('connected');
    await expect(roundTrip(url, { NATS_TOKEN: 'tok-wrong-1' })).rejects.toThrow(
      'NATS refused the credentials from NATS_TOKEN (Authorization Violation)',
    );
    await expect(roundTrip(url, {})).rejects.toThrow('NATS requires credentials and none are configured');
  });
});

describe('creds file (operator mode)', () => {
  const operator = nkeys.createOperator();
  const account = nkeys.createAccount();
  const user = nkeys.createUser();
  let url: string;
  beforeAll(async () => {
    const accountJwt = jwt(operator, account.getPublicKey(), 'parley', {
      type: 'account',
      limits: { ...NO_LIMITS, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 },
    });
    url = await startServer(
      'operator',
      [
        `operator: ${jwt(operator, operator.getPublicKey(), 'test-operator', { type: 'operator' })}`,
        'resolver: MEMORY',
        `resolver_preload: { ${account.getPublicKey()}: ${accountJwt} }`,
      ].join('\n'),
    );
  });

  it('connects with a user credentials file, and refuses none or one from another account', async () => {
    const userJwt = jwt(account, user.getPublicKey(), 'service', { type: 'user', ...NO_LIMITS });
    expect(await roundTrip(url, { NATS_CREDS_FILE: credsFile('user.creds', userJwt, user) })).toBe(
      'connected',
    );

    const strangerAccount = nkeys.createAccount();
    const stranger = nkeys.createUser();
    const strangerJwt = jwt(strangerAccount, stranger.getPublicKey(), 'stranger', {
      type: 'user',
      ...NO_LIMITS,
    });
    await expect(
      roundTrip(url, { NATS_CREDS_FILE: credsFile('stranger.creds', strangerJwt, stranger) }),
    ).rejects.toThrow('NATS refused the credentials from NATS_CREDS_FILE (Authorization Violation)');
    await expect(roundTrip(url, {})).rejects.toThrow('NATS requires credentials and none are configured');
  });
});
