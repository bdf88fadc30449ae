import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnsweredQuestion } from '@parley/demo-store';
import { sectionKey } from './answered-questions.js';
import { ArticleClassifier, MIN_CLASSIFIER_QUESTIONS } from './article-classifier.js';

// Three articles, each asked about in its own words, every question put together from a frame and a topic
// phrase, so no test wording below is among them.
const TOPICS: Record<string, string[]> = {
  'shipping-methods': [
    'next day delivery',
    'expedited shipping cost',
    'standard postage time',
    'faster courier',
  ],
  'gift-cards': ['gift card balance', 'gift voucher expiry', 'store credit on a gift card', 'lost gift card'],
  'login-password': ['reset my password', 'locked out of my account', 'sign in link', 'forgot my login'],
};
const FRAMES = [
  'how does the {} work',
  'quick question about {}',
  'can you explain {}',
  'i need help with {}',
  'what are the rules for {}',
];

/** Each topic's questions name the section of its own that held their answer ("Topic 2"). */
function questions(): AnsweredQuestion[] {
  const out: AnsweredQuestion[] = [];
  for (const [article, topics] of Object.entries(TOPICS))
    topics.forEach((topic, i) => {
      for (const frame of FRAMES)
        out.push({
          id: `q${out.length}`,
          text: frame.replace('{}', topic),
          articles: [article],
          sections: [{ articleId: article, section: `Topic ${i}` }],
        });
    });
  return out;
}

const top = (boosts: Map<string, number>) => [...boosts].sort((a, b) => b[1] - a[1])[0]![0];

describe('ArticleClassifier', () => {
  it('finds the article for wording no answered question has', () => {
    const classifier = ArticleClassifier.train(questions(), undefined, 1)!;
    expect(classifier.size).toBe(60);
    expect(top(classifier.boosts('hello, is there a cost for next day delivery to ohio?'))).toBe(
      'shipping-methods',
    );
    expect(top(classifier.boosts('my gift card balance looks wrong, why?'))).toBe('gift-cards');
    expect(top(classifier.boosts('I am locked out, the password reset never came'))).toBe('login-password');
  });

  it('boosts each likely article by its probability times the weight', () => {
    const one = ArticleClassifier.train(questions(), undefined, 1)!.boosts('gift voucher expiry date?');
    const two = ArticleClassifier.train(questions(), undefined, 2)!.boosts('gift voucher expiry date?');
    const sum = [...one.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(one.get('gift-cards')!).toBeGreaterThan(0.5);
    for (const [article, boost] of one) expect(two.get(article)).toBeCloseTo(2 * boost);
  });

  it('votes for the section that held the answer to questions alike, by its probability times the weight', () => {
    const classifier = ArticleClassifier.train(questions(), undefined, 1)!;
    const votes = classifier.sectionVotes('is there a charge for next day delivery?');
    expect(top(votes)).toBe(sectionKey('shipping-methods', 'Topic 0'));
    expect([...votes.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    const twice = ArticleClassifier.train(questions(), undefined, 2)!.sectionVotes(
      'is there a charge for next day delivery?',
    );
    for (const [key, vote] of votes) expect(twice.get(key)).toBeCloseTo(2 * vote);
    // Questions that name no sections teach articles only.
    const bare = questions().map(({ sections: _, ...q }) => q);
    expect(ArticleClassifier.train(bare, undefined, 1)!.sectionVotes('next day delivery?').size).toBe(0);
  });

  it('is the same classifier every time it is trained on the same questions', () => {
    const a = ArticleClassifier.train(questions(), undefined, 1)!.boosts('faster courier please');
    const b = ArticleClassifier.train(questions(), undefined, 1)!.boosts('faster courier please');
    expect([...a]).toEqual([...b]);
  });

  it('keeps what it trained on disk, reads it back for the same questions, and trains afresh for others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-classifier-'));
    const query = 'is there a charge for next day delivery?';
    const first = (await ArticleClassifier.load(questions(), undefined, 1, dir))!;
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.articles') || f.endsWith('.sections'))).toHaveLength(2);
    const again = (await ArticleClassifier.load(questions(), undefined, 1, dir))!;
    expect([...again.boosts(query)]).toEqual([...first.boosts(query)]);
    expect([...again.sectionVotes(query)]).toEqual([...first.sectionVotes(query)]);
    // Either way it holds byte weights, scoring within rounding of the float classifier just trained.
    const floats = ArticleClassifier.train(questions(), undefined, 1)!.boosts(query);
    expect([...first.boosts(query).keys()]).toEqual([...floats.keys()]);
    for (const [article, boost] of first.boosts(query)) expect(boost).toBeCloseTo(floats.get(article)!, 2);
    // Other questions are another classifier; a damaged file is trained over.
    await ArticleClassifier.load(questions().slice(1), undefined, 1, dir);
    expect((await readdir(dir)).filter((f) => f.endsWith('.articles'))).toHaveLength(2);
    const articlesFile = files.find((f) => f.endsWith('.articles'))!;
    await writeFile(join(dir, articlesFile), 'not a model');
    const repaired = (await ArticleClassifier.load(questions(), undefined, 1, dir))!;
    expect([...repaired.boosts(query)]).toEqual([...first.boosts(query)]);
    // A cache that cannot be written is skipped.
    const unwritable = join(dir, articlesFile, 'below-a-file');
    expect(await ArticleClassifier.load(questions(), undefined, 1, unwritable)).toBeDefined();
  });

  it('is not trained at weight 0, on too few questions or on one article alone', () => {
    const all = questions();
    expect(ArticleClassifier.train(all, undefined, 0)).toBeUndefined();
    expect(ArticleClassifier.train(all.slice(0, MIN_CLASSIFIER_QUESTIONS - 1), undefined, 1)).toBeUndefined();
    const oneArticle = all.map((q) => ({ ...q, articles: ['gift-cards'] }));
    expect(ArticleClassifier.train(oneArticle, undefined, 1)).toBeUndefined();
  });
});
