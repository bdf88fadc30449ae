import { IngestLimitError, IngestPathError } from '@parley/knowledge';
import { keyGuard, principalOf } from '@parley/runtime';
import type { Logger } from '@parley/telemetry';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDeps, IngestInput } from '../ingest/apply-ingest.js';
import { applyIngest } from '../ingest/apply-ingest.js';
import { IngestInputError } from '../ingest/errors.js';
import { SourceOwnedElsewhere } from '../knowledge/store.js';
import { ADMIN_SCOPE, adminAuth } from './admin-auth.js';

const SourceId = z.string().min(1).max(200);
const FromPath = z
  .object({
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => !p.includes('\0'), 'must not contain a NUL character'),
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

/**
 * What a failed ingest answers. Messages name a source by its root name and relative path or not at all:
 * never a server path, an errno or an OS message (those go to the log, without the requested path).
 */
export function ingestFailure(
  err: unknown,
  log: Logger,
): { status: 400 | 409 | 413 | 422 | 500; body: Record<string, unknown> } {
  if (err instanceof IngestInputError)
    return { status: 400, body: { error: 'invalid_request', message: err.message } };
  if (err instanceof SourceOwnedElsewhere)
    return { status: 409, body: { error: 'conflict', message: err.message } };
  if (err instanceof IngestLimitError) {
    log.warn({ limit: err.limit, max: err.max }, 'ingest stopped at a limit');
    return {
      status: 413,
      body: { error: 'limit_exceeded', message: err.message, limit: err.limit, max: err.max },
    };
  }
  if (err instanceof IngestPathError) {
    log.warn({ problem: err.problem, code: err.code }, 'ingest path refused');
    return { status: 422, body: { error: 'path_refused', message: err.message } };
  }
  log.error({ err }, 'ingest failed');
  return { status: 500, body: { error: 'internal', message: 'ingest failed' } };
}

/** `POST /v1/kb/ingest` (admin key): a path under a knowledge root or an inline Zendesk/Intercom export. */
export function registerIngestRoute(
  app: FastifyInstance,
  deps: Omit<IngestDeps, 'onProgress'> & { adminKeys: readonly string[]; log: Logger },
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
      const failure = ingestFailure(err, deps.log);
      return reply.code(failure.status).send(failure.body);
    }
  });
}
