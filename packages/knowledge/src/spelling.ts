import { oneEditAway } from '@parley/intent-model/spelling';

/** A word of the index and the term it is indexed under. */
interface Entry {
  term: string;
  /** How many times the word was added: the more common of two candidates wins. */
  count: number;
}

/**
 * The words of an index, for correcting a query's misspellings against what the help centre actually says
 * ("shiping" -> "shipping", "expidited" -> "expedited"), the way the router mends words to its own vocabulary
 * (`SpellingMender` of `@parley/intent-model`: one edit, four letters or more). The caller only asks about a
 * word that neither the index nor the word-vector table knows, so "germany" or "liam" are left alone. The
 * vocabulary only grows; the caller says which terms a live document still holds.
 */
export class SpellingVocabulary {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /** Registers a surface word of the index with its term; only letters, 4 or more of them. */
  add(word: string, term: string): void {
    const known = this.entries.get(word);
    if (known) known.count++;
    else if (word.length >= 4 && /^[a-z]+$/.test(word)) this.entries.set(word, { term, count: 1 });
  }

  /**
   * The index word one edit from `word` that the index holds most often (alphabetical on a tie), or null:
   * none, `word` is itself an index word, or it is under four letters. `live(term)` says whether a term is
   * still in the index.
   */
  correct(word: string, live: (term: string) => boolean): { word: string; term: string } | null {
    if (word.length < 4 || this.entries.has(word)) return null;
    let best: { word: string; term: string; count: number } | undefined;
    for (const candidate of oneEditAway(word)) {
      const e = this.entries.get(candidate);
      if (!e || !live(e.term)) continue;
      if (!best || e.count > best.count || (e.count === best.count && candidate < best.word))
        best = { word: candidate, term: e.term, count: e.count };
    }
    return best ? { word: best.word, term: best.term } : null;
  }
}
