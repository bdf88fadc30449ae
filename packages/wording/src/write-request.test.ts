import { describe, expect, it } from '@jest/globals';
import {
  askedWrite,
  asksAQuestion,
  asksOtherOption,
  asksUsToInvestigate,
  asksRulesOfAWrite,
  onlyTheQuestion,
  asksWhetherAllowed,
  plainRequest,
  focusSentences,
  questionSentences,
  questionsBesideRequest,
  reportsWriteDone,
  requestSentences,
} from './write-request.js';

describe('askedWrite', () => {
  it('finds the write a request asks for, wherever it stands in a story', () => {
    expect(askedWrite('Cancel order #W1234567 because I no longer need it.')).toBe('cancel');
    expect(askedWrite('Hi,\n\nFor #W1234567, exchange the kettle for a glass one.')).toBe('swap');
    expect(
      askedWrite(
        'I bought a lamp for my sister last month, but she already had one, so I would like to return it.',
      ),
    ).toBe('return');
    expect(askedWrite('The strap broke after a week. Could you please swap it for the leather one?')).toBe(
      'swap',
    );
    expect(askedWrite('I need to change the address on my order.')).toBe('modify');
  });

  it('reads a request through a misspelling of its verb', () => {
    expect(askedWrite('Can you cacel #W8268610? And how long will the refund take?')).toBe('cancel');
    expect(askedWrite("I'd like to retrun the water bottle from #W4998173")).toBe('return');
    expect(askedWrite('please chnage the address on my order')).toBe('modify');
    expect(askedWrite('Can u cancel #W8268610 pls? And how long will the refund take?')).toBe('cancel');
  });

  it('reads a request as it is typed or said ("I wanna", "Id like", "yo cancel", "send the X back", "can I get #W… cancelled?")', () => {
    expect(askedWrite('I wanna send back the lamp from #W1234567')).toBe('return');
    expect(askedWrite('i gotta return the boots, they rub')).toBe('return');
    expect(askedWrite('Id like to cancel #W1234567 please')).toBe('cancel');
    expect(askedWrite('Id like a refund for the kettle, it broke')).toBe('refund');
    expect(askedWrite('yo cancel #W1234567')).toBe('cancel');
    expect(askedWrite('Hi, can I get #W1234567 cancelled? Thanks')).toBe('cancel');
    expect(askedWrite('Could you have the lamp exchanged for the white one?')).toBe('swap');
    expect(askedWrite('Can I get it delivered on Monday?')).toBeUndefined();
    expect(askedWrite("Hi, I'd like to send the smartphone back. Order #W1234567. Thanks")).toBe('return');
    expect(askedWrite('Can you send me back my old receipt?')).toBeUndefined();
    expect(askedWrite('I wanna know if I can return it')).toBeUndefined();
    expect(askedWrite('I paid like $40 for it, can I return it?')).toBeUndefined();
    // A write named as a noun, asked to be started.
    expect(askedWrite('Can I get a return started for the sunglasses from #W1234567?')).toBe('return');
    expect(askedWrite('I want to get an exchange going for the boots')).toBe('swap');
    expect(askedWrite('Can I get a refund started?')).toBeUndefined();
  });

  it('finds a request whose subject is left out or qualified ("and wish to", "I would also like to")', () => {
    expect(askedWrite('I recently received a lamp and wish to return it, it is too dim.')).toBe('return');
    expect(askedWrite("I've ordered a skateboard by mistake and want to cancel it.")).toBe('cancel');
    expect(askedWrite('I would also like to exchange the keyboard for a clicky one.')).toBe('swap');
    expect(askedWrite('I also want to change the address of my pending order.')).toBe('modify');
    expect(askedWrite('I wonder whether you sell lamps and want to know the price.')).toBeUndefined();
  });

  it('reads "do I need to" and "do I have to" as asking for the rule, not for the write', () => {
    expect(askedWrite('do i need to return everything in the order?')).toBeUndefined();
    expect(askedWrite('Do I have to send it back in the original box?')).toBeUndefined();
    expect(askedWrite('I need to return the kettle from #W1234567.')).toBe('return');
    expect(askedWrite('I have to cancel #W1234567, sorry.')).toBe('cancel');
  });

  it('reads a request left elliptical or without "to", and not a write named as a condition', () => {
    expect(askedWrite("Need to change the delivery address on #W1234567, I'll be away.")).toBe('modify');
    expect(askedWrite('Please I need change my address in my profile.')).toBe('modify');
    expect(askedWrite('hi. want to cancel the lamp order')).toBe('cancel');
    expect(askedWrite("I've picked the wrong deck material, change it to 'bamboo' deck material.")).toBe(
      'modify',
    );
    expect(askedWrite('Wrong size again, exchange them for a 10 please')).toBe('swap');
    expect(askedWrite('Hi, change of plans: we are moving next month.')).toBeUndefined();
  });

  it('reads requests worded as nouns, with "kindly" or "pls", and what is to be changed, named first', () => {
    expect(askedWrite('Kindly cancel the order I placed yesterday.')).toBe('cancel');
    expect(askedWrite('pls cancel')).toBe('cancel');
    expect(askedWrite('how about you cancel it')).toBe('cancel');
    expect(askedWrite('I am writing to request a return for order #W1234567')).toBe('return');
    expect(askedWrite('Please process a return for the vacuum')).toBe('return');
    expect(askedWrite('Requesting a refund for order W1234567')).toBe('refund');
    expect(askedWrite('I need the address changed on my order')).toBe('modify');
    expect(askedWrite('can you stop my order from shipping')).toBe('cancel');
    expect(askedWrite('What is the cancellation window?')).toBeUndefined();
    // Cancelling something that is not an order.
    expect(askedWrite('Please cancel my account.')).toBeUndefined();
    expect(askedWrite('can you cancel the gift card and send me a new one')).toBeUndefined();
    expect(askedWrite('I want to cancel my subscription to your marketing emails')).toBeUndefined();
    expect(
      askedWrite(
        'my kid lost the gift card we got at christmas, we never typed it into the account. can you cancel it and send a new one?',
      ),
    ).toBeUndefined();
    expect(askedWrite('Please cancel my credit card order.')).toBe('cancel');
    expect(askedWrite('1234567, please cancel it')).toBe('cancel');
    expect(askedWrite('I paid with a gift card for order #W1234567, please cancel it')).toBe('cancel');
    expect(askedWrite('I ordered a lamp with my gift card. Can you cancel it?')).toBe('cancel');
    expect(askedWrite('Is cancellation free?')).toBeUndefined();
    expect(askedWrite('If I want to cancel something do I need to give you a reason?')).toBeUndefined();
    expect(askedWrite('when i want to return a gift, who gets the refund?')).toBeUndefined();
  });

  it('finds a request for what is to be done to a thing, named first', () => {
    expect(askedWrite('It does not heat properly. I want to get it exchanged for a new one.')).toBe('swap');
    expect(askedWrite('My wife does not like the tablet. I want it returned, money back to PayPal.')).toBe(
      'return',
    );
    expect(askedWrite('I ordered a second vacuum by accident, so I want the order cancelled.')).toBe(
      'cancel',
    );
    expect(askedWrite('I would like the desk lamp replaced with the LED one.')).toBe('swap');
    expect(askedWrite('The order was cancelled and I want to know why.')).toBeUndefined();
    expect(askedWrite('I returned it last week, where is my refund?')).toBeUndefined();
  });

  it('finds a request for the money back, which the order’s status turns into a cancellation or a return', () => {
    expect(
      askedWrite(
        "I'll be travelling when it arrives. I simply want to not receive the current order and get a full refund.",
      ),
    ).toBe('refund');
    expect(askedWrite('The earbuds are faulty and I want a full refund.')).toBe('refund');
    expect(askedWrite('I want my money back!')).toBe('refund');
    expect(askedWrite('I want to know when I will get my refund.')).toBeUndefined();
    expect(askedWrite('Can I get a refund if I want one?')).toBeUndefined();
    expect(askedWrite("I wanna make sure that I'm still eligible to receive a full refund.")).toBeUndefined();
    expect(askedWrite('I want a refund of the shipping fee.')).toBeUndefined();
    expect(askedWrite('I need the refund status for #W1234567')).toBeUndefined();
    expect(askedWrite('I want it returned, money back to PayPal.')).toBe('return');
    // The money back refused: what is wanted is something else.
    expect(askedWrite('I would like to have the same model again, not a refund.')).toBeUndefined();
    expect(askedWrite('I want a replacement rather than a refund')).toBeUndefined();
  });

  it('reads the money back asked for with the verb, not asked when or why, nor a part of the price', () => {
    for (const text of [
      'please refund my order #W1234567',
      'can you refund the lamp',
      'refund me please',
      'refund pls for #W1234567, it broke',
      'The lamp broke. Please refund me.',
    ])
      expect(askedWrite(text)).toBe('refund');
    for (const text of [
      'when will you refund me?',
      'how long until you refund me',
      'can you refund the shipping fee',
      'Refund for #W1234567 still not here',
      'did you refund my order?',
      'I was told you would refund me',
    ])
      expect(askedWrite(text)).toBeUndefined();
  });

  it('reads a change of payment or of where an order goes by what follows the verb', () => {
    // A payment method after "use", "charge" or "pay": how the order is to be paid.
    expect(askedWrite('use my Mastercard ending 2556 for #W1234567 instead')).toBe('modify');
    expect(askedWrite('can you charge my Visa ending 1373 for #W1234567 instead of the PayPal?')).toBe(
      'modify',
    );
    expect(askedWrite('wanna pay #W1234567 with my Mastercard ending 6976 not the gift card')).toBe('modify');
    expect(askedWrite('Hi, for #W1234567 I want to use my PayPal, thanks')).toBe('modify');
    // A street address after the verb: where the order is to go.
    expect(askedWrite('redirect #W1234567 to 230 Elm Avenue, Suite 400, Raleigh, NC 27601 pls')).toBe(
      'modify',
    );
    expect(askedWrite('need #W1234567 delivered to 66 Orchard Lane, Lexington, KY 40502')).toBe('modify');
    // Paid, delivered or asked about: no request.
    for (const text of [
      'I used my gift card and it still charged my Visa',
      'you charged my card twice',
      'Can I use my gift card on sale items?',
      'Please use the discount code SPRING10 on my order',
      'my order was delivered to 12 Oak Street instead of my house',
      'when will it be delivered to 12 Oak St?',
    ])
      expect(askedWrite(text)).toBeUndefined();
  });

  it('reads another option of an item asked for with no verb of change as an exchange or change of items', () => {
    for (const text of [
      'for #W1234567 I want the hiking boots in 12 instead please',
      "actually I'd prefer the electric kettle in 2L, order #W1234567",
      '#W1234567: make the espresso machine 1L instead of 2L',
      'I want the e-reader in 8GB instead, order #W1234567',
      "The helmet from #W1234567 doesn't fit. I'd like the medium instead, same color.",
    ]) {
      expect(asksOtherOption(text)).toBe(true);
      expect(askedWrite(text)).toBe('swap');
    }
    // What came, or the money, is no other option asked for.
    for (const text of [
      'I got the blue one instead of the red',
      'I want the refund instead',
      "I'd rather have the money back instead",
      'I want the order delivered to my office instead',
      "I'd like the refund to go to my gift card instead",
    ])
      expect(asksOtherOption(text)).toBe(false);
  });

  it('takes the first request of several', () => {
    expect(askedWrite('Please return the mug from #W1234567. Then cancel #W7654321.')).toBe('return');
  });

  it('finds none in questions about what may be done, or in a word used otherwise', () => {
    expect(askedWrite('Can I exchange shoes for a different size?')).toBeUndefined();
    expect(askedWrite('What is your return policy?')).toBeUndefined();
    expect(askedWrite('do i need to give a reason to cancel?')).toBeUndefined();
    expect(askedWrite('My order was cancelled and I do not know why.')).toBeUndefined();
  });
});

describe('requestSentences', () => {
  it('keeps the sentences asking for a write and leaves out the story around them', () => {
    expect(
      requestSentences(
        'I bought a kettle for my mother last month. She already has one and the box was dented. ' +
          "I'd like to return it. Thanks for your help!",
      ),
    ).toEqual(["I'd like to return it."]);
    expect(
      requestSentences(
        'Hello,\n\nMy desk lamp from #W1234567 flickers all the time, which is annoying. Please exchange it for ' +
          'the LED one. I also want to cancel #W7654321 because I ordered it by mistake.',
      ),
    ).toEqual([
      'Please exchange it for the LED one.',
      'I also want to cancel #W7654321 because I ordered it by mistake.',
    ]);
  });

  it('gives nothing when no sentence asks for a write, or when every one does', () => {
    expect(requestSentences('My kettle arrived broken. I am really disappointed.')).toEqual([]);
    expect(requestSentences('Can I return a kettle? How long does a refund take?')).toEqual([]);
    expect(requestSentences('Cancel order #W1234567 because ordered by mistake.')).toEqual([]);
  });
});

describe('questionSentences', () => {
  it('keeps the sentences asking a question and leaves out the story before them', () => {
    expect(
      questionSentences(
        'Hi there! My aunt sent me a fleece jacket for my birthday but it is much too big. ' +
          'She lives in another state. Can I exchange a gift? Thanks!',
      ),
    ).toEqual(['Can I exchange a gift?']);
    expect(
      questionSentences(
        'The kettle started crackling this morning. I switched it off at the wall. What do I do now? ' +
          'Is it ok to keep using it',
      ),
    ).toEqual(['What do I do now?', 'Is it ok to keep using it']);
  });

  it('gives nothing when no sentence asks, every one does, or the question asks for a write', () => {
    expect(questionSentences('My kettle arrived broken. I am really disappointed.')).toEqual([]);
    expect(questionSentences('Hello, can I return a kettle? How long does a refund take?')).toEqual([]);
    expect(
      questionSentences('The strap broke after a week. Could you please swap it for the leather one?'),
    ).toEqual([]);
  });
});

describe('focusSentences', () => {
  it('is the question sentences when some ask, else the last sentence of a longer message', () => {
    expect(
      focusSentences('I am writing from the bus, sorry. Do your gift cards expire? Thanks, Ann'),
    ).toEqual(['Do your gift cards expire?']);
    expect(focusSentences('My partner usually does the shopping. forgot my password')).toEqual([
      'forgot my password',
    ]);
    expect(focusSentences('Hello,\nI am on my lunch break.\nneed the return address\nThanks!')).toEqual([
      'need the return address',
    ]);
  });

  it('is nothing for a message of one sentence, or one whose every sentence asks', () => {
    expect(focusSentences('forgot my password')).toEqual([]);
    expect(focusSentences('Hi, forgot my password. Thanks')).toEqual([]);
    expect(focusSentences('Hello, can I return a kettle? How long does a refund take?')).toEqual([]);
  });
});

describe('plainRequest', () => {
  it('is a request with nothing around it but greetings, thanks and who the customer is', () => {
    expect(plainRequest('Hi,\n\nReturn #W1234567 via paypal_123: Desk Lamp; Thank you.')).toBe(true);
    expect(plainRequest('Cancel order #W1234567 because no longer needed.')).toBe(true);
    expect(
      plainRequest('Hello,\n\nPlease cancel #W1234567. My name is Ann Lee and my ZIP code is 12345. Thanks!'),
    ).toBe(true);
    expect(plainRequest('Please cancel #W1234567. Ann Lee, 12345')).toBe(true);
    expect(plainRequest('Please cancel #W1234567. Ann Lee, 12345 Thank you.')).toBe(true);
    expect(plainRequest('Please cancel #W1234567. ann.lee@example.com')).toBe(true);
  });

  it('is not a story around a request, a question, or a message asking for nothing', () => {
    expect(plainRequest('The speaker is great. I would like to return the luggage set.')).toBe(false);
    expect(plainRequest('Please cancel #W1234567. How long does the refund take?')).toBe(false);
    expect(plainRequest('Hi,\n\nMy lamp arrived broken.')).toBe(false);
    expect(plainRequest('Thanks!')).toBe(false);
  });
});

describe('asksWhetherAllowed', () => {
  it.each([
    'hey quick q - if my order is already processed can i still cancel it or nah',
    'lipstick set never opened, can it go back',
    'steps to send an item back for my money',
    'Is it too late to change the address on my order?',
    'How do I return a gift?',
    'Exchange window is 30 days or more? I want other size for my boots',
    'do i need to return everything in the order or can i just send back one thing',
    'What do you need from me to change my shipping address?',
    'for an exchange do i have to place a new order for the right size?',
    'can #W2443586 still be cancelled?',
    'could the colour on #W1234567 still be changed?',
    'too late to add another thing to #W2493472?',
  ])('%j asks about the rule', (text) => {
    expect(asksWhetherAllowed(text)).toBe(true);
  });

  it.each([
    'Please cancel #W1234567, I ordered it by mistake.',
    'can you swap it for the blue one?',
    'CANCEL MY ORDER NOW.',
    "Need to change the delivery address on #W1234567, I'll be at my parents'",
    'Where is my order?',
    'I need to return the kettle from #W1234567',
    'What do you need? Just cancel it.',
    "it's too late to be useful now.",
  ])('%j does not', (text) => {
    expect(asksWhetherAllowed(text)).toBe(false);
  });
});

describe('asksRulesOfAWrite', () => {
  it.each([
    // as the planner reads a question about the rules (`asksAboutRules`), beyond the narrower patterns
    'do i need to give a reson to cancel?',
    'What if the size I want to exchange for costs more?',
    "what does 'pending (items modified)' mean on an order",
    'Why do you need my ZIP code? I already gave you my order number',
    // and as the narrower ones do
    'lipstick set never opened, can it go back',
  ])('%j asks about the rules', (text) => {
    expect(asksRulesOfAWrite(text)).toBe(true);
  });

  it.each([
    'Please cancel #W1234567, I ordered it by mistake.',
    'can you swap it for the blue one?',
    'CANCEL MY ORDER NOW.',
    'I need to return the kettle from #W1234567',
    'Hello, I would like to exchange my smart watch for the gold one.',
    'Hi, can I get #W1234567 cancelled? Thanks',
    'Can I get a return started for the sunglasses from #W1234567?',
    'can I get the headphones in black instead? order #W1234567',
    'could I get blue instead of white for the wireless earbuds I got in #W1234567',
  ])('%j asks for the write', (text) => {
    expect(asksRulesOfAWrite(text)).toBe(false);
  });
});

describe('asksAQuestion', () => {
  it.each([
    'I want to return the boots, how long do I have?',
    'I want to return the boots I got, how long do I have to send them?',
    'cancel my order. what happens to the gift card balance',
    'Hi, does the refund go back to PayPal?',
    'I need to change my address; is there a fee',
    'can I get my order cancelled if it already shipped?',
    'Can I get a refund instead?',
    'can I get store credit instead of a refund?',
    'Can I get it shipped to my office instead?',
    'can I get the blue one instead if the red is sold out?',
  ])('finds a question of its own in %p', (text) => {
    expect(asksAQuestion(text)).toBe(true);
  });

  it.each([
    'cancel #W2417020 pls',
    'Can you cancel my order? I ordered it by mistake.',
    'In order #W4219264 could you switch the puzzle to the 500 piece one?',
    'Hello, please change the address on my account. New: 15 Peachtree Pl. Thank you very much!',
    'Hi, can I get #W1234567 cancelled? Thanks',
    'Can I get a return started for the sunglasses from #W1234567?',
  ])('reads %p as asking nothing but the write', (text) => {
    expect(asksAQuestion(text)).toBe(false);
  });
});

describe('questionsBesideRequest', () => {
  it.each([
    ['Can you cancel #W1234567? And how long will the refund take?', ['how long will the refund take?']],
    ['pls cancel #W1234567. when do i get my money back?', ['when do i get my money back?']],
    ['I need to return the kettle from #W1234567. How do I get a label?', ['How do I get a label?']],
    // Joined by a comma or a dash, a question is still a sentence of its own.
    ['return the mat from #W1234567, do I need the original box?', ['do I need the original box?']],
    [
      'Please cancel order #W1234567 - how long until the refund shows up?',
      ['how long until the refund shows up?'],
    ],
  ])('reads %j as a request with %j beside it', (text, questions) => {
    expect(questionsBesideRequest(text)).toEqual(questions);
  });

  it.each([
    // Whether the write may be done at all: the message asks the rule.
    'I want to exchange another item from the same order. Is that ok?',
    "I'd like to return the lamp from #W1234567. Can I still do that?",
    'now I want to exchange another one from the same order. Possible?',
    // A question naming nothing of its own is about the request.
    'I want to change the email on my account to my work address. How long does it take?',
    'I need to change my last name on my account. How do I do that?',
    'cancel #W1234567 please, do I need to do anything else?',
    'I want to return the boots, how long do I have?',
    'I want to return the boots I got, how long do I have to send them?',
    'Can I cancel #W1234567? How long will the refund take?',
    'I want to cancel #W1234567, is it too late?',
    // No question, or no request in so many words.
    'Please cancel #W1234567',
    'How long do refunds take?',
    'My order #W1234567 is late. When will it arrive?',
  ])('finds no question beside a request in %j', (text) => {
    expect(questionsBesideRequest(text)).toBeUndefined();
  });
});

describe('reportsWriteDone', () => {
  it.each([
    'the price was obviously a mistake and you cancelled my order',
    'You guys cancelled my order without telling me!',
    'my order was cancelled and I never asked for that',
    'my address was changed to the wrong one',
    'I already returned the lamp two weeks ago, where is my money',
    'I sent the boots back last week',
    'Hi, you cancelled my order. Why?',
  ])('a write already done: %s', (text) => {
    expect(reportsWriteDone(text)).toBe(true);
  });

  it.each([
    'Was it cancelled?',
    'Can you check my order? Was it cancelled yet?',
    'Please cancel my order',
    'I want to cancel, the price was a mistake',
    'I returned it but want to exchange it instead',
    "I don't want the thing I bought anymore, can you stop it",
  ])('asks whether it was done, or asks for it: %s', (text) => {
    expect(reportsWriteDone(text)).toBe(false);
  });
});

describe('onlyTheQuestion', () => {
  it.each([
    'can I cancel my order #W1234567?',
    'Hi, can I cancel my order #W1234567? Thanks!',
    'is it possible to return #W1234567?',
  ])('reads "%s" as the question alone', (text) => expect(onlyTheQuestion(text)).toBe(true));

  it.each([
    'The kit from #W1234567 had clearly been opened before, gross. Can I cancel it?',
    'can I cancel #W1234567? and how long does the refund take?',
    'Please cancel #W1234567.',
  ])('does not read "%s" as one', (text) => expect(onlyTheQuestion(text)).toBe(false));
});

describe('asksUsToInvestigate', () => {
  it('reads a request that the store look into something itself', () => {
    for (const text of [
      "stuck on 'in transit' for 9 days, no location, no updates. can you trace it?",
      'Could you please look into this? It never arrived.',
      'I need you to chase the courier, nothing has moved.',
      'The parcel is lost. Please open an investigation.',
    ])
      expect(asksUsToInvestigate(text)).toBe(true);
  });

  it('does not read a question about such work, or a request of another kind', () => {
    for (const text of [
      'how long does a lost package investigation take',
      'if you open an investigation with the carrier for my lost box how long will that take',
      'can you tell me where my order is?',
      'where can I trace my parcel?',
      'Please cancel my order.',
    ])
      expect(asksUsToInvestigate(text)).toBe(false);
  });
});
