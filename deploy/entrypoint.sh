#!/bin/sh
# Runs the service named by SERVICE, or the command given (`parley migrate`, `sh`, ...) when there is one.
set -eu
# @parley/runtime's SERVICE_ENV (less resident memory): two malloc arenas rather than one a thread, and large
# blocks always mapped on their own so they go back to the system when freed. A value given to the container stands.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
case "${SERVICE:-}" in
  ingress | router | retrieval | resolver | gate | handoff | actions) ;;
  *)
    echo "SERVICE must be one of ingress, router, retrieval, resolver, gate, handoff, actions (got \"${SERVICE:-}\")" >&2
    exit 64
    ;;
esac
# The preload exports traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and does nothing otherwise.
# --max-semi-space-size=4 --heap-growing-percent=30 are @parley/runtime's SERVICE_NODE_FLAGS (a small young
# generation, an old generation grown little past what is live: less resident memory).
exec node --max-semi-space-size=4 --heap-growing-percent=30 --import /app/packages/telemetry/dist/register.js "/app/services/${SERVICE}/dist/index.js"
