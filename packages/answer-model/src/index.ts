export type { AnswerSignals, Direction, SignalSpec } from './signals.js';
export { SIGNAL_NAMES, SIGNALS, SIGNALS_VERSION, signalVector } from './signals.js';
export type { ModelFile } from './format.js';
export {
  checkModelFile,
  DEFAULT_MODEL_FILE,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  readModelFile,
  writeModelFile,
} from './format.js';
export type { Contribution, Prediction } from './model.js';
export { AnswerModel, loadAnswerModel } from './model.js';
export type { Example, TrainOptions, TrainReport } from './train.js';
export { crossValidated, DEFAULT_TRAIN, foldsOf, trainAnswerModel } from './train.js';
export type { Calibration, OperatingPoint, ReliabilityBin, Scored } from './metrics.js';
export { calibration, chooseThreshold, curve, operatingPoint } from './metrics.js';
export { parseExamples, readExampleFiles, readExamples } from './data.js';
export type { ExampleSource } from './data.js';
