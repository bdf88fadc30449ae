/** The services, their entry points and default ports (each overridable with <NAME>_PORT). */
export const SERVICES = [
  { name: 'ingress', port: 8080 },
  { name: 'router', port: 8081 },
  { name: 'retrieval', port: 8082 },
  { name: 'resolver', port: 8083 },
  { name: 'gate', port: 8084 },
  { name: 'handoff', port: 8085 },
  { name: 'actions', port: 8086 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export function servicePort(name: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env[`${name.toUpperCase()}_PORT`];
  return fromEnv ? Number(fromEnv) : SERVICES.find((s) => s.name === name)!.port;
}

export function serviceEntry(name: ServiceName): string {
  return new URL(`../services/${name}/src/index.ts`, import.meta.url).pathname;
}

/** Preloaded into each service: exports its traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export function telemetryPreload(): string {
  return new URL('../packages/telemetry/src/register.ts', import.meta.url).pathname;
}
