import { describe, expect, it } from '@jest/globals';
import { asksAboutAStoreVisit } from './store-visit.js';

describe('asksAboutAStoreVisit', () => {
  it.each([
    'What time does your store on Main St close on Sundays?',
    'is there a store near me where i can try the chairs?',
    'Where is your nearest shop? I would like to see the bookshelf first',
    'Can I return the kettle in-store instead of posting it?',
    'can i come into the shop and pick one up today',
    'Could I collect it from your branch at the Westfield mall?',
    'Is your shop on Queen Street open late?',
    'where are your stores',
    'Where is your shop located?',
    'Do you have a physical store or only online?',
  ])('%j asks about a shop to visit', (text) => {
    expect(asksAboutAStoreVisit(text)).toBe(true);
  });

  it.each([
    'what are your store hours?',
    'Can I get store credit instead of a refund?',
    'Does your store ship to Canada?',
    'I bought it from your online store last week, can I return it?',
    'where is my order?',
    'when does the shop close its support line on Sundays',
    'Is the warehouse where returns go in the US?',
    "There's a charge from your store on my statement that I don't recognise.",
    'I bought a lamp from your store on Black Friday, can I still return it?',
    'is your store in the app the same as the website?',
    "Where is the store's return address?",
  ])('%j does not', (text) => {
    expect(asksAboutAStoreVisit(text)).toBe(false);
  });
});
