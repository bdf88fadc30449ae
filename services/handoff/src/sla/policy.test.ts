import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SLA, parseSlaMinutes, raisePriority, slaDue } from './policy.js';

describe('slaDue', () => {
  const created = new Date('2026-01-05T10:00:00Z');
  it.each([
    ['urgent', '2026-01-05T10:15:00.000Z', '2026-01-05T11:30:00.000Z'],
    ['high', '2026-01-05T11:00:00.000Z', '2026-01-05T16:00:00.000Z'],
    ['normal', '2026-01-05T14:00:00.000Z', '2026-01-06T10:00:00.000Z'],
    ['low', '2026-01-06T10:00:00.000Z', '2026-01-11T10:00:00.000Z'],
  ] as const)('%s: first response and resolution (x6)', (priority, first, resolution) => {
    const due = slaDue(priority, created, DEFAULT_SLA);
    expect(due.firstResponseDueAt.toISOString()).toBe(first);
    expect(due.resolutionDueAt.toISOString()).toBe(resolution);
  });
});

describe('parseSlaMinutes', () => {
  it('reads every priority and names what is wrong', () => {
    expect(parseSlaMinutes('urgent=5, high=30,normal=120,low=600')).toEqual({
      urgent: 5,
      high: 30,
      normal: 120,
      low: 600,
    });
    expect(() => parseSlaMinutes('urgent=5,high=30')).toThrow('missing SLA minutes for normal, low');
    expect(() => parseSlaMinutes('urgent=soon')).toThrow('bad SLA entry "urgent=soon"');
  });
});

describe('raisePriority', () => {
  it('moves one step up and stops at urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map(raisePriority)).toEqual([
      'normal',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
