import type { AnswerCoverage } from '@parley/contracts';
import type { HelpAnswer } from './answer.js';

/** A pair of counts as a share: 1 when nothing was asked. */
const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/**
 * The answer to the whole message, its coverage lifted to that of the same quotes measured against the sentences
 * the message turns on alone (`focusSentences`), when the two quote exactly the same blocks. A sentence about
 * the writer's situation ("My partner usually does our orders.") adds words no section holds, so the quotes seemed
 * to cover less of the message although they answer what it asks; agreement on the sections is itself evidence.
 * Different quotes: the whole message's coverage stands.
 */
export function corroboratedAnswer(whole: HelpAnswer, focus: HelpAnswer | undefined): HelpAnswer {
  if (!focus || !sameQuotes(whole, focus)) return whole;
  const a = whole.coverage;
  const b = focus.coverage;
  const answered =
    ratio(b.answered, b.asks) > ratio(a.answered, a.asks)
      ? { asks: b.asks, answered: b.answered }
      : { asks: a.asks, answered: a.answered };
  const kinds =
    ratio(b.kindsGiven ?? 0, b.kindsAsked ?? 0) > ratio(a.kindsGiven ?? 0, a.kindsAsked ?? 0)
      ? { kindsAsked: b.kindsAsked, kindsGiven: b.kindsGiven }
      : { kindsAsked: a.kindsAsked, kindsGiven: a.kindsGiven };
  const coverage: AnswerCoverage = {
    ...a,
    share: Math.max(a.share, b.share),
    ...answered,
    ...(kinds.kindsAsked !== undefined ? kinds : {}),
    ...(a.margin !== undefined || b.margin !== undefined
      ? { margin: Math.max(a.margin ?? 0, b.margin ?? 0) }
      : {}),
    ...(a.similarity !== undefined || b.similarity !== undefined
      ? { similarity: Math.max(a.similarity ?? 0, b.similarity ?? 0) }
      : {}),
  };
  return { ...whole, coverage };
}

/** The two quote the same blocks of the same sections. */
function sameQuotes(a: HelpAnswer, b: HelpAnswer): boolean {
  const quoted = (x: HelpAnswer) => JSON.stringify(x.quotes.map((q) => [q.passage.chunkId, q.blocks]).sort());
  return quoted(a) === quoted(b);
}
