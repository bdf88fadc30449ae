import { mulberry32, shuffleInPlace } from '@parley/intent-model/rng';
import type { GoldenCase } from './cases.js';

export interface GoldenHalves {
  dev: GoldenCase[];
  test: GoldenCase[];
}

/** The group a case is halved within; cases of one stratum test the same thing. */
export type Stratifier = (c: GoldenCase) => string;

/** Category and intent, and for action requests the write they call for. */
export const byCategoryAndIntent: Stratifier = (c) => `${c.category}/${c.intent}/${c.action?.tool ?? ''}`;

/**
 * Splits the golden set into two halves of about the same size, each stratum (by default category, intent
 * and action tool) halved by a seeded shuffle. The odd case of a stratum goes to whichever half is smaller
 * so far, so the halves end up within one case of each other. The result depends only on the cases' ids
 * and strata and the seed, never on the order of the input.
 */
export function splitGoldenCases(
  cases: readonly GoldenCase[],
  seed = 1,
  stratify: Stratifier = byCategoryAndIntent,
): GoldenHalves {
  const strata = new Map<string, GoldenCase[]>();
  for (const c of cases) strata.set(stratify(c), [...(strata.get(stratify(c)) ?? []), c]);
  const random = mulberry32(seed);
  const dev: GoldenCase[] = [];
  const test: GoldenCase[] = [];
  for (const key of [...strata.keys()].sort()) {
    const members = strata.get(key)!.sort((a, b) => a.id.localeCompare(b.id));
    const order = members.map((_, i) => i);
    shuffleInPlace(order, random);
    const half = Math.floor(members.length / 2);
    order.slice(0, half).forEach((i) => test.push(members[i]!));
    order.slice(half, 2 * half).forEach((i) => dev.push(members[i]!));
    if (members.length % 2 === 1) (test.length < dev.length ? test : dev).push(members[order.at(-1)!]!);
  }
  const byId = (a: GoldenCase, b: GoldenCase) => a.id.localeCompare(b.id);
  return { dev: dev.sort(byId), test: test.sort(byId) };
}

export const toJsonl = (cases: readonly GoldenCase[]): string =>
  cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
