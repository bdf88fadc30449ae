import { entryFor } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketReceived } from '@parley/contracts';
import { makeEvent, TicketConfirmation, TicketEscalated, TicketRouted } from '@parley/contracts';
import type { LlmCall } from '../intent/classifier.js';
import { localGuesser } from '../intent/classifier.js';
import { COMPLAINT, decideRouting, escalationRules, turnText } from '../routing/decide.js';
import { chooseReading } from '../routing/request-reading.js';
import {
  confirmationOf,
  focusSentences,
  questionSentences,
  readableText,
  requestSentences,
  voicesDispleasure,
  withoutIdentity,
} from '@parley/wording';
import type { RouterDeps } from '../context.js';
import { observeLlmCall, observeRouting } from '../events.js';

/** ticket.received -> ticket.routed, or ticket.escalated when a rule fires (then no costly classifier call). */
export async function onTicketReceived(
  event: EventOf<typeof TicketReceived>,
  ctx: HandlerContext,
  deps: RouterDeps,
): Promise<void> {
  const { ticket, turn } = event.payload;
  const { rules, sentiment } = escalationRules(ticket, turn, deps.options);
  const ruled = rules.length > 0;
  // A rule hit never reaches a routing model; a local classifier still offers a best-guess intent.
  const asked = ruled ? localGuesser(deps.classifier) : deps.classifier;
  // Who the sender says they are ("Olivia Lopez, 76171") says nothing of what they ask: neither is classified.
  const told = withoutIdentity(readableText(turnText(ticket)), ticket.customer.name);
  const names = [...(ticket.customer.name ? [ticket.customer.name] : []), ...told.names];
  const text = told.text;
  const whole = asked ? await asked.classify(text, { names }) : null;
  // A local classifier also reads a longer message's first request sentence alone, and its question sentences
  // alone (cheap; a model call is not repeated): the write planned is the first one asked for, and a story told
  // before a question is not a complaint unless it voices displeasure.
  const request = asked?.local ? requestSentences(text)[0] : undefined;
  // Only a message read whole as a complaint is read by its questions (`chooseReading`); any other by the
  // sentences it turns on, which may corroborate its reading.
  const complaint = whole?.intent === COMPLAINT;
  const question = asked?.local && complaint ? questionSentences(text).join(' ') : '';
  const focus = asked?.local && whole && !complaint ? focusSentences(text).join(' ') : '';
  const classify = (words: string) => asked!.classify(words, { names });
  const intent =
    whole && (request || question || focus)
      ? chooseReading(deps.taxonomy, {
          whole: { text, result: whole },
          ...(request ? { request: { text: request, result: await classify(request) } } : {}),
          ...(focus ? { focus: { text: focus, result: await classify(focus) } } : {}),
          ...(question ? { question: { text: question, result: await classify(question) } } : {}),
          ...(question || focus ? { calm: sentiment.label !== 'negative' && !voicesDispleasure(text) } : {}),
        })
      : whole;
  const decision = decideRouting({
    ticket,
    turn,
    intent,
    router: intent?.answeredBy ?? asked?.kind ?? deps.classifier.kind,
    taxonomy: deps.taxonomy,
    options: deps.options,
  });
  const { routing } = decision;
  // A plain yes or no to a proposal read back on the previous turn goes straight to the gate (a hard rule still
  // escalates first): there is nothing to retrieve and nothing to draft.
  const pending = ticket.pendingAction;
  const answer =
    pending?.confirmBy === 'customer' && decision.kind !== 'escalated' ? confirmationOf(ticket.body) : null;
  const out =
    pending && answer
      ? makeEvent(TicketConfirmation, {
          ticketId: event.ticketId,
          payload: {
            turn,
            ticket,
            routing,
            answer,
            proposal: pending.proposal,
            confirmBy: pending.confirmBy,
          },
          traceparent: event.traceparent,
        })
      : makeEvent(decision.kind === 'escalated' ? TicketEscalated : TicketRouted, {
          ticketId: event.ticketId,
          payload: { turn, ticket, routing },
          traceparent: event.traceparent,
        });
  const detail = {
    intent: routing.intent,
    confidence: Number(routing.confidence.toFixed(3)),
    ...(routing.handlingConfidence !== undefined
      ? { handlingConfidence: Number(routing.handlingConfidence.toFixed(3)) }
      : {}),
    band: routing.band,
    // What the gate weighs against a draft's sending: how displeased the turn reads and how like a complaint.
    sentiment: Number(routing.sentiment.score.toFixed(3)),
    ...(routing.complaintLikelihood !== undefined
      ? { complaintLikelihood: routing.complaintLikelihood }
      : {}),
    rules: routing.rules.map((r) => r.id),
    router: routing.router,
    ...(answer ? { answer, actionId: pending!.proposal.actionId } : {}),
    ...(decision.statusQuestion ? { statusQuestion: true } : {}),
    ...(intent?.llm ? llmDetail(intent.llm) : {}),
  };
  ctx.record(entryFor(out, 'router', detail));
  ctx.emit(out);
  observeRouting(deps.metrics, routing);
  if (intent?.llm) observeLlmCall(deps.metrics, intent.llm.outcome);
  if (intent?.llm && intent.llm.outcome !== 'ok') {
    const { provider, model, outcome } = intent.llm;
    ctx.log.warn(
      { ticketId: event.ticketId, provider, model, outcome },
      'LLM router fell back to the local model',
    );
  }
  ctx.log.info(
    { ticketId: event.ticketId, turn, ...detail },
    `ticket ${answer ? 'confirmation' : decision.kind}`,
  );
}

/**
 * The routing call's own accounting: its model (billed at the commodity tier, while `routing.tier` stays the
 * taxonomy's tier for the resolver), usage, and why it fell back, if it did. Never prompt or reply text.
 */
function llmDetail(call: LlmCall): Record<string, unknown> {
  return {
    routerModel: { provider: call.provider, name: call.model, tier: 'commodity' },
    routerMs: call.ms,
    ...(call.usage ? { routerUsage: call.usage } : {}),
    ...(call.attempts !== undefined ? { routerAttempts: call.attempts } : {}),
    ...(call.band ? { llmBand: call.band } : {}),
    ...(call.tier ? { llmTier: call.tier } : {}),
    ...(call.outcome !== 'ok' ? { llmFallback: call.outcome } : {}),
  };
}
