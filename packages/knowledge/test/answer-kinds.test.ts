import { describe, expect, it } from '@jest/globals';
import { kindsAsked, kindsGiven, kindsHeaded } from '../src/answer-kinds.js';

const keys = (kinds: ReadonlyArray<{ key: string }>) => kinds.map((k) => k.key);

describe('answer kinds', () => {
  it('reads the kind of answer a question asks for', () => {
    expect(keys(kindsAsked('How long does standard shipping take?'))).toEqual(['#duration']);
    expect(keys(kindsAsked('how much is shipping'))).toEqual(['#money']);
    expect(keys(kindsAsked('When should I expect my tracking number?'))).toEqual(['#when']);
    expect(keys(kindsAsked('I bought it. when do i get the refund'))).toEqual(['#when']);
    expect(keys(kindsAsked('how many times can i change items'))).toEqual(['#count']);
    expect(kindsAsked('Do you ship to Canada?')).toEqual([]);
    // "when" inside a clause is not the question's word.
    expect(kindsAsked('Can I return it when it arrives damaged?')).toEqual([]);
  });

  it('reads the kinds of answer a line gives', () => {
    expect(keys(kindsGiven('Standard: 5-7 business days, $5.99.'))).toEqual(['#duration', '#when', '#money']);
    expect(keys(kindsGiven('Orders placed at the weekend ship on Monday.'))).toEqual(['#when']);
    expect(keys(kindsGiven('You get an email within the hour.'))).toEqual(['#when']);
    expect(kindsGiven('You get an email with the label.')).toEqual([]);
    // "once" is also a count ("an order can be exchanged once").
    expect(keys(kindsGiven('The refund is issued once the return reaches us.'))).toEqual(['#when', '#count']);
    expect(kindsGiven('We do not ship to other countries.')).toEqual([]);
  });

  it('reads the kind of answer a heading worded as its question announces', () => {
    expect(keys(kindsHeaded('When tracking becomes available'))).toEqual(['#when']);
    expect(keys(kindsHeaded('How long do refunds take?'))).toEqual(['#duration']);
    expect(keys(kindsHeaded('How much does shipping cost?'))).toEqual(['#money']);
    expect(kindsHeaded('How to find your tracking number')).toEqual([]);
    expect(kindsHeaded('Returns from different orders')).toEqual([]);
  });
});
