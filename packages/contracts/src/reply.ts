import { z } from 'zod';
import { Channel, Citation, Id, MAX_BODY_CHARS, Timestamp, Turn } from './common.js';
import { defineEvent } from './envelope.js';

/** A reply to deliver to the customer; ingress owns delivery and does it once per replyId. */
export const ReplyRequested = defineEvent({
  type: 'reply.requested',
  version: 1,
  payload: z.object({
    turn: Turn,
    replyId: Id,
    channel: Channel,
    source: z.enum(['auto', 'agent', 'static']),
    body: z.string().min(1).max(MAX_BODY_CHARS),
    citations: z.array(Citation).max(50),
    agentId: Id.optional(),
  }),
  key: (_t, p) => p.replyId,
});

export const ReplyDelivered = defineEvent({
  type: 'reply.delivered',
  version: 1,
  payload: z.object({
    turn: Turn,
    replyId: Id,
    channel: Channel,
    deliveredAt: Timestamp,
    providerMessageId: z.string().max(300).optional(),
  }),
  key: (_t, p) => p.replyId,
});

/**
 * A requested reply that was given up on (dead-lettered): the customer did not get it. An agent's reply reopens
 * its inbox item; every failure is counted and alerted on.
 */
export const ReplyFailed = defineEvent({
  type: 'reply.failed',
  version: 1,
  payload: z.object({
    turn: Turn,
    replyId: Id,
    channel: Channel,
    source: z.enum(['auto', 'agent', 'static']),
    agentId: Id.optional(),
    /** Why delivery was given up on, without customer text. */
    reason: z.string().max(500),
  }),
  key: (_t, p) => p.replyId,
});
