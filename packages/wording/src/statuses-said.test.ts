import { describe, expect, it } from '@jest/globals';
import { statusesSaid } from './statuses-said.js';

describe('statusesSaid', () => {
  it.each([
    ['My order has been sitting on pending since Friday night, is something wrong with it?', ['pending']],
    ["It's been 3 days since tracking said delivered and still no parcel.", ['delivered']],
    ['my order shows as processing for a week', ['processed']],
    ['Why is my order still pending??', ['pending']],
    ['order was canceled but i didnt cancel it', ['cancelled']],
    ['Status: delivered. Not here though.', ['delivered']],
    ['One says delivered, the other is still pending.', ['delivered', 'pending']],
    ['I made sure it was pending when I ordered, now it is delivered', ['pending', 'delivered']],
    ['The refund went through but my order is still pending', ['pending']],
    // what the store says now, not recalled from before
    ['Your email said it was delivered but nothing came', ['delivered']],
  ])('reads the status said in %j', (text, statuses) => {
    expect(statusesSaid(text).sort()).toEqual([...statuses].sort());
  });

  it.each([
    'is it still pending?',
    'Has #W1234567 been delivered yet?',
    'when will it be delivered',
    'I want it cancelled please',
    'I want to make sure that the order is canceled immediately',
    'please ensure order #W1234567 is cancelled before it ships',
    "It hasn't been delivered yet",
    'it was not processed?? why',
    'where is my order',
    'Just checking the refund for #W1234567 has been processed. Cheers',
    'my return is still pending',
    "I'm checking whether #W1234567 has been processed yet",
    'wondering if my order was delivered, I was away',
    'Hello again, last time I asked you said it was pending. Has #W1234567 moved on since?',
    'Earlier your chat said #W1234567 was pending. Is that still the case?',
  ])('reads no status said in %j', (text) => {
    expect(statusesSaid(text)).toEqual([]);
  });
});
