// How much of a suggested draft survived the agent's edit: the share of the draft's words that the sent reply
// keeps, in order (the longest common subsequence of the two word sequences over the draft's length). Words an
// agent adds do not lower it; words they delete or replace do, and so does reordering. Case and punctuation are
// ignored, figures are words ("#W2378156", "14.99").

/** Longer texts are compared on their first words only: the cost is the product of the two lengths. */
const MAX_WORDS = 4_000;

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu) ?? []).slice(0, MAX_WORDS);
}

/** Words as numbers, so the inner loop compares integers. */
function ids(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const known = new Map<string, number>();
  const id = (w: string) => known.get(w) ?? known.set(w, known.size).size - 1;
  return [Int32Array.from(a, id), Int32Array.from(b, id)];
}

function commonSubsequence(a: Int32Array, b: Int32Array): number {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let i = 0; i < a.length; i++) {
    const word = a[i];
    for (let j = 1; j <= b.length; j++) {
      // No Math.max here: a global looked up per cell is slow inside a vm context (jest).
      const up = previous[j]!;
      const left = current[j - 1]!;
      current[j] = word === b[j - 1] ? previous[j - 1]! + 1 : up > left ? up : left;
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** 0..1, rounded to 3 places; null when the draft has no words to keep. */
export function draftSurvival(draft: string, sent: string): number | null {
  const kept = words(draft);
  if (kept.length === 0) return null;
  return Math.round((commonSubsequence(...ids(kept, words(sent))) / kept.length) * 1000) / 1000;
}
