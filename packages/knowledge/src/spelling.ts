/** A word of the index, the term it is indexed under, and how many times it was added (its weight in ties). */
interface Entry {
  word: string;
  term: string;
  count: number;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions, each substring
 * edited once), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Edits allowed for a word of this length: none below 4 letters, where one edit reaches too many words. */
export function editsFor(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * The words of an index, for correcting a query's misspellings against what the help centre actually says
 * ("shiping" -> "shipping", "expidited" -> "expedited"). Only a word that is neither in the index nor a word
 * the caller knows (the word-vector table: any common English word, name or place) is corrected, so "germany"
 * or "liam" are left alone. The closest index word wins, then the most frequent one. The vocabulary only grows;
 * the caller drops terms that no live document holds any more.
 */
export class SpellingVocabulary {
  private readonly byLength = new Map<number, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private cache = new Map<string, { word: string; term: string } | null>();

  get size(): number {
    return this.entries.size;
  }

  /** Registers a surface word of the index with its term; only letters, 4 or more of them. */
  add(word: string, term: string): void {
    const known = this.entries.get(word);
    if (known) {
      known.count++;
      return;
    }
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return;
    const entry = { word, term, count: 1 };
    this.entries.set(word, entry);
    let bucket = this.byLength.get(word.length);
    if (!bucket) {
      bucket = [];
      this.byLength.set(word.length, bucket);
    }
    bucket.push(entry);
    if (this.cache.size > 0) this.cache = new Map();
  }

  /**
   * The index word `word` most likely misspells, or null: none within `editsFor(word.length)` edits, or
   * `word` is itself an index word. `live(term)` says whether a term is still in the index.
   */
  correct(word: string, live: (term: string) => boolean): { word: string; term: string } | null {
    if (this.entries.has(word)) return null;
    let found = this.cache.get(word);
    if (found === undefined) {
      found = this.closest(word, live);
      this.cache.set(word, found);
    }
    return found && live(found.term) ? found : null;
  }

  private closest(word: string, live: (term: string) => boolean): { word: string; term: string } | null {
    const max = editsFor(word.length);
    if (max === 0 || !/^[a-z]+$/.test(word)) return null;
    let best: Entry | undefined;
    let bestDistance = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const e of this.byLength.get(len) ?? []) {
        const d = editDistance(word, e.word, Math.min(max, bestDistance));
        if (d > max || !live(e.term)) continue;
        if (d < bestDistance || (d === bestDistance && best && e.count > best.count)) {
          best = e;
          bestDistance = d;
        }
      }
    }
    return best ? { word: best.word, term: best.term } : null;
  }
}
