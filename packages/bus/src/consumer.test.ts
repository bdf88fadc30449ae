import { describe, expect, it } from '@jest/globals';
import { HandoffRequested } from '@parley/contracts';
import { consumer } from './catalog.js';
import { durableName } from './consumer.js';

describe('durableName', () => {
  const spec = {
    event: HandoffRequested,
    ackWaitMs: 1000,
    maxDeliver: 1,
    backoffMs: [100],
    concurrency: 1,
    handler: async () => undefined,
  };

  it('names a durable after its event, or as told for a second consumer of that event', () => {
    expect(durableName('handoff', consumer(spec))).toBe('handoff__handoff_requested_v1');
    expect(durableName('handoff', consumer({ ...spec, durable: 'desk_mirror' }))).toBe(
      'handoff__desk_mirror',
    );
  });
});
