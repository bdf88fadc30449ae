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
