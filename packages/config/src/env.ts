import { z } from 'zod';

export type EnvSource = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = /KEY|SECRET|PASSWORD|TOKEN|DATABASE_URL/;

/** Values of secret-looking variables never appear in error messages. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  if (SECRET.test(name)) return 'value hidden';
  return `got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
}

/** Step one: pick and validate the named variables; every problem is reported at once. */
export function readEnv<S extends z.ZodRawShape>(shape: S, env: EnvSource): z.infer<z.ZodObject<S>> {
  const picked: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) {
    const value = env[name];
    // An empty variable means "not set": `FOO= pnpm start` should fall back to the default.
    picked[name] = value === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(picked);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(env)');
    return `${name}: ${issue.message} (${shown(name, picked[name])})`;
  });
  throw new ConfigError(problems);
}

export const env = {
  string: (opts: { default?: string; min?: number } = {}) => {
    const base = z.string().min(opts.min ?? 1, 'must not be empty');
    return opts.default === undefined ? base : base.default(opts.default);
  },
  int: (opts: { default?: number; min?: number; max?: number } = {}) => {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = opts;
    const base = z
      .string()
      .regex(/^-?\d+$/, 'must be an integer')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
    return opts.default === undefined ? base : base.default(String(opts.default));
  },
  /** A decimal number in [min, max] ("0.8", "-0.5"); floors and weights that an integer cannot carry. */
  decimal: (opts: { default?: number; min?: number; max?: number } = {}) => {
    const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE } = opts;
    const base = z
      .string()
      .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
    return opts.default === undefined ? base : base.default(String(opts.default));
  },
  port: (defaultPort: number) => env.int({ default: defaultPort, min: 0, max: 65535 }),
  /** Only "true" or "false": "0", "no" and typos are errors, not silently false. */
  bool: (defaultValue: boolean) =>
    z
      .enum(['true', 'false'], { errorMap: () => ({ message: 'must be "true" or "false"' }) })
      .default(defaultValue ? 'true' : 'false')
      .transform((v) => v === 'true'),
  url: (protocols: string[], defaultValue?: string) => {
    const base = z.string().refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );
    return defaultValue === undefined ? base : base.default(defaultValue);
  },
  oneOf: <T extends [string, ...string[]]>(values: T, defaultValue: T[number]) =>
    z
      .enum(values, { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) })
      .default(defaultValue as never),
  /** Comma separated list; blanks dropped. */
  list: (defaultValue = '') =>
    z
      .string()
      .default(defaultValue)
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  /** A lower-case token safe for NATS subjects, stream names and Postgres schema names. */
  token: (defaultValue: string) =>
    z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{0,39}$/,
        'must be lower-case letters, digits or _ (starting with a letter, max 40)',
      )
      .default(defaultValue),
};
