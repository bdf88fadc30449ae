import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stateDigest, stateDocument } from '../src/digest.js';
import type { SeededStore } from './harness.js';
import { seededStore } from './harness.js';
import type { Catalogue } from './pick.js';
import { loadCatalogue, pick } from './pick.js';

let s: SeededStore;
let c: Catalogue;

beforeAll(async () => {
  s = await seededStore('digest');
  c = await loadCatalogue();
});
afterAll(async () => {
  await s.t.drop();
});

describe('stateDigest', () => {
  it('is stable, moves with any write and comes back when the write is undone', async () => {
    const order = pick(c, 'pending order', (o) => o.status === 'pending');
    const whole = await stateDigest(s.store);
    expect(whole).toMatch(/^[0-9a-f]{64}$/);
    expect(await stateDigest(s.store)).toBe(whole);
    const mine = await stateDigest(s.store, { customerIds: [order.customerId] });
    expect(mine).not.toBe(whole);

    const address = {
      line1: '1 Elm St',
      line2: '',
      city: 'Austin',
      state: 'TX',
      zip: '73301',
      country: 'USA',
    };
    const meta = { actionId: 'digest-address', customerId: order.customerId };
    expect((await s.store.modifyPendingOrderAddress(meta, { orderId: order.id, address })).ok).toBe(true);
    expect(await stateDigest(s.store)).not.toBe(whole);
    expect(await stateDigest(s.store, { customerIds: [order.customerId] })).not.toBe(mine);
    await s.restore(order.customerId);
    expect(await stateDigest(s.store)).toBe(whole);
  });

  it("writes tau-bench's shapes, with keys sorted and nothing a write does not touch", () => {
    const text = stateDocument({
      customers: [
        {
          id: 'ann_lee_1',
          firstName: 'Ann',
          lastName: 'Lee',
          name: 'Ann Lee',
          email: 'ann@example.com',
          address: {
            line1: '1 Elm St',
            line2: '',
            city: 'Austin',
            state: 'TX',
            zip: '73301',
            country: 'USA',
          },
          paymentMethods: [{ id: 'gift_card_1', kind: 'gift_card', balance: 10 }],
          orderIds: ['#W2', '#W1'],
        },
      ],
      orders: [],
    });
    expect(text).toBe(
      '{"orders":{},"users":{"ann_lee_1":{"address":{"address1":"1 Elm St","address2":"","city":"Austin","country":"USA","state":"TX","zip":"73301"},"email":"ann@example.com","name":{"first_name":"Ann","last_name":"Lee"},"orders":["#W1","#W2"],"payment_methods":{"gift_card_1":{"balance":10,"id":"gift_card_1","source":"gift_card"}}}}}',
    );
  });
});
