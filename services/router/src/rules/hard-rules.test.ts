import { describe, expect, it } from '@jest/globals';
import { checkHardRules } from './hard-rules.js';

const opts = { escalateAmountUsd: 200 };
const ids = (text: string, o = opts) => checkHardRules(text, o).map((h) => h.id);

describe('money_over_limit', () => {
  it('fires on a refund or charge above the limit, whatever the notation', () => {
    expect(ids('I want a refund of $450 for the chair')).toEqual(['money_over_limit']);
    expect(ids('You charged me 450 dollars for nothing')).toEqual(['money_over_limit']);
    expect(ids('Please reimburse USD 1,200.50 today')).toEqual(['money_over_limit']);
  });

  it.each([
    'I want a refund of 5k',
    'Refund EUR 5000 now',
    'You charged me $ 5 0 0 0',
    'Refund five thousand dollars to my card',
    'I was charged £5,000.00 for nothing',
    'Please refund 5 000 € today',
    'You charged USD5000',
    'Bitte refund 5.000,00 EUR',
    'You owe me two hundred and fifty bucks',
    'Refund the 1.5k you took',
    'They charged me a grand for this',
    'I want two grand back as compensation',
    'Refund my 300 Canadian dollars',
    'I was billed twelve hundred euros',
    'Refund the $2.5 million',
    'I want my $ 5 0 0 0 back now',
    'Give me back five thousand dollars',
  ])('fires on %j', (text) => {
    expect(ids(text)).toEqual(['money_over_limit']);
  });

  it.each([
    'Refund order #W5000123 please',
    'I was charged for the 5000 mAh battery',
    'Refund my 4K TV, it arrived broken',
    'I paid in 2023 and want a refund',
    'Refund 5000 units of nothing? No, just 2 items at $45',
    'Please call me back on 555 123 4567 about the refund',
    'I want a refund of 120 euros',
  ])('stays quiet on %j', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('counts another currency at no less than its dollar value', () => {
    expect(ids('Refund my €180', opts)).toEqual(['money_over_limit']);
    expect(checkHardRules('refund EUR 5000', opts)[0]!.reason).toBe(
      'refund, charge or compensation of EUR 5000.00 (counted as $7000.00) is over the $200 limit',
    );
  });

  it('stays quiet at or under the limit, and for prices outside a money claim', () => {
    expect(ids('I want a refund of $200')).toEqual([]);
    expect(ids('Refund the $45.99 water bottle please')).toEqual([]);
    expect(ids('Is the $450 office chair available in black?')).toEqual([]);
  });

  it('uses the configured limit', () => {
    expect(ids('Refund my $150 please', { escalateAmountUsd: 100 })).toEqual(['money_over_limit']);
  });

  it('names the amount and the limit in the reason', () => {
    expect(checkHardRules('refund $450', opts)[0]!.reason).toBe(
      'refund, charge or compensation of $450.00 is over the $200 limit',
    );
  });
});

describe('account_closure', () => {
  it('fires on closing or deleting the account or its data', () => {
    expect(ids('Please close my account')).toEqual(['account_closure']);
    expect(ids('I want my account deleted.')).toEqual(['account_closure']);
    expect(ids('Delete all my personal data, right to be forgotten')).toEqual(['account_closure']);
  });

  it('does not fire on ordinary account questions', () => {
    expect(ids('How do I change the email on my account?')).toEqual([]);
    expect(ids('Cancel my order #W2611340 and update the account address')).toEqual([]);
    expect(ids('I forgot my account password')).toEqual([]);
  });
});

describe('legal, chargeback and regulator', () => {
  it('fires on legal threats', () => {
    expect(ids('My lawyer will hear about this')).toEqual(['legal_threat']);
    expect(ids('I am going to sue you')).toEqual(['legal_threat']);
    expect(ids('See you in court')).toEqual(['legal_threat']);
  });

  it('does not read "sue" inside other words', () => {
    expect(ids('There is an issue with my order, please pursue it')).toEqual([]);
  });

  it('fires on chargebacks and bank disputes', () => {
    expect(ids('I will file a chargeback')).toEqual(['chargeback']);
    expect(ids("I'll dispute this charge with my bank")).toEqual(['chargeback']);
  });

  it('fires on regulators and consumer bodies', () => {
    expect(ids('Reporting you to the FTC')).toEqual(['regulator']);
    expect(ids('I will complain to the Better Business Bureau and the attorney general')).toEqual([
      'regulator',
    ]);
  });
});

describe('human_requested', () => {
  it('fires on an explicit request for a person', () => {
    expect(ids('Can I speak to a human please?')).toEqual(['human_requested']);
    expect(ids('Let me talk to a real person')).toEqual(['human_requested']);
    expect(ids('Please escalate this to a supervisor.')).toEqual(['human_requested']);
    expect(ids('Transfer me to an agent')).toEqual(['human_requested']);
    expect(ids('I do not want a bot answering')).toEqual(['human_requested']);
    expect(ids('agent')).toEqual(['human_requested']);
    expect(ids('Operator please!!')).toEqual(['human_requested']);
    expect(ids('get me your manager')).toEqual(['human_requested']);
    expect(ids('Can someone from your team call me back? I would rather explain.')).toEqual([
      'human_requested',
    ]);
    expect(ids('This keeps failing. Escalate it to someone who can fix it.')).toEqual(['human_requested']);
    expect(
      ids("Is there a person I can call about a billing problem? I don't want automated answers."),
    ).toEqual(['human_requested']);
  });

  it('does not fire on a word for a person inside a question about something else', () => {
    expect(ids("I don't want the coffee machine any more, please cancel it")).toEqual([]);
    expect(ids('Does the courier call me before delivery?')).toEqual([]);
    expect(ids('Is an agent able to see my password?')).toEqual([]);
    expect(ids('What does the customer service team do with returns?')).toEqual([]);
  });

  it('does not fire on other people in the story', () => {
    expect(ids('I talked to the delivery person yesterday and he said it was left at the door')).toEqual([]);
  });
});

describe('abusive_language', () => {
  it('fires on listed words and masked forms', () => {
    expect(ids('This is bullshit')).toEqual(['abusive_language']);
    expect(ids('you f*ck ups')).toEqual(['abusive_language']);
    expect(ids('Your support team are idiots')).toEqual(['abusive_language']);
  });

  it('matches whole words only', () => {
    expect(ids('Shipping to Scunthorpe, and a shiitake grow kit, assessment pending, cocktail set')).toEqual(
      [],
    );
  });
});

describe('safety_hazard', () => {
  it('fires on an item that overheats, burns, sparks or hurt someone', () => {
    for (const text of [
      'my charger started smelling like burning plastic last night!! what do i do',
      'The kettle base smells of burning when I switch it on',
      'there was a burning smell coming from the hair dryer',
      'the power bank overheated and exploded on my desk',
      'Smoke came out of the speaker after an hour',
      'the lamp started sparking',
      'I got an electric shock from the espresso machine',
      'The blender caught fire!',
      'my son got hurt on the bike, the brake snapped',
    ])
      expect(ids(text)).toEqual(['safety_hazard']);
  });

  it('does not fire on warmth, fires of speech or injuries to nothing', () => {
    for (const text of [
      'Does the espresso machine keep the milk hot?',
      'How do I stop the kettle from boiling dry?',
      'I am burning to know when my order ships',
      'can I return the smoke-grey hoodie?',
      'The tablet gets a little warm when charging, is that normal?',
      'is the grill gas or charcoal?',
      'my feelings are hurt by your last reply',
    ])
      expect(ids(text)).toEqual([]);
  });
});

it('reports every rule that fires, in a fixed order', () => {
  expect(ids('Refund my $900 or my lawyer files a chargeback, you idiots')).toEqual([
    'money_over_limit',
    'legal_threat',
    'chargeback',
    'abusive_language',
  ]);
});
