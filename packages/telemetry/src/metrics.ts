import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process, with the default Node metrics and a `service` label on everything, plus `version`
 * when the process runs a named version (a canary's candidate and stable side then chart apart).
 */
export function createMetricsRegistry(service: string, version?: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(version ? { service, version } : { service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
