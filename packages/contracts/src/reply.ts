import { z } from 'zod';
import {
  ActionProposal,
  Channel,
  Citation,
  ConfirmBy,
  Id,
  MAX_BODY_CHARS,
  Timestamp,
  Turn,
  WorkspaceId,
} from './common.js';
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
    /**
     * The proposal this reply reads back for the customer to confirm (the gate's `action.proposed` of the same
     * turn). Ingress records it with the delivery, so a "yes" sent the moment the reply arrives finds it waiting,
     * whenever its own `action.proposed` consumer gets there. Optional: added after v1.
     */
    readsBack: z.object({ proposal: ActionProposal, confirmBy: ConfirmBy }).optional(),
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

export const Rating = z.enum(['up', 'down']);
export type Rating = z.infer<typeof Rating>;

/**
 * A customer rated an automated reply (a signed link in an email or SMS, or the chat widget's thumbs). One rating
 * stands per reply: rating again replaces it, as a new `revision` (so each change is its own event, not a
 * duplicate of the first). Ingress records it; the quality report counts it.
 */
export const ReplyRated = defineEvent({
  type: 'reply.rated',
  version: 1,
  payload: z.object({
    turn: Turn,
    replyId: Id,
    workspace: WorkspaceId,
    channel: Channel,
    rating: Rating,
    /** 1 for the first rating of the reply, one more for each change. */
    revision: z.number().int().min(1),
    ratedAt: Timestamp,
  }),
  key: (_t, p) => `${p.replyId}:${p.revision}`,
});
