import type { Taxonomy } from '@parley/demo-store';
import { CONSEQUENTIAL_TOOLS } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import { handlingConfidence, specFor } from './decide.js';

const WRITES = new Set<string>(CONSEQUENTIAL_TOOLS);

/** Both readings of a longer message: the whole text, and its first request sentence alone (`requestSentences`). */
export interface Readings {
  whole: { text: string; result: IntentResult };
  request?: { text: string; result: IntentResult };
}

/**
 * The reading to route a message on. A customer who explains their situation at length before asking for a
 * write ("the strap broke after a week ... I'd like to exchange it") leaves the classifier split between a
 * complaint, a question and the write; the request sentences alone say what is to be done. Their reading is
 * taken when it is an intent allowed a store write, in scope, and surer of its handling than the whole
 * message's reading; otherwise the whole message stands (a question about the rules, a story with no request).
 */
export function chooseReading(taxonomy: Taxonomy, readings: Readings): IntentResult {
  const { whole, request } = readings;
  if (!request || request.result.outOfScope) return whole.result;
  const spec = specFor(taxonomy, request.result.intent);
  if (!spec.known || !spec.spec.tools.some((t) => WRITES.has(t))) return whole.result;
  const sure = (r: { text: string; result: IntentResult }) =>
    handlingConfidence(taxonomy, r.result.intent, r.result, r.text);
  return sure(request) > sure(whole) ? request.result : whole.result;
}
