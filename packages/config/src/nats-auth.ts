import { readFileSync } from 'node:fs';
import type { EnvSource } from './env.js';
import { ConfigError, env, readEnv } from './env.js';

/** How clients authenticate to NATS: at most one way (user and password, token, NKey, or a creds file). */
export const natsAuthEnv = {
  NATS_USER: env.string().optional(),
  NATS_PASSWORD: env.string().optional(),
  NATS_TOKEN: env.string().optional(),
  /** A user NKey seed (`SU...`), or a file holding one. */
  NATS_NKEY_SEED: env.string().optional(),
  NATS_NKEY_SEED_FILE: env.string().optional(),
  /** A user credentials file (JWT and seed, as `nsc` writes it) for a server in operator (JWT) mode. */
  NATS_CREDS_FILE: env.string().optional(),
};

/**
 * The credentials a NATS client presents. Files are named, not copied: they are read again on every
 * (re)connection, so a rotated file takes effect without a restart. Nothing here is ever logged.
 */
export type NatsAuth =
  | { method: 'none' }
  | { method: 'user_password'; user: string; password: string }
  | { method: 'token'; token: string }
  | { method: 'nkey'; seed: string }
  | { method: 'nkey_file'; seedFile: string }
  | { method: 'creds'; credsFile: string };

/** The variables that set each way, for messages that must name them (never their values). */
export const NATS_AUTH_VARIABLES: Readonly<Record<NatsAuth['method'], string>> = {
  none: 'NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED(_FILE) or NATS_CREDS_FILE',
  user_password: 'NATS_USER/NATS_PASSWORD',
  token: 'NATS_TOKEN',
  nkey: 'NATS_NKEY_SEED',
  nkey_file: 'NATS_NKEY_SEED_FILE',
  creds: 'NATS_CREDS_FILE',
};

// A user seed: prefix S (seed) + U (user), base32, 58 characters in all.
const USER_SEED = /^SU[A-Z2-7]{56}$/;
const SEED_IN_TEXT = /\bSU[A-Z2-7]{56}\b/;

/** A creds file as `nsc` writes it: a user JWT block and a user seed block. */
function looksLikeCreds(text: string): boolean {
  return (
    text.includes('BEGIN NATS USER JWT') && text.includes('BEGIN USER NKEY SEED') && SEED_IN_TEXT.test(text)
  );
}

/** The file's text, or a problem naming the variable and the path (a path is not a secret). */
function readText(variable: string, file: string, problems: string[]): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

/** Step two for the NATS credentials: one way at most, complete, and readable now rather than at first use. */
export function natsAuthFrom(e: { [K in keyof typeof natsAuthEnv]?: string | undefined }): NatsAuth {
  const problems: string[] = [];
  const ways = [
    (e.NATS_USER ?? e.NATS_PASSWORD) && 'NATS_USER/NATS_PASSWORD',
    e.NATS_TOKEN && 'NATS_TOKEN',
    e.NATS_NKEY_SEED && 'NATS_NKEY_SEED',
    e.NATS_NKEY_SEED_FILE && 'NATS_NKEY_SEED_FILE',
    e.NATS_CREDS_FILE && 'NATS_CREDS_FILE',
  ].filter((w): w is string => Boolean(w));
  if (ways.length > 1) problems.push(`${ways.join(', ')}: set only one way to authenticate to NATS`);
  if (Boolean(e.NATS_USER) !== Boolean(e.NATS_PASSWORD)) {
    problems.push('NATS_USER and NATS_PASSWORD: set both or neither');
  }
  if (e.NATS_NKEY_SEED && !USER_SEED.test(e.NATS_NKEY_SEED.trim())) {
    problems.push('NATS_NKEY_SEED: must be a user NKey seed (58 characters starting with SU) (value hidden)');
  }
  if (e.NATS_NKEY_SEED_FILE) {
    const text = readText('NATS_NKEY_SEED_FILE', e.NATS_NKEY_SEED_FILE, problems);
    if (text !== null && !USER_SEED.test(text.trim())) {
      problems.push(
        `NATS_NKEY_SEED_FILE: ${e.NATS_NKEY_SEED_FILE} must hold a user NKey seed (58 characters starting with SU) and nothing else`,
      );
    }
  }
  if (e.NATS_CREDS_FILE) {
    const text = readText('NATS_CREDS_FILE', e.NATS_CREDS_FILE, problems);
    if (text !== null && !looksLikeCreds(text)) {
      problems.push(
        `NATS_CREDS_FILE: ${e.NATS_CREDS_FILE} is not a NATS user credentials file (a user JWT and a user seed, as nsc writes them)`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  if (e.NATS_USER && e.NATS_PASSWORD) {
    return { method: 'user_password', user: e.NATS_USER, password: e.NATS_PASSWORD };
  }
  if (e.NATS_TOKEN) return { method: 'token', token: e.NATS_TOKEN };
  if (e.NATS_NKEY_SEED) return { method: 'nkey', seed: e.NATS_NKEY_SEED.trim() };
  if (e.NATS_NKEY_SEED_FILE) return { method: 'nkey_file', seedFile: e.NATS_NKEY_SEED_FILE };
  if (e.NATS_CREDS_FILE) return { method: 'creds', credsFile: e.NATS_CREDS_FILE };
  return { method: 'none' };
}

/** The NATS credentials alone (for tools and test harnesses that need nothing else of the platform). */
export function readNatsAuth(source: EnvSource): NatsAuth {
  return natsAuthFrom(readEnv(natsAuthEnv, source));
}
