import { keyGuard, principalOf } from '@parley/runtime';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDeps, IngestInput } from '../ingest/apply-ingest.js';
import { applyIngest } from '../ingest/apply-ingest.js';
import { IngestInputError } from '../ingest/detect-kind.js';
import { SourceOwnedElsewhere } from '../knowledge/store.js';
import { ADMIN_SCOPE, adminAuth } from './admin-auth.js';

const SourceId = z.string().min(1).max(200);
const FromPath = z
  .object({
    path: z.string().min(1),
    kind: z.enum(['markdown-dir', 'html-dir', 'zendesk', 'intercom']).optional(),
    sourceId: SourceId.optional(),
  })
  .strict();
const FromExport = z
  .object({
    kind: z.enum(['zendesk', 'intercom']),
    sourceId: SourceId,
    export: z.union([z.record(z.unknown()), z.array(z.unknown())]),
  })
  .strict();

/** Vendor exports are sent whole; help centres of a few thousand articles fit well inside this. */
const BODY_LIMIT = 64 * 1024 * 1024;

export function parseIngestBody(
  body: unknown,
): { ok: true; input: IngestInput } | { ok: false; problems: string[] } {
  const isExport = typeof body === 'object' && body !== null && 'export' in body;
  const r = (isExport ? FromExport : FromPath).safeParse(body ?? {});
  if (r.success) return { ok: true, input: r.data as IngestInput };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
}

/** `POST /v1/kb/ingest` (admin key): a server-side path or an inline Zendesk/Intercom export; returns the summary. */
export function registerIngestRoute(
  app: FastifyInstance,
  deps: Omit<IngestDeps, 'onProgress'> & { adminKeys: readonly string[] },
): void {
  // Authenticated on the matched route, before a (possibly large) body is read.
  const access = { guard: keyGuard(adminAuth(deps.db, deps.adminKeys), ADMIN_SCOPE) };
  app.post('/v1/kb/ingest', { bodyLimit: BODY_LIMIT, config: { access } }, async (req, reply) => {
    const parsed = parseIngestBody(req.body);
    if (!parsed.ok)
      return reply.code(400).send({ error: 'invalid_request', message: parsed.problems.join('; ') });
    try {
      return await applyIngest({ ...deps, workspace: principalOf(req).workspace }, parsed.input);
    } catch (err) {
      if (err instanceof SourceOwnedElsewhere)
        return reply.code(409).send({ error: 'conflict', message: err.message });
      if (err instanceof IngestInputError)
        return reply.code(400).send({ error: 'invalid_request', message: err.message });
      throw err;
    }
  });
}
