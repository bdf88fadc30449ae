import type { HandlerContext } from '@parley/bus';
import type { Draft, EventOf, TicketConfirmation } from '@parley/contracts';
import { decideConfirmation } from '../decision/actions.js';
import { priorityFor } from '../decision/decide.js';
import type { TurnDeps } from '../turn.js';
import { commitTurn, requireTicketId } from '../turn.js';

/** What an agent sees for a confirmation handed to them: the proposal the customer answered, to approve or not. */
function agentDraft(p: EventOf<typeof TicketConfirmation>['payload']): Draft {
  return {
    body: `The customer answered "${p.answer}" to: ${p.proposal.summary}`,
    citations: [],
    facts: [],
    groundedness: 1,
    toolCalls: [{ name: p.proposal.tool, input: p.proposal.input, status: 'proposed' }],
    model: { provider: 'local', name: 'gate', tier: 'local' },
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    action: p.proposal.tool,
    proposal: p.proposal,
  };
}

/** The customer answered a proposal read back to them: authorise or decline it, or hand it to an agent. */
export async function onTicketConfirmation(
  event: EventOf<typeof TicketConfirmation>,
  ctx: HandlerContext,
  deps: TurnDeps,
) {
  const p = event.payload;
  const ticketId = requireTicketId(event);
  const draft = agentDraft(p);
  commitTurn(
    {
      ticketId,
      turn: p.turn,
      ticket: p.ticket,
      routing: p.routing,
      draft,
      sources: [],
      customer: null,
      traceparent: event.traceparent,
    },
    (owner, mode) => {
      const c = decideConfirmation({ answer: p.answer, proposal: p.proposal, owner }, deps.policy, mode);
      return {
        decision: c.decision,
        reasons: c.reasons,
        ...(c.reply ? { reply: { ...c.reply, citations: [] } } : {}),
        ...(c.toAgent
          ? {
              handoff: {
                kind: c.decision === 'escalated' ? ('escalate' as const) : ('suggest' as const),
                priority: priorityFor(c.decision, p.routing, deps.policy),
                reasons: c.reasons,
              },
            }
          : {}),
        ...(c.step ? { action: c.step } : {}),
      };
    },
    ctx,
    deps,
  );
}
