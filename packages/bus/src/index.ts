export { Bus, connectNats } from './bus.js';
export type { BusOptions } from './bus.js';
export {
  CANARY_HEADER,
  CANARY_ROLES,
  CANARY_TOKEN,
  formatStamp,
  ownerOf,
  splitFromStamp,
  ticketBucket,
} from './canary.js';
export type { CanaryRole, CanarySource, CanarySplit } from './canary.js';
export { consumer, IF_CLAIMED } from './catalog.js';
export type { Catalog, ClaimedStatement, ConsumerSpec, HandlerContext } from './catalog.js';
export { consumerConfig, durableName } from './consumer.js';
export { watchMaxDeliveries } from './dead-letter.js';
export { PermanentError, RetryAfterError } from './errors.js';
export { planFailure } from './failure.js';
export type { FailurePlan } from './failure.js';
export { OutboxRelay, writeGuarded, writeOutbox } from './outbox.js';
export type { GuardedWrites, OutboxRow } from './outbox.js';
export { DEFAULT_STREAM_SIZES, STREAM_LIMITS, streamConfigs, topology } from './topology.js';
export type { StreamSizes, Topology } from './topology.js';
