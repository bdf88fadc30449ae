import { describe, expect, it } from '@jest/globals';
import { asksOrderAmount, asksOrderDetail } from './order-detail.js';
import { canonicalText, isStatusOnly, readOrderQuestion } from './order-question.js';

const detail = (text: string) => asksOrderDetail(canonicalText(text));

describe('asksOrderDetail: what a status does not give', () => {
  it.each([
    // what was chosen
    'Hi, what storage did the e-reader in #W7028924 come with? 32GB or more?',
    "what's going on with the grill in #W4082615, is it the electric one with the side burner?",
    "Hey, what's the status of my running shoes size in #W6151519, did I put 9 or 9.5?",
    'Did I order the sneakers in #W6002958 in a 10 or a 10.5?? can’t remember',
    'is the garden hose in #W2443586 the 25ft or the 50ft one',
    'Is the office chair in #W8346517 leather or mesh?',
    'What size is the cycling helmet in #W9284598? M or L?',
    'Hi there, #W9270202 - which processor did I go for on the laptop?',
    'Can u tell me the height of the bookshelf in order #W1620235?',
    // what it cost, how it was paid, where it goes, paperwork
    'How much did the backpack cost in #W5185761? Need it for my expenses',
    "What's the total I was charged for #W9924897, including tax?",
    'Hello, which payment method was used for #W1519594?',
    "what's the delivery address on #W5457973? i moved recently",
    'Regarding #W6797115: can I get a copy of the receipt?',
    'Can you email me the invoice for #W5185761?',
    'Just wondering, when exactly did I place order #W4318885?',
    // where it goes, what it came to, what was charged
    'is #W1258841 being shipped to my work address or my home?',
    'I moved last week, will #W5400801 still get to me?',
    'where is #W4498118 being delivered to?',
    'where are you sending #W4498118?',
    '#W9854700 - which street is it being sent to?',
    'is #W9673784 being delivered to the right place?',
    'is the payment for #W4802126 taken now or when it ships?',
    'is #W9879411 paid for yet?',
    'Could you email my accountant the refund details for #W4512389?',
    'I typed the wrong zip code on #W6552785, will it still come?',
    'what did #W4862767 come to in total?',
    'got charged for #W8073958 but it is only pending, is that right?',
    'did you charge me for #W3386455 already or only when it ships?',
    'my bank shows #W1234567 charged twice??',
    'the charge for #W6207110 is still showing as pending on my bank app, why?',
    'i see a pending charge for #W3263208 and a second one, will one disappear?',
    // what its tax, shipping or fees came to; a charge not recognised
    'how much was the shipping on #W1234567?',
    'Is sales tax included in what I paid for #W7654321?',
    'was there tax on #W1111111? I need it for my records',
    "I see a payment I don't recognise, is that #W2222222?",
    // what an item does
    'For #W4514908 — which memory card does the camera take? I want to buy one before it arrives',
    'order #W3780282 - does the coffee maker have a timer?',
    'Hi! Is the action camera in #W5267498 waterproof? Taking it on holiday',
    'Could you tell me how long the battery lasts on the earbuds I got in #W3508684?',
  ])('%j asks a detail, and is not a status question alone', (text) => {
    expect(detail(text)).toBe(true);
    const q = readOrderQuestion(text);
    expect(q.asksDetail).toBe(true);
    expect(isStatusOnly(q)).toBe(false);
  });

  it.each([
    "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma",
    'will #W1234567 arrive in 2 or 3 days?',
    'is it coming in one or two boxes?',
    'does my order have a tracking number yet?',
    'how long does delivery take for #W1234567, it is still pending',
    'Has my keyboard #W3197825 left yet? Need an ETA',
    'is #W1234567 still coming or done?',
    'good evening, my order #W4538969 is it ready to ship or not yet',
    'Could I have an update about order number #W7895761 please',
    'Is this the one I ordered last week? #W1234567',
    'Can you confirm receipt of my order #W1234567?',
    'where is my order going?',
    'what state is my order in',
    'my order was paid, where is it?',
    'I was charged for #W1234567 last week, has it shipped yet?',
    "what's happening with #W1234567? I got charged but no tracking yet",
    'any news on #W1234567? the payment was taken straight away',
    'I paid for it 2 weeks ago where is it',
    "I paid for #W1234567 two weeks ago, why hasn't it shipped?",
    'is #W1234567 stuck? the tracking is just moving slowly',
    'has #W1234567 been delivered to my home yet?',
    'how much is shipping to Alaska?',
    'is tax included in the prices on your site?',
  ])('%j asks no detail', (text) => {
    expect(detail(text)).toBe(false);
    expect(readOrderQuestion(text).asksDetail).toBe(false);
  });

  it.each([
    "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma",
    'will #W1234567 arrive in 2 or 3 days?',
    'Has my keyboard #W3197825 left yet? Need an ETA',
  ])('%j is still a status question alone', (text) => {
    expect(isStatusOnly(readOrderQuestion(text))).toBe(true);
  });

  it.each([
    // how it will be carried and handed over
    'Will somebody have to sign for #W1234567 when it comes?',
    'Does #W1234567 need a signature on delivery?',
    'is #W1234567 going by air or by sea?',
    'Is my order coming with DHL or UPS?',
    'which courier has #W1234567?',
    'Is #W1234567 being shipped from Canada? Worried about customs',
    'what time will the driver get to me with #W1234567',
    'Is #W1234567 arriving in the morning or the afternoon?',
    'Do you deliver #W1234567 on Saturdays?',
    'Can the courier leave #W1234567 with my neighbour at number 4?',
    'Will #W1234567 be left in a safe place if nobody answers?',
    'Will #W1234567 fit in my letterbox?',
    'is #W1234567 letterbox sized or will I need to be in?',
    'Can the driver text me before he arrives with #W1234567?',
    'Will I get a notification when #W1234567 is close?',
    'can you send the tracking for #W1234567 by text please',
    'Is #W1234567 coming in a plain box? It is a gift',
    'Has #W1234567 been gift wrapped?',
    'will the courier take away the old sofa when #W1234567 comes?',
    'will #W1234567 arrive assembled?',
    'is #W1234567 insured?',
  ])('%j asks how the order comes, which a status does not say', (text) => {
    expect(detail(text)).toBe(true);
    expect(isStatusOnly(readOrderQuestion(text))).toBe(false);
  });

  it.each([
    'Did my desk lamp arrive? My neighbour may have taken it in.',
    'Was #W1234567 delivered? There is a box with my name in the lobby',
    'has #W1234567 been dispatched from your warehouse yet?',
    'has my order shipped from the warehouse?',
    'I got a text saying #W1234567 was delivered, is that right?',
    'I ordered on Saturday morning, has #W1234567 shipped?',
    'I ordered at the weekend and nothing yet, where is #W1234567?',
    "I've been checking the mailbox every day, any idea where #W1234567 is?",
  ])('%j speaks of delivery and is still a status question alone', (text) => {
    expect(detail(text)).toBe(false);
    expect(isStatusOnly(readOrderQuestion(text))).toBe(true);
  });

  it('leaves a change of the address on an order to the request reader', () => {
    expect(detail('Is it too late to change the address on #W3101067?')).toBe(false);
  });
});

describe('asksOrderAmount: what an order came to in money', () => {
  const amount = (text: string) => asksOrderAmount(canonicalText(text));

  it.each([
    'how much was the shipping on #W1234567?',
    'Is sales tax included in what I paid for #W7654321?',
    'was there tax on #W1111111? I need it for my records',
    "I see a payment I don't recognise, is that #W2222222?",
  ])('%j asks an amount', (text) => {
    expect(amount(text)).toBe(true);
  });

  it.each([
    'i see a pending charge for #W3263208 and a second one, will one disappear?',
    'how much is shipping to Alaska?',
    'is tax included in the prices on your site?',
    'which payment method was used for #W1519594?',
  ])('%j does not', (text) => {
    expect(amount(text)).toBe(false);
  });
});
