export { IntentModel, trainIntentModel, DEFAULT_TRAIN } from './model.js';
export type { Prediction, TrainOptions, ModelParts, Analysis, TextContext } from './model.js';
export { decodeModel, loadModel, saveModel, MODEL_FORMAT_VERSION } from './format.js';
export { readJsonl, parseJsonl, DataError, OUT_OF_SCOPE, holdOutEvery } from './data.js';
export type { Example } from './data.js';
export { evaluateRouter } from './evaluate.js';
export type { RouterMetrics } from './evaluate.js';
export { INTENT_SETS, intentSetFile } from './sets.js';
export type { IntentSet } from './sets.js';
