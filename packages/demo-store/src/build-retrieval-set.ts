// Regenerates retrieval-set.json from help-centre/*.md and retrieval-queries.json.
// Run after editing either: `pnpm --filter @parley/demo-store build:retrieval-set` (also formats it).
import { writeFile } from 'node:fs/promises';
import { buildRetrievalSet, DEFAULT_RETRIEVAL_SET_FILE } from './retrieval-set.js';

const set = await buildRetrievalSet();
await writeFile(DEFAULT_RETRIEVAL_SET_FILE, `${JSON.stringify(set, null, 2)}\n`);
console.log(`wrote ${DEFAULT_RETRIEVAL_SET_FILE}: ${set.kb.length} articles, ${set.queries.length} queries`);
