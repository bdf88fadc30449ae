import { describe, expect, it } from '@jest/globals';
import { StandIns } from './stand-ins.js';

describe('StandIns', () => {
  it('gives each value one token per kind, numbered in order of first use', () => {
    const s = new StandIns();
    expect(s.token('ITEM', '1008292230')).toBe('ITEM_1');
    expect(s.token('ITEM', '6086499569')).toBe('ITEM_2');
    expect(s.token('ITEM', '1008292230')).toBe('ITEM_1');
    expect(s.token('TRACKING', '308411122233')).toBe('TRACKING_1');
    expect(s.token('CUSTOMER', 'sara_doe_496')).toBe('CUSTOMER_1');
  });

  it('restores tokens in text and in every string of a tool input, and leaves tokens never given out', () => {
    const s = new StandIns();
    s.token('ITEM', '1008292230');
    s.token('CUSTOMER', 'sara_doe_496');
    expect(s.restore('Swap ITEM_1 for ITEM_7.')).toBe('Swap 1008292230 for ITEM_7.');
    expect(
      s.restoreDeep({ user_id: 'CUSTOMER_1', item_ids: ['ITEM_1', 'ITEM_1'], count: 2, note: null }),
    ).toEqual({ user_id: 'sara_doe_496', item_ids: ['1008292230', '1008292230'], count: 2, note: null });
  });

  it('masks the values it holds tokens for, and nothing else', () => {
    const s = new StandIns();
    s.token('ITEM', '1008292230');
    expect(s.mask('Item 1008292230 is not in order #W1234567; item 5555555555 is unknown.')).toBe(
      'Item ITEM_1 is not in order #W1234567; item 5555555555 is unknown.',
    );
  });
});
