// `pnpm kb ingest <path|file> [--source <id>] [--kind markdown-dir|html-dir|zendesk|intercom]`
// Ingests one source through the same use-case as POST /v1/kb/ingest, against DATABASE_URL and NATS_URL.
// Unlike the endpoint it may read any path the operator names (they already have the shell), within the
// same RETRIEVAL_KB_* limits; links inside the named folder must still stay inside it.
import { parseArgs } from 'node:util';
import { Bus, connectNats } from '@parley/bus';
import { readPlatformConfig } from '@parley/config';
import { createDb } from '@parley/db';
import type { IngestLimits, SourceKind } from '@parley/knowledge';
import { IngestLimitError, IngestPathError } from '@parley/knowledge';
import { createLogger, Registry } from '@parley/telemetry';
import { SingleBar } from 'cli-progress';
import type { IngestReport } from '../ingest/apply-ingest.js';
import { readIngestLimits } from '../config.js';
import { applyIngest } from '../ingest/apply-ingest.js';
import { IngestInputError } from '../ingest/errors.js';

const KINDS: readonly string[] = ['markdown-dir', 'html-dir', 'zendesk', 'intercom'];
const USAGE =
  'usage: pnpm kb ingest <path|file> [--source <id>] [--kind markdown-dir|html-dir|zendesk|intercom]';

export function parseKbArgs(argv: string[]): { path: string; sourceId?: string; kind?: SourceKind } {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { source: { type: 'string' }, kind: { type: 'string' } },
  });
  const [command, path, ...extra] = positionals;
  if (command !== 'ingest' || !path || extra.length > 0) throw new IngestInputError(USAGE);
  if (values.kind !== undefined && !KINDS.includes(values.kind))
    throw new IngestInputError(`--kind must be one of ${KINDS.join(', ')}, got ${values.kind}`);
  return {
    path,
    ...(values.source ? { sourceId: values.source } : {}),
    ...(values.kind ? { kind: values.kind as SourceKind } : {}),
  };
}

export function formatReport(r: IngestReport): string {
  const lines = [
    `source ${r.sourceId} (${r.kind}) at revision ${r.revision}`,
    `articles: ${r.articles}`,
    `chunks: ${r.chunks.upserted} upserted, ${r.chunks.unchanged} unchanged, ${r.chunks.deleted} deleted (${r.chunks.total} in source)`,
    `skipped: ${r.skipped.length}`,
    ...r.skipped.map(
      (s) => `  - ${s.origin}${s.articleId ? ` [${s.articleId}]` : ''}: ${s.reason}: ${s.detail}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** A bar on a terminal; elsewhere one stderr line per phase change. */
function progress(): { update(phase: 'read' | 'write', done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update(phase, done, total) {
        const line = phase === 'read' ? 'reading source' : `writing ${total} changed chunks`;
        if (line !== last && (phase === 'read' ? done === 0 : true)) process.stderr.write(`${line}\n`);
        last = line;
      },
      stop() {},
    };
  }
  const bar = new SingleBar({
    format: '{phase} [{bar}] {value}/{total}',
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(phase, done, total) {
      if (!started) bar.start(total, done, { phase });
      started = true;
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop: () => started && bar.stop(),
  };
}

export async function runKb(argv: string[]): Promise<number> {
  let args;
  let limits: IngestLimits;
  try {
    args = parseKbArgs(argv);
    limits = readIngestLimits(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const config = readPlatformConfig(process.env);
  const log = createLogger({ service: 'kb', level: 'warn' });
  const db = createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 2,
    statementTimeoutMs: 120_000,
    applicationName: 'parley-kb',
  });
  const nc = await connectNats(config.natsUrl, 'parley-kb', config.natsAuth);
  const bus = new Bus({
    nc,
    db: db.db,
    prefix: config.busPrefix,
    service: 'kb',
    log,
    registry: new Registry(),
  });
  const bar = progress();
  try {
    await bus.applyTopology();
    const report = await applyIngest(
      { db: db.db, bus, paths: { kind: 'operator' }, limits, onProgress: bar.update },
      args,
    );
    bar.stop();
    process.stdout.write(formatReport(report));
    return 0;
  } catch (err) {
    bar.stop();
    // The operator's own shell: the errno code is theirs to see (the endpoint only logs it).
    const code = err instanceof IngestPathError && err.code ? ` (${err.code})` : '';
    process.stderr.write(`ingest failed: ${(err as Error).message}${code}\n`);
    const badInput =
      err instanceof IngestInputError || err instanceof IngestLimitError || err instanceof IngestPathError;
    return badInput ? 2 : 1;
  } finally {
    await bus.close();
    await nc.drain().catch(() => undefined);
    await db.close();
  }
}
