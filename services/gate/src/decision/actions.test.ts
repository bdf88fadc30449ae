import { describe, expect, it } from '@jest/globals';
import type { ActionProposal } from '@parley/contracts';
import { customerMayConfirm, decideConfirmation, proposalStep } from './actions.js';
import { DEFAULT_POLICY } from './policy.js';

const proposal = (over: Partial<ActionProposal> = {}): ActionProposal => ({
  actionId: 'act_t_1',
  tool: 'cancel_pending_order',
  input: { order_id: '#W1', reason: 'no longer needed' },
  summary: 'Cancel order #W1',
  customerId: 'c1',
  amountUsd: 100,
  ...over,
});

describe('customerMayConfirm', () => {
  it('lets the customer confirm a configured write within the money limit only', () => {
    expect(customerMayConfirm(proposal(), DEFAULT_POLICY)).toBe(true);
    expect(customerMayConfirm(proposal({ amountUsd: 1000.01 }), DEFAULT_POLICY)).toBe(false);
    expect(
      customerMayConfirm(proposal(), { ...DEFAULT_POLICY, customerConfirms: ['modify_user_address'] }),
    ).toBe(false);
  });

  it('lets a payment sent back to the methods that paid through at any amount, unless the policy covers it', () => {
    const large = proposal({ amountUsd: 3200, reversesPayment: true });
    expect(customerMayConfirm(large, DEFAULT_POLICY)).toBe(true);
    expect(customerMayConfirm(proposal({ amountUsd: 3200, reversesPayment: false }), DEFAULT_POLICY)).toBe(
      false,
    );
    expect(customerMayConfirm(large, { ...DEFAULT_POLICY, customerConfirmLimitCoversReversals: true })).toBe(
      false,
    );
    // The tool must still be one customers may confirm.
    expect(customerMayConfirm(large, { ...DEFAULT_POLICY, customerConfirms: [] })).toBe(false);
  });
});

describe('proposalStep', () => {
  it('reads back to the customer when the turn is auto-sent, and hands over to an agent otherwise', () => {
    expect(proposalStep(proposal(), 'auto_sent')).toMatchObject({ kind: 'propose', confirmBy: 'customer' });
    expect(proposalStep(proposal(), 'suggested')).toMatchObject({ kind: 'propose', confirmBy: 'agent' });
    expect(proposalStep(undefined, 'auto_sent')).toBeUndefined();
  });
});

describe('decideConfirmation', () => {
  const c = (answer: 'yes' | 'no', over: Partial<ActionProposal> = {}, owner: 'bot' | 'agent' = 'bot') => ({
    answer,
    proposal: proposal(over),
    owner,
  });

  it('authorises a yes with no reply of its own and declines a no with an acknowledgement', () => {
    expect(decideConfirmation(c('yes'), DEFAULT_POLICY, 'auto')).toMatchObject({
      decision: 'auto_sent',
      toAgent: false,
      step: { kind: 'authorise' },
    });
    expect(decideConfirmation(c('yes'), DEFAULT_POLICY, 'auto').reply).toBeUndefined();
    expect(decideConfirmation(c('no'), DEFAULT_POLICY, 'auto')).toMatchObject({
      decision: 'auto_sent',
      step: { kind: 'decline' },
      reply: { source: 'auto' },
    });
  });

  it('never authorises when an agent owns the ticket, the kill switch is on, or the limit is passed', () => {
    for (const [input, mode] of [
      [c('yes', {}, 'agent'), 'auto'],
      [c('yes'), 'suggest_only'],
      [c('yes'), 'disabled'],
      [c('yes', { amountUsd: 5000 }), 'auto'],
    ] as const) {
      const out = decideConfirmation(input, DEFAULT_POLICY, mode);
      expect(out.step).toBeUndefined();
      expect(out.toAgent).toBe(true);
      expect(out.decision).not.toBe('auto_sent');
    }
  });
});
