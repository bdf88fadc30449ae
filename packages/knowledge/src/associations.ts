import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyse } from './text.js';

/** A question labelled with what it asks for: paraphrases of one request share an intent. */
export interface LabelledText {
  text: string;
  intent: string;
}

/** An index term associated with another, and how strongly (0..1). */
export interface Association {
  term: string;
  score: number;
}

export interface AssociationBuildOptions {
  /** Questions a term must occur in to be kept at all: rarer terms (typos, names) give noisy statistics. */
  minCount: number;
  /**
   * How many questions of the intents the two terms share must back a pair: the sum over those intents of
   * the smaller of the two terms' question counts. Stops a pair resting on one intent's few questions.
   */
  minSupport: number;
  /** Association score (cosine of intent profiles) below which a pair is not kept. */
  minScore: number;
  /** Associations kept per term, strongest first. */
  perTerm: number;
}

export const DEFAULT_ASSOCIATION_BUILD: AssociationBuildOptions = {
  minCount: 5,
  minSupport: 3,
  minScore: 0.4,
  perTerm: 8,
};

/**
 * Word associations learned from paraphrase clusters (a translation table in the sense of Berger and
 * Lafferty 1999, with intent clusters standing in for aligned question pairs). Two terms are associated
 * when one occurs in a question far more often than chance given that the other occurs in a question of
 * the same intent: "deliver" and "package" rarely share a question, but they share intents. Users and
 * help centres word one request differently, and these are the bridges between their words.
 *
 * The score of a pair is the cosine between the two terms' intent profiles (how many questions of each
 * intent hold the term). A generic word ("think", "first") is spread over many intents and scores low with
 * every specific one; normalised PMI, tried first, let such words through (see README).
 */
export class TermAssociations {
  private readonly table: Map<string, readonly Association[]>;

  constructor(entries: Iterable<[string, readonly Association[]]>) {
    this.table = new Map(entries);
  }

  /** Terms with at least one association. */
  get size(): number {
    return this.table.size;
  }

  /** Associations of an analysed term (a stem, as `analyse` gives it), strongest first. */
  related(term: string): readonly Association[] {
    return this.table.get(term) ?? [];
  }

  /** One line a term, sorted by term: `term<TAB>other:score other:score ...` (scores to 3 decimals). */
  toTsv(): string {
    const lines = [...this.table.keys()].sort().map(
      (t) =>
        `${t}\t${this.table
          .get(t)!
          .map((a) => `${a.term}:${a.score.toFixed(3)}`)
          .join(' ')}`,
    );
    return `${lines.join('\n')}\n`;
  }

  /** Parses `toTsv` output; `source` names the file in errors. Lines starting with `#` are comments. */
  static fromTsv(text: string, source = 'associations'): TermAssociations {
    const entries: [string, Association[]][] = [];
    text.split('\n').forEach((line, i) => {
      if (line.length === 0 || line.startsWith('#')) return;
      const fail = (problem: string): never => {
        throw new Error(`${source}:${i + 1}: ${problem}`);
      };
      const [term, list, extra] = line.split('\t');
      if (!term || list === undefined || extra !== undefined) fail('expected "term<TAB>other:score ..."');
      const related = list!
        .split(' ')
        .filter(Boolean)
        .map((pair) => {
          const [other, score] = pair.split(':');
          const x = Number(score);
          if (!other || !(x > 0 && x <= 1)) fail(`bad association ${JSON.stringify(pair)}`);
          return { term: other!, score: x };
        });
      entries.push([term!, related]);
    });
    return new TermAssociations(entries);
  }
}

/** Learns term associations from intent-labelled questions (see `TermAssociations`). */
export function buildAssociations(
  examples: readonly LabelledText[],
  options: Partial<AssociationBuildOptions> = {},
): TermAssociations {
  const o = { ...DEFAULT_ASSOCIATION_BUILD, ...options };
  const profiles = new Map<string, Map<string, number>>(); // term -> intent -> questions holding it
  const count = new Map<string, number>(); // term -> questions holding it
  for (const { text, intent } of examples) {
    for (const term of new Set(analyse(text))) {
      let m = profiles.get(term);
      if (!m) profiles.set(term, (m = new Map()));
      m.set(intent, (m.get(intent) ?? 0) + 1);
      count.set(term, (count.get(term) ?? 0) + 1);
    }
  }
  // Each intent's frequent-enough terms, so a term's candidates are only the terms of its own intents.
  const members = new Map<string, [string, number][]>();
  const norm = new Map<string, number>();
  for (const [term, m] of profiles) {
    if (count.get(term)! < o.minCount) continue;
    let squares = 0;
    for (const [intent, n] of m) {
      let list = members.get(intent);
      if (!list) members.set(intent, (list = []));
      list.push([term, n]);
      squares += n * n;
    }
    norm.set(term, Math.sqrt(squares));
  }
  const entries: [string, Association[]][] = [];
  for (const a of [...norm.keys()].sort()) {
    const dot = new Map<string, number>();
    const support = new Map<string, number>();
    for (const [intent, na] of profiles.get(a)!) {
      for (const [b, nb] of members.get(intent)!) {
        if (b === a) continue;
        dot.set(b, (dot.get(b) ?? 0) + na * nb);
        support.set(b, (support.get(b) ?? 0) + Math.min(na, nb));
      }
    }
    const related: Association[] = [];
    for (const [b, d] of dot) {
      if (support.get(b)! < o.minSupport) continue;
      const score = d / (norm.get(a)! * norm.get(b)!);
      if (score >= o.minScore) related.push({ term: b, score: Math.min(score, 1) });
    }
    related.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1));
    if (related.length > 0) entries.push([a, related.slice(0, o.perTerm)]);
  }
  return new TermAssociations(entries);
}

/** Reads `{"text","intent"}` JSONL files; `out_of_scope` rows are left out (they share no request). */
export async function readLabelledTexts(files: readonly string[]): Promise<LabelledText[]> {
  const out: LabelledText[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: ${(err as Error).message}`);
      }
      const { text: t, intent } = (row ?? {}) as Record<string, unknown>;
      if (typeof t !== 'string' || typeof intent !== 'string')
        throw new Error(`${file}:${i + 1}: expected {"text","intent"} strings`);
      // Intents of different files are different requests even when their names match.
      if (intent !== 'out_of_scope') out.push({ text: t, intent: `${file}\u0000${intent}` });
    });
  }
  return out;
}

/** The table shipped with the package, built by `associations-cli.ts` from Banking77 and CLINC150. */
export const SHIPPED_ASSOCIATIONS = fileURLToPath(new URL('../data/term-associations.tsv', import.meta.url));

let shared: Promise<TermAssociations> | undefined;

/** Loads an association table (the shipped one by default, read once per process). */
export function loadTermAssociations(file?: string): Promise<TermAssociations> {
  const read = async (path: string): Promise<TermAssociations> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(`associations: cannot read ${path}: ${(err as Error).message}`);
    }
    return TermAssociations.fromTsv(text, path);
  };
  if (file !== undefined) return read(file);
  shared ??= read(SHIPPED_ASSOCIATIONS);
  return shared;
}
