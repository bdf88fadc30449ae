// Which of a sender's orders a refund question naming none is about: those a refund is or was due on. Shared by
// the resolver (which orders to describe) and the gate (which orders the answer must state the refunds of).

/** What this needs of an order: its status and the refunds its records show. */
export interface RefundableOrder {
  status: string;
  refunds?: readonly unknown[] | undefined;
}

/** An order a refund is or was due on: cancelled, returned or with a return requested, or refunded in part. */
export function refundDue(order: RefundableOrder): boolean {
  return /^(?:cancelled|returned|return requested)$/i.test(order.status) || (order.refunds?.length ?? 0) > 0;
}
