import { describe, expect, it } from '@jest/globals';
import { refundDue } from './refund-due.js';

describe('refundDue', () => {
  it('is an order cancelled, returned or with a return requested, or refunded in part', () => {
    expect(refundDue({ status: 'cancelled' })).toBe(true);
    expect(refundDue({ status: 'return requested' })).toBe(true);
    expect(refundDue({ status: 'delivered', refunds: [{}] })).toBe(true);
    expect(refundDue({ status: 'pending' })).toBe(false);
  });
});
