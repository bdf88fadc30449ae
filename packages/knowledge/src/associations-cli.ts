// `tsx packages/knowledge/src/associations-cli.ts build [--data-dir <dir>] [--out <file>]`
// Rebuilds the shipped term-association table from the labelled intent sets (Banking77 and CLINC150
// train splits, `<data-dir>/<set>/train.jsonl`; by default the copies shipped in @parley/intent-model).
// The output is deterministic: the same inputs give the same bytes.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { INTENT_SETS, intentSetFile } from '@parley/intent-model/sets';
import { SHIPPED_ASSOCIATIONS, buildAssociations, readLabelledTexts } from './associations.js';

const HEADER = [
  '# Term associations learned from paraphrase clusters (see packages/knowledge/README.md).',
  '# Derived from Banking77 (PolyAI, Casanueva et al. 2020, CC BY 4.0) and CLINC150',
  '# (Larson et al. 2019, CC BY 3.0) train splits. Regenerate with src/associations-cli.ts build.',
];

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals[0] !== 'build' || positionals.length !== 1) {
    process.stderr.write('usage: associations-cli.ts build [--data-dir <dir>] [--out <file>]\n');
    process.exitCode = 2;
    return;
  }
  const dataDir = values['data-dir'];
  const out = values.out ?? SHIPPED_ASSOCIATIONS;
  const examples = await readLabelledTexts(
    INTENT_SETS.map((s) =>
      dataDir === undefined ? intentSetFile(s, 'train') : join(dataDir, s, 'train.jsonl'),
    ),
  );
  const table = buildAssociations(examples);
  await mkdir(dirname(out), { recursive: true });
  // Written aside and renamed into place, so a reader never sees half a table.
  await writeFile(`${out}.tmp`, `${HEADER.join('\n')}\n${table.toTsv()}`);
  await rename(`${out}.tmp`, out);
  process.stdout.write(`${out}: ${table.size} terms from ${examples.length} questions\n`);
}

await main();
