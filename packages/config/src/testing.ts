import { ConfigError } from './env.js';

/** The problems a config reader reports for a bad environment; fails when it reports none or throws otherwise. */
export function configProblems(read: () => unknown): string[] {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
