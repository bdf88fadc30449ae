/* global process, fetch, AbortSignal */
// The container's health: the running service's readiness probe on its own port (<SERVICE>_PORT or default).
const DEFAULT_PORTS = {
  ingress: 8080,
  router: 8081,
  retrieval: 8082,
  resolver: 8083,
  gate: 8084,
  handoff: 8085,
  actions: 8086,
};
const service = process.env.SERVICE ?? '';
const port = process.env[`${service.toUpperCase()}_PORT`] || DEFAULT_PORTS[service];
const ok = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2500) })
  .then((res) => res.ok)
  .catch(() => false);
process.exitCode = ok ? 0 : 1;
