import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

// The SDK, its exporters and instrumentations: about 44 MB of a process's resident memory once loaded, so
// `register.ts` imports this module only when spans are to be exported (`export-settings.ts`).

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The OpenTelemetry Node SDK as the standard OTEL_* variables configure it (OTLP exporter, endpoint, protocol,
 * headers, sampler, batch sizes, resource attributes), with the service's name and instrumentation of incoming
 * and outgoing HTTP (Fastify's routes name the server spans, see @parley/runtime) and of pg queries. Health,
 * readiness and metrics requests are not traced.
 */
export function createExportSdk(serviceName: string): NodeSDK {
  return new NodeSDK({
    serviceName,
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBES.has((req.url ?? '').split('?')[0] ?? ''),
      }),
      // Queries outside any traced work (pool probes, the outbox sweeper's idle polls) are not spans.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}
