import { context, propagation, trace } from '@opentelemetry/api';
import type { Context, Span, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

let initialised = false;

/**
 * Registers a tracer provider, the W3C propagator and async context, so trace ids are real and flow
 * through the bus. Exporters are added by passing span processors (e.g. OTLP) from the service's wiring;
 * business code only ever uses @opentelemetry/api.
 */
export function initTracing(opts: { service: string; spanProcessors?: SpanProcessor[] }): void {
  if (initialised) return;
  initialised = true;
  const provider = new BasicTracerProvider({ spanProcessors: opts.spanProcessors ?? [] });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

export function tracer(name = 'parley'): Tracer {
  return trace.getTracer(name);
}

/** The current context as a `traceparent` value, or undefined when nothing is being traced. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

export function contextFromTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

export async function inSpan<T>(name: string, parent: Context, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, {}, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: 2 });
      throw err;
    } finally {
      span.end();
    }
  });
}
