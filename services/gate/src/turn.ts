import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { Envelope, KillSwitchMode } from '@parley/contracts';
import type { DecisionInput, GateOutcome } from './decision/decide.js';
import { decide } from './decision/decide.js';
import type { TurnContext } from './decision/commit.js';
import { commitDecision } from './decision/commit.js';
import type { GatePolicy } from './decision/policy.js';
import type { GateMetrics } from './events.js';

export interface TurnDeps {
  policy: GatePolicy;
  mode: () => KillSwitchMode;
  metrics: GateMetrics;
}

/**
 * Shared by both consumers. Everything happens in the commit transaction: the owner (by the statement recording the
 * decision) and the kill switch are read at commit time, and events are written only when this delivery is the one
 * that decided the turn (in the statement that records the decision; the bus publishes them after the commit). The
 * event decided on has its timeline entry from its producer; the gate's own entries are those of the events it emits.
 */
export function decideTurn(
  turn: TurnContext,
  input: Omit<DecisionInput, 'owner'>,
  ctx: HandlerContext,
  deps: TurnDeps,
): void {
  commitTurn(turn, (owner, mode) => decide({ ...input, owner }, deps.policy, mode), ctx, deps);
}

/** The shape every gate handler shares: decide from the owner and the mode at commit time, then commit. */
export function commitTurn(
  turn: TurnContext,
  decideFor: (owner: 'bot' | 'agent', mode: KillSwitchMode) => GateOutcome,
  ctx: HandlerContext,
  deps: TurnDeps,
): void {
  ctx.write(async (trx) => {
    const mode = deps.mode();
    // Decided for the bot, recorded only if the ticket is the bot's; else for an agent, only if an agent has it.
    let outcome = decideFor('bot', mode);
    let events = await commitDecision(trx, turn, 'bot', outcome, mode, ctx.writeGuarded);
    if (events.length === 0) {
      outcome = decideFor('agent', mode);
      events = await commitDecision(trx, turn, 'agent', outcome, mode, ctx.writeGuarded);
    }
    if (events.length === 0) {
      deps.metrics.alreadyDecided.inc();
      ctx.log.info({ turn: turn.turn }, 'turn already decided; nothing emitted');
      return;
    }
    deps.metrics.decisions.inc({ decision: outcome.decision, mode });
    ctx.log.info({ turn: turn.turn, decision: outcome.decision, mode }, 'decided');
  });
}

/** Ticket-scoped contracts require the id; a message without one can never be processed. */
export function requireTicketId(event: Envelope): string {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  return event.ticketId;
}
