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

/**
 * Environment every service process starts with (set by the same launchers; the image's entrypoint keeps a
 * value given to the container). Both are glibc malloc settings; measured in `evals/README.md` (Dec 5).
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own arena, and a Node process has a dozen
 * threads (libuv's pool, V8's compiler and collector helpers); memory freed in one arena is not reused by
 * another. Node's own allocations are mostly on the main thread, so two arenas are not contended.
 *
 * `MALLOC_MMAP_THRESHOLD_=131072`: glibc maps a block of 128 KB or more on its own and unmaps it when freed,
 * but after freeing one it raises that threshold to the block's size (up to 32 MB), so once retrieval has read
 * its classifier files (9 and 13 MB) every later buffer below that size comes from the arenas, whose freed
 * space is rarely given back. A fixed threshold keeps large buffers returning to the system.
 *
 * Retrieval's resident set after 2,542 varied tickets: 224-229 MB with glibc's defaults, 208-215 MB with two
 * arenas, 199-209 MB with both; its peak in `pnpm bench pipeline` 189-202 MB with two arenas, 187-193 MB with
 * both, for the same CPU a ticket.
 */
export const SERVICE_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};
