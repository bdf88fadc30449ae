// The train split as a measure of unseen wording. Its help-centre questions are also the demo store's answered
// questions, so run whole every one of them is found asked before. Dealt into two halves, each run with the
// answered questions less its own, no case is answered from itself (`evals golden --split train --halves`).
import type { AnsweredQuestion } from '@parley/demo-store';

/** The cases dealt alternately in file order: the first, third, ... and the second, fourth, .... */
export function dealHalves<T>(cases: readonly T[]): [T[], T[]] {
  return [cases.filter((_, i) => i % 2 === 0), cases.filter((_, i) => i % 2 === 1)];
}

/** The answered questions with none of `ids` among them, as the JSONL the retrieval service reads. */
export function answeredWithout(questions: readonly AnsweredQuestion[], ids: ReadonlySet<string>): string {
  return questions
    .filter((q) => !ids.has(q.id))
    .map((q) => `${JSON.stringify(q)}\n`)
    .join('');
}

/** The two halves' results put back in the order of the cases they were dealt from. */
export function interleave<T>(first: readonly T[], second: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < first.length + second.length; i++) {
    const half = i % 2 === 0 ? first : second;
    const item = half[Math.floor(i / 2)];
    if (item === undefined)
      throw new Error(`halves of ${first.length} and ${second.length} cannot interleave`);
    out.push(item);
  }
  return out;
}
