export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** Minutes to the first human response, by priority; resolution gets `resolutionFactor` times as long. */
export interface SlaPolicy {
  firstResponseMinutes: Record<Priority, number>;
  resolutionFactor: number;
}

export const DEFAULT_SLA: SlaPolicy = {
  firstResponseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
  resolutionFactor: 6,
};

export function slaDue(priority: Priority, createdAt: Date, policy: SlaPolicy = DEFAULT_SLA) {
  const minutes = policy.firstResponseMinutes[priority];
  const at = (m: number) => new Date(createdAt.getTime() + m * 60_000);
  return { firstResponseDueAt: at(minutes), resolutionDueAt: at(minutes * policy.resolutionFactor) };
}

/** Parses `urgent=15,high=60,normal=240,low=1440`; every priority must be given, each a positive integer. */
export function parseSlaMinutes(spec: string): Record<Priority, number> {
  const out: Partial<Record<Priority, number>> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(urgent|high|normal|low)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1)
      throw new Error(`bad SLA entry ${JSON.stringify(part)}: expected <priority>=<minutes>`);
    out[m[1] as Priority] = Number(m[2]);
  }
  const missing = (['urgent', 'high', 'normal', 'low'] as const).filter((p) => out[p] === undefined);
  if (missing.length > 0) throw new Error(`missing SLA minutes for ${missing.join(', ')}`);
  return out as Record<Priority, number>;
}

const LADDER: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The next priority up (urgent stays urgent): what a breached SLA does to its item. */
export function raisePriority(priority: string): Priority {
  const at = LADDER.indexOf(priority as Priority);
  return LADDER[Math.min(Math.max(at, 0) + 1, LADDER.length - 1)]!;
}
