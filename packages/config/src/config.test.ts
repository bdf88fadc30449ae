import { describe, expect, it } from '@jest/globals';
import { env, readEnv, readPlatformConfig } from './index.js';
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

  it('enforces ranges on integers', () => {
    expect(problems(() => readPlatformConfig({ DATABASE_POOL_MAX: '0' }))).toEqual([
      'DATABASE_POOL_MAX: must be at least 1 (got "0")',
    ]);
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
