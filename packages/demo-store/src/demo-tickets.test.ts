import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { loadDemoTickets } from './demo-tickets.js';
import { loadCustomers, loadOrders } from './store.js';
import type { OrderStatus } from './store.js';

const orderIdsIn = (text: string): string[] => text.match(/#W\d{7}/g) ?? [];

describe('demo tickets', () => {
  it('has a dozen tickets covering the demo scenarios', async () => {
    const labels = (await loadDemoTickets()).map((t) => t.label);
    expect(labels.length).toBeGreaterThanOrEqual(12);
    expect(labels).toEqual(
      expect.arrayContaining([
        'order-status',
        'cancel-request',
        'refund-demand-450',
        'help-centre-question',
        'complaint-damaged',
        'wants-a-human',
        'address-change',
        'return',
        'product-question',
        'legal-threat',
        'out-of-scope',
        'other-customers-order',
      ]),
    );
  });

  it('uses real customers, and orders that belong to them except in the other-customer ticket', async () => {
    const [tickets, customers, orders] = await Promise.all([
      loadDemoTickets(),
      loadCustomers(),
      loadOrders(),
    ]);
    const byEmail = new Map(customers.map((c) => [c.email, c]));
    const byOrder = new Map(orders.map((o) => [o.id, o]));
    const problems: string[] = [];
    for (const t of tickets) {
      const customer = t.customer.email === undefined ? undefined : byEmail.get(t.customer.email);
      if (t.customer.email !== undefined && !customer) problems.push(`${t.label}: unknown email`);
      if (customer && t.customer.name !== undefined && t.customer.name !== customer.name)
        problems.push(`${t.label}: name mismatch`);
      for (const id of orderIdsIn(`${t.subject ?? ''} ${t.body}`)) {
        const order = byOrder.get(id);
        if (!order) problems.push(`${t.label}: unknown order ${id}`);
        const own = order !== undefined && order.customerId === customer?.id;
        if (t.label === 'other-customers-order' ? own : !own)
          problems.push(`${t.label}: ${id} ownership is wrong`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names orders in the status their request needs', async () => {
    const [tickets, orders] = await Promise.all([loadDemoTickets(), loadOrders()]);
    const status = (label: string): OrderStatus | undefined => {
      const ticket = tickets.find((t) => t.label === label);
      const id = orderIdsIn(ticket?.body ?? '')[0];
      return orders.find((o) => o.id === id)?.status;
    };
    expect(status('cancel-request')).toBe('pending');
    expect(status('address-change')).toBe('pending');
    expect(status('return')).toBe('delivered');
    expect(status('order-status')).toBe('processed');
    expect(tickets.find((t) => t.label === 'refund-demand-450')?.body).toContain('$450');
  });

  it('rejects a ticket without any way to identify the customer, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickets-'));
    const file = join(dir, 't.json');
    await writeFile(file, JSON.stringify([{ label: 'x', customer: {}, body: 'hello' }]));
    await expect(loadDemoTickets(file)).rejects.toThrow(
      `${file}: 0.customer: needs at least one of email, name, phone`,
    );
  });
});
