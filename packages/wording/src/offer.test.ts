import { describe, expect, it } from '@jest/globals';
import { declinesOffer, GO_AHEAD_QUESTION } from './offer.js';

const offered = [
  { role: 'customer', body: 'can I cancel #W1234567?' },
  {
    role: 'bot',
    body: `Because it is pending, it can be cancelled. I can help you cancel your order. ${GO_AHEAD_QUESTION}`,
  },
];

describe('declinesOffer', () => {
  it.each(['no thanks', 'No, I will keep it', 'nope', "no thanks, I've changed my mind"])(
    'reads %p after an offer as declining it',
    (body) => expect(declinesOffer(offered, body)).toBe(true),
  );

  it.each(['yes please', 'ok', 'no, but can I change the address instead?', 'what is the refund?'])(
    'does not read %p as declining',
    (body) => expect(declinesOffer(offered, body)).toBe(false),
  );

  it('reads a plain no to a question for the details of a write as withdrawing it', () => {
    const asking = [{ role: 'bot', body: 'I can help you cancel your order. Could you tell me the reason?' }];
    expect(declinesOffer(asking, 'actually no, keep it')).toBe(true);
    expect(declinesOffer(asking, 'no longer needed')).toBe(false);
    expect(declinesOffer(asking, 'no, just the lamp')).toBe(false);
  });

  it('needs the offer in the reply just before the message', () => {
    expect(declinesOffer([{ role: 'bot', body: 'Your order #W1234567 is pending.' }], 'no thanks')).toBe(
      false,
    );
    expect(declinesOffer([...offered, { role: 'customer', body: 'hmm' }], 'no thanks')).toBe(false);
    expect(declinesOffer([], 'no')).toBe(false);
  });
});
