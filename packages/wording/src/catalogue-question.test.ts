import { describe, expect, it } from '@jest/globals';
import {
  asksAboutRestock,
  asksCatalogueOnly,
  asksProductItself,
  asksRestockOnly,
} from './catalogue-question.js';

describe('asksCatalogueOnly', () => {
  it.each([
    'What sizes does the fleece jacket come in?',
    'Is the smart watch available in silver with a leather band?',
    'Over-ear headphones, wired, in black. In stock?',
    "What's the cheapest notebook you've got?",
    'Which size options does the fleece jacket come in, and is XL in stock?',
    'what pressure is the espresso machine?',
    'what kinds of vacuum cleaner do you have?',
  ])('%j asks only for options, stock or prices', (text) => {
    expect(asksCatalogueOnly(text)).toBe(true);
  });

  it.each([
    'Why does the XL cost more than the M? Same shirt.',
    'When will the 1000 piece puzzle be back in stock?',
    'Can I preorder the silver luggage set? It says unavailable',
    "Does the bicycle come assembled? What's the frame made of?",
    'The t-shirt in #W1234567 should be a medium. Is it available in M?',
    'The shoes you sent are two different sizes, is the 9 in stock?',
    'Where is my order?',
    "Do you have a size chart for the running shoes? I'm between a 9 and a 10 in other brands",
    'Do the hiking boots run small? Which size should I get?',
    'Do you sell spare brushes for the robot vacuum?',
    'Who makes your gaming mouse? Is it available in white?',
    'What are the dimensions of the 6 ft bookshelf, and what does it cost?',
  ])('%j asks more than the catalogue holds', (text) => {
    expect(asksCatalogueOnly(text)).toBe(false);
  });
});

describe('asksAboutRestock', () => {
  it.each([
    'When will the 1000 piece beginner animal puzzle be back in stock?',
    'Can I preorder the silver hardshell 2-piece luggage set? It says unavailable',
    'The red kettle is out of stock. When are you getting more in?',
    'when will the blue one be available again',
    'Can you let me know when the black mesh chair comes back?',
  ])('%j asks about stock to come', (text) => {
    expect(asksAboutRestock(text)).toBe(true);
  });

  it.each([
    'Is the office chair in stock in black?',
    'What sizes does the fleece jacket come in?',
    'When will my order be delivered?',
    'I want to send the lamp back',
  ])('%j does not', (text) => {
    expect(asksAboutRestock(text)).toBe(false);
  });
});

describe('asksRestockOnly', () => {
  it.each([
    'When will the 1000 piece beginner animal puzzle be back in stock?',
    'Can I preorder the silver hardshell 2-piece luggage set? It says unavailable',
  ])('%j asks only about stock to come', (text) => {
    expect(asksRestockOnly(text)).toBe(true);
  });

  it.each([
    'Is the office chair in stock in black?',
    'When will the kettle be back in stock? Why is it always sold out?',
    'Can I preorder the luggage set and get it shipped to Canada?',
    'When are you getting more kettles in? Can I preorder one?',
  ])('%j does not', (text) => {
    expect(asksRestockOnly(text)).toBe(false);
  });
});

describe('asksProductItself', () => {
  it.each([
    'what brand is the espresso machine?',
    'how heavy is the laptop?',
    'is the office chair easy to assemble?',
    'does the smartphone come with a charger in the box?',
    'how loud is the vacuum cleaner?',
  ])('%j asks about the product itself', (text) => {
    expect(asksProductItself(text)).toBe(true);
  });

  it.each([
    'does the laptop come with a warranty?',
    'how long does the bicycle take to ship?',
    'can I return the espresso machine if I used it?',
    'What sizes does the fleece jacket come in?',
  ])('%j asks what the help centre speaks to, or only the catalogue', (text) => {
    expect(asksProductItself(text)).toBe(false);
  });
});
