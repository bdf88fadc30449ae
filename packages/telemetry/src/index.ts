export { createLogger } from './logger.js';
export type { Logger } from './logger.js';
export {
  contextFromTraceparent,
  currentTraceparent,
  initTracing,
  inSpan,
  producerTraceparent,
  tracer,
} from './tracing.js';
export { Counter, createMetricsRegistry, Gauge, Histogram, latencyBuckets, Registry } from './metrics.js';
