import { describe, expect, it } from '@jest/globals';
import {
  EVERY_ORDER_UP_TO,
  aboutAnothersOrder,
  asksEveryOrder,
  canonicalText,
  isStatusOfAwaited,
  isStatusOnly,
  readOrderQuestion,
  disputesWhatWeSaid,
  voicesDispleasure,
  mendedWords,
  questionsAsked,
  reportsWrongItem,
  saysCancellationDone,
} from './order-question.js';

const statusOnly = (text: string) => isStatusOnly(readOrderQuestion(text));

describe('readOrderQuestion: status questions in everyday words', () => {
  it.each([
    "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma",
    'where is my parcel',
    'wheres my stuff??',
    'yo wheres my sunglasses and speaker at',
    'can u chek where my keybord and umbrela are, order W8562406',
    'thermostat order W2631563 - any idea when it goes out?',
    'air purifier delivered yet?',
    'wher is my order 3611574 ? need to now when it arives',
    'Please can you tell me what is the situation of order W5801125 now?',
    'I would like the tracking number for #W1234567. I want keep it for my record.',
    'Re: Order update\n> Your order #W3780282 has been processed.\n\nIs it on the way to me?',
    // An email that never came is not the order.
    'Did you guys get #W1234567? Never got a confirmation',
    'Any news on #W1234567?',
    'update on W1234567 pls',
    'has my order shipped yet',
    'Has the order left the warehouse?',
    'IS #W1234567 DELIVERED',
    'was my oder delivred yet',
    'what is the stauts of my order',
    'When will my lamp arrive? I bought it last week.',
    'Did my headphones arrive? My neighbour may have taken them in.',
    'tracking number for #W1234567 please',
    'my package hasnt moved in 4 days',
    'Is my order still pending?',
    'Why was order #W1234567 cancelled?',
    "what's the latest on #W1234567",
    'Could you check on my order for me?',
    'is my delivery running late?',
    'WHERE IS ORDER #W1234567',
    'hello i want know where is order #W1234567, it is sended? thank you',
    'Did you deliver #W1234567? It is a gift and I have to be sure',
    'what happened to order #W1234567? the bike and watch one',
    'still waiting on #W1234567',
    'Hi, following up on #W1234567. Thanks',
    'when can I expect #W1234567',
    'How many packages is #W1234567 in?',
    'A box came today, was that order #W1234567?',
    '#W1234567???',
    'Hello, the grill and hiking boots order, when does it arrive? Ava',
    'do i have a tracking number yet for the toothbrush',
    'Hi, quick one - order #W1234567 (tablet and kettle). What stage is it at right now?',
    'how far along is my order?',
    'could I have a progress report for #W1234567?',
    'will my order be here by the weekend?',
    "I'm still waiting. #W1234567",
    'How much longer for my order #W1234567?',
    'my order #W1234567 not come yet, why?',
    'is the desk lamp gonna be there before her birthday?',
    'has my order been packed up yet',
    "how's #W1234567 coming along",
    'hey did the cologne ship yet? its for my dads birthday',
    'Still no sign of my order, can you check?',
    'where are we with #W1234567',
    'is there any movement on my order?',
    'Checking in on #W1234567',
    'has anything happened with my order',
    'is my order ready',
    'hows my order looking',
    "Could you tell me where my order is at? I've lost track and a tracking number would be great.",
    'whats the holdup with 1234567??',
    'order 1234567 - what is taking so long?',
    'WHERE ARE MY RUNNING SHOES? ORDER W1234567',
    'is the lamp on the truck yet? #W1234567',
    "I'm still waiting for my desk lamp. Is it coming?",
    'my kettle and mug, i order them two weeks, where they are?',
    'Could you confirm delivery of #W1234567 please?',
    'did the boots make it to my door? #W1234567',
    'Wondering about #W1234567, the chair and the lamp',
    'is my bike on the way?',
    "Order 1234567: any chance it's actually moving?",
    'has the blue kettle on order number 1234567 been sent out?',
    'Order #W1234567, is it cancel?',
    'I ordered a kettle, order number 1234567. My old one broke, so when will it ship?',
    'so i ordered 2 lamps and?? nothing lol. whens it coming',
    // A stage of the warehouse or the carrier, how near it is, asked of what was ordered
    'Order #W1234567, is it packed already?',
    'has my stuff been boxed up yet',
    'is #W1234567 with the courier yet?',
    'has my order been handed over to the carrier',
    'is my parcel in the post?',
    'is #W1234567 still processing',
    'is my package here yet',
    'should my order be here by now?',
    'is my order nearly here?',
    'how close is my delivery',
    'where abouts is my parcel',
    'where r my things',
    'did you send my order?',
    'did you get my order #W1234567',
    'when will #W1234567 be ready',
    'has #W1234567 gone out to the courier yet?',
    'Hello! When will #W1234567 reach me?',
    'what state is my order in',
    'Hello, I would like to know in which state is my order #W1234567. Thank you',
    'I just want to know about my order #W1234567',
    'how is my order doing',
    'Just wanted to ask how my order #W1234567 is getting along',
    'Hello, I order one week ago, still not arrive. Where is it?',
    'please tell me when my order will be send',
    'I want know the state of my order',
    'Will I get my order by the weekend?',
    'Has my order been fulfilled?',
    'is my order complete',
    'can i have my tracking number',
    'tracking number please',
    // Where things stand, whether all is well with it, when it is due, the update asked in one word
    'Could you let me know where things stand with #W1234567?',
    'hey, where we at with my order',
    'Is everything ok with #W1234567? Haven’t heard anything since I ordered',
    'just wanted to check everything is alright with order #W1234567',
    'Is #W1234567 sorted?',
    'is my order all good?',
    'When is #W1234567 expected?',
    'when is my parcel due',
    'could u tell me abt my order #W1234567 thx',
    'Please update me on #W1234567',
    'I would like information regarding my order #W1234567.',
    'order #W1234567 update?',
    'Could you please tell me the current state of order #W1234567?',
    'Hi, #W1234567 - when will it be with me?',
    '#W1234567?? its been days',
    'Did my order #W1234567 go through? Want to make sure it went through',
    'Could you give me a quick heads-up on #W1234567? Cheers',
    '#W1234567 progress?',
    'Kindly advise the current position of order #W1234567. Regards',
    "what's the story with #W1234567",
    'Order #W1234567 - current state?',
    'Just want to be sure #W1234567 is OK',
    'any headway on my parcel?',
    "I ordered a few days ago and haven't heard anything since. Could you tell me how it's going?",
    "I ordered #W1234567 on my phone and never got a confirmation email, so I'm not even sure it went through. Did it?",
    "My husband says the order hasn't shipped but I think it has. Who is right? #W1234567",
    'Hello, earlier your chat said #W1234567 was pending. Is that still the case?',
    'Hiya, you said yesterday that #W1234567 would be processed soon. Has that happened?',
  ])('%j asks only for a status', (text) => {
    expect(statusOnly(text)).toBe(true);
  });

  it.each([
    'How long does standard shipping take?',
    'Do you ship to Canada?',
    'When would it arrive if I order today?',
    'Which states do you ship to?',
    'Where is your warehouse?',
    'Where can I find my order number?',
    'Is there any left in stock?',
    'how far apart can boxes from the same order arrive',
    'Is my flight delayed?',
    'What stage of the return process does the refund happen at?',
    'Is there a store near me?',
    'Is the kettle packaged in a box with the manual?',
    'How close to the delivery date can I still change the address?',
    'Which state is my order shipping to? I moved last month',
    'What do I need to know about returns?',
    'Every time I ask about my order I have to give my email again. Cannot you remember me?',
    'Is the order form complete if I leave the phone number out?',
    'Where do I find the tracking number on the website?',
    'Is everything ok with my account? The page looks odd',
    'When is the next sale expected?',
    'Can you tell me about your returns policy?',
    'I would like information about gift cards',
    'What is the current position on price matching?',
    "what's the story with gift cards, do they expire?",
    'Is it ok to return an item without the box?',
  ])('%j is not about a particular order', (text) => {
    expect(statusOnly(text)).toBe(false);
  });
});

describe('readOrderQuestion: more than a status', () => {
  it.each([
    ['Has #W1234567 shipped? If not please cancel it', 'cancel'],
    ["Where's my order? I don't want it anymore", 'cancel'],
    ['Can I un-cancel #W1234567?', 'reinstate'],
    ['Hi, can I get #W1234567 cancelled? Thanks', 'cancel'],
    ['I would like my order cancelled please', 'cancel'],
    ['What is the status of #W1234567, and can I still change the address?', 'change'],
    ['Has my order shipped? Can you send it to my office instead', 'change'],
    ['can i pay for my pending order with paypal instead?', 'change'],
    ["has my order shipped yet? if not i'd like to add a second water bottle", 'change'],
    ['my order still says pending, can you ship it faster?', 'change'],
    ['Is #W1234567 out yet? Could you expedite it please', 'change'],
    ['where is my order? can you make sure they leave it with the neighbour', 'change'],
    ['Is #W1234567 still pending? I want to use my gift card instead', 'change'],
    ['where is my order? please charge a different card for it', 'change'],
    ['need #W1234567 delivered to 66 Orchard Lane, Lexington, KY 40502 not my old place', 'change'],
    ['redirect #W1234567 to 230 Elm Avenue, Suite 400, Raleigh, NC 27601 pls', 'change'],
    ['My order was delivered, how do I send it back?', 'return'],
    ['Where is my refund for #W1234567?', 'refund'],
    ['#W1234567 was cancelled, has the money been put back on my gift card yet?', 'refund'],
    ['order W1234567 cancelled. I want know how many dollar you give back', 'refund'],
    ['I cancelled my order, when do I get my money back?', 'refund'],
    ['My order arrived, can I swap it for a bigger size?', 'exchange'],
    ['my order was delivered and now the price dropped', 'price'],
    ['where is my order, I want to speak to a manager', 'human'],
  ])('%j asks for %s', (text, request) => {
    const q = readOrderQuestion(text);
    expect(q.request).toBe(request);
    expect(isStatusOnly(q)).toBe(false);
  });

  it.each([
    'has #W1234567 shipped? and is the bluetooth speaker in it the black one?',
    'where is my order? do you sell gift cards?',
    'Any news on #W1234567? Also, what are your opening hours?',
  ])('%j asks another question besides the status', (text) => {
    const q = readOrderQuestion(text);
    expect(q.otherQuestion).toBe(true);
    expect(isStatusOnly(q)).toBe(false);
  });

  it.each([
    'Where is my order? When will it arrive?',
    'has my order shipped?? really??',
    'Hi! Where is #W1234567? Thanks?',
    'Is my order on its way? I have not received anything yet, has it been sent?',
    'Your order #W1234567 has been processed. what does processed mean exactly? is it on a truck?',
  ])('%j asks only the status, in however many questions', (text) => {
    expect(readOrderQuestion(text).otherQuestion).toBe(false);
  });

  it.each([
    'My order arrived damaged, where do I go from here?',
    'The parcel says delivered but it is not here',
    'tracking says delivered yesterday but nothing came',
    'my order W1234567 say delivered, but I get a message it is in a parcel locker',
    'my package never arrived',
    'The kettle from #W1234567 broke on day one, when will the new one come?',
    'The charger in my order wont turn on',
    'Has my order shipped? Nobody answers my emails, this is ridiculous',
    'I think the carrier lost my parcel, where is it?',
    'My order is showing processed and this is very inconvenient for me, where is it?',
    'why was #W1234567 cancelled?? i never asked for that',
    'You cancelled my order without asking me. What is its status?',
    'Paid for #W1234567 with a gift card and the balance went down TWICE. Order still pending?',
    'I was double charged for my order, has it shipped?',
  ])('%j reports a problem', (text) => {
    const q = readOrderQuestion(text);
    expect(q.problem).toBe(true);
    expect(isStatusOnly(q)).toBe(false);
  });

  it('tells an order that has not come from every other problem, for the records to judge', () => {
    const waiting = readOrderQuestion(
      "What's going on with my order? I haven't received anything and it's been ages",
    );
    expect(waiting).toMatchObject({ problem: true, notReceivedOnly: true });
    expect(isStatusOnly(waiting)).toBe(false);
    expect(isStatusOfAwaited(waiting)).toBe(true);
    // Another problem or a request beside it: not a status question whatever the records say.
    const damaged = readOrderQuestion(
      'My order never arrived and the box they sent before was damaged. Where is it?',
    );
    expect(damaged.notReceivedOnly).toBe(false);
    expect(isStatusOfAwaited(damaged)).toBe(false);
    expect(isStatusOfAwaited(readOrderQuestion('My order never arrived, I want a refund'))).toBe(false);
  });

  it.each([
    'Was #W1234567 delivered? My porch is empty and the neighbours dont have it',
    'could you check whether W1234567 was delivered? I cannot seem to locate it',
    'my order W1234567 says delivered, I only got the kettle',
    'Got one box today. The bookshelf and the boots arent in it, are there more boxes?',
    'Where did the driver leave #W1234567? The concierge has no record of it',
    'I think it went to the wrong address, the delivery photo is another building',
    'says delivered to a pickup locker I never chose??',
    'ordr 4887592 sayz deliverd but i dont hav it. chekd evrywere',
    'my doorbell camera shows someone took the box off the steps',
    'tracking says left at the front desk but our building has none, where could it have ended up?',
    'shows deliverd to one of the other units in my building? the photo is of a door thats not mine',
    'is #W1234567 coming in two parts? half of it came',
    'Tracking says delivered on Tuesday. There is no camera. Not at my door, not with the neighbours.',
    "I've been checking the mailbox every day, any idea where #W1234567 is?",
    "I didn't get the shipping email or the parcel, was #W1234567 delivered?",
  ])('%j doubts that what was delivered is all with the customer', (text) => {
    expect(readOrderQuestion(text).doubtsDelivery).toBe(true);
  });

  it.each([
    'Has #W1234567 been delivered? If so, on what day?',
    "I'm away this week, was #W1234567 dropped off at home?",
    'Did my thermostat arrive? My neighbour may have taken it in.',
    "I don't have the tracking number for W1234567, can you send it?",
    'no rush, just checking if W1234567 is delivered or still on the way',
    "not sure if it's been delivered yet, I've lost track",
    "it's my only order with you: what day was it delivered?",
    "I'm sorting out my expense claims: what day was it delivered?",
    'Never heard back on this. Has it been delivered yet?',
    'Did you guys get #W1234567? Never got a confirmation',
    'never received the order email, was it delivered?',
    "haven't had any emails about W1234567, is everything ok with it?",
    "I've not had a dispatch notification yet for #W1234567, has it been delivered?",
    'the shipping confirmation never came through, was #W1234567 delivered?',
  ])('%j doubts nothing about a delivery', (text) => {
    expect(readOrderQuestion(text).doubtsDelivery).toBe(false);
  });

  it.each([
    'I never got a dispatch email for #W1234567, has it shipped?',
    'the confirmation email never came through for #W1234567, so is the order actually placed?',
    "didn't receive any tracking updates for #W1234567, is it on its way?",
  ])('%j asks the status: a missing email is not a missing order', (text) => {
    expect(readOrderQuestion(text)).toMatchObject({
      asksStatus: true,
      problem: false,
      notReceivedOnly: false,
    });
  });

  it.each([
    "Can you check on my wife's order? She wants to know when it's coming.",
    'I am writing on behalf of my father, has his order shipped?',
    "Where is #W1234567? It's my sister's.",
    'Where is my Amazon package?',
  ])('%j is about someone else or another shop', (text) => {
    expect(readOrderQuestion(text).someoneElse).toBe(true);
  });

  it('reads a cancellation already made as the cancelled state asked about, not a request', () => {
    for (const text of [
      'Did my cancellation for W1234567 go through?',
      'is order 1234567 cancelled? i hit cancel but the app froze',
      'I have cancel the order W1234567, please confirm it is cancelled',
      'did the cancel on 1234567 go through??',
    ]) {
      const q = readOrderQuestion(text);
      expect(q).toMatchObject({ cancellationDone: true, request: null });
      expect(isStatusOnly(q)).toBe(true);
    }
    expect(readOrderQuestion('Please cancel #W1234567').cancellationDone).toBe(false);
    // "my order is cancel": the state, in few words.
    expect(readOrderQuestion('my order number W1234567 is cancel. when does the refund come?').request).toBe(
      'refund',
    );
    // "has it been sent to my card": the money, not the parcel, going somewhere.
    expect(
      readOrderQuestion('how much went back for #W1234567 and has it been sent to my card yet?').request,
    ).toBe('refund');
    expect(readOrderQuestion('What is your cancellation policy?').cancellationDone).toBe(false);
  });

  it.each([
    "Has my order been cancelled? I can't remember if I went through with cancelling it, #W1234567",
    'not sure whether I cancelled #W1234567, is it still coming?',
    "I honestly can't remember if I cancelled #W1234567 or not. Could you check?",
    "Just checking #W1234567 didn't get cancelled by accident, I clicked around a lot",
  ])('%j asks whether the order was cancelled: no cancellation made, no doubt of a delivery', (text) => {
    const q = readOrderQuestion(text);
    expect(q).toMatchObject({ cancellationDone: false, doubtsDelivery: false, request: null });
    expect(isStatusOnly(q)).toBe(true);
    expect(saysCancellationDone(text)).toBe(false);
  });

  it.each([
    ['what happens if I cancel #W1234567 now?', 'cancel'],
    ['can you tell me if I cancel it whether I lose my discount?', 'cancel'],
  ])('%j asks about a cancellation to come, not whether one was made', (text, request) => {
    expect(readOrderQuestion(text)).toMatchObject({ request, cancellationDone: false });
  });

  it.each([
    ['Is #W1234567 still pending? Can you hold off shipping it until I am back?', 'change'],
    ['please put my order on hold for a week', 'change'],
    ['if it has not shipped could you hang on to it and send it after the 20th?', 'change'],
    ['is W1234567 still pending? i need it to go to my work address instead', 'change'],
    ['can you chnage the adress to 1207 Oak Ridge Dr before it goes out', 'change'],
    ['If it was cancelled by mistake can you put it back through?', 'reinstate'],
    ['is W1234567 still cancelled? i do want it after all, can you re-order the same stuff', 'reinstate'],
  ])('%j asks for %s', (text, request) => {
    expect(readOrderQuestion(text).request).toBe(request);
  });

  it('takes a status question naming no order to ask about every one of a few', () => {
    const where = readOrderQuestion('where is my order?');
    expect(asksEveryOrder(where, 2)).toBe(true);
    expect(asksEveryOrder(where, EVERY_ORDER_UP_TO)).toBe(true);
    expect(asksEveryOrder(where, EVERY_ORDER_UP_TO + 1)).toBe(false);
    expect(asksEveryOrder(where, 1)).toBe(false);
    expect(asksEveryOrder(readOrderQuestion('where is #W1234567?'), 2)).toBe(false);
    expect(asksEveryOrder(readOrderQuestion("where is my wife's order?"), 2)).toBe(false);
    expect(asksEveryOrder(readOrderQuestion('where is my order? please cancel it'), 2)).toBe(false);
  });

  it('lists the order ids it names', () => {
    expect(readOrderQuestion('is W1234567 or #w7654321 shipped').orderIds).toEqual([
      '#W1234567',
      '#W7654321',
    ]);
  });
});

describe('questionsAsked', () => {
  it.each([
    ['Has #W1234567 been sorted yet?', 1],
    ['checking in re: #W1234567', 0],
    ['Has #W1234567 been sorted yet? And do you sell gift cards?', 2],
    ['Where is my order? Is the speaker in it the black one?', 2],
    // Too short to ask anything of its own, or not opening as a question.
    ['#W1234567?? any news?', 0],
    ['so i ordered 2 lamps and??', 0],
  ])('%j asks %i', (text, n) => {
    expect(questionsAsked(text)).toBe(n);
  });
});

describe('canonicalText', () => {
  it('mends misspellings of the words it looks for, never a real word near them', () => {
    expect(canonicalText('Wheres my pakage, has it shiped? stauts?')).toBe(
      ' wheres my package has it shipped status ',
    );
    expect(canonicalText('which states, skipped, sending')).toBe(' which states skipped sending ');
    // The state asked about, not a request to cancel.
    expect(canonicalText('was it canceld?')).toBe(' was it canceled ');
    expect(statusOnly('#W1234567 - whats the status? was it canceld?')).toBe(true);
  });

  it('mends a slip of the fingers in a short word, and nothing one real edit away', () => {
    // Swapped neighbours, a doubled letter, a neighbouring key.
    expect(canonicalText('wehre is my ordre? any nesw')).toBe(' where is my order any news ');
    expect(canonicalText("whwre's my oeder, whats the latwst")).toBe(' wheres my order whats the latest ');
    expect(canonicalText('wheree is it, wherr is it')).toBe(' where is it where is it ');
    // Real words, and edits that are not slips of the fingers, stay.
    expect(canonicalText('there is the border, new mews')).toBe(' there is the border new mews ');
    expect(canonicalText('whera is it')).toBe(' whera is it ');
    expect(statusOnly('wjere is #W1930780 right now')).toBe(true);
  });
});

describe('mendedWords', () => {
  it('mends only the misspellings of the words the patterns use, keeping the rest as written', () => {
    expect(mendedWords('Can you cacel #W8268610? Thanks, Wehre')).toBe(
      'Can you cancel #W8268610? Thanks, where',
    );
    expect(mendedWords('Which States skipped it?')).toBe('Which States skipped it?');
  });
});

describe('disputesWhatWeSaid', () => {
  it.each([
    'my bank says no refund has been issued for #W5445067. you say it has.',
    'Your email claims it was delivered. It was not.',
    'my statement shows nothing from you',
    'The tracking says delivery attempted, no one home. I was home the whole afternoon.',
    'Nobody knocked, there was no card through the door either.',
  ])('%j disputes what the store said', (text) => {
    expect(disputesWhatWeSaid(text)).toBe(true);
  });

  it.each([
    'you said it will arrive on Monday, is that still right?',
    'my bank says the refund is pending, how long until it clears?',
    'where is my refund?',
    'The driver attempted delivery while I was out, can I pick it up?',
    // recalled to ask what has happened since
    'Hello again, last time I asked you said it was pending. Has #W1234567 moved on since?',
    'Earlier your chat said #W1234567 was processed. Is that still the case?',
  ])('%j does not', (text) => {
    expect(disputesWhatWeSaid(text)).toBe(false);
  });

  it('reads what was recalled and then gainsaid as a dispute', () => {
    expect(disputesWhatWeSaid('Yesterday your email said it was delivered. It was not.')).toBe(true);
    expect(disputesWhatWeSaid('Last time you said it was delivered but nothing is here')).toBe(true);
  });

  it('reads a status recalled and asked after as a status question', () => {
    expect(
      statusOnly('Hello again, last time I asked you said it was pending. Has #W1234567 moved on since?'),
    ).toBe(true);
  });
});

describe('reportsWrongItem', () => {
  it.each([
    'received a yoga mat instead of the wireless earbuds i ordered. can you swap it?',
    'You sent me the wrong colour!',
    'The box came with the wrong item in it',
    'ordered the gold tablet in #W9172475 and got a silver one. can it be exchanged?',
    'I ordered the makeup kit in the medium tone, but the kit inside the box is the light one.',
    'This is not what I ordered.',
    'gold is what i paid for!!',
  ])('%j reports a wrong item delivered', (text) => {
    expect(reportsWrongItem(text)).toBe(true);
  });

  it.each([
    'I ordered the wrong size, can I exchange it for a 10?',
    'I want the kettle in black instead of white please',
    'Can the refund go on my gift card instead of my credit card?',
    'I ordered the blue shoes and got them yesterday, can I exchange them for a bigger size?',
    'the lamp is exactly what I ordered, thanks! when does the bulb ship?',
  ])('%j does not', (text) => {
    expect(reportsWrongItem(text)).toBe(false);
  });
});

describe('voicesDispleasure', () => {
  it('reads displeasure with the store in plain words', () => {
    expect(voicesDispleasure('Every time I chat with you I get asked for my zip. Kind of annoying.')).toBe(
      true,
    );
    expect(voicesDispleasure('I was charged twice for the same order!')).toBe(true);
    expect(voicesDispleasure("You still won't ship to Puerto Rico? Really disappointing.")).toBe(true);
    expect(voicesDispleasure('so exchanges only for the same product?? these boots are rubbish')).toBe(true);
    expect(voicesDispleasure("Honestly this is unacceptable, I've emailed three times.")).toBe(true);
    expect(voicesDispleasure('Your site says it was refunded but my bank says no refund was issued.')).toBe(
      true,
    );
  });

  it.each([
    'This is the second time I am writing about the missing lamp.',
    'I have asked your chat twice already and still no answer on where my order is',
    "I've been going back and forth between you and the courier for a week.",
    'nobody can tell me where the blender is',
    'Nobody told me the old card would be charged too.',
    'No price matching, seriously?',
    'How hard is it to put two mugs in a box?',
    "I'm tired of refreshing the tracking page.",
    'its been processed since forever',
    'Is this some kind of joke?',
    "Your bot asked for my name and zip code three times, then said it can't find me.",
    "Got a lamp I never ordered. It wasn't my mistake, so why should I pay to send it back?",
    'Put the bits in one box next time, it is not that difficult.',
    'I spent the whole morning on hold before giving up. Has the refund gone out?',
    'Entering my details every single time is tedious. Is there a faster way?',
    'The card went through twice because your checkout crashed halfway. Which charge stays?',
  ])('%j voices displeasure: asked again, passed around, exasperated', (text) => {
    expect(voicesDispleasure(text)).toBe(true);
  });

  it.each([
    'Is it the second time the card is charged when I change the payment method?',
    'Seriously good prices, do you ship to Alaska?',
    'Can you tell me when it ships? Nobody likes waiting, ha.',
    'I tried three times and the card is declined, which cards do you take?',
    'Can I put my order on hold while I am away?',
    'If the parcel is damaged and it is not my fault, who pays for the return?',
    'What happens to my order if the website crashes while I pay?',
  ])('%j does not', (text) => {
    expect(voicesDispleasure(text)).toBe(false);
  });

  it('is not a problem told calmly', () => {
    expect(voicesDispleasure('The kettle has a thin crack by the handle. Can I still return it?')).toBe(
      false,
    );
    expect(voicesDispleasure('My aunt sent me a jacket and it is too big. Can I exchange a gift?')).toBe(
      false,
    );
  });
});

describe('aboutAnothersOrder', () => {
  it.each([
    'my friend bought me headphones but theyre the wrong colour. can i exchange them myself?',
    "My dad ordered a bike for me and gave me the order number. Can you tell me when it's arriving?",
    "Where is order #W5185761? It's my sister's but she asked me to check on it.",
    'Hi, my husband ordered our new bookshelf on his account but he is away.',
  ])('%j is about an order another person placed here', (text) => {
    expect(aboutAnothersOrder(text)).toBe(true);
  });

  it.each([
    'I ordered the same shoes on Amazon, can I return yours?',
    'Where is my order #W3113816?',
    'I want to buy a gift for my dad, do you do gift wrapping?',
  ])('%j is not', (text) => {
    expect(aboutAnothersOrder(text)).toBe(false);
  });
});
