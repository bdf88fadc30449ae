import { context, propagation, ProxyTracerProvider, SpanKind, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';

let initialised = false;

/** True once a tracer provider other than the no-op one is registered (by initTracing or the export SDK). */
function providerRegistered(): boolean {
  const provider = trace.getTracerProvider();
  const delegate = provider instanceof ProxyTracerProvider ? provider.getDelegateTracer('parley') : undefined;
  return delegate !== undefined;
}

/**
 * Registers a tracer provider, the W3C propagator and async context, so trace ids are real and flow through
 * the bus. When the process was started with the export preload (`register.ts`, OTEL_* set), the SDK has
 * registered all three already and its provider (with the OTLP exporter) is kept. Tests pass span processors
 * (e.g. an in-memory exporter); business code only ever uses @opentelemetry/api.
 */
export function initTracing(opts: { service: string; spanProcessors?: SpanProcessor[] }): void {
  if (initialised) return;
  initialised = true;
  if (providerRegistered()) return;
  const provider = new TracerProvider({ spanProcessors: opts.spanProcessors ?? [] });
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

export async function inSpan<T>(
  name: string,
  parent: Context,
  fn: (span: Span) => Promise<T>,
  options: SpanOptions = {},
): Promise<T> {
  return tracer().startActiveSpan(name, options, parent, async (span) => {
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

/**
 * A PRODUCER span for one message about to be published, child of the active span (a consumer handling the
 * previous hop, or an HTTP request at the edge), else of `fallback` (the message's own traceparent), else a new
 * trace. It ends at once: the message carries its context on, so the next consumer's span is its child and one
 * ticket's hops form one chain. Returns the traceparent to put on the message (the fallback when not tracing).
 */
export function producerTraceparent(
  name: string,
  attributes: Attributes,
  fallback: string | undefined,
): string | undefined {
  const active = trace.getSpan(context.active());
  const parent = active?.spanContext().traceId ? context.active() : contextFromTraceparent(fallback);
  const span = tracer().startSpan(name, { kind: SpanKind.PRODUCER, attributes }, parent);
  span.end();
  return currentTraceparent(trace.setSpan(parent, span)) ?? fallback;
}
