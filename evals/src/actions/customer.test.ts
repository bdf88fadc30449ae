import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { OwnOrder } from './customer.js';
import { namedItems, SimulatedCustomer } from './customer.js';
import { wrongWrites } from './grade.js';
import { passageFor, swapFits } from './read-back.js';
import type { CustomerTask } from './tasks.js';
import { loadTasks } from './tasks.js';
import { firstPerson, readInstruction } from './voice.js';

/** Any of the simulated customer's ways of saying yes. */
const SAYS_YES = /^(?:yes|yep|sure|that's right)\b/i;

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/actions/tasks.jsonl', import.meta.url));

const orders: OwnOrder[] = [
  { id: '#W1000001', status: 'pending', items: [{ name: 'Tea Kettle', options: { color: 'white' } }] },
  { id: '#W1000002', status: 'delivered', items: [{ name: 'Desk Lamp', options: {} }] },
];

/** The replies a customer gives to a fixed run of assistant messages. */
function transcript(task: CustomerTask, trial: number): Array<string | null> {
  const c = new SimulatedCustomer(task, orders, trial);
  return [
    c.opening().body,
    c.reply(
      'I can help you cancel your order. Which order is it? Please reply with its number (it starts with #W).',
    ),
    c.reply('Could you tell me the reason: is the order no longer needed, or was it ordered by mistake?'),
    c.reply(
      'Here are the details to confirm: Cancel order #W1000001 (Tea Kettle), reason: no longer needed.',
    ),
  ];
}

describe('the simulated customer', () => {
  it('is given who the customer is and what they want, never the expected actions', async () => {
    const [task] = await loadTasks(FIXTURE);
    expect(Object.keys(task!.customer).sort()).toEqual(['id', 'instruction', 'userId']);
    // Reading anything else of the task fails the test.
    const guarded = new Proxy(task!.customer, {
      get(target, key) {
        if (!['id', 'userId', 'instruction'].includes(String(key))) throw new Error(`read ${String(key)}`);
        return target[key as keyof CustomerTask];
      },
    });
    expect(() => transcript(guarded, 0)).not.toThrow();
  });

  it('says the same whatever the expected outcome, and varies only with the trial', () => {
    const task = {
      id: '1',
      userId: 'u',
      instruction:
        'Your name is Ann Lee and your zip code is 12345. You are shy, calm. You ordered a tea kettle you no longer need and want to cancel it.',
    };
    const a = transcript(task, 0);
    expect(transcript({ ...task }, 0)).toEqual(a);
    expect(a[1]).toBe("It's order #W1000001.");
    expect(a[2]).toBe('I no longer need it.');
    expect(a[3]).not.toBeNull();
    expect([0, 1, 2, 3].map((t) => transcript(task, t)[0]).some((body) => body !== a[0])).toBe(true);
  });

  it('on trials 2 and 3 gives only a first name at the edge and answers who it is with bare details', () => {
    const task = {
      id: '1',
      userId: 'u',
      instruction:
        'Your name is Ann Lee and your zip code is 12345. Cancel #W1000001, you no longer need it.',
    };
    const ask = 'Please reply with the email address of your account, or your full name and ZIP code.';
    const said = [0, 1, 2, 3].map((trial) => {
      const c = new SimulatedCustomer(task, orders, trial);
      return { edge: c.opening().customer.name, answer: c.reply(ask) };
    });
    expect(said.map((s) => s.edge)).toEqual(['Ann Lee', 'Ann Lee', 'Ann', 'Ann']);
    expect(said[0]!.answer).toBe('My name is Ann Lee and my ZIP code is 12345.');
    expect(said[2]!.answer).toBe('Ann Lee, 12345');
  });

  it('says no to a read-back of another order than the one it named', () => {
    const c = new SimulatedCustomer(
      {
        id: '1',
        userId: 'u',
        instruction: 'Your name is Ann Lee. Cancel #W1000001 because you no longer need it.',
      },
      orders,
      0,
    );
    c.opening();
    expect(c.reply('Here are the details to confirm: Cancel order #W1000002 (Desk Lamp).')).toMatch(/^No\b/);
    expect(c.reply('No problem, I have not changed anything.')).toBeNull();
  });

  it('reads every option, item and payment method back before saying yes', () => {
    const kettle = {
      name: 'Electric Kettle',
      options: { capacity: '2L', material: 'stainless steel', color: 'white' },
      choices: {
        capacity: ['1L', '1.5L', '2L'],
        material: ['glass', 'plastic', 'stainless steel'],
        color: ['black', 'white', 'silver'],
      },
    };
    const mine: OwnOrder[] = [
      { id: '#W2000001', status: 'delivered', items: [kettle, { name: 'Desk Lamp', options: {} }] },
    ];
    const customer = () => {
      const c = new SimulatedCustomer(
        {
          id: '1',
          userId: 'u',
          instruction:
            "Your name is Ann Lee. For #W2000001, you first want to exchange the Electric Kettle for a 1L black one, but then change your mind and want the '1.5L' 'glass' electric kettle instead, paid with PayPal.",
        },
        mine,
        0,
      );
      c.opening();
      return c;
    };
    const old = 'Electric Kettle (capacity: 2L, material: stainless steel, color: white)';
    const readBack = (to: string, tail = ' The price difference of $1.00 is refunded to PayPal.') =>
      `Here are the details to confirm: In order #W2000001, exchange ${old} for Electric Kettle (${to}).${tail}`;
    // What was asked: 1.5L glass (no black one exists, so white stays).
    expect(customer().reply(readBack('capacity: 1.5L, material: glass, color: white'))).toMatch(SAYS_YES);
    // A material never asked for, an earlier wish given up, the last wish missing, another payment method.
    expect(customer().reply(readBack('capacity: 1.5L, material: plastic, color: black'))).toMatch(/^No\b/);
    expect(customer().reply(readBack('capacity: 1L, material: glass, color: black'))).toMatch(/^No\b/);
    expect(customer().reply(readBack('capacity: 1.5L, material: stainless steel, color: white'))).toMatch(
      /^No\b/,
    );
    expect(
      customer().reply(
        readBack(
          'capacity: 1.5L, material: glass, color: white',
          ' There is no price difference (payment method: the gift card).',
        ),
      ),
    ).toMatch(/^No\b/);
    // An item it did not name.
    expect(
      customer().reply(
        `Here are the details to confirm: In order #W2000001, exchange ${old} for Electric Kettle (capacity: 1.5L, material: glass, color: white) and Desk Lamp () for Desk Lamp ().`,
      ),
    ).toMatch(/^No\b/);
  });

  it('takes a refund for a return, "5-feet" for 5 ft, and the one item of an order it named for that item', () => {
    const shelf = {
      name: 'Bookshelf',
      options: { material: 'metal', color: 'brown', height: '4 ft' },
      choices: { material: ['metal', 'glass'], color: ['brown', 'white'], height: ['4 ft', '5 ft', '6 ft'] },
    };
    const board = {
      name: 'Skateboard',
      options: { 'deck material': 'plastic', length: '31 inch' },
      choices: { 'deck material': ['plastic', 'bamboo'], length: ['28 inch', '31 inch'] },
    };
    const puzzle = { name: 'Jigsaw Puzzle', options: { pieces: '500' } };
    const mine: OwnOrder[] = [
      { id: '#W3000001', status: 'delivered', items: [shelf, puzzle] },
      { id: '#W3000002', status: 'pending', items: [board] },
    ];
    const customer = (instruction: string) => {
      const c = new SimulatedCustomer(
        { id: '1', userId: 'u', instruction: `Your name is Ann Lee. ${instruction}` },
        mine,
        0,
      );
      c.opening();
      return c;
    };
    const refund = 'The jigsaw puzzle you received is missing pieces and you want a full refund via paypal.';
    const returned =
      'Return Jigsaw Puzzle (pieces: 500) from order #W3000001. The refund of $52.01 goes to PayPal.';
    expect(customer(refund).reply(`Here are the details to confirm: ${returned}`)).toMatch(SAYS_YES);
    expect(
      customer(refund).reply('Here are the details to confirm: Change your default address to 1 Main St.'),
    ).toMatch(/^No\b/);
    const taller = 'For #W3000001, you want to exchange the bookshelf for a taller 5-feet glass one.';
    const swap = (to: string) =>
      `Here are the details to confirm: In order #W3000001, exchange Bookshelf (material: metal, color: brown, height: 4 ft) for Bookshelf (${to}).`;
    expect(customer(taller).reply(swap('material: glass, color: brown, height: 5 ft'))).toMatch(SAYS_YES);
    expect(customer(taller).reply(swap('material: glass, color: brown, height: 6 ft'))).toMatch(/^No\b/);
    const bamboo = "For #W3000002, you picked the wrong deck material: change it to 'bamboo' deck material.";
    const board2 = (to: string) =>
      `Here are the details to confirm: In order #W3000002, change Skateboard (deck material: plastic, length: 31 inch) for Skateboard (${to}).`;
    expect(customer(bamboo).reply(board2('deck material: bamboo, length: 31 inch'))).toMatch(SAYS_YES);
    expect(customer(bamboo).reply(board2('deck material: bamboo, length: 28 inch'))).toMatch(/^No\b/);
    // The one item of an order it named, not an unnamed item of an order holding more.
    const either = 'For #W3000001, change the material to glass.';
    expect(customer(either).reply(swap('material: glass, color: brown, height: 4 ft'))).toMatch(/^No\b/);
  });

  it('names an item by its last word, but not through an option value or another item of the same kind', () => {
    const own: OwnOrder[] = [
      {
        id: '#W3000001',
        status: 'delivered',
        items: [
          { name: 'Electric Kettle', options: {} },
          { name: 'Backpack', options: { compartment: 'laptop' } },
        ],
      },
      {
        id: '#W3000002',
        status: 'delivered',
        items: [
          { name: 'Tea Kettle', options: {} },
          { name: 'Laptop', options: {} },
        ],
      },
    ];
    expect(
      namedItems(
        'For #W3000001, exchange Backpack (color green, compartment laptop) to (color black); Electric Kettle (color white) to (color black).',
        own,
      ).sort(),
    ).toEqual(['Backpack', 'Electric Kettle']);
    // Only the last word: every item of that kind; a laptop named outside an option list is named.
    expect(namedItems('I want to return the kettle and the laptop.', own).sort()).toEqual([
      'Electric Kettle',
      'Laptop',
      'Tea Kettle',
    ]);
  });

  it('speaks in the first person and keeps behaviour notes out of what it says', () => {
    expect(firstPerson("You've received a mouse but you want a white one for your desk.")).toBe(
      "I've received a mouse but I want a white one for my desk.",
    );
    const wants = readInstruction(
      'Your name is Ann Lee and your email is ann@example.com. You are rigid. You want to return the lamp. If the agent asks, say you are busy.',
    );
    expect(wants).toMatchObject({
      name: 'Ann Lee',
      emails: ['ann@example.com'],
      requests: ['I want to return the lamp.'],
    });
  });
});

describe('wrongWrites', () => {
  it('counts writes carried out that the task does not expect, item lists compared as the store sorts them', () => {
    const expected = [
      {
        name: 'exchange_delivered_order_items',
        kwargs: { order_id: '#W1', item_ids: ['2', '1'], new_item_ids: ['b', 'a'], payment_method_id: 'p' },
      },
    ];
    const same = {
      tool: 'exchange_delivered_order_items',
      input: { order_id: '#W1', item_ids: ['1', '2'], new_item_ids: ['a', 'b'], payment_method_id: 'p' },
    };
    const swapped = {
      tool: 'exchange_delivered_order_items',
      input: { order_id: '#W1', item_ids: ['1', '2'], new_item_ids: ['b', 'a'], payment_method_id: 'p' },
    };
    expect(wrongWrites([same], expected)).toBe(0);
    expect(wrongWrites([swapped], expected)).toBe(1);
    expect(wrongWrites([same, same], expected)).toBe(1);
    expect(wrongWrites([], expected)).toBe(0);
  });
});

describe('swapFits', () => {
  it('reads no wish in an option name that holds its values ("bagged/bagless bagged")', () => {
    const choices = { type: ['upright', 'canister'], 'bagged/bagless': ['bagged', 'bagless'] };
    const said = 'modify Vacuum Cleaner (type upright, bagged/bagless bagged) to (type canister)';
    const from = { type: 'upright', 'bagged/bagless': 'bagged' };
    expect(swapFits({ from, to: { type: 'canister', 'bagged/bagless': 'bagged' } }, choices, said)).toBe(
      true,
    );
    expect(swapFits({ from, to: { type: 'canister', 'bagged/bagless': 'bagless' } }, choices, said)).toBe(
      false,
    );
  });
});

describe('passageFor', () => {
  it('keeps an option list with the item before it, even when a value is another item’s noun', () => {
    const items = [
      { name: 'Backpack', options: {} },
      { name: 'Laptop', options: {} },
    ];
    const said =
      'exchange Backpack (color green, compartment laptop) to (color black, size large); Laptop (color silver) to (color black)';
    expect(passageFor(said, 'Backpack', items)).toBe(
      'exchange backpack color green compartment laptop to color black size large',
    );
    expect(passageFor(said, 'Laptop', items)).toBe('exchange laptop color silver to color black');
  });
});

describe('swapFits: one value of two options', () => {
  it('takes "frame color black" for the frame when black is also a lens colour', () => {
    const choices = { 'lens color': ['brown', 'black'], 'frame color': ['brown', 'black'] };
    const said = 'modify Sunglasses (frame color brown, lens color brown) to (frame color black)';
    const from = { 'lens color': 'brown', 'frame color': 'brown' };
    expect(swapFits({ from, to: { 'lens color': 'brown', 'frame color': 'black' } }, choices, said)).toBe(
      true,
    );
    expect(swapFits({ from, to: { 'lens color': 'black', 'frame color': 'brown' } }, choices, said)).toBe(
      false,
    );
  });
});

describe('loadTasks', () => {
  it('takes a slice of the file, each task keeping its line number as its id', async () => {
    const all = await loadTasks(FIXTURE);
    const slice = await loadTasks(FIXTURE, 1, 1);
    expect(slice).toHaveLength(1);
    expect(slice[0]).toEqual(all[1]);
    expect(slice[0]!.customer.id).toBe('1');
    expect(await loadTasks(FIXTURE, undefined, 2)).toEqual(all.slice(2));
  });
});
