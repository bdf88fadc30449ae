import { describe, expect, it } from '@jest/globals';
import {
  orderPickedFromList,
  pickedByPosition,
  WHICH_ORDER_FOR_WRITE,
  WHICH_ORDER_QUESTION,
} from './order-pick.js';

const offered = ['#W3657213', '#W5442520', '#W7941031'];

describe('pickedByPosition', () => {
  it.each([
    ['the second one', '#W5442520'],
    ['2nd please', '#W5442520'],
    ['The first', '#W3657213'],
    ['the last one', '#W7941031'],
    ['the middle one', '#W5442520'],
    ['3', '#W7941031'],
    ['number 2', '#W5442520'],
  ])('reads "%s" as %s', (answer, id) => {
    expect(pickedByPosition(answer, offered)).toBe(id);
  });

  it('picks nothing for a place the list does not have, or a longer message', () => {
    expect(pickedByPosition('the fifth one', offered)).toBeUndefined();
    expect(pickedByPosition('7', offered)).toBeUndefined();
    expect(pickedByPosition('the one with the backpack', offered)).toBeUndefined();
    expect(
      pickedByPosition('I first ordered the camera and then the second order came with a mouse', offered),
    ).toBeUndefined();
  });
});

describe('orderPickedFromList', () => {
  const list =
    'Hi Yusuf,\n\nI can see these orders on your account: #W2378156 (delivered), #W4776164 (pending), ' +
    `#W6247578 (pending), #W6679257 (processed), #W9711842 (cancelled). ${WHICH_ORDER_QUESTION}\n\n` +
    'If anything is unclear, just reply to this message.';
  const at = '2026-12-06T04:00:00.000Z';
  const history = [
    { turn: 1, role: 'customer', body: 'where is my order?', at },
    { turn: 1, role: 'bot', body: list, at },
  ];

  it.each([
    ['2', '#W4776164'],
    ['the second one please', '#W4776164'],
    ['the last one', '#W9711842'],
    ['the one that shipped', '#W6679257'],
    ['The processed one', '#W6679257'],
    ['the cancelled one?', '#W9711842'],
    ['delivered one', '#W2378156'],
  ])('reads "%s" as %s', (body, id) => {
    expect(orderPickedFromList(history, body)).toBe(id);
  });

  it("reads a pick from the action planner's list of the orders a write could be for", () => {
    const planner =
      'I can help you cancel your order.\n\nI can see these orders on your account: #W2403075 (pending: ' +
      'Electric Toothbrush); #W3196599 (pending (item modified): Dumbbell Set, Water Bottle); #W7430166 ' +
      `(processed: Gaming Mouse). ${WHICH_ORDER_FOR_WRITE}`;
    const asked = [{ role: 'bot', body: planner }];
    expect(orderPickedFromList(asked, 'the first one')).toBe('#W2403075');
    expect(orderPickedFromList(asked, '2')).toBe('#W3196599');
    expect(orderPickedFromList(asked, 'the processed one')).toBe('#W7430166');
  });

  it('picks nothing when the status fits several, the message names an order or says more', () => {
    expect(orderPickedFromList(history, 'the pending one')).toBeUndefined();
    expect(orderPickedFromList(history, '#W4776164')).toBeUndefined();
    expect(orderPickedFromList(history, 'thanks')).toBeUndefined();
    expect(
      orderPickedFromList(
        history,
        'the delivered one never arrived and I want my money back right now please',
      ),
    ).toBeUndefined();
  });

  it('reads only a list the reply just before asked about', () => {
    const answered = [...history, { turn: 2, role: 'bot', body: 'Your order #W4776164 is pending.', at }];
    expect(orderPickedFromList(answered, '2')).toBeUndefined();
    const byAgent = [...history.slice(0, 1), { turn: 1, role: 'agent', body: list, at }];
    expect(orderPickedFromList(byAgent, '2')).toBeUndefined();
    expect(orderPickedFromList([], '2')).toBeUndefined();
    // Two messages in a row: the reply before both still stands.
    const again = [...history, { turn: 2, role: 'customer', body: 'hello?', at }];
    expect(orderPickedFromList(again, 'the second one')).toBe('#W4776164');
  });
});
