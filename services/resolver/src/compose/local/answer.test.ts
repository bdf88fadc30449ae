// Section selection on a help centre unlike the demo store's (a co-working space's billing and bookings),
// so the rules are seen to hold for wording they were not written against.
import { describe, expect, it } from '@jest/globals';
import { checkGrounding } from '../grounding.js';
import { answerFromSections } from './answer.js';
import { CHANGING_PLAN, passage, PAYING_BY_CARD } from './testing.js';

const PLANS = passage(
  'billing#plans',
  'plans-and-billing',
  'Plans and prices',
  [
    'Plan | Desk | Price per month',
    'Day Pass | Any free desk for one day | $25',
    'Flex | Any free desk, 10 days a month | $180',
    'Resident | Your own desk, every day | $350',
    'Studio | A private room for up to 4 people | $900',
    'Team | A private room for up to 10 people | $1,900',
    'Every plan includes wifi, coffee and printing up to 100 pages a month. Meeting rooms are booked separately by the hour and charged to the card on file at the end of the month.',
    'Plans renew on the day of the month you joined. You can change plan at any time; the new price applies from the next renewal and we never charge twice for the same month.',
  ].join('\n'),
  0.7,
);
const EXPORT = passage(
  'billing#export',
  'plans-and-billing',
  'Downloading invoices',
  [
    'To download your invoices as PDF:',
    '- Sign in and open Account > Billing .',
    '- Choose the year.',
    '- Select Download all . A zip file with one PDF per month is saved.',
  ].join('\n'),
  0.7,
);
const PAYMENT = passage(
  'payment#methods',
  'paying-for-your-plan',
  'Ways to pay',
  'We accept Visa, Mastercard and American Express. Bank transfers are accepted for Team plans paid yearly; ask us for the account details.',
  0.5,
);
const GUESTS = passage(
  'visits#guests',
  'visits-and-guests',
  'Bringing guests',
  'Members may bring up to two guests a day. Guests sign in at reception with photo ID.',
  0.45,
);
const HISTORY = passage(
  'about#history',
  'about-us',
  'Our story',
  [
    'We opened our first space in 2014 in a former printing works.',
    'Since then we have grown to four buildings, each with a cafe, a quiet floor and bookable meeting rooms.',
    'Our members range from freelancers to teams of fifty, and most of them found us through a friend.',
    'We host a members breakfast on the first Friday of every month and a talk on the third Thursday.',
    'Community managers at reception can introduce you to other members who work in your field.',
    'All four buildings are open from 7:00 to 22:00 on weekdays and from 9:00 to 18:00 at weekends.',
  ].join('\n'),
  0.4,
);

const grounded = (text: string, passages: Parameters<typeof checkGrounding>[1]) =>
  checkGrounding(text, passages, [], []).groundedness;

const afterReturn = passage(
  'refunds#returns',
  'refunds',
  'Refunds for returns',
  'After a return arrives we check the items within 3 days and then issue your refund.',
  0.7,
);
const afterCancel = passage(
  'refunds#cancelled',
  'refunds',
  'Refunds for cancelled bookings',
  'A cancelled booking is refunded the same day you cancel it.',
  0.65,
);

describe('answerFromSections: what is quoted', () => {
  it("quotes a long table's matching rows under its header row, not the other rows", () => {
    const answer = answerFromSections('How much is the Studio plan per month?', [PLANS, PAYMENT])!;
    expect(answer.quotes).toHaveLength(1);
    const [table] = answer.quotes[0]!.blocks;
    expect(table).toBe('Plan | Desk | Price per month\nStudio | A private room for up to 4 people | $900');
    expect(answer.quotes[0]!.passage.chunkId).toBe('billing#plans');
    expect(grounded(table!, [PLANS])).toBe(1);
  });

  it('quotes a procedure whole and in order, with the line that introduces it', () => {
    const answer = answerFromSections('how can i get my invoices as pdf files', [PLANS, EXPORT])!;
    expect(answer.quotes.map((q) => q.passage.chunkId)).toEqual(['billing#export']);
    expect(answer.quotes[0]!.blocks).toEqual([
      'To download your invoices as PDF:',
      [
        '- Sign in and open Account > Billing.',
        '- Choose the year.',
        '- Select Download all. A zip file with one PDF per month is saved.',
      ].join('\n'),
    ]);
  });

  it('answers a question asking how to do something with the section that gives the steps', () => {
    const which = passage(
      'bookings#which',
      'cancel-a-booking',
      'Which bookings can be cancelled',
      'A booking can be cancelled up to 24 hours before it starts. A booking that has started cannot be cancelled.',
      0.8,
    );
    const how = passage(
      'bookings#how',
      'cancel-a-booking',
      'How to cancel',
      '1. Open the booking in the app.\n2. Select Cancel and give a reason.\n3. We email you when it is done.',
      0.7,
    );
    const part = passage(
      'bookings#part',
      'cancel-a-booking',
      'Cancelling part of a booking',
      'A cancellation applies to the whole booking. You cannot cancel a single day of a longer booking.',
      0.7,
    );
    for (const question of ['how do i cancel a booking', 'How can I cancel my booking?'])
      expect(answerFromSections(question, [which, how, part])!.quotes.map((q) => q.passage.chunkId)).toEqual([
        'bookings#how',
      ]);
    // Asked when, not how, the rules answer.
    expect(
      answerFromSections('until when can a booking be cancelled?', [which, how, part])!.quotes[0]!.passage
        .chunkId,
    ).toBe('bookings#which');
  });

  it('quotes a short section whole', () => {
    const answer = answerFromSections('Can I bring a friend along for the day?', [GUESTS, PAYMENT])!;
    expect(answer.quotes[0]!.blocks).toEqual([
      'Members may bring up to two guests a day. Guests sign in at reception with photo ID.',
    ]);
  });

  it('trims a long section to the paragraphs that match, leaving the rest out', () => {
    const answer = answerFromSections('What are your opening hours at weekends?', [HISTORY])!;
    expect(answer.quotes[0]!.blocks).toEqual([
      'All four buildings are open from 7:00 to 22:00 on weekdays and from 9:00 to 18:00 at weekends.',
    ]);
  });

  it('answers two questions in one ticket from two sections, in retrieval order', () => {
    const answer = answerFromSections(
      'Hi! How do I download my invoices? And do you take bank transfers?\nThanks, Lea',
      [EXPORT, PLANS, PAYMENT],
    )!;
    expect(answer.quotes.map((q) => q.passage.chunkId)).toEqual(['billing#export', 'payment#methods']);
    expect(answer.coverage).toMatchObject({ asks: 2, answered: 2, sections: 2 });
  });

  it('quotes a second section of the leading article only when it matches about as well as the first', () => {
    // "refund" in both sections, "cancelled" only in one: a clear winner, quoted alone.
    const clear = answerFromSections('When is a cancelled booking refunded?', [afterReturn, afterCancel])!;
    expect(clear.quotes.map((q) => q.passage.chunkId)).toEqual(['refunds#cancelled']);
    // A near tie in another article is not quoted: the leading article's section answers alone.
    const otherArticle = { ...afterCancel, articleId: 'bookings' };
    const single = answerFromSections('When do I get my refund?', [afterReturn, otherArticle])!;
    expect(single.quotes.map((q) => q.passage.chunkId)).toEqual(['refunds#returns']);
  });

  it("prefers retrieval's leading article, unless another article matches clearly better", () => {
    // Both speak of guests; retrieval put the plans first, but only the guests section says anything about them.
    const guests = answerFromSections('how many guests can I bring?', [PLANS, GUESTS])!;
    expect(guests.quotes[0]!.passage.articleId).toBe('visits-and-guests');
    // "charged" and "month" are in both; the leading article's section wins the near tie.
    const charges = answerFromSections('when am I charged each month?', [PLANS, PAYMENT])!;
    expect(charges.quotes[0]!.passage.articleId).toBe('plans-and-billing');
  });

  it("lets the customer's records choose between sections, but not what the answer must cover", () => {
    const question = 'When do I get my refund?';
    // Without records the two sections answer it about as well: both are quoted, the customer reads theirs.
    const plain = answerFromSections(question, [afterReturn, afterCancel])!;
    expect(plain.quotes.map((q) => q.passage.chunkId)).toEqual(['refunds#returns', 'refunds#cancelled']);
    const cancelled = answerFromSections(question, [afterReturn, afterCancel], { context: 'cancelled' })!;
    expect(cancelled.quotes.map((q) => q.passage.chunkId)).toEqual(['refunds#cancelled']);
    // The record's word is no part of the question: the answer is not measured against it.
    const unrelated = answerFromSections(question, [afterReturn], { context: 'delivered' })!;
    expect(unrelated.coverage.share).toBe(answerFromSections(question, [afterReturn])!.coverage.share);
  });

  it('leans to the section that answered questions alike, as retrieval votes for it', () => {
    const question = 'When do I get my refund?';
    expect(answerFromSections(question, [afterReturn, afterCancel])!.quotes[0]!.passage.chunkId).toBe(
      'refunds#returns',
    );
    const voted = { ...afterCancel, scores: { ...afterCancel.scores, answered: 0.8 } };
    expect(answerFromSections(question, [afterReturn, voted])!.quotes[0]!.passage.chunkId).toBe(
      'refunds#cancelled',
    );
    // A vote does not make a section that shares no word with the question an answer.
    const elsewhere = { ...GUESTS, scores: { ...GUESTS.scores, answered: 1 } };
    expect(answerFromSections(question, [afterReturn, elsewhere])!.quotes[0]!.passage.chunkId).toBe(
      'refunds#returns',
    );
  });

  it('leaves out sections that only link elsewhere, and answers nothing from none', () => {
    const related = passage(
      'billing#related',
      'plans-and-billing',
      'Related',
      '- Ways to pay\n- Guests',
      0.9,
    );
    expect(answerFromSections('ways to pay', [related])).toBeUndefined();
    expect(answerFromSections('Do you rent lockers?', [GUESTS])).toBeUndefined();
  });
});

describe('answerFromSections: coverage', () => {
  it('reports a question the quotes answer in full', () => {
    const answer = answerFromSections('How much is the Studio plan per month?', [PLANS, PAYMENT])!;
    expect(answer.coverage.share).toBeGreaterThan(0.6);
    expect(answer.coverage).toMatchObject({ asks: 1, answered: 1, sections: 1 });
  });

  it('counts a word the section says in another form of the same word ("delivery", "delivered")', () => {
    const parcels = passage(
      'front-desk#parcels',
      'front-desk',
      'Parcels for members',
      'Parcels delivered to the front desk are kept for 14 days. We email you when one arrives.',
      0.7,
    );
    const answer = answerFromSections('can you hold deliveries for me?', [parcels, GUESTS])!;
    expect(answer.quotes[0]!.passage.chunkId).toBe('front-desk#parcels');
    expect(answer.coverage.share).toBeGreaterThan(0.25);
  });

  it('reports low coverage when the sections do not speak of what is asked', () => {
    const answer = answerFromSections('Is there parking for my car near the building?', [HISTORY, GUESTS])!;
    expect(answer.coverage.share).toBeLessThan(0.4);
    expect(answer.coverage.answered).toBe(0);
  });

  it("does not count a question made of the article's topic words as answered by one section", () => {
    const answer = answerFromSections('what are your plans and billing?', [PLANS])!;
    expect(answer.coverage.answered).toBe(0);
  });

  it('counts in coverage no word of the situation told before a question that no section speaks of', () => {
    const bare = answerFromSections('Can I bring a friend along for the day?', [GUESTS, PAYMENT])!;
    const told = answerFromSections(
      'I am writing from my phone on the train, sorry if this is short. Can I bring a friend along for the day?',
      [GUESTS, PAYMENT],
    )!;
    expect(told.quotes).toEqual(bare.quotes);
    expect(told.coverage.share).toBe(bare.coverage.share);
    expect(told.coverage.answered).toBe(bare.coverage.answered);
    // What a section does speak of still counts: the answer covers less of a situation it says nothing to.
    const visa = answerFromSections('I paid with Visa last month. Can I bring a friend along for the day?', [
      GUESTS,
      PAYMENT,
    ])!;
    expect(visa.coverage.share).toBeLessThan(bare.coverage.share);
  });

  it('marks the second of two questions unanswered when no section speaks of it', () => {
    const answer = answerFromSections('How do I download my invoices? Do you have lockers for bikes?', [
      EXPORT,
      GUESTS,
    ])!;
    expect(answer.coverage).toMatchObject({ asks: 2, answered: 1, sections: 1 });
  });

  it('matches neither greetings, sign-offs nor the names in them', () => {
    const plain = answerFromSections('Can I bring a friend along for the day?', [GUESTS, HISTORY])!;
    const polite = answerFromSections(
      'Good morning team,\n\nCan I bring a friend along for the day?\n\nKind regards,\nFriday Printing',
      [GUESTS, HISTORY],
    )!;
    expect(polite).toEqual(plain);
  });

  it('weighs common words less when word weights are given', () => {
    const question = 'Can I bring my cousin as a guest tomorrow?';
    const plain = answerFromSections(question, [GUESTS])!;
    const weighted = answerFromSections(question, [GUESTS], {
      wordWeight: (w) => (w === 'tomorrow' ? 0.1 : 1),
    })!;
    expect(weighted.quotes).toEqual(plain.quotes);
    expect(weighted.coverage.share).toBeGreaterThan(plain.coverage.share);
  });

  it('says how clearly the quoted section beat the next best one', () => {
    // Only one section speaks of invoices: a clear margin.
    const clear = answerFromSections('How do I download my invoices?', [EXPORT, GUESTS])!;
    expect(clear.coverage.margin).toBeGreaterThan(0.5);
    // Nothing else matched at all: the whole margin.
    expect(answerFromSections('How do I download my invoices?', [EXPORT])!.coverage.margin).toBe(1);
    // Two sections about paying: the choice between them is close.
    const close = answerFromSections('How do I pay for my plan?', [PLANS, PAYMENT])!;
    expect(close.coverage.margin).toBeLessThan(clear.coverage.margin!);
  });

  it('measures the margin of two sections quoted at a near tie against the best one left out', () => {
    const question = 'When do I get my refund?';
    const pair = answerFromSections(question, [afterReturn, afterCancel])!;
    expect(pair.quotes).toHaveLength(2);
    // Nothing else was there to quote instead: the whole margin, as for a single section alone.
    expect(pair.coverage.margin).toBe(1);
    // A third section that matches less: the pair beat it by a clear margin, though they tie with each other.
    const third = answerFromSections(question, [afterReturn, afterCancel, GUESTS])!;
    expect(third.quotes).toHaveLength(2);
    expect(third.coverage.margin).toBeGreaterThan(0.5);
  });

  it('says which kinds of answer the question asks for and whether the quotes give them', () => {
    // "How much" wants an amount, and the plans table gives prices.
    const priced = answerFromSections('How much is the Studio plan?', [PLANS])!;
    expect(priced.coverage).toMatchObject({ kindsAsked: 1, kindsGiven: 1 });
    // "How long" wants a duration, and the guest rules quote none.
    const timed = answerFromSections('How long can a guest stay?', [GUESTS])!;
    expect(timed.coverage).toMatchObject({ kindsAsked: 1, kindsGiven: 0 });
    expect(answerFromSections('Can I bring a friend?', [GUESTS])!.coverage).toMatchObject({
      kindsAsked: 0,
      kindsGiven: 0,
    });
  });

  it("weighs another article's section against the leading one by how clearly retrieval led", () => {
    const [lead, other] = [CHANGING_PLAN, PAYING_BY_CARD];
    const question = 'can i change the card charged at renewal?';
    const quoted = (leadMargin: number) =>
      answerFromSections(question, [lead, other], { leadMargin })!.quotes.map((q) => q.passage.section);
    // Retrieval could as well have led with the other article: the section that matches better is quoted.
    expect(quoted(0)).toEqual(['Paying by card']);
    // Retrieval led clearly: a section of another article must match far better than this to overrule it.
    expect(quoted(1)).toEqual(['Changing plan']);
  });

  it('takes a section headed as the question it answers for a "when" asked', () => {
    const ready = passage(
      'access#ready',
      'access-cards',
      'When your access card is ready',
      'An access card is printed when your first payment clears, and reception keeps it for you.',
      0.5,
    );
    const find = passage(
      'access#collect',
      'access-cards',
      'Collecting your access card',
      'Collect your card at reception with photo ID, or ask reception to post it to your address.',
      0.5,
    );
    // Both headings say "access card"; only one says when, and its text gives no date or wait, only a condition.
    const answer = answerFromSections('when do i get my access card', [find, ready])!;
    expect(answer.quotes.map((q) => q.passage.section)).toEqual(['When your access card is ready']);
    expect(answer.coverage).toMatchObject({ kindsAsked: 1, kindsGiven: 1 });
    // Headed otherwise, the same text neither wins nor gives the kind asked for.
    const plain = answerFromSections('when do i get my access card', [
      find,
      { ...ready, section: 'Printing' },
    ])!;
    expect(plain.quotes.map((q) => q.passage.section)).toEqual(['Collecting your access card']);
    expect(plain.coverage).toMatchObject({ kindsAsked: 1, kindsGiven: 0 });
  });

  it('measures word-vector similarity of question and quotes only when given a similarity', () => {
    const question = 'Can I bring a pal along?';
    expect(answerFromSections(question, [GUESTS])!.coverage.similarity).toBeUndefined();
    const alike = (a: string, b: string) =>
      (a === 'pal' && b.startsWith('guest')) || (b === 'pal' && a.startsWith('guest')) ? 0.7 : 0;
    const none = () => 0;
    const softly = answerFromSections(question, [GUESTS], { similar: alike })!.coverage.similarity!;
    const literally = answerFromSections(question, [GUESTS], { similar: none })!.coverage.similarity!;
    expect(softly).toBeGreaterThan(literally);
  });

  it("reads a misspelt question word as the sections' word one edit away, only when told what real words are", () => {
    const question = 'how do i downlaod my invoces';
    // Real words of the question are left alone; the misspellings are not words.
    const real = new Set(['how', 'do', 'i', 'my', 'download', 'invoices']);
    const mended = answerFromSections(question, [PLANS, EXPORT], { isWord: (w) => real.has(w) })!;
    expect(mended.quotes[0]!.passage.chunkId).toBe('billing#export');
    expect(mended.coverage.answered).toBe(1);
    // Without knowing real words nothing is mended, and the typos match no section.
    expect(answerFromSections(question, [PLANS, EXPORT])).toBeUndefined();
  });

  it('reads a misspelling of no section word as the commonest English word one edit away, given word ranks', () => {
    // "dors" is one edit from no section word: left as it is, it counts as a question word nothing covers.
    const question = 'how dors one download the invoices as a zip file';
    const ranks = new Map([
      ['how', 50],
      ['does', 90],
      ['doors', 2900],
      ['zip', 9000],
      ['file', 900],
      ['download', 2000],
      ['invoices', 12000],
    ]);
    const isWord = (w: string) => ranks.has(w);
    const plain = answerFromSections(question, [PLANS, EXPORT], { isWord })!;
    const ranked = answerFromSections(question, [PLANS, EXPORT], {
      isWord,
      commonRank: (w) => ranks.get(w),
    })!;
    expect(ranked.quotes[0]!.passage.chunkId).toBe('billing#export');
    expect(ranked.coverage.share).toBeGreaterThan(plain.coverage.share);
  });
});
