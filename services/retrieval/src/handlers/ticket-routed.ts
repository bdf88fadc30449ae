import { entryFor } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import type { EventOf, Passage, TicketRouted } from '@parley/contracts';
import { makeEvent, TicketRetrieved } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { SearchResult } from '@parley/knowledge';
import { focusSentences, orderIdsIn, questionsBesideRequest, readableText } from '@parley/wording';
import type { Kysely } from 'kysely';
import { crmReader } from '@parley/commerce';
import { identifiedInConversation } from '../customer/identify.js';
import { loadCustomerContext } from '../customer/load.js';
import type { Catalogue } from '../products/match.js';
import { matchProducts, PRODUCT_INTENTS } from '../products/match.js';
import type { KnowledgeIndex, SearchOptions } from '../search/knowledge-index.js';
import type { AnsweredQuestions } from '../search/answered-questions.js';
import type { ArticleClassifier } from '../search/article-classifier.js';
import { sectionKey } from '../search/answered-questions.js';
import { besideRequest, corroborated, strongest } from '../search/corroborate.js';
import type { IntentPrior } from '../search/intent-prior.js';
import type { StockRule } from '../search/stock-rule.js';
import { withRule } from '../search/stock-rule.js';
import { leadMargin, rerankByArticle } from '../search/intent-prior.js';
import { queryFor, searchedWords, toPassage } from '../search/passages.js';

export interface RetrieveDeps {
  db: Kysely<Database>;
  index: KnowledgeIndex;
  /** Which index answers, as the contract names it. */
  indexKind: 'embedded' | 'qdrant';
  /** Top k, confidence floor, rerank on/off and its depth, exactly as configured. */
  search: SearchOptions;
  /** The product catalogue, loaded once at start. */
  catalogue: Catalogue;
  /** Boosts the articles the routed intent's description finds; absent or weight 0: off. */
  prior?: IntentPrior;
  /** Boosts the articles that answered the questions most alike; absent or weight 0: off. */
  questions?: AnsweredQuestions;
  /** Boosts the articles a classifier trained on the answered questions finds likely; absent: off. */
  classifier?: ArticleClassifier;
  /** The help centre's rule on stock, added to the passages when the turn names catalogue products. */
  stockRule?: StockRule;
}

/** With a prior on, more candidates are fetched than kept, so the prior can lift one from below. */
const PRIOR_DEPTH = 4;

interface Found {
  results: SearchResult[];
  /** Votes of the answered questions alike for the sections that held their answers (`sectionKey`). */
  sectionVotes: ReadonlyMap<string, number>;
  /** Which priors reordered the candidates. */
  intentPrior: boolean;
  answeredQuestions: boolean;
  articleClassifier: boolean;
  margin: number;
}

async function searchFor(
  query: string,
  routing: { intent: string; confidence: number; outOfScope: boolean },
  deps: RetrieveDeps,
): Promise<Found> {
  const { prior, questions, classifier, index, search } = deps;
  const byIntent = prior?.applies(routing.intent, routing.outOfScope) ?? false;
  const byQuestions = questions?.applies ?? false;
  // A configured reranker orders by its own relevance model, which the priors would only blur.
  if (search.rerank || (!byIntent && !byQuestions && !classifier)) {
    const results = await index.search(query, search);
    return {
      results,
      sectionVotes: new Map(),
      intentPrior: false,
      answeredQuestions: false,
      articleClassifier: false,
      margin: leadMargin(results, new Map()),
    };
  }
  const [candidates, intentBoosts, alike] = await Promise.all([
    index.search(query, { ...search, topK: Math.min(50, search.topK * PRIOR_DEPTH) }),
    byIntent
      ? prior!.boosts(routing.intent, routing.confidence, index.generation)
      : new Map<string, number>(),
    byQuestions ? questions!.alike(query) : { articles: new Map<string, number>(), sections: new Map() },
  ]);
  const boosts = addBoosts(
    addBoosts(intentBoosts, alike.articles),
    classifier ? classifier.boosts(query) : new Map<string, number>(),
  );
  return {
    results: rerankByArticle(candidates, boosts, search.topK),
    sectionVotes: classifier ? strongest(alike.sections, classifier.sectionVotes(query)) : alike.sections,
    intentPrior: byIntent,
    answeredQuestions: byQuestions,
    articleClassifier: classifier !== undefined,
    margin: leadMargin(candidates, boosts),
  };
}

/**
 * The passage with `scores.answered`, the vote of the answered questions alike for its section, when it has one:
 * the composer reads it in choosing which section answers.
 */
function withVote(passage: Passage, votes: ReadonlyMap<string, number>): Passage {
  const vote = votes.get(sectionKey(passage.articleId, passage.section));
  return vote ? { ...passage, scores: { ...passage.scores, answered: Number(vote.toFixed(3)) } } : passage;
}

function addBoosts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const sum = new Map(a);
  for (const [id, boost] of b) sum.set(id, (sum.get(id) ?? 0) + boost);
  return sum;
}

/**
 * ticket.routed -> ticket.retrieved: help-centre passages, the matched customer's own orders and, for
 * product intents, the catalogue products the ticket names (`products` absent: no lookup was made).
 */
export async function onTicketRouted(
  event: EventOf<typeof TicketRouted>,
  ctx: HandlerContext,
  deps: RetrieveDeps,
): Promise<void> {
  const { ticket, turn, routing } = event.payload;
  const query = queryFor(ticket);
  // The sentences this turn turns on, when it also tells a story or a situation (`corroborated`), or the questions
  // it asks beside a request for a write to an order it names (`besideRequest`), which the order's records answer.
  // Without an order named, "I want to return something, how long does the refund take?" is a help-centre
  // question as a whole.
  const said = readableText([ticket.subject, ticket.body].filter(Boolean).join('\n'));
  const beside = orderIdsIn(said).length > 0 ? questionsBesideRequest(said) : undefined;
  const asked = (beside ?? focusSentences(said)).join(' ');
  const [whole, questions] = await Promise.all([
    searchFor(searchedWords(query), routing, deps),
    asked === '' ? undefined : searchFor(asked, routing, deps),
  ]);
  const found = beside && questions ? besideRequest(whole, questions) : corroborated(whole, questions);
  const { intentPrior, answeredQuestions, articleClassifier, margin } = found;
  // A sender not matched at the edge may say who they are in the conversation (asked for it to look up their
  // order, or for a write). With no customer either way nothing is looked up, so a named order id can never leak
  // someone's order.
  const identified = ticket.customer.crmId
    ? undefined
    : ((await identifiedInConversation(crmReader(deps.db), ticket)) ?? undefined);
  const crmId = ticket.customer.crmId ?? identified;
  const customer = crmId ? await loadCustomerContext(deps.db, crmId, orderIdsIn(query)) : null;
  const products = PRODUCT_INTENTS.has(routing.intent) ? matchProducts(query, deps.catalogue) : undefined;
  // The facts looked up for named products go out with the store's rule on stock, found or not by the words.
  const results =
    products && products.length > 0 && deps.stockRule
      ? withRule(found.results, await deps.stockRule.passages())
      : found.results;
  const retrieval = {
    passages: results.map((r) => withVote(toPassage(r), found.sectionVotes)),
    customer,
    // The rule was found by its own words, not the ticket's: the match score is the ticket's search alone.
    topScore: found.topScore,
    index: deps.indexKind,
    ...(products ? { products } : {}),
    leadMargin: Number(margin.toFixed(3)),
  };
  const out = makeEvent(TicketRetrieved, {
    ticketId: event.ticketId,
    payload: { turn, ticket, routing, retrieval },
    traceparent: event.traceparent,
  });
  const detail = {
    articles: [...new Set(retrieval.passages.map((p) => p.articleId))],
    topScore: Number(retrieval.topScore.toFixed(3)),
    ...(intentPrior ? { intentPrior: routing.intent } : {}),
    ...(answeredQuestions ? { answeredQuestions: true } : {}),
    ...(articleClassifier ? { articleClassifier: true } : {}),
    ...(found.corroborated ? { corroborated: true } : {}),
    leadMargin: retrieval.leadMargin,
    ...(identified && customer ? { identifiedInConversation: true } : {}),
    orders: customer?.orders.length ?? 0,
    unownedOrders: customer?.unownedOrderIds.length ?? 0,
    ...(products ? { products: products.map((p) => p.productId) } : {}),
  };
  ctx.record(entryFor(out, 'retrieval', detail));
  ctx.emit(out);
  ctx.log.info(
    { ticketId: event.ticketId, turn, ...detail, customerMatched: customer !== null },
    'ticket retrieved',
  );
}
