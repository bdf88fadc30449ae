export type { EventLoopLimits } from './event-loop.js';
export { HEARTBEAT_INTERVAL_MS, sendHeartbeats } from './heartbeat.js';
export { createOpsServer } from './ops-server.js';
export type { OpsServerOptions, ReadinessCheck } from './ops-server.js';
export { main, startService, stopOnSignals } from './service.js';
export { restartDelay, Supervisor } from './supervisor.js';
export type { ProcessSpec, SupervisorOptions } from './supervisor.js';
export type { Platform, RunningService, ServiceDefinition } from './service.js';
