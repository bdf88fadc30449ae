// The committed baseline: every part's per-case outcomes as they were at one commit, so each figure and its
// band can be recomputed against a new run. Written only by `evals gate --update-baseline`; its diff is
// reviewed like code (the `figures` summary at the top shows what moved).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PartRun } from './figures.js';
import { figureId, figuresOf, casesOf } from './figures.js';

export const BASELINE_FILE = fileURLToPath(new URL('../../gate/baseline.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const Numbers = z.array(z.number());
const PartRunSchema = z.object({
  part: z.string().min(1),
  kind: z.enum(['golden', 'router', 'retrieval', 'actions']),
  source: z.string(),
  digest: z.string(),
  n: z.number().int().min(0),
  columns: z.record(z.string(), Numbers),
  groups: z.record(z.string(), z.array(z.number().int().min(0))).optional(),
  info: z.record(z.string(), z.number()).optional(),
});

const BaselineSchema = z.object({
  about: z.string().optional(),
  commit: z.string(),
  dirty: z.boolean(),
  takenAt: z.string(),
  figures: z.record(z.string(), z.number().nullable()),
  parts: z.array(PartRunSchema),
});

export type Baseline = z.infer<typeof BaselineSchema>;

export class BaselineError extends Error {}

/** Every part's columns are as long as its case count, and every group index is a case. */
function check(file: string, b: Baseline): Baseline {
  for (const p of b.parts) {
    for (const [name, col] of Object.entries(p.columns))
      if (col.length !== p.n)
        throw new BaselineError(
          `${file}: part ${p.part}: column ${name} has ${col.length} values for ${p.n} cases`,
        );
    for (const [name, idx] of Object.entries(p.groups ?? {}))
      if (idx.some((i) => i >= p.n))
        throw new BaselineError(`${file}: part ${p.part}: group ${name} names a case past ${p.n}`);
  }
  return b;
}

/** The baseline at `file`; null when there is none. */
export async function readBaseline(file = BASELINE_FILE): Promise<Baseline | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file}: ${(err as Error).message}`);
  }
  const parsed = BaselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BaselineError(`${file}: field ${issue.path.join('.') || '/'}: ${issue.message}`);
  }
  return check(file, parsed.data);
}

/** The commit the tree is at and whether it has uncommitted changes; `unknown` outside a git checkout. */
export function gitState(cwd = ROOT): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      encoding: 'utf8',
    });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The value of every gated or shown figure of the parts, keyed by figure id: what a reviewer reads first. */
export function figureSummary(parts: readonly PartRun[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const p of parts) {
    for (const def of figuresOf(p)) {
      const cases = casesOf(p, def);
      out[figureId(p.part, def)] = cases === undefined ? null : round(def.stat(p.columns, cases));
    }
    for (const [name, value] of Object.entries(p.info ?? {})) out[`${p.part} ${name}`] = value;
  }
  return out;
}

/** A new baseline of `parts`, keeping the parts of `previous` that were not measured this time. */
export function makeBaseline(
  parts: readonly PartRun[],
  previous: Baseline | null,
  state: { commit: string; dirty: boolean },
  now = new Date(),
): Baseline {
  const measured = new Set(parts.map((p) => p.part));
  const all = [...(previous?.parts.filter((p) => !measured.has(p.part)) ?? []), ...parts];
  return {
    about:
      'Release gate baseline, written by `pnpm --silent evals gate --update-baseline` (evals/README.md, "Release gate"). Review its diff like code.',
    commit: state.commit,
    dirty: state.dirty,
    takenAt: now.toISOString(),
    figures: figureSummary(all),
    parts: all,
  };
}

/** JSON with two-space indents, every array of numbers on one line (per-case columns stay one line each). */
export function serialise(value: unknown, indent = ''): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + serialise(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${serialise(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export async function writeBaseline(baseline: Baseline, file = BASELINE_FILE): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${serialise(baseline)}\n`, 'utf8');
}
