import { z } from 'zod';
import { Id } from './common.js';
import { defineEvent } from './envelope.js';

/**
 * The help-centre index changed. Chunks themselves live in Postgres; replicas reload the listed ids,
 * so the event stays small whatever the size of the change.
 */
export const KnowledgeChanged = defineEvent({
  type: 'kb.changed',
  version: 1,
  ticketScoped: false,
  payload: z.object({
    sourceId: Id,
    /** Monotonic per source: replicas ignore a change older than what they hold. */
    revision: z.number().int().min(1),
    upserted: z.array(Id).max(100_000),
    deleted: z.array(Id).max(100_000),
  }),
  key: (_t, p) => `${p.sourceId}:${p.revision}`,
});
