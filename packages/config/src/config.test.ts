import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { env, readEnv, readNatsAuth, readPlatformConfig } from './index.js';
import { configProblems as problems } from './testing.js';

describe('readPlatformConfig', () => {
  it('gives working defaults with an empty environment', () => {
    const c = readPlatformConfig({});
    expect(c.natsUrl).toBe('nats://127.0.0.1:4222');
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(c.busPrefix).toBe('parley');
    expect(c.databasePoolMax).toBe(10);
  });

  it('treats an empty variable as unset', () => {
    expect(readPlatformConfig({ BUS_PREFIX: '' }).busPrefix).toBe('parley');
  });

  it('names every bad variable and what is wrong with it', () => {
    const found = problems(() =>
      readPlatformConfig({
        NATS_URL: 'http://x:4222',
        DATABASE_POOL_MAX: 'lots',
        BUS_PREFIX: 'Bad Prefix',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(found).toEqual([
      'NATS_URL: must be a URL starting with nats:// or tls:// or ws:// or wss:// (got "http://x:4222")',
      'DATABASE_POOL_MAX: must be an integer (got "lots")',
      'BUS_PREFIX: must be lower-case letters, digits or _ (starting with a letter, max 40) (got "Bad Prefix")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('never prints the value of a secret', () => {
    const [problem] = problems(() => readPlatformConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' }));
    expect(problem).toBe(
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql:// (value hidden)',
    );
  });

  it('reads the version and canary role, and refuses a candidate without a version', () => {
    expect(readPlatformConfig({})).toMatchObject({ canaryRole: 'stable' });
    expect(readPlatformConfig({}).version).toBeUndefined();
    expect(
      readPlatformConfig({ PARLEY_VERSION: 'v2.1-rc.3', PARLEY_CANARY_ROLE: 'candidate' }),
    ).toMatchObject({ version: 'v2.1-rc.3', canaryRole: 'candidate' });
    expect(problems(() => readPlatformConfig({ PARLEY_CANARY_ROLE: 'candidate' }))).toEqual([
      'PARLEY_CANARY_ROLE: a candidate needs PARLEY_VERSION set (the version its metrics and timeline carry)',
    ]);
    expect(
      problems(() => readPlatformConfig({ PARLEY_VERSION: 'v2/x', PARLEY_CANARY_ROLE: 'canary' })),
    ).toEqual([
      'PARLEY_VERSION: must be letters, digits, ".", "_" or "-" (max 64) (got "v2/x")',
      'PARLEY_CANARY_ROLE: must be one of stable, candidate (got "canary")',
    ]);
  });

  it('enforces ranges on integers', () => {
    expect(problems(() => readPlatformConfig({ DATABASE_POOL_MAX: '0' }))).toEqual([
      'DATABASE_POOL_MAX: must be at least 1 (got "0")',
    ]);
  });
});

describe('NATS credentials', () => {
  // A syntactically valid user seed (not a real key's: only its form is checked here).
  const SEED = `SU${'A'.repeat(56)}`;
  const dir = mkdtempSync(join(tmpdir(), 'parley-config-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('connects without credentials by default', () => {
    expect(readPlatformConfig({}).natsAuth).toEqual({ method: 'none' });
  });

  it('reads each way to authenticate', () => {
    expect(readPlatformConfig({ NATS_USER: 'parley', NATS_PASSWORD: 'pw-1' }).natsAuth).toEqual({
      method: 'user_password',
      user: 'parley',
      password: 'pw-1',
    });
    expect(readNatsAuth({ NATS_TOKEN: 'tok-1' })).toEqual({ method: 'token', token: 'tok-1' });
    expect(readNatsAuth({ NATS_NKEY_SEED: ` ${SEED}\n` })).toEqual({ method: 'nkey', seed: SEED });
    const seedFile = file('user.nk', `${SEED}\n`);
    expect(readNatsAuth({ NATS_NKEY_SEED_FILE: seedFile })).toEqual({ method: 'nkey_file', seedFile });
    const creds = file(
      'user.creds',
      `-----BEGIN NATS USER JWT-----\neyJ0eXAi.eyJqdGki.sig\n------END NATS USER JWT------\n\n` +
        `-----BEGIN USER NKEY SEED-----\n${SEED}\n------END USER NKEY SEED------\n`,
    );
    expect(readNatsAuth({ NATS_CREDS_FILE: creds })).toEqual({ method: 'creds', credsFile: creds });
  });

  it('allows one way at most, complete, and never prints a secret', () => {
    const found = problems(() =>
      readPlatformConfig({ NATS_USER: 'parley', NATS_TOKEN: 'tok-secret-1', NATS_NKEY_SEED: 'SUnot-a-seed' }),
    );
    expect(found).toEqual([
      'NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED: set only one way to authenticate to NATS',
      'NATS_USER and NATS_PASSWORD: set both or neither',
      'NATS_NKEY_SEED: must be a user NKey seed (58 characters starting with SU) (value hidden)',
    ]);
    expect(found.join('\n')).not.toMatch(/tok-secret-1|SUnot-a-seed/);
    expect(problems(() => readNatsAuth({ NATS_PASSWORD: 'pw-secret-2' }))).toEqual([
      'NATS_USER and NATS_PASSWORD: set both or neither',
    ]);
    expect(problems(() => readNatsAuth({ NATS_NKEY_SEED: SEED, NATS_NKEY_SEED_FILE: '/x.nk' }))[0]).toBe(
      'NATS_NKEY_SEED, NATS_NKEY_SEED_FILE: set only one way to authenticate to NATS',
    );
  });

  it('names a credentials file that cannot be read or is not one', () => {
    const missing = join(dir, 'missing.creds');
    expect(problems(() => readNatsAuth({ NATS_CREDS_FILE: missing }))).toEqual([
      `NATS_CREDS_FILE: cannot read ${missing} (ENOENT)`,
    ]);
    const notCreds = file('wrong.creds', 'user: parley\n');
    expect(problems(() => readNatsAuth({ NATS_CREDS_FILE: notCreds }))).toEqual([
      `NATS_CREDS_FILE: ${notCreds} is not a NATS user credentials file (a user JWT and a user seed, as nsc writes them)`,
    ]);
    const secretInside = file('wrong.nk', 'pw-secret-3');
    const found = problems(() => readNatsAuth({ NATS_NKEY_SEED_FILE: secretInside }));
    expect(found).toEqual([
      `NATS_NKEY_SEED_FILE: ${secretInside} must hold a user NKey seed (58 characters starting with SU) and nothing else`,
    ]);
    expect(found.join('\n')).not.toContain('pw-secret-3');
  });
});

describe('env helpers', () => {
  it('accepts only "true" or "false" for booleans', () => {
    const shape = { FLAG: env.bool(false) };
    expect(readEnv(shape, { FLAG: 'true' }).FLAG).toBe(true);
    expect(readEnv(shape, {}).FLAG).toBe(false);
    expect(problems(() => readEnv(shape, { FLAG: '1' }))).toEqual([
      'FLAG: must be "true" or "false" (got "1")',
    ]);
  });

  it('validates ports and lists', () => {
    const shape = { PORT: env.port(8080), KEYS: env.list() };
    expect(readEnv(shape, { KEYS: 'a, b,,c' })).toEqual({ PORT: 8080, KEYS: ['a', 'b', 'c'] });
    expect(problems(() => readEnv(shape, { PORT: '70000' }))).toEqual([
      'PORT: must be at most 65535 (got "70000")',
    ]);
  });

  it('reads decimals within bounds, negative ones included', () => {
    const shape = {
      FLOOR: env.decimal({ default: 0.8, min: 0, max: 1 }),
      TREND: env.decimal({ min: -2, max: 0 }),
    };
    expect(readEnv(shape, { TREND: '-0.5' })).toEqual({ FLOOR: 0.8, TREND: -0.5 });
    expect(readEnv(shape, { FLOOR: '0.25', TREND: '0' }).FLOOR).toBe(0.25);
    expect(problems(() => readEnv(shape, { FLOOR: '1.5', TREND: 'low' }))).toEqual([
      'FLOOR: must be at most 1 (got "1.5")',
      'TREND: must be a number (got "low")',
    ]);
    expect(problems(() => readEnv(shape, { FLOOR: '.5', TREND: '1e3' }))).toEqual([
      'FLOOR: must be a number (got ".5")',
      'TREND: must be a number (got "1e3")',
    ]);
  });

  it('reports a missing required variable', () => {
    expect(problems(() => readEnv({ NEEDED: env.string() }, {}))).toEqual(['NEEDED: Required (unset)']);
  });
});
