import { describe, expect, it } from '@jest/globals';
import { saysTrackingStalled, statedWaitDays } from './stated-wait.js';

describe('statedWaitDays', () => {
  it.each([
    ["Ordered the keyboard 8 days ago, it's still pending", 8],
    ['why is #W3168895 still pending after a wek??', 7],
    ['my order has been sitting on pending for 6 days now', 6],
    ['my skateboard order is pending since 10 days', 10],
    ['Cancelled it almost two weeks ago and STILL no PayPal refund', 14],
    ['its been 9 business days, you said 5-7', 13],
    ['ordered over a week ago, stil nothing', 7],
    ['Cancelled #W1588712 nearly 3 weeks ago. PayPal still shows nothing.', 21],
    ["It's been four days and nothing. Also, three weeks ago I asked the same.", 21],
    ['processed for a couple of days now', 2],
    ['Shipped weeks ago. Still not here.', 14],
    ["I've been waiting for weeks for this order", 14],
    ['ordered it months ago', 60],
    ['ORDER #W7390432 PENDING 9 DAYS. WHY', 9],
    ['waited 6 days for a reply', 6],
    ['in transit already two weeks', 14],
    ['I was away for a week and it has been pending for 6 days', 6],
    ['Visiting my mum for a week, the order is pending since 3 days', 3],
  ])('reads the wait in %j', (text, days) => {
    expect(statedWaitDays(text)).toBe(days);
  });

  it.each([
    'where is my order',
    'I need it within 5 days for a trip',
    'will it arrive in two weeks?',
    'Standard delivery takes 5-7 business days, right?',
    'can I still return it, it is a 30 day window?',
    'I ordered last week, any news?',
    "I've been a customer for months, love the shop",
    'does it usually take weeks to ship?',
    "What's going on with my order? it's been ages",
    'waiting forever for this',
    'pending 2 orders, both from Monday',
    // how long they will be away, not how long they have waited
    "I'm going away on Friday for a week, will #W1234567 get to me before then?",
    "I'm off on holiday for two weeks from Monday",
    'working away for ten days from tomorrow, has it shipped?',
  ])('reads no wait in %j', (text) => {
    expect(statedWaitDays(text)).toBeUndefined();
  });
});

describe('saysTrackingStalled', () => {
  it.each([
    "Tracking shows it went to a depot three days ago and hasn't moved since",
    'the tracking number is not showing any movement',
    'processed for a week, tracking still says label created',
    'parcel is stuck at the sorting centre',
    'tracking has not been updated since Monday',
    "It's been 'processed' for over a week and the tracking says nothing useful",
  ])('reads a stall in %j', (text) => {
    expect(saysTrackingStalled(text)).toBe(true);
  });

  it.each(['where is my parcel right now?', 'tracking says out for delivery', 'has it moved yet?'])(
    'reads no stall in %j',
    (text) => {
      expect(saysTrackingStalled(text)).toBe(false);
    },
  );
});
