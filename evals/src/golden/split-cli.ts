// `pnpm exec tsx evals/src/golden/split-cli.ts <all-cases.jsonl> [--out <dir>] [--seed 1]`
// Splits a complete golden set into <dir>/dev.jsonl and <dir>/test.jsonl (default evals/golden), stratified
// by category, intent, action tool and the status of the order asked about (from the demo store), so both
// halves ask about pending, processed, delivered and cancelled orders alike. Run once: the test half is
// frozen when it is committed, so an existing test.jsonl is never overwritten.
import { access, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadOrders } from '@parley/demo-store';
import { GOLDEN_DIR, goldenSplitFile, parseGoldenCases } from './cases.js';
import { byCategoryAndIntent, splitGoldenCases, toJsonl } from './split.js';
import type { Stratifier } from './split.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: GOLDEN_DIR }, seed: { type: 'string', default: '1' } },
});
const [input] = positionals;
const seed = Number(values.seed);
if (positionals.length !== 1 || input === undefined || !Number.isInteger(seed)) {
  console.error('usage: split-cli.ts <all-cases.jsonl> [--out <dir>] [--seed <integer>]');
  process.exitCode = 2;
} else {
  const testFile = goldenSplitFile('test', values.out);
  const frozen = await access(testFile).then(
    () => true,
    () => false,
  );
  if (frozen) {
    console.error(`${testFile} exists: the test half is frozen, split into another --out directory`);
    process.exitCode = 1;
  } else {
    const status = new Map((await loadOrders()).map((o) => [o.id, o.status]));
    const stratify: Stratifier = (c) => `${byCategoryAndIntent(c)}/${c.orderId ? status.get(c.orderId) : ''}`;
    const cases = parseGoldenCases(await readFile(input, 'utf8'), input);
    const { dev, test } = splitGoldenCases(cases, seed, stratify);
    await writeFile(goldenSplitFile('dev', values.out), toJsonl(dev));
    await writeFile(testFile, toJsonl(test));
    console.log(`dev ${dev.length} cases, test ${test.length} cases`);
  }
}
