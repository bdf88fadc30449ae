import { describe, expect, it } from '@jest/globals';
import { pickedByPosition } from './choose-order.js';

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
