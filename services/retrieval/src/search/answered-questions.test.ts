import { describe, expect, it } from '@jest/globals';
import { hashingEmbedder, HybridIndex } from '@parley/knowledge';
import type { SearchResult } from '@parley/knowledge';
import { AnsweredQuestions, sectionKey } from './answered-questions.js';
import { scaledBestPerArticle } from './intent-prior.js';

const questions = [
  {
    id: 'q1',
    text: 'can you bump my order up to next day delivery',
    articles: ['shipping-methods'],
    sections: [{ articleId: 'shipping-methods', section: 'Upgrading' }],
  },
  { id: 'q2', text: 'is my gift card balance ever going to expire', articles: ['gift-cards'] },
  {
    id: 'q3',
    text: 'refund to a gift card instead of my visa when i return something',
    articles: ['refund-timing', 'gift-cards'],
  },
];
const embedded = async () => new HybridIndex({ embedder: hashingEmbedder() });

describe('AnsweredQuestions', () => {
  it("lifts the articles of the questions most alike the ticket's words", async () => {
    const bank = await AnsweredQuestions.build(questions, embedded, 1);
    expect(bank.applies).toBe(true);
    const boosts = (await bank.alike('hi, could you bump it up to next day delivery? thanks')).articles;
    const [lead] = [...boosts].sort((a, b) => b[1] - a[1]);
    expect(lead![0]).toBe('shipping-methods');
    expect(lead![1]).toBeGreaterThan(boosts.get('gift-cards') ?? 0);
    expect(lead![1]).toBeLessThanOrEqual(1);
  });

  it('votes for the sections that held the answers of the questions alike', async () => {
    const bank = await AnsweredQuestions.build(questions, embedded, 1);
    const { articles, sections } = await bank.alike('could you bump it up to next day delivery?');
    expect([...sections.keys()]).toEqual([sectionKey('shipping-methods', 'Upgrading')]);
    expect(sections.get(sectionKey('shipping-methods', 'Upgrading'))).toBe(articles.get('shipping-methods'));
    // Questions without known sections vote for none.
    expect((await bank.alike('is my gift card balance going to expire')).sections.size).toBe(0);
  });

  it('lets a question answered by two articles vote for both', async () => {
    const bank = await AnsweredQuestions.build(questions, embedded, 1);
    const boosts = (await bank.alike('can my refund go to a gift card instead of the visa?')).articles;
    expect(boosts.get('refund-timing')).toBeGreaterThan(0);
    expect(boosts.get('gift-cards')).toBeGreaterThan(0);
  });

  it('boosts in proportion to its weight, and nothing at weight 0 or without questions', async () => {
    const query = 'is my gift card balance going to expire';
    const one = (await (await AnsweredQuestions.build(questions, embedded, 1)).alike(query)).articles;
    const half = (await (await AnsweredQuestions.build(questions, embedded, 0.5)).alike(query)).articles;
    expect(half.get('gift-cards')).toBeCloseTo(one.get('gift-cards')! / 2);
    const off = await AnsweredQuestions.build(questions, embedded, 0);
    expect(off.applies).toBe(false);
    expect(await off.alike(query)).toEqual({ articles: new Map(), sections: new Map() });
    const empty = await AnsweredQuestions.build([], embedded, 1);
    expect(empty.applies).toBe(false);
  });
});

describe('scaledBestPerArticle', () => {
  it("keeps each article's best confidence, scaled", () => {
    const r = (articleId: string, confidence: number) =>
      ({ chunk: { articleId }, confidence }) as SearchResult;
    const best = scaledBestPerArticle([r('a', 0.4), r('b', 0.9), r('a', 0.8)], 0.5);
    expect([...best]).toEqual([
      ['a', 0.4],
      ['b', 0.45],
    ]);
  });
});
