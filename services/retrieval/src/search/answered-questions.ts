import type { AnsweredQuestion } from '@parley/demo-store';
import type { ChunkRecord } from '@parley/knowledge';
import { scaledBestPerArticle } from './intent-prior.js';
import type { SearchBackend } from './knowledge-index.js';

/** How many of the most alike answered questions vote for their articles. */
const NEIGHBOURS = 5;

const SOURCE = 'answered-questions';

/**
 * Questions customers asked before, each with the articles that answered it, as evidence for which articles
 * answer a new one: customers ask the same things in the same words far more often than in an article's words
 * ("can u bump it up to next day" is closer to "can I upgrade to next day delivery" than to any sentence of the
 * shipping article). The ticket is searched among the questions; the articles of the most alike get a boost in
 * proportion to how alike they are. Like the intent prior it only reorders the candidates retrieval found.
 */
/** What the most alike answered questions say: boosts for their articles, votes for their sections. */
export interface AnsweredAlike {
  /** Article id -> boost to its ranking score. */
  articles: Map<string, number>;
  /** `sectionKey(article, section)` -> the best confidence of a question that section answered, times the weight. */
  sections: Map<string, number>;
}

/** How a section is named among the votes. */
export function sectionKey(articleId: string, section: string): string {
  return `${articleId}\u0000${section}`;
}

export class AnsweredQuestions {
  private constructor(
    private readonly index: SearchBackend,
    /** Record id -> the sections its question's answer was found in. */
    private readonly sectionsOf: ReadonlyMap<string, readonly string[]>,
    readonly size: number,
    /** How much a question's match confidence adds to its articles' own ranking score; 0 turns it off. */
    readonly weight: number,
  ) {}

  static async build(
    questions: readonly AnsweredQuestion[],
    createIndex: () => Promise<SearchBackend>,
    weight: number,
  ): Promise<AnsweredQuestions> {
    const index = await createIndex();
    // One searchable record per question and article, so a question answered by two articles votes for both.
    const records = questions.flatMap((q) => q.articles.map((a) => questionRecord(q, a)));
    await index.upsert(records);
    const sectionsOf = new Map<string, string[]>();
    for (const q of questions)
      for (const a of q.articles)
        sectionsOf.set(
          recordId(q, a),
          (q.sections ?? []).filter((s) => s.articleId === a).map((s) => sectionKey(a, s.section)),
        );
    return new AnsweredQuestions(index, sectionsOf, questions.length, weight);
  }

  get applies(): boolean {
    return this.weight > 0 && this.size > 0;
  }

  /**
   * Article id -> boost: the best match confidence among the questions it answered, times the weight; and the
   * same for the sections that held those questions' answers.
   */
  async alike(query: string): Promise<AnsweredAlike> {
    if (!this.applies) return { articles: new Map(), sections: new Map() };
    const found = await this.index.search(query, { topK: NEIGHBOURS, minConfidence: 0, rerank: false });
    const sections = new Map<string, number>();
    for (const r of found.filter((x) => x.confidence > 0))
      for (const key of this.sectionsOf.get(r.chunk.id) ?? [])
        sections.set(key, Math.max(sections.get(key) ?? 0, this.weight * r.confidence));
    return { articles: scaledBestPerArticle(found, this.weight), sections };
  }
}

function recordId(q: AnsweredQuestion, articleId: string): string {
  return `${SOURCE}:${q.id}:${articleId}`;
}

function questionRecord(q: AnsweredQuestion, articleId: string): ChunkRecord {
  return {
    id: recordId(q, articleId),
    sourceId: SOURCE,
    articleId,
    title: '',
    url: null,
    sectionPath: [],
    section: '',
    ordinal: 0,
    text: q.text,
    updatedAt: null,
    contentHash: '',
  };
}
