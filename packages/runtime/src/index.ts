export { enforceRouteAccess, guardWith, keyGuard, principalOf } from './access.js';
export type { KeyCheckResult, Principal, RouteAccess, Verified } from './access.js';
export type { EventLoopLimits } from './event-loop.js';
export { HEARTBEAT_INTERVAL_MS, sendHeartbeats } from './heartbeat.js';
export { createOpsServer, errorBody, errorCode } from './ops-server.js';
export type { ErrorBody, OpsServerOptions, ReadinessCheck } from './ops-server.js';
export { main, startService, stopOnSignals } from './service.js';
export { SERVICE_ENV, SERVICE_NODE_FLAGS } from './node-flags.js';
export { restartDelay, Supervisor } from './supervisor.js';
export type { ProcessSpec, SupervisorOptions } from './supervisor.js';
export type { Platform, RunningService, ServiceDefinition, StartOptions } from './service.js';
/** The server a service's routes are added to (services need not depend on fastify for its type). */
export type { FastifyInstance } from 'fastify';
export { buildWith, Resources } from './context.js';
export type { ServiceContext } from './context.js';
export { openApiDocument, serveApiDocs } from './openapi.js';
export type { ApiDocs, OperationDoc } from './openapi.js';
