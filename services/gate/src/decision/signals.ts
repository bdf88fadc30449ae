import type { AnswerSignals } from '@parley/answer-model';
import type { Draft, Retrieval, Routing } from '@parley/contracts';
import type { OrderAnswerInput } from './own-order.js';
import { ownOrderStatusAnswer } from './own-order.js';

/**
 * The answer is built from records rather than help-centre prose: the customer's own orders, or the facts of
 * a lookup that succeeded with a tool the router allowed for this intent (e.g. `lookup_product`), and no
 * help-centre quote beside them. Such an answer needs no strong help-centre match; the groundedness floor
 * still holds its claims to those facts.
 */
export function fromRecords(draft: Draft, routing: Routing): boolean {
  // An answer that also quotes help-centre sections (measured by `coverage`) is as right as that quote: an
  // order's record put before it says which case applies, not that the prose answers the question.
  if (draft.coverage) return false;
  if (draft.facts.some((f) => f.source === 'order')) return true;
  const looked = draft.toolCalls.some((c) => c.status === 'ok' && routing.allowedTools.includes(c.name));
  return looked && draft.facts.some((f) => f.source === 'tool');
}

/** Questions counted at most: a fifth question says little more than a fourth. */
const MAX_QUESTIONS = 4;

/**
 * What the answer model reads of a turn (`@parley/answer-model`, `SIGNALS`), from what the router, retrieval
 * and the resolver already reported. The help-centre signals are 0 for an answer built from records, whose
 * retrieval match and coverage say nothing about an order's facts.
 */
export function answerSignals(
  input: OrderAnswerInput & { draft: Draft },
  ownStatusRouterSure = 1,
): AnswerSignals {
  const { draft, routing } = input;
  const retrieval: Retrieval | null = input.retrieval;
  const records = fromRecords(draft, routing);
  const help = (x: number) => (records ? 0 : x);
  const c = draft.coverage;
  return {
    helpTopScore: help(retrieval?.topScore ?? 0),
    helpLeadMargin: help(Math.min(retrieval?.leadMargin ?? 0, 1)),
    helpCoverage: help(c?.share ?? 0),
    helpAnswered: help(c && c.asks > 0 ? c.answered / c.asks : 0),
    helpQuestions: help(Math.min(c?.asks ?? 0, MAX_QUESTIONS)),
    // A second section for a second question, as the model was trained on; the local composer's second
    // section of the same article at a near tie answers the one question and reads as one answer.
    helpSecondSection: help(c && c.sections > 1 && c.asks > 1 ? 1 : 0),
    helpSectionMargin: help(c?.margin ?? 0),
    // A composer that does not compare kinds is taken to give what was asked; one without vectors, its share.
    helpKindGiven: help(c?.kindsAsked ? (c.kindsGiven ?? 0) / c.kindsAsked : c ? 1 : 0),
    helpSimilarity: help(c?.similarity ?? c?.share ?? 0),
    fromRecords: records ? 1 : 0,
    ownOrderStatus: ownOrderStatusAnswer(input, ownStatusRouterSure) ? 1 : 0,
    confidence: routing.handlingConfidence ?? routing.confidence,
    // Only displeasure is read: a cheerful "🙏" or "love your shop" says nothing of whether the draft is right,
    // and the model, trained where cheer went with chattier questions, would hold such drafts back.
    sentiment: Math.min(0, routing.sentiment.score),
    helpAnsweredBefore: help(answeredBefore(draft, retrieval)),
  };
}

/**
 * How alike the best question answered before by a quoted section is to this one (retrieval's
 * `scores.answered` on the passages the draft cites, at most 1): a section that held the answer to the same
 * question in other words is likely the answer again, however the words differ from the article's. The votes
 * of the sections quoted together add up: when the vote is split between two sections of one article and the
 * draft quotes both, the answer is in one of them, and the likelier for it.
 */
function answeredBefore(draft: Draft, retrieval: Retrieval | null): number {
  const cited = new Set(draft.citations.map((c) => c.chunkId));
  const votes = new Map<string, number>();
  for (const p of retrieval?.passages ?? [])
    if (cited.has(p.chunkId)) votes.set(`${p.articleId}\u0000${p.section}`, p.scores.answered ?? 0);
  return Math.min(
    1,
    [...votes.values()].reduce((a, b) => a + b, 0),
  );
}
