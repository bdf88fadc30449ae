import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

type Env = Readonly<Record<string, string | undefined>>;

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Whether spans leave the process: only when an OTLP endpoint is configured and the SDK is not disabled. */
export function exportEnabled(env: Env): boolean {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return set('OTEL_EXPORTER_OTLP_ENDPOINT') || set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
}

/**
 * The service a process is: OTEL_SERVICE_NAME, else SERVICE (the image's variable), else the
 * `services/<name>/` folder of its entry point, else `parley`.
 */
export function serviceNameOf(env: Env, entry: string | undefined): string {
  const named = env.OTEL_SERVICE_NAME?.trim() || env.SERVICE?.trim();
  if (named) return named;
  return /services\/([a-z-]+)\//.exec(entry ?? '')?.[1] ?? 'parley';
}

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
