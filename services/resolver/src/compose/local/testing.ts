// Help-centre passages and customer context shaped as retrieval emits them (texts from the demo help centre).
import { localRouting } from '@parley/contracts/testing';
import type {
  CustomerContext,
  Passage,
  ProductFacts,
  ProductVariantFacts,
  Retrieval,
  Routing,
  TicketTurn,
} from '@parley/contracts';

export const passage = (
  chunkId: string,
  articleId: string,
  section: string,
  text: string,
  score: number,
): Passage => ({
  chunkId,
  articleId,
  title: articleId.replace(/-/g, ' '),
  section,
  text,
  score,
  scores: { hybrid: score },
});

export const STATUSES = passage(
  'order-statuses#main',
  'order-statuses',
  'The four main statuses',
  'Status | What it means | What you can still do\nPending | We have your order and payment; it has not been packed yet. | Cancel it, change items to another size/colour of the same product, change the shipping address or the payment method.\nProcessed | Packed and handed to the carrier; tracking is available. | Track it. It can no longer be cancelled or changed.\nDelivered | The carrier confirmed delivery. | Return or exchange items.\nCancelled | The order was cancelled and will not ship. | Nothing; the refund is on its way (see Refund timing ).',
  0.82,
);
export const TRACKING = passage(
  'tracking#when',
  'tracking-your-package',
  'When tracking becomes available',
  'A tracking number is created when your order changes from pending to processed , which means it has been packed and handed to the carrier. Pending orders do not have tracking yet.',
  0.7,
);
export const CANCEL = passage(
  'cancel#which',
  'cancel-an-order',
  'Which orders can be cancelled',
  'Only orders with the status pending can be cancelled. Once an order is processed it is already with the carrier: wait for it to arrive and then return it .\nAn order whose items you already changed (status pending (items modified) ) can no longer be cancelled.',
  0.88,
);
export const CANCEL_HOW = passage(
  'cancel#how',
  'cancel-an-order',
  'How to cancel',
  '- Contact us with the order number (it starts with #W , for example #W1234567 ).\n- Tell us the reason: no longer needed or ordered by mistake .\n- We read back the order details and ask you to confirm with "yes". Nothing is cancelled until you confirm.',
  0.8,
);
export const REFUNDS = passage(
  'refund-timing#paypal',
  'refund-timing',
  'How long refunds take',
  'Refunds go back to the original payment method. Gift card: immediately. Credit card or PayPal: within 5-7 business days after we receive the returned items. Your bank may take a little longer to show the money.',
  0.74,
);

export const customer = (orders: CustomerContext['orders'], unowned: string[] = []): CustomerContext => ({
  customerId: 'yara_li_6570',
  name: 'Yara Li',
  orders,
  unownedOrderIds: unowned,
});

export const processedOrder = {
  orderId: '#W3400144',
  status: 'processed',
  items: [
    { name: 'Laptop', productId: 'p1', itemId: '111', price: 1200, options: {} },
    { name: 'Notebook', productId: 'p2', itemId: '222', price: 12, options: {} },
  ],
  trackingIds: ['308411122233'],
  total: 1212,
};
export const pendingOrder = {
  orderId: '#W8770097',
  status: 'pending',
  items: [{ name: 'Office Chair', productId: 'p3', itemId: '333', price: 300, options: { color: 'red' } }],
  trackingIds: [],
  total: 300,
};

export const ticket = (body: string, subject?: string): TicketTurn => ({
  channel: 'email',
  customer: { crmId: 'yara_li_6570', email: 'yara@example.com', name: 'Yara Li' },
  ...(subject ? { subject } : {}),
  body,
  history: [],
  receivedAt: new Date(0).toISOString(),
});

export const routing = (intent: string, band: Routing['band'] = 'auto'): Routing =>
  localRouting({ intent, band });

export const retrieval = (passages: Passage[], cust: CustomerContext | null): Retrieval => ({
  passages,
  customer: cust,
  topScore: passages[0]?.score ?? 0,
  index: 'embedded',
});

export const AVAILABILITY = passage(
  'product-availability-variants#in-stock-or-not',
  'product-availability-variants',
  'In stock or not',
  '- Each variant is either available or out of stock. You can only order, switch to or exchange for a variant that is available.\n- We do not take backorders or pre-orders, and we cannot give restock dates.\n- An out-of-stock variant may come back; the product page shows it as soon as it does.',
  0.28,
);

/** The demo store's office chair: [itemId, material, color, armrest, backrest height, available, price]. */
const CHAIRS: Array<[string, string, string, string, string, boolean, number]> = [
  ['1793929609', 'fabric', 'black', 'none', 'high-back', true, 514.34],
  ['4274709903', 'mesh', 'red', 'none', 'standard', true, 544.29],
  ['8426249116', 'fabric', 'black', 'fixed', 'standard', true, 488.81],
  ['1071497737', 'leather', 'gray', 'fixed', 'high-back', true, 483.95],
  ['4168944673', 'leather', 'blue', 'none', 'standard', true, 471.82],
  ['3704016729', 'mesh', 'blue', 'fixed', 'standard', true, 487.67],
  ['8069050545', 'leather', 'blue', 'none', 'high-back', true, 499.28],
  ['8323284863', 'fabric', 'blue', 'adjustable', 'standard', true, 511.24],
  ['3609437808', 'leather', 'red', 'none', 'high-back', false, 466.44],
  ['4648362606', 'leather', 'black', 'adjustable', 'high-back', true, 503.76],
  ['2386562819', 'mesh', 'gray', 'fixed', 'high-back', true, 508.21],
  ['3915604618', 'leather', 'blue', 'fixed', 'standard', true, 487.6],
  ['9459890810', 'fabric', 'gray', 'none', 'high-back', true, 510.1],
];

export const officeChair = (keep: (v: ProductVariantFacts) => boolean = () => true): ProductFacts => ({
  productId: '4794339885',
  name: 'Office Chair',
  variants: CHAIRS.map(([itemId, material, color, armrest, backrest, available, price]) => ({
    itemId,
    options: { material, color, armrest, 'backrest height': backrest },
    available,
    price,
  })).filter(keep),
});

/** A product question as retrieval hands it over: a weak help-centre match, strong catalogue facts. */
export const productRetrieval = (
  products: ProductFacts[],
  passages: Passage[] = [AVAILABILITY],
): Retrieval => ({
  ...retrieval(passages, null),
  products,
});

export const anonymousTicket = (body: string): TicketTurn => ({
  ...ticket(body),
  customer: { crmId: null, name: 'Sam Rivera' },
});

export const RESET = passage(
  'login#reset',
  'login-password',
  'Reset a forgotten password',
  '- Select Sign in > Forgot password .\n- Enter the email address on your account.\n- Open the reset email and choose a new password within 60 minutes. The link works once.\nNo email after 10 minutes? Check spam and promotions folders, and make sure you used the email you signed up with.',
  0.52,
);
export const LOCKED = passage(
  'login#locked',
  'login-password',
  'Account locked',
  'After 5 wrong passwords in a row, sign-in is paused for 30 minutes. Wait, then reset your password rather than guessing again.',
  0.6,
);
export const LOGIN_RELATED = passage(
  'login#related',
  'login-password',
  'Related',
  '- Updating your account and profile\n- Privacy and your data',
  0.5,
);

/**
 * Two sections of two articles on one question ("can i change the card charged at renewal?"): the second
 * matches it a little better, the first is retrieval's leading article.
 */
export const CHANGING_PLAN = passage(
  'plans#change',
  'plans-and-billing',
  'Changing plan',
  'You can change plan at any time; the new price applies from the next renewal.',
  0.6,
);
export const PAYING_BY_CARD = passage(
  'pay#card',
  'paying-for-your-plan',
  'Paying by card',
  'The card on file is charged at each renewal. To change the card, open Account > Billing.',
  0.4,
);
