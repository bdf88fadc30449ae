import type { AnsweredQuestion } from '@parley/demo-store';
import type { ChunkRecord, SearchResult } from '@parley/knowledge';
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
export class AnsweredQuestions {
  private constructor(
    private readonly index: SearchBackend,
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
    await index.upsert(questions.flatMap((q) => q.articles.map((a) => questionRecord(q, a))));
    return new AnsweredQuestions(index, questions.length, weight);
  }

  get applies(): boolean {
    return this.weight > 0 && this.size > 0;
  }

  /** Article id -> boost: the best match confidence among the questions it answered, times the weight. */
  async boosts(query: string): Promise<Map<string, number>> {
    if (!this.applies) return new Map();
    const found = await this.index.search(query, { topK: NEIGHBOURS, minConfidence: 0, rerank: false });
    return scaledBestPerArticle(found, this.weight);
  }
}

function questionRecord(q: AnsweredQuestion, articleId: string): ChunkRecord {
  return {
    id: `${SOURCE}:${q.id}:${articleId}`,
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

/** Each article's best confidence among the results, times `weight`. */
export function scaledBestPerArticle(results: readonly SearchResult[], weight: number): Map<string, number> {
  const best = new Map<string, number>();
  for (const r of results) {
    const id = r.chunk.articleId;
    best.set(id, Math.max(best.get(id) ?? 0, weight * r.confidence));
  }
  return best;
}
