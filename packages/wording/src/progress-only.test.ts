import { describe, expect, it } from '@jest/globals';
import { withoutCourtesy } from './normalise.js';
import { canonicalText, isStatusOnly, readOrderQuestion } from './order-question.js';
import { asksOnlyProgressOfItems } from './item-status.js';
import { asksOnlyProgress } from './progress-only.js';

const progressOnly = (text: string) => asksOnlyProgress(canonicalText(withoutCourtesy(text)));

describe('asksOnlyProgress', () => {
  it.each([
    'Any headway on #W1234567?',
    'Where does #W1234567 stand at the moment?',
    '#W1234567 where r we',
    'Quick one - #W1234567, how is it doing?',
    'Please let me know how far #W1234567 has got.',
    'Hello, my purchase #W1234567: any movement so far? Thanks, Emma',
    'how is my parcel getting on',
    'Curious how my order is coming along, thanks!',
    "How's things with #W1234567?",
    'how is the delivery of #W1234567 going',
  ])('%j asks only how the order is getting on', (text) => {
    expect(progressOnly(text)).toBe(true);
  });

  it.each([
    // a word of something else
    'Where is the invoice for #W1234567?',
    'How much was shipping on #W1234567?',
    'Is #W1234567 ok? I have not had any emails',
    'Can I still cancel #W1234567?',
    'Where do I send #W1234567 back?',
    'How is #W1234567 packed, one box or two?',
    // a procedure, an address, the verb "order"
    'How do I see my order?',
    'Where is my order going to?',
    'When can I order?',
    'How can I track an order?',
    "What's the delivery charge for my order?",
    // no order, or no word of progress
    'How is the weather?',
    'Could you check #W1234567 for me',
    '',
  ])('%j does not', (text) => {
    expect(progressOnly(text)).toBe(false);
  });

  it('makes a status question of a message the status patterns miss', () => {
    expect(isStatusOnly(readOrderQuestion('Where does #W1234567 stand at the moment?'))).toBe(true);
    expect(isStatusOnly(readOrderQuestion('Where does #W1234567 stand? Can I still add an item?'))).toBe(
      false,
    );
  });
});

describe('readOrderQuestion: a thing of an order asked after', () => {
  it.each([
    'what stage is my fleece jacket at?',
    'Any news on the makeup kit?',
    'Hello, I placed an order for a cycling helmet. Can you tell me where it is now?',
    'hi there, did my vacuum cleaner get sent out?',
    'Is the tablet coming this week?',
    'The electric kettle - has it shipped?',
    "Good morning, I'm waiting for a luggage set and a tea kettle. Have they been sent?",
    'Just wondering if the hiking boots has left your warehouse',
    'Hiya, is my cycling helmet with the courier yet?',
  ])('%j is about an order by a thing in it', (text) => {
    const q = readOrderQuestion(text);
    expect(q).toMatchObject({ aboutItem: true, aboutOrder: true });
    expect(isStatusOnly(q)).toBe(true);
  });

  it('reads a thing they bought, named by itself, as their order', () => {
    expect(isStatusOnly(readOrderQuestion('wheres the bookshelf i ordered'))).toBe(true);
    const list = "Hello, I'd like to know where my bluetooth speaker and dumbbell set are";
    expect(isStatusOnly(readOrderQuestion(list))).toBe(true);
  });

  it.each([
    'Has my refund gone through?',
    'Is the store open on Sunday?',
    'did my message get through?',
    'Where is my order?',
    'has #W1234567 shipped?',
    'When will the kettle ship if I order today?',
    "I'm still waiting for a call back, when will someone ring?",
    'waiting for an update on the sale',
  ])('%j is not', (text) => {
    expect(readOrderQuestion(text).aboutItem).toBe(false);
  });
});

describe('asksOnlyProgressOfItems', () => {
  const items = ['Hiking Boots', 'Tea Kettle'];
  it.each([
    'has my hiking boots left yet?',
    'Any news on the kettle?',
    'Hi, is the tea kettle with the courier yet? Thanks',
    'did my hiking boots get sent out?',
    'Hey, checking in on my kettle. Is it processed yet?',
    'any idea when my hiking boots will get here',
    'Is the kettle coming this week?',
  ])('%j asks only how the order holding them is getting on', (text) => {
    expect(asksOnlyProgressOfItems(text, items)).toBe(true);
  });

  it.each([
    'Is the kettle shipped with a spare filter?',
    'has my skateboard left yet?',
    'How will my hiking boots arrive, by UPS?',
    'are the hiking boots waterproof?',
  ])('%j does not', (text) => {
    expect(asksOnlyProgressOfItems(text, items)).toBe(false);
  });
});
