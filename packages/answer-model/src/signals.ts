// What the answer model reads of a turn: named numbers the pipeline already has, each in a fixed range. The
// list and its order are part of a model file (`signalsVersion`): a model trained on another list is refused.

/** How a signal may move the probability: `up` (more never lowers it), or `free` (learned either way). */
export type Direction = 'up' | 'free';

export interface SignalSpec {
  name: string;
  direction: Direction;
  /** What it is, for the model file's readers and the gate's reasons. */
  label: string;
}

/** Bump when the list, a signal's meaning or its range changes. */
export const SIGNALS_VERSION = 4;

/**
 * Help-centre signals are 0 for answers built from records (their retrieval and coverage say nothing about
 * an order's facts), so the model weighs the two kinds of answer separately without interaction terms.
 */
export const SIGNALS: readonly SignalSpec[] = [
  { name: 'helpTopScore', direction: 'up', label: 'retrieval score' },
  { name: 'helpLeadMargin', direction: 'up', label: 'lead margin' },
  { name: 'helpCoverage', direction: 'up', label: 'coverage' },
  { name: 'helpAnswered', direction: 'up', label: 'questions answered' },
  { name: 'helpQuestions', direction: 'free', label: 'questions asked' },
  { name: 'helpSecondSection', direction: 'free', label: 'second section quoted' },
  { name: 'helpSectionMargin', direction: 'up', label: 'section margin' },
  { name: 'helpKindGiven', direction: 'up', label: 'kind of answer asked for given' },
  { name: 'helpSimilarity', direction: 'up', label: 'question-quote similarity' },
  { name: 'fromRecords', direction: 'free', label: 'answer from records' },
  { name: 'ownOrderStatus', direction: 'up', label: 'own-order status answer' },
  { name: 'confidence', direction: 'up', label: 'routing confidence' },
  { name: 'sentiment', direction: 'free', label: 'sentiment' },
  { name: 'helpAnsweredBefore', direction: 'up', label: 'quoted section answered alike before' },
];

export const SIGNAL_NAMES: readonly string[] = SIGNALS.map((s) => s.name);

/** One turn's signals by name; every name of `SIGNALS` must be present and finite. */
export type AnswerSignals = Readonly<Record<string, number>>;

/** The signals as a vector in `SIGNALS` order; throws naming a missing or non-finite one. */
export function signalVector(signals: AnswerSignals): number[] {
  return SIGNAL_NAMES.map((name) => {
    const x = signals[name];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new Error(`answer signal ${name} is ${x === undefined ? 'missing' : `not a number (${x})`}`);
    return x;
  });
}
