export { enforceRouteAccess, guardWith, keyGuard, principalOf } from './access.js';
export type { KeyCheckResult, Principal, RouteAccess, Verified } from './access.js';
export { createOpsServer } from './ops-server.js';
export type { OpsServerOptions, ReadinessCheck } from './ops-server.js';
export { main, startService, stopOnSignals } from './service.js';
export { restartDelay, Supervisor } from './supervisor.js';
export type { ProcessSpec, SupervisorOptions } from './supervisor.js';
export type { Platform, RunningService, ServiceDefinition } from './service.js';
