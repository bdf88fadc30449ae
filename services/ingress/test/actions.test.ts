import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import type { ActionProposal } from '@parley/contracts';
import { ActionAuthorised, ActionProposed, ActionSettled, makeEvent } from '@parley/contracts';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';
import { API_KEY } from './fixtures.js';

// The ticket view lists every action with its status and who authorised it, built from the action events; a
// proposal read back to the customer rides on their next turn, so the router can tell a yes from a question.
let ing: IngressHarness;

beforeAll(async () => {
  ing = await startIngress('ingress-actions');
});
afterAll(async () => {
  await ing.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${ing.svc.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as Record<string, unknown>;
};

const proposalFor = (ticketId: string, turn: number): ActionProposal => ({
  actionId: `act_${ticketId}_${turn}`,
  tool: 'cancel_pending_order',
  input: { order_id: '#W3400144', reason: 'no longer needed' },
  summary: 'Cancel order #W3400144, reason: no longer needed.',
  customerId: 'yara_li_6570',
  amountUsd: 120,
});

describe('actions on the ticket view', () => {
  it('carries a read-back proposal on the next turn only, and shows each action as it moves', async () => {
    const { ticketId } = (await call('POST', '/v1/tickets', {
      customer: { email: 'yara.li6570@example.com' },
      body: 'Please cancel #W3400144, I no longer need it.',
    })) as { ticketId: string };
    const proposal = proposalFor(ticketId, 1);
    await ing.bus.publish(
      makeEvent(ActionProposed, {
        ticketId,
        payload: { turn: 1, proposal, confirmBy: 'customer', channel: 'api' },
      }),
    );
    await waitFor('the proposal in the view', async () => {
      const view = await call('GET', `/v1/tickets/${ticketId}`);
      return (view.actions as unknown[]).length === 1;
    });
    expect((await call('GET', `/v1/tickets/${ticketId}`)).actions).toEqual([
      {
        actionId: proposal.actionId,
        tool: 'cancel_pending_order',
        input: proposal.input,
        status: 'proposed',
      },
    ]);

    await call('POST', `/v1/tickets/${ticketId}/messages`, { body: 'yes please' });
    const [, second] = await ing.awaitEvents('ticket.received.v1', ticketId, 2);
    expect((second!.payload as { ticket: { pendingAction?: unknown } }).ticket.pendingAction).toEqual({
      proposal,
      confirmBy: 'customer',
    });
    // The turn after that no longer carries it: only the very next message answers a read-back.
    await call('POST', `/v1/tickets/${ticketId}/messages`, { body: 'and when will the refund arrive?' });
    const third = (await ing.awaitEvents('ticket.received.v1', ticketId, 3))[2]!;
    expect((third.payload as { ticket: { pendingAction?: unknown } }).ticket.pendingAction).toBeUndefined();

    // Settled arriving before authorised (another consumer, another order): the status never moves back.
    await ing.bus.publish(
      makeEvent(ActionSettled, {
        ticketId,
        payload: {
          turn: 2,
          actionId: proposal.actionId,
          tool: proposal.tool,
          status: 'executed',
          result: { id: '#W3400144', status: 'cancelled' },
        },
      }),
    );
    await ing.bus.publish(
      makeEvent(ActionAuthorised, {
        ticketId,
        payload: { turn: 2, proposal, by: { kind: 'customer' }, channel: 'api' },
      }),
    );
    await waitFor('the executed action with who authorised it', async () => {
      const [action] = (await call('GET', `/v1/tickets/${ticketId}`)).actions as Array<
        Record<string, unknown>
      >;
      return action?.status === 'executed' && action.authorisedBy !== undefined;
    });
    expect((await call('GET', `/v1/tickets/${ticketId}`)).actions).toEqual([
      {
        actionId: proposal.actionId,
        tool: 'cancel_pending_order',
        input: proposal.input,
        status: 'executed',
        result: { id: '#W3400144', status: 'cancelled' },
        authorisedBy: { kind: 'customer' },
      },
    ]);
  });

  it('does not carry a proposal that only an agent may approve', async () => {
    const { ticketId } = (await call('POST', '/v1/tickets', {
      customer: { email: 'yara.li6570@example.com' },
      body: 'Refund my whole order #W3400144.',
    })) as { ticketId: string };
    await ing.bus.publish(
      makeEvent(ActionProposed, {
        ticketId,
        payload: { turn: 1, proposal: proposalFor(ticketId, 1), confirmBy: 'agent', channel: 'api' },
      }),
    );
    await waitFor('the proposal in the view', async () => {
      const view = await call('GET', `/v1/tickets/${ticketId}`);
      return (view.actions as unknown[]).length === 1;
    });
    await call('POST', `/v1/tickets/${ticketId}/messages`, { body: 'yes' });
    const [, second] = await ing.awaitEvents('ticket.received.v1', ticketId, 2);
    expect((second!.payload as { ticket: { pendingAction?: unknown } }).ticket.pendingAction).toBeUndefined();
  });
});
