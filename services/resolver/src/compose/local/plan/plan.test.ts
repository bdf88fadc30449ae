import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Customer, Order, Product } from '@parley/commerce';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';
import { planWrite } from './plan.js';
import type { Requested } from './request.js';
import { otherWriteAsked, requestedWrite } from './request.js';
import type { Account, Plan } from './types.js';

// The planner over the demo store's own records (customers, orders and products as seeded).

let customers: Customer[];
let orders: Order[];
let products: Map<string, Product>;

beforeAll(async () => {
  customers = (await loadCustomers()) as Customer[];
  orders = (await loadOrders()) as Order[];
  products = new Map(((await loadProducts()) as Product[]).map((p) => [p.id, p]));
});

function account(id: string): Account {
  const customer = customers.find((c) => c.id === id)!;
  return { customer, orders: orders.filter((o) => o.customerId === id), products };
}

const plan = (user: string, requested: Requested, ...messages: string[]): Plan =>
  planWrite({ requested, messages, account: account(user) });

const proposed = (p: Plan) => (p.kind === 'propose' ? { tool: p.tool, input: p.input } : p);
const itemIds = (p: Plan) => (p.kind === 'propose' ? (p.input.item_ids as string[]) : []);

describe('planWrite fills the write from the sender’s records and words', () => {
  it('cancels the named pending order with the reason the customer gave', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Please cancel #W5442520, I no longer need it.');
    expect(proposed(p)).toEqual({
      tool: 'cancel_pending_order',
      input: { order_id: '#W5442520', reason: 'no longer needed' },
    });
  });

  it('refuses to cancel some items of an order and keep the rest, naming the rule', () => {
    const some =
      'Can you take the yoga mat off my order #W9933266 and leave the pet bed? Just cancel that one item';
    expect(plan('raj_lee_3061', 'cancel', some)).toMatchObject({
      kind: 'refuse',
      rule: 'cancel_whole_order',
      order: { id: '#W9933266' },
    });
    // Naming an item as the reason is not asking to keep the others.
    const why = 'Please cancel #W9933266, I no longer need the yoga mat.';
    expect(proposed(plan('raj_lee_3061', 'cancel', why))).toMatchObject({ tool: 'cancel_pending_order' });
    // An item named as what is cancelled is not the whole order (#W9933266 holds a pet bed and a yoga mat).
    for (const item of [
      'pls cancel the yoga mat from my order, i dont need it',
      'I accidentally ordered two yoga mats, can you cancel one?',
      'Cancel the pet bed in #W9933266 please, ordered by mistake',
    ]) {
      expect(plan('raj_lee_3061', 'cancel', item)).toMatchObject({
        kind: 'refuse',
        rule: 'cancel_whole_order',
      });
    }
    // The order named by its items, or the whole of it, is cancelled.
    for (const order of [
      'cancel my yoga mat order please, I no longer need it',
      'please cancel the order with the pet bed and the yoga mat, no longer needed',
      'Cancel #W9933266 with the yoga mat please, ordered by mistake',
      'cancel everything in #W9933266, no longer needed',
      'I have two orders open, cancel one of my orders: #W9933266, no longer needed',
    ]) {
      expect(proposed(plan('raj_lee_3061', 'cancel', order))).toMatchObject({ tool: 'cancel_pending_order' });
    }
  });

  it('refuses a payment change to the method the order is already paid with', () => {
    const same = 'Please change the payment on #W4566809 to my Mastercard ending 2130.';
    expect(plan('raj_sanchez_2970', 'order_payment', same)).toMatchObject({
      kind: 'refuse',
      rule: 'same_payment_method',
    });
    const other = 'Please change the payment on #W4566809 to my gift card.';
    expect(proposed(plan('raj_sanchez_2970', 'order_payment', other))).toMatchObject({
      input: { payment_method_id: 'gift_card_2259499' },
    });
  });

  it('refuses to change an item into another product, naming the rule', () => {
    const other = 'can you swap the jigsaw puzzle in #W7044833 for a second notebook instead?';
    expect(plan('omar_muller_7891', 'order_items', other)).toMatchObject({
      kind: 'refuse',
      rule: 'same_product_only',
      order: { id: '#W7044833' },
    });
    const shoes = 'For #W7044833, exchange the puzzle for a pair of running shoes.';
    expect(plan('omar_muller_7891', 'order_items', shoes)).toMatchObject({ rule: 'same_product_only' });
    // Another option of the same product is a change the store makes.
    const option = 'Please change the jigsaw puzzle in #W7044833 to the 1000 piece one.';
    expect(plan('omar_muller_7891', 'order_items', option).kind).not.toBe('refuse');
    const same = 'For #W7044833, swap the art jigsaw puzzle for the animals jigsaw puzzle.';
    expect(plan('omar_muller_7891', 'order_items', same).kind).not.toBe('refuse');
  });

  it('reads the reason in the words the store uses for it', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Cancel order #W5442520 because no longer needed.');
    expect(proposed(p)).toMatchObject({ input: { reason: 'no longer needed' } });
  });

  it('asks for the reason when the customer gave none, and only for that', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Please cancel order #W5442520.');
    expect(p).toMatchObject({ kind: 'ask', missing: 'reason', order: { id: '#W5442520' } });
    const answered = plan(
      'olivia_ito_3591',
      'cancel',
      'Please cancel order #W5442520.',
      'I ordered it by mistake',
    );
    expect(proposed(answered)).toMatchObject({ input: { reason: 'ordered by mistake' } });
  });

  it.each([
    ['found it cheaper somewhere else', 'no longer needed'],
    ['I already have one', 'no longer needed'],
    ['my plans changed', 'no longer needed'],
    ["it's taking too long, forget it", 'no longer needed'],
    ['i ordered the wrong one', 'ordered by mistake'],
    ['wrong size, sorry', 'ordered by mistake'],
    ['oops, I placed the same order twice', 'ordered by mistake'],
    ['clicked buy by accident', 'ordered by mistake'],
  ])('reads the reason "%s" as %s', (answer, reason) => {
    const p = plan('olivia_ito_3591', 'cancel', 'Please cancel order #W5442520.', answer);
    expect(proposed(p)).toMatchObject({ input: { reason } });
  });

  it('asks again when the answer gives neither reason', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Please cancel order #W5442520.', 'it is complicated');
    expect(p).toMatchObject({ kind: 'ask', missing: 'reason' });
  });

  it('takes the only order that fits the write and holds the item named', () => {
    const p = plan(
      'harper_moore_3210',
      'cancel',
      "I don't need the tea kettle I ordered anymore, cancel it.",
    );
    expect(proposed(p)).toMatchObject({ input: { order_id: '#W3942868' } });
  });

  it('asks which order when several fit, listing only those that can be changed', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'I want to cancel my order, I no longer need it.');
    expect(p.kind).toBe('ask');
    const ask = p as Extract<Plan, { kind: 'ask' }>;
    expect(ask.missing).toBe('order');
    expect(ask.orders!.map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('refuses a named order in the wrong status with the store’s rule, never picking another order', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Cancel #W5866402, I no longer need it.');
    expect(p).toMatchObject({ kind: 'refuse', rule: 'order_not_pending', order: { id: '#W5866402' } });
    const ret = plan(
      'olivia_ito_3591',
      'return',
      'I want to return #W5442520 and get my money back on PayPal.',
    );
    expect(ret).toMatchObject({ kind: 'refuse', rule: 'order_not_delivered' });
  });

  it('does not act on an order id that is not the sender’s', () => {
    const p = plan('olivia_ito_3591', 'cancel', 'Cancel #W7273336, I no longer need it.');
    expect(p).toMatchObject({ kind: 'ask', missing: 'order' });
  });

  it('changes items to the variant with the options named, in stock, of the same product', () => {
    const p = plan(
      'fatima_anderson_2157',
      'swap',
      'For #W2974929 I picked the wrong deck material, please change it to bamboo.',
    );
    expect(proposed(p)).toEqual({
      tool: 'modify_pending_order_items',
      input: {
        order_id: '#W2974929',
        item_ids: ['3877188862'],
        new_item_ids: ['4293355847'],
        payment_method_id: 'paypal_7916550',
      },
    });
  });

  it('keeps each option with its own item and takes the cheapest when told to', () => {
    const p = plan(
      'omar_lopez_3107',
      'swap',
      "I've received a black laser gaming mouse and a metal bookshelf in order #W7273336. I'd like to exchange the mouse for a white optical mouse; I don't care about wired or not, whichever is cheaper. I'd also like to exchange the 4 feet metal bookshelf for a 5-feet glass bookshelf.",
    );
    expect(proposed(p)).toMatchObject({
      tool: 'exchange_delivered_order_items',
      input: { item_ids: ['8018699955', '8214883393'], new_item_ids: ['4894369688', '2880340443'] },
    });
  });

  it('follows a change of mind: the latest wish wins, earlier ones only where they still fit', () => {
    const p = plan(
      'raj_santos_9079',
      'swap',
      'For #W1630030 I want to exchange my Electric Kettle for a 1L black one.',
      "Actually I'd rather have the 1.5L glass electric kettle instead.",
    );
    expect(proposed(p)).toMatchObject({ input: { new_item_ids: ['9472539378'] } });
  });

  it('reads wishes in the order written, whatever order the store lists the options in', () => {
    // Postgres returns an object's keys shortest first ("color" before "material"); the JSON files do not.
    // Reading wishes in key order kept "black" (written first) and dropped "glass" (written last).
    const shuffle = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).reverse());
    const base = account('omar_muller_7891');
    const reordered: Account = {
      ...base,
      orders: base.orders.map((o) => ({
        ...o,
        items: o.items.map((i) => ({ ...i, options: shuffle(i.options) })),
      })),
      products: new Map(
        [...base.products].map(([id, p]) => [
          id,
          { ...p, variants: p.variants.map((v) => ({ ...v, options: shuffle(v.options) })) },
        ]),
      ),
    };
    const message =
      "For #W6573840, I first wanted to exchange the Electric Kettle for a 1L black one, but I've changed my mind: I want the '1.5L' 'glass' electric kettle instead.";
    for (const acc of [base, reordered]) {
      const p = planWrite({ requested: 'swap', messages: [message], account: acc });
      // 1.5L glass comes only in white (black dropped, as the read-back shows), never 1.5L plastic black.
      expect(proposed(p)).toMatchObject({ input: { order_id: '#W6573840', new_item_ids: ['9472539378'] } });
    }
  });

  it('asks rather than change an option the customer did not name', () => {
    // The 2L stainless steel white kettle in 1L: no 1L stainless steel white is in stock, so the material or
    // the colour would change too; the customer chooses.
    const p = plan('omar_muller_7891', 'swap', 'For #W6573840, exchange the Electric Kettle for the 1L one.');
    expect(p).toMatchObject({ kind: 'ask', missing: 'new_items' });
  });

  it('keeps what the customer says stays the same, and reads a size written as a word', () => {
    // A black S medium-ventilation helmet: red in S is in stock only with low ventilation, the one variant with
    // all they asked for and kept, read back with its every option.
    const red = plan(
      'yusuf_garcia_5427',
      'swap',
      'can I exchange the black cycling helmet from #W5763385 for the red one? size S still. gift card for the difference pls',
    );
    expect(proposed(red)).toMatchObject({ input: { new_item_ids: ['3358616356'] } });
    // A red L high-ventilation helmet: "a medium" is the size, the red and the high ventilation stay.
    const medium = plan(
      'sofia_lee_8857',
      'swap',
      'the cycling helmet in #W7762997 is too big. Can I swap it for a medium, same red high one? Use PayPal for any difference.',
    );
    expect(proposed(medium)).toMatchObject({ input: { new_item_ids: ['8573379326'] } });
    // "too small" is what is wrong, not the size wanted; nothing else said, so the customer chooses.
    const small = plan(
      'sofia_lee_8857',
      'swap',
      'the cycling helmet in #W7762997 is a bit small, can I exchange it? Use PayPal for any difference.',
    );
    expect(small).toMatchObject({ kind: 'ask', missing: 'new_items' });
    // A size word after another option's name is that option's value: ventilation medium, size S.
    const listed = plan(
      'sofia_lee_8857',
      'swap',
      'For #W7762997, exchange Cycling Helmet (size L, color red, ventilation high) to (size S, color white, ventilation medium); via paypal_3572679.',
    );
    expect(proposed(listed)).toMatchObject({ input: { new_item_ids: ['7811981098'] } });
    // "everything else the same" keeps the other options and asks for no other item.
    const rest = plan(
      'sofia_lee_8857',
      'swap',
      'can i swap the cycling helmet in #W7762997 for a medium one, everything else the same? paypal for the difference',
    );
    expect(proposed(rest)).toMatchObject({
      input: { item_ids: ['7401244629'], new_item_ids: ['8573379326'] },
    });
  });

  it('does not read a value inside an option’s name as a wish ("bagged/bagless bagged" is bagged)', () => {
    const p = plan(
      'ethan_muller_6097',
      'swap',
      'For #W4683557, modify Vacuum Cleaner (type upright, bagged/bagless bagged, features pet hair removal) to (type canister); via credit_card_5721095.',
    );
    expect(proposed(p)).toMatchObject({
      tool: 'modify_pending_order_items',
      input: { item_ids: ['3526747930'], new_item_ids: ['2872451762'] },
    });
  });

  it('does not read another product’s name as a wish ("Electric Kettle" asks the tea kettle for nothing)', () => {
    const p = plan(
      'daiki_silva_5033',
      'swap',
      'For #W1579160, modify Tea Kettle (material glass, capacity 1 liter, stovetop compatibility gas) to ' +
        '(capacity 2 liters, stovetop compatibility induction); Electric Kettle (capacity 1.5L, material glass, ' +
        'color white) to (capacity 2L); via paypal_2233507.',
    );
    expect(proposed(p)).toMatchObject({
      tool: 'modify_pending_order_items',
      // The glass 2-litre induction tea kettle, not the electric-stovetop one.
      input: { item_ids: ['3909406921', '9472539378'], new_item_ids: ['7292993796', '4064702754'] },
    });
  });

  it('gives two items of one product each its own wishes, told apart by their options', () => {
    const speakers = plan(
      'noah_kovacs_1216',
      'swap',
      'For #W3002300, exchange Bluetooth Speaker (color green, battery life 10 hours, water resistance no) to ' +
        '(color red, battery life 20 hours, water resistance yes); Bluetooth Speaker (color black, battery life ' +
        '10 hours, water resistance no) to (color blue, battery life 20 hours); via gift_card_2486551.',
    );
    expect(proposed(speakers)).toMatchObject({
      tool: 'exchange_delivered_order_items',
      input: { item_ids: ['9179378709', '7597543861'], new_item_ids: ['7617930199', '2635605237'] },
    });
    const chairs = plan(
      'harper_johansson_2663',
      'swap',
      'For #W4866703, modify Office Chair (material fabric, color black, armrest fixed, backrest height standard) ' +
        'to (material leather, armrest adjustable, backrest height high-back); Office Chair (material fabric, ' +
        'color black, armrest none, backrest height high-back) to (material leather, color gray, armrest fixed); ' +
        'via paypal_4820484.',
    );
    expect(proposed(chairs)).toMatchObject({
      input: { item_ids: ['8426249116', '1793929609'], new_item_ids: ['4648362606', '1071497737'] },
    });
  });

  it('tells two items of one product apart by the options they have, not the ones wished for', () => {
    const p = plan(
      'mei_ahmed_4909',
      'swap',
      'For #W7553978, exchange Skateboard (deck material plastic, length 34 inch, design plain) to (deck material bamboo, length 28 inch); via credit_card_5902940.',
    );
    expect(proposed(p)).toMatchObject({
      tool: 'exchange_delivered_order_items',
      input: {
        item_ids: ['3098764622'],
        new_item_ids: ['8176740019'],
        payment_method_id: 'credit_card_5902940',
      },
    });
  });

  it('asks rather than guess whose wish is whose when the words cannot tell two items of one product apart', () => {
    const p = plan(
      'noah_kovacs_1216',
      'swap',
      'For #W3002300, exchange the Bluetooth Speaker and the other Bluetooth Speaker to the blue one with 20 hours.',
    );
    expect(p).toMatchObject({ kind: 'ask', missing: 'new_items' });
  });

  it('takes each order’s details from what is said about that order when one message asks for several', () => {
    const p = plan(
      'ava_nguyen_6646',
      'cancel',
      'Cancel order #W1242543 because I no longer need it. Cancel order #W9232383 because I ordered it by mistake.',
    );
    expect(proposed(p)).toEqual({
      tool: 'cancel_pending_order',
      input: { order_id: '#W1242543', reason: 'no longer needed' },
    });
  });

  it('changes one of an item the order holds twice, unless the customer asks for more', () => {
    const one = plan(
      'sophia_jackson_7119',
      'swap',
      'For #W3977493, exchange the Water Bottle (capacity 500ml, material stainless steel, color green) for a glass one.',
    );
    expect(proposed(one)).toMatchObject({ input: { item_ids: ['7533802601'] } });
    const both = plan(
      'sophia_jackson_7119',
      'swap',
      'For #W3977493, exchange both water bottles (capacity 500ml, material stainless steel, color green) for glass ones.',
    );
    expect(proposed(both)).toMatchObject({ input: { item_ids: ['7533802601', '7533802601'] } });
  });

  it('asks for the options when the customer named none, listing values in stock', () => {
    const p = plan('raj_santos_9079', 'swap', 'I want to exchange the Electric Kettle from #W1630030.');
    expect(p).toMatchObject({ kind: 'ask', missing: 'new_items' });
    const options = (p as Extract<Plan, { kind: 'ask' }>).options!;
    expect(options.map((o) => o.name)).toEqual(['capacity', 'material', 'color']);
  });

  it('returns the items named to the payment method named (website credit is the gift card)', () => {
    const p = plan(
      'aarav_sanchez_6636',
      'return',
      'Please return the Portable Charger, the Bookshelf and the Cycling Helmet. I want website credit.',
    );
    expect(proposed(p)).toEqual({
      tool: 'return_delivered_order_items',
      input: {
        order_id: '#W9552705',
        item_ids: ['1178356107', '2244749153', '6697922351'],
        payment_method_id: 'gift_card_8922351',
      },
    });
  });

  it('returns the only item of a one-item order without asking which', () => {
    const p = plan('ivan_johnson_6036', 'return', 'I want to return my order #W1671835');
    expect(proposed(p)).toEqual({
      tool: 'return_delivered_order_items',
      input: { order_id: '#W1671835', item_ids: ['5081446110'], payment_method_id: 'paypal_6918118' },
    });
  });

  it.each(['both', 'All please', 'the lot, thanks'])(
    'reads the answer "%s" to "which items?" as every item',
    (answer) => {
      const asked = plan(
        'olivia_ito_3591',
        'return',
        'I want to return some items from #W5866402, refund to paypal',
      );
      expect(asked).toMatchObject({ kind: 'ask', missing: 'items' });
      const p = plan(
        'olivia_ito_3591',
        'return',
        'I want to return some items from #W5866402, refund to paypal',
        answer,
      );
      expect(proposed(p)).toMatchObject({ input: { order_id: '#W5866402' } });
      expect(itemIds(p)).toHaveLength(2);
    },
  );

  it('does not read "both" inside a longer sentence as every item', () => {
    const p = plan(
      'olivia_ito_3591',
      'return',
      'I want to return some items from #W5866402, refund to paypal',
      'both of my kids wore the sneakers once, please return those',
    );
    expect(itemIds(p)).toHaveLength(1);
  });

  it('asks where a refund goes when the customer has a gift card and did not say', () => {
    const p = plan('aarav_sanchez_6636', 'return', 'I want to return the Portable Charger.');
    expect(p).toMatchObject({ kind: 'ask', missing: 'payment', write: 'return' });
    const original = plan(
      'aarav_sanchez_6636',
      'return',
      'I want to return the Portable Charger.',
      'The original payment method please',
    );
    expect(proposed(original)).toMatchObject({ input: { item_ids: ['1178356107'] } });
  });

  it('does not read "the same one" naming an item as the payment method', () => {
    const p = plan(
      'aarav_sanchez_6636',
      'return',
      'I want to return the Portable Charger, I got the same one as a gift.',
    );
    expect(p).toMatchObject({ kind: 'ask', missing: 'payment' });
  });

  it.each(['whatever I paid with', 'the one I paid with originally', 'same as before', 'the original'])(
    'reads "%s" as the original payment method for a refund',
    (answer) => {
      const p = plan('aarav_sanchez_6636', 'return', 'I want to return the Portable Charger.', answer);
      expect(proposed(p)).toMatchObject({ input: { item_ids: ['1178356107'] } });
    },
  );

  it('changes the payment method to one of the customer’s own, never the one already paying', () => {
    const p = plan('olivia_ito_3591', 'modify', 'For #W5442520, change payment to paypal_8049766.');
    expect(proposed(p)).toEqual({
      tool: 'modify_pending_order_payment',
      input: { order_id: '#W5442520', payment_method_id: 'paypal_8049766' },
    });
    const none = plan('olivia_ito_3591', 'order_payment', 'For #W5442520, change the payment method.');
    expect(none).toMatchObject({ kind: 'ask', missing: 'payment' });
  });

  it('does not read a value inside a longer one the item has ("Wi-Fi" of "Wi-Fi + Cellular") as a wish', () => {
    const p = plan(
      'noah_hernandez_4232',
      'swap',
      'For #W3897284, modify E-Reader (screen size 7-inch, connectivity Wi-Fi + Cellular, storage 8GB) to (storage 32GB); via gift_card_3410768.',
    );
    expect(proposed(p)).toMatchObject({
      input: { item_ids: ['5418781403'], new_item_ids: ['4273929280'] },
    });
  });

  it('does not read a product option ("storage SD card") as paying by card', () => {
    const p = plan(
      'lei_li_6575',
      'swap',
      'For #W3414433, modify Digital Camera (resolution 30MP, zoom 3x, storage SD card) to (resolution 20MP); Electric Kettle (capacity 1L, material stainless steel, color black) to (material glass); via gift_card_8049813.',
    );
    expect(proposed(p)).toMatchObject({
      tool: 'modify_pending_order_items',
      input: { item_ids: ['1804581713', '7602931732'], payment_method_id: 'gift_card_8049813' },
    });
  });

  it('reads "the original payment method" for a price difference as the one the order is paid with now', () => {
    const base = account('olivia_ito_3591');
    const repaid = base.orders.map((o) =>
      o.id === '#W5442520'
        ? {
            ...o,
            paymentHistory: [
              ...o.paymentHistory,
              { type: 'payment' as const, amount: 663.85, paymentMethodId: 'paypal_8049766' },
              { type: 'refund' as const, amount: 663.85, paymentMethodId: 'credit_card_9753331' },
            ],
          }
        : o,
    );
    const messages = [
      'For #W5442520, exchange Patio Umbrella (size 7 ft, color red, material polyester, tilt mechanism manual tilt) to (size 6 ft, color blue, material sunbrella, tilt mechanism auto tilt);',
      'The original payment method, please.',
    ];
    const after = planWrite({ requested: 'swap', messages, account: { ...base, orders: repaid } });
    expect(proposed(after)).toMatchObject({ input: { payment_method_id: 'paypal_8049766' } });
    const before = planWrite({ requested: 'swap', messages, account: base });
    expect(proposed(before)).toMatchObject({ input: { payment_method_id: 'credit_card_9753331' } });
  });

  it('reads an address written out, or asks for it', () => {
    const p = plan(
      'james_kim_7213',
      'order_address',
      'For #W3289292, please ship to 320 Cedar Avenue, Suite 116, San Antonio, TX 78219, USA.',
    );
    expect(proposed(p)).toEqual({
      tool: 'modify_pending_order_address',
      input: {
        order_id: '#W3289292',
        address1: '320 Cedar Avenue',
        address2: 'Suite 116',
        city: 'San Antonio',
        state: 'TX',
        country: 'USA',
        zip: '78219',
      },
    });
    // Without the comma between city and state.
    const bare = plan(
      'james_kim_7213',
      'order_address',
      'Ship #W3289292 to 1200 Elm Street, Apt 4B, Dallas TX 75201',
    );
    expect(proposed(bare)).toMatchObject({
      input: { address1: '1200 Elm Street', address2: 'Apt 4B', city: 'Dallas', state: 'TX', zip: '75201' },
    });
    expect(plan('james_kim_7213', 'user_address', 'Change my default address please.')).toMatchObject({
      kind: 'ask',
      missing: 'address',
    });
  });

  it('corrects the unit alone on the order’s own address', () => {
    const p = plan(
      'james_kim_7213',
      'order_address',
      'Order #W3289292: wrong suite number! Should be Suite 310 not what I put. Same street, same city. Please fix',
    );
    expect(proposed(p)).toEqual({
      tool: 'modify_pending_order_address',
      input: {
        order_id: '#W3289292',
        address1: '579 Highland Drive',
        address2: 'Suite 310',
        city: 'San Diego',
        state: 'CA',
        country: 'USA',
        zip: '92199',
      },
    });
    // A unit named with no correction, or no new unit said: the address is asked for.
    for (const text of [
      'Please change the address on #W3289292, I live in Suite 310 now? no wait',
      'The suite number on #W3289292 is wrong, please fix it',
    ])
      expect(plan('james_kim_7213', 'order_address', text)).toMatchObject({
        kind: 'ask',
        missing: 'address',
      });
  });
});

describe('planWrite with misspellings mended', () => {
  // A mender that knows these typos only: the service's reads general English (`commonestWordMender`).
  const mend = (t: string) =>
    t
      .replace(/\bgidt\b/g, 'gift')
      .replace(/\bcanel\b/g, 'cancel')
      .replace(/\bCedr\b/g, 'cedar');
  const planMended = (user: string, requested: Requested, ...messages: string[]): Plan =>
    planWrite({ requested, messages, account: account(user), mend });

  it('reads what is asked through the mended words', () => {
    const typed = 'Please change the payment on #W4566809 to my gidt card.';
    // As written, only "card" is read: the Mastercard the order is already paid with.
    expect(plan('raj_sanchez_2970', 'order_payment', typed)).toMatchObject({
      kind: 'refuse',
      rule: 'same_payment_method',
    });
    expect(proposed(planMended('raj_sanchez_2970', 'order_payment', typed))).toMatchObject({
      input: { payment_method_id: 'gift_card_2259499' },
    });
  });

  it.each([
    ['12 oak st apt 3 austin tx 78701', '12 Oak St', 'Apt 3', 'Austin', 'TX'],
    ['12 Oak Street, Apt 3, Austin, Texas 78701-1234', '12 Oak Street', 'Apt 3', 'Austin', 'TX'],
    ['5 park avenue new york ny 10001', '5 Park Avenue', '', 'New York', 'NY'],
    ['in 2 days to 12 1st Avenue, Seattle, WA 98101', '12 1st Avenue', '', 'Seattle', 'WA'],
  ])('reads the address in "%s"', (written, address1, address2, city, state) => {
    const p = plan('james_kim_7213', 'order_address', `Please ship #W3289292 ${written}`);
    expect(proposed(p)).toMatchObject({ input: { order_id: '#W3289292', address1, address2, city, state } });
  });

  it('takes the first street followed by a city, state and ZIP code, not words before it', () => {
    const p = plan(
      'james_kim_7213',
      'order_address',
      'I have 3 kids and way too much stuff. Ship #W3289292 to 12 Oak St, Austin, TX 78701',
    );
    expect(proposed(p)).toMatchObject({ input: { address1: '12 Oak St', city: 'Austin', zip: '78701' } });
  });

  it('copies an address as the customer wrote it', () => {
    const p = planMended(
      'james_kim_7213',
      'order_address',
      'For #W3289292, please ship to 320 Cedr Avenue, Suite 116, San Antonio, TX 78219, USA.',
    );
    expect(proposed(p)).toMatchObject({ input: { address1: '320 Cedr Avenue', address2: 'Suite 116' } });
  });
});

describe('requestedWrite', () => {
  it('reads the write from the routed intent and the words', () => {
    expect(requestedWrite('cancel_order', 'cancel it')).toBe('cancel');
    expect(requestedWrite('modify_order', 'I want to pay with PayPal instead')).toBe('order_payment');
    // A payment method as the target of the change, whatever the verb.
    expect(requestedWrite('modify_order', 'Switch #W1234567 to my gift card please.')).toBe('order_payment');
    expect(
      requestedWrite(
        'modify_order',
        'Switch #W1234567 payment to my gift card please, I got one for my birthday',
      ),
    ).toBe('order_payment');
    expect(
      requestedWrite('modify_order', 'please put order #W1234567 on my gift card instead of paypal'),
    ).toBe('order_payment');
    // Items changed and paid for with a card are still a change of items.
    expect(
      requestedWrite(
        'modify_order',
        'For #W1234567, switch the kettle to the glass one, I will pay with my Visa.',
      ),
    ).toBe('swap');
    expect(
      requestedWrite('modify_order', 'For #W1234567, modify Grill (size portable) to (size medium).'),
    ).toBe('swap');
    expect(requestedWrite('change_address', 'update my default address')).toBe('user_address');
    expect(requestedWrite('change_address', 'ship #W1234567 to my office')).toBe('order_address');
    // The account's address, named with what it is for, whichever address intent it was routed to.
    expect(requestedWrite('change_address', 'set my default shipping address to 1 Elm St')).toBe(
      'user_address',
    );
    expect(requestedWrite('modify_order', 'please change my default delivery address')).toBe('user_address');
    expect(requestedWrite('complaint', 'the puzzle is missing pieces, I want to return it')).toBe('return');
    expect(requestedWrite('returns_policy', 'how long do I have to return?')).toBeUndefined();
    // An order named by its number alone, under an intent that is no write.
    expect(requestedWrite('out_of_scope', 'cancel 2417020 pls')).toBe('cancel');
    // Said without a verb of change: a saved address, a payment method charged, a street address to go to,
    // another option of an item.
    expect(
      requestedWrite(
        'change_address',
        'can you change my saved address to 1200 Oak Street, Kansas City, MO 64106?',
      ),
    ).toBe('user_address');
    expect(
      requestedWrite(
        'modify_order',
        'can you charge my Visa ending 1373 for #W1234567 instead of the PayPal?',
      ),
    ).toBe('order_payment');
    expect(requestedWrite('modify_order', 'use my Mastercard ending 2556 for #W1234567 instead')).toBe(
      'order_payment',
    );
    expect(
      requestedWrite(
        'out_of_scope',
        'redirect #W1234567 to 230 Elm Avenue, Suite 400, Raleigh, NC 27601 pls',
      ),
    ).toBe('order_address');
    expect(
      requestedWrite('order_status', 'need #W1234567 delivered to 66 Orchard Lane, Lexington, KY 40502'),
    ).toBe('order_address');
    expect(requestedWrite('modify_order', 'for #W1234567 I want the hiking boots in 12 instead please')).toBe(
      'swap',
    );
    expect(requestedWrite('modify_order', '#W1234567: make the espresso machine 1L instead of 2L')).toBe(
      'swap',
    );
    // Asked to be done, not whether it can be.
    expect(requestedWrite('cancel_order', 'Hi, can I get #W1234567 cancelled? Thanks')).toBe('cancel');
    expect(
      requestedWrite('return_request', 'Can I get a return started for the sunglasses from #W1234567?'),
    ).toBe('return');
    expect(requestedWrite('modify_order', 'can I get the headphones in black instead? order #W1234567')).toBe(
      'swap',
    );
    // Asked whether, but the order and a method of their own named: only a request names both.
    expect(
      requestedWrite(
        'modify_order',
        "Could I pay for #W1234567 with my Visa ending 1373 instead of PayPal? I'd rather collect the card points.",
      ),
    ).toBe('order_payment');
    expect(requestedWrite('modify_order', 'Can I pay for #W1234567 with a gift card?')).toBeUndefined();
    expect(requestedWrite('modify_order', 'Can I pay with my PayPal for orders?')).toBeUndefined();
    expect(
      requestedWrite('modify_order', 'Could I pay for #W1234567 with my gift card if the balance is short?'),
    ).toBeUndefined();
  });

  it('finds a second write asked for beside the one planned', () => {
    const two =
      'change the address on my order to 77 River Rd, Austin TX 78704 and swap the skateboard for a blue one';
    expect(otherWriteAsked(two, 'order_address')).toBe(true);
    expect(otherWriteAsked('Please cancel #W1234567. Also return the lamp from #W7654321.', 'cancel')).toBe(
      true,
    );
    expect(
      otherWriteAsked(
        'Cancel #W1234567, I ordered it by mistake. And change my saved address to 1 Main St.',
        'cancel',
      ),
    ).toBe(true);
    // One write, however many words it takes; the money back is what a cancellation or return brings.
    const one: Array<[string, Requested]> = [
      ['For #W1234567, change address to 953 Park Avenue, Suite 613, New York, NY 10064', 'order_address'],
      ['Return #W1234567 via paypal_7644869: Hiking Boots; Desk Lamp; Water Bottle;', 'return'],
      ['cancel my order and refund me please', 'cancel'],
      ['I want to return the lamp and get my money back', 'return'],
      ['Please cancel #W1234567, I ordered it by mistake.', 'cancel'],
      // How the write is paid, or what an address change is for, is no other write.
      ['I would like to exchange my smart watch for the gold one. Use my gift card for the extra.', 'swap'],
      [
        "Need to change the delivery address on #W1234567, I'll be at my parents' for a month.",
        'order_address',
      ],
    ];
    for (const [text, planned] of one) expect(otherWriteAsked(text, planned)).toBe(false);
  });

  it('reads the write the words ask for before the routed intent, even inside a story', () => {
    const story =
      'Hi, I bought a kettle for my mother last month and it turns out she already has one, so I would like to return it.';
    expect(requestedWrite('exchange_request', story)).toBe('return');
    expect(requestedWrite('product_question', story)).toBe('return');
    expect(requestedWrite('modify_order', 'For #W1234567, exchange the Tea Kettle for a glass one.')).toBe(
      'swap',
    );
    // The first request of several.
    expect(
      requestedWrite('cancel_order', 'Please return the lamp from #W1234567. Then cancel #W7654321.'),
    ).toBe('return');
    // Questions about the policy ask for no write; without an order of theirs, words alone do not make one.
    expect(requestedWrite('returns_policy', 'What is your return policy for opened items?')).toBeUndefined();
    expect(requestedWrite('store_info', 'Can I return things in a physical store?')).toBeUndefined();
    expect(requestedWrite('account', 'I want to change my password')).toBeUndefined();
    expect(
      requestedWrite('change_address', 'Can I change the delivery address after placing an order?'),
    ).toBeUndefined();
    expect(
      requestedWrite('cancel_order', "I'd like to cancel the whole order. Is that still possible?"),
    ).toBeUndefined();
    expect(requestedWrite('exchange_request', 'The mat is the wrong colour, can you swap it?')).toBe('swap');
    expect(
      requestedWrite('exchange_request', 'What if the size I want to exchange for costs more?'),
    ).toBeUndefined();
    expect(
      requestedWrite('return_request', 'do i need to return everything or can i just send back one thing'),
    ).toBeUndefined();
    expect(requestedWrite('return_request', 'I want to return my kettle from #W1234567. Can you help?')).toBe(
      'return',
    );
    // A question beside the request, about something else than whether it may be done, leaves it standing.
    expect(
      requestedWrite('cancel_order', 'Can you cancel #W1234567? And how long will the refund take?'),
    ).toBe('cancel');
    expect(requestedWrite('refund_status', 'pls cancel #W1234567. when do i get my money back?')).toBe(
      'cancel',
    );
    expect(
      requestedWrite('return_request', 'I need to return the kettle from #W1234567. How do I get a label?'),
    ).toBe('return');
    expect(
      requestedWrite('exchange_request', 'I want to exchange the lamp from #W1234567. Is that ok?'),
    ).toBeUndefined();
  });

  it('reads a question about a write as a request when it states the details', () => {
    // Where the money goes, or the address, said as a statement beside the question: only a request says so.
    expect(
      requestedWrite(
        'exchange_request',
        'can I exchange the black helmet from #W5763385 for the red one? size S still. gift card for the difference pls',
      ),
    ).toBe('swap');
    expect(
      requestedWrite(
        'modify_order',
        'can i switch the water bottle in #W2727221 to the red 1000ml one? put any difference on my gift card',
      ),
    ).toBe('swap');
    expect(
      requestedWrite('return_request', 'Can I return the lamp from #W1234567? Refund to PayPal is fine.'),
    ).toBe('return');
    expect(
      requestedWrite(
        'change_address',
        'Could #W1234567 go to my office instead: 2100 Market Street, Floor 4, Columbus, OH 43215. Is that possible?',
      ),
    ).toBe('order_address');
    expect(
      requestedWrite(
        'cancel_order',
        'Hi, is it possible to cancel order #W1234567? I ordered it by mistake.',
      ),
    ).toBe('cancel');
    expect(requestedWrite('cancel_order', 'can I cancel #W1234567? dont need it anymore')).toBe('cancel');
    // A new street address written out in the question itself.
    expect(
      requestedWrite(
        'change_address',
        'can the address for #W1234567 be changed to 950 Bay Drive, Apt 4C, Tampa, FL 33602?',
      ),
    ).toBe('order_address');
    // The order need not be named: the planner finds it by the items, or asks which.
    expect(
      requestedWrite('return_request', 'Can I return the lamp I bought? Refund to PayPal is fine.'),
    ).toBe('return');
    expect(
      requestedWrite(
        'return_request',
        "The sunglasses don't suit me 😕 can I return them? refund onto my gift card is fine",
      ),
    ).toBe('return');
    expect(
      requestedWrite(
        'change_address',
        "I'd like my laptop order to go to my office instead of home: 2100 Market Street, Floor 4, Columbus, OH 43215. Is that possible?",
      ),
    ).toBe('order_address');
    // Asked, not stated, it stays a question about the rules.
    for (const [intent, text] of [
      ['cancel_order', 'If I ordered #W1234567 by mistake, can I still cancel it?'],
      ['return_request', "Can I return the lamp from #W1234567? I don't need it anymore."],
      ['exchange_request', 'If I exchange #W1234567 for a cheaper one, does the difference go to my card?'],
      ['return_request', 'How long does a refund to my PayPal take for #W1234567?'],
      ['return_request', 'If I return the lamp I bought, can the refund go to PayPal?'],
      ['cancel_order', 'Can I cancel an order if I bought it by mistake?'],
      ['change_address', 'Can I change the address to 12 Oak St, Austin, TX 78701 if it already shipped?'],
      ['change_address', 'Can I change where my order goes? Is the address needed with the ZIP code?'],
      ['cancel_order', 'Can I still cancel #W1234567?'],
      ['modify_order', 'Could I pay for #W1234567 with a card instead of PayPal?'],
    ] as const)
      expect(requestedWrite(intent, text)).toBeUndefined();
  });

  it('reads words asking for a write under any intent when the story speaks of an order of theirs', () => {
    const got = "I just got my new tablet and I'm not happy with the colour, I wish to exchange it.";
    expect(requestedWrite('store_info', got)).toBe('swap');
    expect(requestedWrite('payment', "I've ordered a skateboard by mistake and want to cancel it.")).toBe(
      'cancel',
    );
    // Words alone, with no order of theirs, do not make a request for a write under another intent.
    expect(requestedWrite('store_info', 'I got an email and I wish to exchange gift cards.')).toBeUndefined();
  });
});
