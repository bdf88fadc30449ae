import type { Taxonomy } from '@parley/demo-store';
import { CONSEQUENTIAL_TOOLS } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import { COMPLAINT, handlingConfidence, OUT_OF_SCOPE, specFor } from './decide.js';

const WRITES = new Set<string>(CONSEQUENTIAL_TOOLS);

/**
 * The readings of a longer message: the whole text, its first request sentence alone (`requestSentences`) and
 * its question sentences alone (`questionSentences`).
 */
export interface Readings {
  whole: { text: string; result: IntentResult };
  request?: { text: string; result: IntentResult };
  question?: { text: string; result: IntentResult };
  /** The sentences a message not read as a complaint turns on, alone (`focusSentences`). */
  focus?: { text: string; result: IntentResult };
  /**
   * No displeasure in the whole message: its words voice none and its sentiment is not negative. Needed for the
   * question or focus sentences' reading to stand.
   */
  calm?: boolean;
}

/** How sure the question sentences' reading must be of its intent to stand for a story read as a complaint. */
export const QUESTION_READING_CONFIDENCE = 0.5;

/**
 * The reading to route a message on. A customer who explains their situation at length before asking for a
 * write ("the strap broke after a week ... I'd like to exchange it") leaves the classifier split between a
 * complaint, a question and the write; the request sentences alone say what is to be done. Their reading is
 * taken when it is an intent allowed a store write, in scope, and surer of its handling than the whole
 * message's reading; otherwise the whole message stands (a question about the rules, a story with no request).
 */
export function chooseReading(taxonomy: Taxonomy, readings: Readings): IntentResult {
  const chosen = requestReading(taxonomy, readings);
  if (chosen.intent === COMPLAINT) return questionReading(taxonomy, readings) ?? chosen;
  return chosen === readings.whole.result ? corroboratedReading(readings) : chosen;
}

/**
 * How sure the reading of the sentences a calm message turns on must be, and how much surer than the whole
 * message's, to stand for it when the two disagree.
 */
export const FOCUS_READING_CONFIDENCE = 0.9;
export const FOCUS_READING_LEAD = 0.25;

/**
 * A sentence about the writer's day or situation before the question ("I am on the train, sorry if this is
 * short.") leaves the classifier less sure of the intent the question alone reads plainly. When the sentences the
 * message turns on, read alone, find the same intent in scope and are surer of it, that reading stands: the two
 * agree on what is asked. It may even pull the whole message to another intent ("A friend recommended your store.
 * Can you tell me the status of #W…? And can I still change the delivery address?" read whole as a status
 * question, alone as the change it asks about): the sentences' reading then stands only when it is plain
 * (`FOCUS_READING_CONFIDENCE`) and clearly surer than the whole's (`FOCUS_READING_LEAD`). Any other
 * disagreement, or displeasure in the message (which the sentences alone may not carry), leaves the whole
 * message's reading.
 */
function corroboratedReading(readings: Readings): IntentResult {
  const { whole, focus, calm } = readings;
  if (!focus || !calm || focus.result.outOfScope || whole.result.outOfScope) return whole.result;
  if (focus.result.intent !== whole.result.intent) {
    const plain =
      focus.result.confidence >= FOCUS_READING_CONFIDENCE &&
      focus.result.confidence - whole.result.confidence >= FOCUS_READING_LEAD;
    return plain ? focus.result : whole.result;
  }
  return focus.result.confidence > whole.result.confidence ? focus.result : whole.result;
}

/**
 * A calm message that tells what happened before asking ("My aunt sent me a jacket for my birthday. It is much
 * too big. Can I exchange a gift?") reads as a complaint whole, because the classifier learnt complaints as
 * stories of what went wrong; its question sentences alone say what it asks. Their reading stands for it when
 * it is sure of an intent in scope that is not a complaint. Displeasure in the message keeps the complaint.
 */
function questionReading(taxonomy: Taxonomy, readings: Readings): IntentResult | undefined {
  const { question, calm } = readings;
  if (!question || !calm || question.result.outOfScope) return undefined;
  const { intent, confidence } = question.result;
  if (intent === COMPLAINT || intent === OUT_OF_SCOPE || !specFor(taxonomy, intent).known) return undefined;
  return confidence >= QUESTION_READING_CONFIDENCE ? question.result : undefined;
}

function requestReading(taxonomy: Taxonomy, readings: Readings): IntentResult {
  const { whole, request } = readings;
  if (!request || request.result.outOfScope) return whole.result;
  const spec = specFor(taxonomy, request.result.intent);
  if (!spec.known || !spec.spec.tools.some((t) => WRITES.has(t))) return whole.result;
  const sure = (r: { text: string; result: IntentResult }) =>
    handlingConfidence(taxonomy, r.result.intent, r.result, r.text);
  return sure(request) > sure(whole) ? request.result : whole.result;
}
