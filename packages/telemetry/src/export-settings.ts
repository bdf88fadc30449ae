// Whether and as what a process exports its spans: read from the environment, with none of the SDK loaded.

type Env = Readonly<Record<string, string | undefined>>;

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
