// `pnpm kb ingest <path|file> [--source <id>] [--kind ...]`: see services/retrieval/README.md ("Ingestion").
import { runKb } from '../services/retrieval/src/cli/kb.js';

process.exitCode = await runKb(process.argv.slice(2));
