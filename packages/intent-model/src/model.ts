import { NORMALISER_VERSION, normaliseForIntent } from '@parley/wording';
import type { WordVectors } from '@parley/word-vectors';
import { fitTemperature } from './calibration.js';
import { OUT_OF_SCOPE, type Example } from './data.js';
import { Featurizer } from './features.js';
import { quantizeRows } from './int8-rows.js';
import {
  acceptanceScore,
  chooseCentroidWeight,
  chooseRejectThreshold,
  quantileThreshold,
  type NoveltyInputs,
} from './novelty.js';
import {
  DEFAULT_SOFTMAX,
  logitsOf,
  softmaxInPlace,
  trainSoftmax,
  type LinearModel,
  type SoftmaxOptions,
} from './softmax.js';
import { DEFAULT_MLP, mlpLogits, trainMlp, type MlpModel, type MlpOptions } from './mlp.js';
import { SpellingMender } from './spelling.js';
import { DEFAULT_TFIDF, TfidfVectorizer, type TfidfOptions } from './tfidf.js';

export interface Prediction {
  /** The most likely in-scope intent (kept even when the query is rejected, for hand-off context). */
  intent: string;
  /** Calibrated probability that `intent` is right. */
  confidence: number;
  /** The query looks outside every intent: route it to a human. */
  outOfScope: boolean;
  /** The top in-scope intents by calibrated probability. */
  ranked: Array<{ intent: string; p: number }>;
}

export interface TrainOptions {
  tfidf: TfidfOptions;
  softmax: Partial<SoftmaxOptions>;
  /** The hidden-layer member of the ensemble; null trains the linear model alone. */
  mlp: Partial<MlpOptions> | null;
  /**
   * Shifts the intent prior from the training mix towards uniform: τ · −log(training share) is added to the
   * calibrated log-probabilities (0 keeps the training mix, 1 assumes every intent equally likely).
   */
  priorCorrection: number;
  /** Weight of the SIF sentence vector appended to the TF-IDF row; 0 disables word vectors. */
  sifScale: number;
  sifA: number;
  /**
   * Loss weight of class c is (mean class count / count of c) ^ classBalance: 0 fits the training mix of
   * intents, 1 trains as if every intent were equally frequent (what a balanced test set rewards).
   */
  classBalance: number;
  /** Share of out-of-scope validation queries the rejection threshold must catch. */
  minOosRecall: number;
  /** With no out-of-scope validation data, reject this share of in-scope validation queries (lowest scores). */
  fallbackRejectRate: number;
  /**
   * Read every text through `normaliseForIntent` (@parley/wording), in training and in prediction: greetings,
   * sign-offs and the sender's name removed, order ids, tracking numbers, emails and amounts as placeholders.
   */
  normalise: boolean;
  /**
   * At prediction, mend a misspelt word (not in the training vocabulary, not a real word by the word-vector
   * vocabulary) to the training word one edit away. Needs word vectors; without them nothing is mended.
   */
  mendSpelling: boolean;
}

export const DEFAULT_TRAIN: TrainOptions = {
  tfidf: DEFAULT_TFIDF,
  softmax: { ...DEFAULT_SOFTMAX, epochs: 10 },
  mlp: DEFAULT_MLP,
  priorCorrection: 0.5,
  sifScale: 1,
  sifA: 1e-3,
  classBalance: 0,
  minOosRecall: 0.8,
  fallbackRejectRate: 0.01,
  normalise: true,
  mendSpelling: true,
};

/** Everything a trained model is made of; what the model file stores. */
export interface ModelParts {
  intents: string[];
  /** The text normaliser the model was trained with (`NORMALISER_VERSION`), null for raw text. */
  normaliser: string | null;
  /** Misspelt words are mended to the training vocabulary before prediction (with word vectors only). */
  mendSpelling: boolean;
  tfidf: TfidfVectorizer;
  sifScale: number;
  sifA: number;
  /** Vocabulary size of the word vectors the model was trained with (0 without vectors). */
  vectorWords: number;
  linear: LinearModel;
  mlp: MlpModel | null;
  /**
   * Combined logits = memberScales[0] * linear + memberScales[1] * mlp. Each scale is 1 / the member's own
   * fitted temperature, so the sum is a product of two calibrated experts; `temperature` then calibrates the sum.
   */
  memberScales: [number, number];
  temperature: number;
  /** Added to the calibrated log-probabilities (the prior correction); empty for none. */
  classBias: Float32Array;
  /** One L2-normalised mean sentence vector per class (zeros for out_of_scope), or empty without word vectors. */
  centroids: Float32Array;
  centroidWeight: number;
  rejectThreshold: number;
  info: Record<string, unknown>;
}

/** What is known about the sender of a text, for the normaliser. */
export interface TextContext {
  /** The sender's name(s), removed from the text the model reads. */
  names?: readonly string[];
}

/** The full scoring of one query, for evaluation; `predict` is the service-facing summary. */
export interface Analysis {
  /** Calibrated probabilities over every trained class (including out_of_scope when trained). */
  probs: Float64Array;
  /** Index of the most probable class overall. */
  argmax: number;
  /** Index of the most probable in-scope class. */
  top: number;
  novelty: NoveltyInputs;
  score: number;
}

export class IntentModel {
  readonly oosIndex: number;
  private readonly featurizer: Featurizer;
  private readonly mender: SpellingMender | undefined;

  constructor(
    readonly parts: ModelParts,
    private readonly vectors: WordVectors | undefined,
  ) {
    if (parts.sifScale > 0 && !vectors)
      throw new Error('this model uses word vectors: load them and pass them in');
    if (parts.normaliser !== null && parts.normaliser !== NORMALISER_VERSION)
      throw new Error(
        `this model was trained with text normaliser ${parts.normaliser}, this code has ${NORMALISER_VERSION}: retrain it`,
      );
    this.featurizer = new Featurizer(parts.tfidf, vectors, parts.sifScale, parts.sifA);
    this.oosIndex = parts.intents.indexOf(OUT_OF_SCOPE);
    this.mender =
      parts.mendSpelling && vectors
        ? new SpellingMender(wordVocabulary(parts.tfidf), (w) => vectors.rank(w) !== undefined)
        : undefined;
  }

  get intents(): readonly string[] {
    return this.parts.intents;
  }

  /**
   * The same model for a process that only predicts: the per-feature weights as bytes with a scale per row
   * (`packParts`), a quarter of their memory, exactly as `decodeModel(file, { int8: true })` reads them. It
   * cannot be saved.
   */
  packed(): IntentModel {
    return new IntentModel(packParts(this.parts), this.vectors);
  }

  /** The text as the model reads it: normalised exactly as its training texts were, misspellings mended. */
  prepare(text: string, context: TextContext = {}): string {
    const normalised =
      this.parts.normaliser === null ? text : normaliseForIntent(text, { names: context.names ?? [] });
    return this.mender ? this.mender.mend(normalised) : normalised;
  }

  /** Raw (uncalibrated) logits and the sentence vector. */
  logits(
    text: string,
    context: TextContext = {},
  ): { logits: Float64Array; sentence: Float32Array | undefined } {
    const prepared = this.prepare(text, context);
    const sentence = this.featurizer.sentence(prepared);
    const members = this.preparedMemberLogits(prepared, sentence);
    const [a, b] = this.parts.memberScales;
    const logits = members.linear;
    if (members.mlp) for (let c = 0; c < logits.length; c++) logits[c] = a * logits[c]! + b * members.mlp[c]!;
    else if (a !== 1) for (let c = 0; c < logits.length; c++) logits[c]! *= a;
    return { logits, sentence };
  }

  /** Each member's raw logits, before they are combined. */
  memberLogits(
    text: string,
    context: TextContext = {},
  ): { linear: Float64Array; mlp: Float64Array | undefined } {
    const prepared = this.prepare(text, context);
    return this.preparedMemberLogits(prepared, this.featurizer.sentence(prepared));
  }

  private preparedMemberLogits(
    prepared: string,
    sentence: Float32Array | undefined,
  ): { linear: Float64Array; mlp: Float64Array | undefined } {
    const x = this.featurizer.features(prepared, sentence);
    return {
      linear: logitsOf(this.parts.linear, x),
      mlp: this.parts.mlp ? mlpLogits(this.parts.mlp, x) : undefined,
    };
  }

  analyse(text: string, context: TextContext = {}): Analysis {
    const { logits, sentence } = this.logits(text, context);
    return this.analyseLogits(logits, sentence, this.parts.temperature, this.parts.centroidWeight);
  }

  analyseLogits(
    logits: Float64Array,
    sentence: Float32Array | undefined,
    temperature: number,
    centroidWeight: number,
  ): Analysis {
    const probs = Float64Array.from(logits);
    const bias = this.parts.classBias;
    for (let c = 0; c < probs.length; c++) probs[c] = probs[c]! / temperature + (bias[c] ?? 0);
    softmaxInPlace(probs);
    let argmax = 0;
    let top = this.oosIndex === 0 ? 1 : 0;
    for (let c = 0; c < probs.length; c++) {
      if (probs[c]! > probs[argmax]!) argmax = c;
      if (c !== this.oosIndex && probs[c]! > probs[top]!) top = c;
    }
    const novelty = { msp: probs[top]!, centroid: this.centroidSimilarity(sentence) };
    return { probs, argmax, top, novelty, score: acceptanceScore(novelty, centroidWeight) };
  }

  predict(text: string, opts: { topK?: number } & TextContext = {}): Prediction {
    const a = this.analyse(text, opts);
    const k = opts.topK ?? 5;
    const ranked: Array<{ intent: string; p: number }> = [];
    // Partial selection: k passes over C classes is cheaper than sorting every class for small k.
    const taken = new Uint8Array(a.probs.length);
    if (this.oosIndex >= 0) taken[this.oosIndex] = 1;
    for (let r = 0; r < Math.min(k, a.probs.length); r++) {
      let best = -1;
      for (let c = 0; c < a.probs.length; c++)
        if (!taken[c] && (best < 0 || a.probs[c]! > a.probs[best]!)) best = c;
      if (best < 0) break;
      taken[best] = 1;
      ranked.push({ intent: this.parts.intents[best]!, p: a.probs[best]! });
    }
    return {
      intent: this.parts.intents[a.top]!,
      confidence: a.novelty.msp,
      outOfScope: a.score < this.parts.rejectThreshold,
      ranked,
    };
  }

  private centroidSimilarity(sentence: Float32Array | undefined): number {
    const centroids = this.parts.centroids;
    if (!sentence || centroids.length === 0) return 0;
    const dim = sentence.length;
    let best = -1;
    for (let c = 0; c * dim < centroids.length; c++) {
      if (c === this.oosIndex) continue;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += sentence[d]! * centroids[c * dim + d]!;
      if (dot > best) best = dot;
    }
    return best;
  }
}

/**
 * Trains on `train`, then fits every post-hoc choice on `val` only: the softmax temperature, the weight of the
 * centroid novelty score, and the rejection threshold.
 */
/**
 * The parts with the two per-feature matrices (the linear weights and the network's input layer) as bytes with a
 * scale per row (`int8-rows.ts`), their float arrays emptied; parts already packed are returned as they are.
 */
export function packParts(parts: ModelParts): ModelParts {
  const { linear, mlp } = parts;
  const empty = new Float32Array(0);
  return {
    ...parts,
    linear: linear.packed
      ? linear
      : { ...linear, weights: empty, packed: quantizeRows(linear.weights, linear.numClasses) },
    mlp: !mlp || mlp.packedW1 ? mlp : { ...mlp, w1: empty, packedW1: quantizeRows(mlp.w1, mlp.hidden) },
  };
}

export function trainIntentModel(
  train: Example[],
  val: Example[],
  vectors: WordVectors | undefined,
  options: Partial<TrainOptions> = {},
): IntentModel {
  const opts: TrainOptions = {
    ...DEFAULT_TRAIN,
    ...options,
    softmax: { ...DEFAULT_TRAIN.softmax, ...options.softmax },
  };
  if (train.length === 0) throw new Error('no training examples');
  if (val.length === 0) throw new Error('no validation examples');
  const intents = [...new Set(train.map((e) => e.intent))].sort();
  if (intents.filter((i) => i !== OUT_OF_SCOPE).length < 2)
    throw new Error('training data needs at least two in-scope intents');
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  for (const e of val) {
    if (e.intent !== OUT_OF_SCOPE && !classOf.has(e.intent))
      throw new Error(`validation intent "${e.intent}" does not occur in the training data`);
  }

  const started = performance.now();
  const stageMs: Record<string, number> = {};
  let mark = process.cpuUsage();
  const lap = (stage: string) => {
    const used = process.cpuUsage(mark);
    stageMs[stage] = Math.round((used.user + used.system) / 1000);
    mark = process.cpuUsage();
  };
  // Validation texts go through the model's own `prepare` below; training texts are prepared here the same way.
  const texts = train.map((e) => (opts.normalise ? normaliseForIntent(e.text) : e.text));
  const tfidf = TfidfVectorizer.fit(texts, opts.tfidf);
  const featurizer = new Featurizer(tfidf, vectors, opts.sifScale, opts.sifA);
  const sentences = texts.map((text) => featurizer.sentence(text));
  const rows = texts.map((text, i) => featurizer.features(text, sentences[i]));
  lap('features');
  const labels = Int32Array.from(train, (e) => classOf.get(e.intent)!);
  const classWeights =
    opts.classBalance > 0 ? balancingWeights(labels, intents.length, opts.classBalance) : undefined;
  const linear = trainSoftmax(rows, labels, featurizer.numFeatures, intents.length, {
    ...opts.softmax,
    classWeights,
  });
  lap('linear');
  const mlp = opts.mlp
    ? trainMlp(rows, labels, featurizer.numFeatures, intents.length, { ...opts.mlp, classWeights })
    : null;
  lap('mlp');
  const centroids = classCentroids(sentences, labels, intents);

  const parts: ModelParts = {
    intents,
    normaliser: opts.normalise ? NORMALISER_VERSION : null,
    mendSpelling: opts.mendSpelling,
    tfidf,
    sifScale: featurizer.usesVectors ? opts.sifScale : 0,
    sifA: opts.sifA,
    vectorWords: featurizer.usesVectors ? vectors!.size : 0,
    linear,
    mlp,
    memberScales: [1, mlp ? 1 : 0],
    temperature: 1,
    classBias: priorBias(labels, intents.length, opts.priorCorrection),
    centroids,
    centroidWeight: 0,
    rejectThreshold: -Infinity,
    info: {},
  };
  const model = new IntentModel(parts, vectors);

  // Calibration uses the validation queries whose label is a trained class.
  const known = val.map((e, i) => ({ i, c: classOf.get(e.intent) })).filter((k) => k.c !== undefined);
  const knownLabels = known.map((k) => k.c!);
  if (mlp) {
    const members = known.map((k) => model.memberLogits(val[k.i]!.text));
    parts.memberScales = [
      1 /
        fitTemperature(
          members.map((m) => m.linear),
          knownLabels,
        ),
      1 /
        fitTemperature(
          members.map((m) => m.mlp!),
          knownLabels,
        ),
    ];
  }
  const valLogits = val.map((e) => model.logits(e.text));
  parts.temperature = fitTemperature(
    known.map((k) => valLogits[k.i]!.logits),
    knownLabels,
  );

  const isOos = val.map((e) => e.intent === OUT_OF_SCOPE);
  const analyses = valLogits.map((l) => model.analyseLogits(l.logits, l.sentence, parts.temperature, 0));
  const novelty = analyses.map((a) => a.novelty);
  let valAuroc: number | null = null;
  if (isOos.some(Boolean) && isOos.some((o) => !o)) {
    const chosen = chooseCentroidWeight(novelty, isOos, opts.minOosRecall);
    parts.centroidWeight = centroids.length > 0 ? chosen.weight : 0;
    valAuroc = chosen.auroc;
    const score = novelty.map((n) => acceptanceScore(n, parts.centroidWeight));
    parts.rejectThreshold = chooseRejectThreshold(score, isOos, opts.minOosRecall);
  } else {
    parts.rejectThreshold = quantileThreshold(
      novelty.map((n) => acceptanceScore(n, 0)),
      opts.fallbackRejectRate,
    );
  }
  lap('calibration');
  parts.info = {
    trainExamples: train.length,
    valExamples: val.length,
    features: featurizer.numFeatures,
    trainMs: Math.round(performance.now() - started),
    stageMs,
    valAuroc,
    options: opts,
  };
  return model;
}

/** The single words of the tf-idf vocabulary with their idf, for the spelling mender. */
function wordVocabulary(tfidf: TfidfVectorizer): Map<string, number> {
  const words = new Map<string, number>();
  tfidf.terms.forEach((term, i) => {
    if (term.startsWith('w1:')) words.set(term.slice(3), tfidf.idf[i]!);
  });
  return words;
}

/** −τ · log(share of class c in training), centred; empty when τ is 0. */
export function priorBias(labels: Int32Array, numClasses: number, tau: number): Float32Array {
  if (tau === 0) return new Float32Array(0);
  const counts = new Float64Array(numClasses);
  for (const y of labels) counts[y]!++;
  const logShare = Array.from(counts, (n) => Math.log(Math.max(n, 1) / labels.length));
  const mean = logShare.reduce((a, b) => a + b, 0) / numClasses;
  return Float32Array.from(logShare, (l) => -tau * (l - mean));
}

/** (mean count / count of c) ^ power for every class c. */
export function balancingWeights(labels: Int32Array, numClasses: number, power: number): Float64Array {
  const counts = new Float64Array(numClasses);
  for (const y of labels) counts[y]!++;
  const mean = labels.length / numClasses;
  return counts.map((n) => (n > 0 ? (mean / n) ** power : 0));
}

function classCentroids(
  sentences: Array<Float32Array | undefined>,
  labels: Int32Array,
  intents: string[],
): Float32Array {
  const dim = sentences[0]?.length;
  if (dim === undefined) return new Float32Array(0);
  const out = new Float32Array(intents.length * dim);
  sentences.forEach((s, i) => {
    const c = labels[i]!;
    if (intents[c] === OUT_OF_SCOPE) return;
    for (let d = 0; d < dim; d++) out[c * dim + d]! += s![d]!;
  });
  for (let c = 0; c < intents.length; c++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += out[c * dim + d]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[c * dim + d]! *= inv;
  }
  return out;
}
