/**
 * V8 flags every service process starts with (the image's entrypoint, `pnpm start` and the test stack pass
 * them on the command line: V8 sizes its heap before any module runs).
 *
 * `--max-semi-space-size=4`: V8 grows the young generation up to 16 MB a semi-space under a steady allocation
 * rate, and the pages it grew stay resident. A service's per-message garbage (parsed events, query objects,
 * log records) dies within one or a few messages, so a few MB a semi-space collect it as well: 30 to 100 MB
 * less peak RSS per service than V8's default. At 2 MB the collector had about 15% of a service's sampled
 * CPU profile at saturation (system calls aside); at 4 MB about 8%, for 2-8 MB more peak RSS per service. The
 * benchmark's CPU per ticket did not measurably move with it (`evals/README.md`, Dec 4).
 *
 * `--heap-growing-percent=30`: after a full collection V8 lets the old generation grow to as much as several
 * times what survived before collecting again, so a loaded service's peak resident set was mostly dead
 * messages promoted out of the small young generation (retrieval: 186-204 MB at saturation with 95 MB of heap
 * at the peak). Growing it by 30% holds the peak near what is live: 149 MB in the same benchmark, with no more
 * CPU per ticket measured (`evals/README.md`). Not allowed in NODE_OPTIONS, so only ever on the command line.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=30'];
