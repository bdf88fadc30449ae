import type { Band, Routing, Tier } from '@parley/contracts';
import type { ModelFailureKind } from '@parley/providers';

export type ClassifierKind = Exclude<Routing['router'], 'rules'>;

/** Why the LLM router gave up and asked the local model: a provider error kind, or the reply failing its schema. */
export type LlmFallbackKind = ModelFailureKind;

/** One routing-model call, for the timeline and metrics. Holds no prompt or reply text. */
export interface LlmCall {
  provider: string;
  model: string;
  /** `ok` when the model's answer was used. */
  outcome: 'ok' | LlmFallbackKind;
  /** Wall time of the call, including the one retry after an invalid reply. */
  ms: number;
  attempts?: number;
  usage?: { inputTokens: number; outputTokens: number; costUsd: number; priced: boolean };
  /** What the model asked for; the band is only ever applied when stricter than the taxonomy's. */
  band?: Band;
  tier?: Tier;
}

export interface IntentResult {
  /** A taxonomy intent; `out_of_scope` when the text is outside every intent. */
  intent: string;
  /** Probability that the intent is right, 0..1 (calibrated for the local model, self-reported by an LLM). */
  confidence: number;
  outOfScope: boolean;
  /** The calibrated probabilities of the in-scope intents (the local model), for the handling confidence. */
  distribution?: ReadonlyArray<{ intent: string; p: number }>;
  /** A band the classifier itself asks for; routing takes it only when stricter than the taxonomy's band. */
  band?: Band;
  /** Which classifier produced this answer when it is not the configured one (an LLM router that fell back). */
  answeredBy?: ClassifierKind;
  /** The routing-model call behind this answer, when there was one. */
  llm?: LlmCall;
}

/** What the router knows about the sender, for classifiers that read text through a normaliser. */
export interface ClassifyContext {
  /** The sender's name as the channel gave it; the local model does not read it as part of the request. */
  names?: readonly string[];
}

/**
 * What the router asks of any intent classifier: the local model, or the LLM router (kind `llm`) chosen by
 * configuration, with no change to routing.
 */
export interface IntentClassifier {
  readonly kind: ClassifierKind;
  /** Local and cheap: asked even when a hard rule escalates, so the escalation carries a best-guess intent. */
  readonly local: boolean;
  /** A local classifier this one falls back on; asked instead of it when a hard rule has already escalated. */
  readonly fallback?: IntentClassifier;
  classify(text: string, context?: ClassifyContext): Promise<IntentResult>;
}

/** The classifier to ask for a best guess on a turn a hard rule escalated: never one that makes a model call. */
export function localGuesser(classifier: IntentClassifier): IntentClassifier | null {
  if (classifier.local) return classifier;
  return classifier.fallback?.local ? classifier.fallback : null;
}
