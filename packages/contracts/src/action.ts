// Actions in the store a customer asks for (cancel, change an address, return...). An action is proposed with its
// details read back, authorised by the customer's explicit "yes" on the next turn or by an agent, executed once by
// the actions service, and settled (executed, refused by the store's policy, or failed). Every event carries what
// its consumers need, so none reads another service's tables.
import { z } from 'zod';
import { ActionProposal, Channel, ConfirmBy, Id, Turn } from './common.js';
import { defineEvent } from './envelope.js';

export const Authoriser = z.object({
  kind: z.enum(['customer', 'agent']),
  /** The agent's id; absent for the customer. */
  id: Id.optional(),
});
export type Authoriser = z.infer<typeof Authoriser>;

/** The gate proposed an action on this turn: read back to the customer, or handed to an agent to approve. */
export const ActionProposed = defineEvent({
  type: 'action.proposed',
  version: 1,
  payload: z.object({
    turn: Turn,
    proposal: ActionProposal,
    confirmBy: ConfirmBy,
    channel: Channel,
  }),
  key: (_t, p) => p.proposal.actionId,
});

/** The customer said yes, or an agent approved: the actions service executes it once. */
export const ActionAuthorised = defineEvent({
  type: 'action.authorised',
  version: 1,
  payload: z.object({
    /** The turn the authorisation came on (the customer's "yes"), or the proposal's turn for an agent. */
    turn: Turn,
    proposal: ActionProposal,
    by: Authoriser,
    /** Where the outcome is told to the customer. */
    channel: Channel,
  }),
  key: (_t, p) => p.proposal.actionId,
});

/** The customer said no, or an agent rejected it: nothing is done. */
export const ActionDeclined = defineEvent({
  type: 'action.declined',
  version: 1,
  payload: z.object({ turn: Turn, actionId: Id, by: Authoriser }),
  key: (_t, p) => p.actionId,
});

/** What became of an authorised action: done, refused by the store's policy (naming the rule), or failed. */
export const ActionSettled = defineEvent({
  type: 'action.settled',
  version: 1,
  payload: z.object({
    turn: Turn,
    actionId: Id,
    tool: z.string().min(1).max(100),
    status: z.enum(['executed', 'refused', 'failed']),
    result: z.record(z.string(), z.unknown()).optional(),
    refusal: z.object({ rule: z.string().max(100), message: z.string().max(1000) }).optional(),
    /** For `failed`: why, without customer data. */
    reason: z.string().max(500).optional(),
  }),
  key: (_t, p) => p.actionId,
});
