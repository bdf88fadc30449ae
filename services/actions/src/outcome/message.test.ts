import { describe, expect, it } from '@jest/globals';
import type { ActionProposal } from '@parley/contracts';
import { outcomeMessage } from './message.js';

const proposal = (tool: string, input: Record<string, unknown> = { order_id: '#W1' }): ActionProposal => ({
  actionId: 'act_t_1',
  tool,
  input,
  summary: 'x',
  customerId: 'c1',
});
const address = { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', zip: '78701', country: 'USA' };

describe('outcomeMessage', () => {
  it('tells a cancellation with each refund and when it arrives', () => {
    const result = {
      id: '#W1',
      paymentHistory: [
        { type: 'payment', amount: 100, paymentMethodId: 'credit_card_1' },
        { type: 'refund', amount: 100, paymentMethodId: 'credit_card_1' },
      ],
    };
    expect(outcomeMessage(proposal('cancel_pending_order'), { status: 'executed', result })).toBe(
      'Done: order #W1 is cancelled. A refund of $100.00 goes to your original payment method within 5-7 business days.',
    );
    const gift = {
      id: '#W1',
      paymentHistory: [{ type: 'refund', amount: 20.5, paymentMethodId: 'gift_card_9' }],
    };
    expect(outcomeMessage(proposal('cancel_pending_order'), { status: 'executed', result: gift })).toContain(
      'A refund of $20.50 goes to your gift card right away.',
    );
  });

  it('reads the new address back from the store', () => {
    expect(
      outcomeMessage(proposal('modify_pending_order_address'), {
        status: 'executed',
        result: { id: '#W1', address },
      }),
    ).toBe('Done: order #W1 will now ship to 1 Main St, Austin, TX 78701, USA.');
    expect(
      outcomeMessage(proposal('modify_user_address', {}), { status: 'executed', result: { address } }),
    ).toBe('Done: your default address is now 1 Main St, Austin, TX 78701, USA.');
  });

  it('says a refusal in the rule’s words and that nothing changed', () => {
    const text = outcomeMessage(proposal('cancel_pending_order'), {
      status: 'refused',
      refusal: {
        rule: 'order_not_pending',
        message: 'order #W1 is delivered; only pending orders can be cancelled',
      },
    });
    expect(text).toContain('only pending orders can be cancelled.');
    expect(text).toContain('Nothing in your order was changed.');
  });

  it('promises a person when the store failed', () => {
    expect(outcomeMessage(proposal('cancel_pending_order'), { status: 'failed', reason: 'x' })).toMatch(
      /nothing was changed yet/,
    );
  });
});
