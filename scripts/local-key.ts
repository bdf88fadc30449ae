import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { createKey, findActiveKey, hashKey } from '@parley/auth';

export const LOCAL_KEY_FILE = new URL('../.data/local-api-key', import.meta.url).pathname;

/**
 * With no key configured anywhere, create one for local use (tickets, inbox and admin scopes), store only its
 * hash, and keep the key itself in .data/ (git-ignored) so `pnpm demo` can use it.
 */
export async function ensureLocalKey(
  db: Kysely<Database>,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (env.INGRESS_API_KEYS) return undefined;
  const saved = await readFile(LOCAL_KEY_FILE, 'utf8').catch(() => '');
  if (saved.trim()) {
    if (await findActiveKey(db, hashKey(saved.trim()))) return saved.trim();
  }
  const { key } = await createKey(db, 'local', ['tickets', 'inbox', 'admin']);
  await mkdir(new URL('../.data/', import.meta.url).pathname, { recursive: true });
  await writeFile(LOCAL_KEY_FILE, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function readLocalKey(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.PARLEY_API_KEY ?? env.INGRESS_API_KEYS?.split(',')[0]?.trim();
  if (fromEnv) return fromEnv;
  const saved = (await readFile(LOCAL_KEY_FILE, 'utf8').catch(() => '')).trim();
  if (!saved) throw new Error('no API key: run `pnpm start` once (it creates one) or set PARLEY_API_KEY');
  return saved;
}

export const LOCAL_CHAT_KEY_FILE = new URL('../.data/local-chat-key', import.meta.url).pathname;

/**
 * The demo shop's public chat key (scope `chat`: it can only start chat sessions, from the configured origins).
 * `INGRESS_CHAT_KEYS` wins; otherwise one is created once and kept in .data/.
 */
export async function ensureLocalChatKey(db: Kysely<Database>, env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.INGRESS_CHAT_KEYS?.split(',')[0]?.trim();
  if (fromEnv) return fromEnv;
  const saved = (await readFile(LOCAL_CHAT_KEY_FILE, 'utf8').catch(() => '')).trim();
  if (saved && (await findActiveKey(db, hashKey(saved)))) return saved;
  const { key } = await createKey(db, 'demo shop widget', ['chat']);
  await mkdir(new URL('../.data/', import.meta.url).pathname, { recursive: true });
  await writeFile(LOCAL_CHAT_KEY_FILE, `${key}\n`, { mode: 0o600 });
  return key;
}

export const LOCAL_RATING_SECRET_FILE = new URL('../.data/rating-secret', import.meta.url).pathname;

/**
 * The secret that signs rating links in automated replies: `INGRESS_RATING_SECRET` wins; otherwise one is made
 * once and kept in .data/, so links sent before a restart still work.
 */
export async function ensureLocalRatingSecret(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.INGRESS_RATING_SECRET) return env.INGRESS_RATING_SECRET;
  const saved = (await readFile(LOCAL_RATING_SECRET_FILE, 'utf8').catch(() => '')).trim();
  if (saved.length >= 32) return saved;
  const secret = randomBytes(32).toString('base64url');
  await mkdir(new URL('../.data/', import.meta.url).pathname, { recursive: true });
  await writeFile(LOCAL_RATING_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
