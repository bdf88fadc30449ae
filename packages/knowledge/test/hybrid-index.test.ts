import { describe, expect, it } from '@jest/globals';
import { article } from './article.js';
import { HybridIndex, groupByArticle, hashingEmbedder, ingestArticles } from '../src/index.js';
import { denseQueryText, isQuestionTitle } from '../src/hybrid-index.js';
import type { ChunkRecord, Reranker } from '../src/index.js';

const kb = ingestArticles('kb', [
  {
    id: 'refunds',
    title: 'Refunds',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<h2>Refund timing</h2><p>Refunds reach your card within ten business days.</p><h2>Refund method</h2><p>We pay back to the original payment method.</p>',
  },
  {
    id: 'shipping',
    title: 'Shipping',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<h2>Delivery times</h2><p>Standard delivery takes three to five days.</p><h2>Express</h2><p>Express parcels arrive next day.</p>',
  },
  {
    id: 'passwords',
    title: 'Passwords',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<p>Reset your password from the sign-in page using the emailed link.</p>',
  },
  {
    id: 'gifts',
    title: 'Gift cards',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<p>Gift cards expire after two years and cannot be exchanged for cash.</p>',
  },
]).chunks;

async function build(
  chunks: ChunkRecord[] = kb,
  opts: { dense?: boolean; reranker?: Reranker } = {},
): Promise<HybridIndex> {
  const index = new HybridIndex({
    embedder: opts.dense === false ? undefined : hashingEmbedder(32),
    reranker: opts.reranker,
  });
  await index.upsert(chunks);
  return index;
}

const ids = (results: { chunk: ChunkRecord }[]): string[] =>
  results.map((r) => `${r.chunk.articleId}/${r.chunk.section}`);

describe('HybridIndex search', () => {
  it('ranks the matching section first with every score and rank filled', async () => {
    const index = await build();
    const [top] = await index.search('when do refunds reach my card');
    expect(`${top!.chunk.articleId}/${top!.chunk.section}`).toBe('refunds/Refund timing');
    expect(top!.ranks).toMatchObject({ bm25: 1, fused: 1, rerank: null });
    // The chunk cosine list is off by default: cosines are still read, ranks only exist with a weight.
    expect(top!.ranks.dense).toBeNull();
    const withList = await index.search('when do refunds reach my card', {
      weights: { chunkBm25: 0.5, articleBm25: 0.25, articleTitle: 0, chunkDense: 0.25, articleDense: 0.25 },
    });
    expect(withList[0]!.ranks.dense).toBeGreaterThanOrEqual(1);
    expect(top!.scores.bm25).toBeGreaterThan(0);
    expect(top!.scores.dense).toBeGreaterThan(0);
    expect(top!.scores.fused).toBeGreaterThan(0);
    const rrf = await index.search('when do refunds reach my card', { fusion: 'rrf' });
    expect(rrf[0]!.scores.fused).toBeCloseTo(1 / 61 + 1 / (60 + rrf[0]!.ranks.dense!), 10);
    expect(top!.confidence).toBeGreaterThan(0);
    expect(top!.confidence).toBeLessThanOrEqual(1);
  });

  it('stems and drops stop words so inflections match', async () => {
    const index = await build(kb, { dense: false });
    const [top] = await index.search('the passwords were resetting');
    expect(top!.chunk.articleId).toBe('passwords');
    expect(top!.scores.dense).toBeNull();
    expect(top!.ranks.dense).toBeNull();
  });

  it('honours topK, candidateDepth and minConfidence exactly', async () => {
    const index = await build();
    expect(await index.search('refunds delivery gift password', { topK: 2 })).toHaveLength(2);
    const shallow = await index.search('refunds delivery', { candidateDepth: 1, topK: 10, fusion: 'rrf' });
    expect(shallow.length).toBeLessThanOrEqual(2);
    for (const r of shallow) expect(r.ranks.bm25 === 1 || r.ranks.dense === 1).toBe(true);
    // Article-level fusion: at most one article per list (chunk and article BM25 and cosine) at depth 1.
    const articles = groupByArticle(await index.search('refunds delivery', { candidateDepth: 1, topK: 10 }));
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.length).toBeLessThanOrEqual(4);
    const all = await index.search('refunds card', { topK: 10 });
    const cut = (all[0]!.confidence + all[all.length - 1]!.confidence) / 2;
    const kept = await index.search('refunds card', { topK: 10, minConfidence: cut });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    for (const r of kept) expect(r.confidence).toBeGreaterThanOrEqual(cut);
    expect(await index.search('refunds card', { minConfidence: 1 })).toEqual([]);
  });

  it('answers a smaller topK with the first results of a larger one, fused ranks and scores included', async () => {
    const index = await build();
    const queries = [
      'refunds delivery gift password',
      'card refund express',
      'when do refunds reach my card',
    ];
    for (const query of queries) {
      const all = await index.search(query, { topK: 50, minConfidence: 0 });
      expect(all.length).toBeGreaterThan(3);
      // A line between the confidences found leaves out articles ranked among the kept ones.
      const cut = (all[0]!.confidence + all[all.length - 1]!.confidence) / 2;
      for (const minConfidence of [0, cut]) {
        const wide = await index.search(query, { topK: 50, minConfidence });
        for (let k = 1; k <= wide.length; k++)
          expect(await index.search(query, { topK: k, minConfidence })).toEqual(wide.slice(0, k));
      }
    }
  });

  it('leaves out articles below minConfidence without renumbering the fused ranks of the rest', async () => {
    // Many sections that each match a little outscore one that matches well, at a lower confidence (its best
    // section's match): the first article is ranked first and left out by a line between the two.
    const index = await build(
      ingestArticles('kb', [
        {
          id: 'many',
          title: 'Account',
          url: null,
          updatedAt: null,
          origin: 't',
          html: ['one', 'two', 'three', 'four', 'five']
            .map((n) => `<h2>Part ${n}</h2><p>Your refund history and card statement, part ${n}.</p>`)
            .join(''),
        },
        {
          id: 'one',
          title: 'Payments',
          url: null,
          updatedAt: null,
          origin: 't',
          html: '<h2>Card refunds</h2><p>A card refund statement history reaches the card within ten days. Refund card statement.</p>',
        },
      ]).chunks,
      { dense: false },
    );
    const query = 'card refund statement history';
    const all = await index.search(query, { topK: 50, minConfidence: 0 });
    const [first] = all;
    const better = all.find((r) => r.confidence > first!.confidence);
    expect(first!.chunk.articleId).toBe('many');
    expect(better?.chunk.articleId).toBe('one');
    const cut = (first!.confidence + better!.confidence) / 2;
    const kept = await index.search(query, { topK: 50, minConfidence: cut });
    expect(kept).toEqual(all.filter((r) => r.confidence >= cut));
    expect(kept[0]!.ranks.fused).toBeGreaterThan(1);
  });

  it('uses the dense list only when asked and fails clearly when it cannot', async () => {
    const index = await build();
    const sparseOnly = await index.search('refund card', { dense: false, topK: 10 });
    for (const r of sparseOnly) {
      expect(r.ranks.dense).toBeNull();
      expect(r.scores.dense).toBeNull();
    }
    const noEmbedder = await build(kb, { dense: false });
    await expect(noEmbedder.search('x', { dense: true })).rejects.toThrow(
      'dense search requested but the index was built without an embedder',
    );
    await expect(index.search('x', { topK: 0 })).rejects.toThrow('topK must be an integer >= 1');
  });

  it('reranks the fused pool with the injected reranker', async () => {
    // Prefers documents mentioning "cash", whatever the query.
    const reranker: Reranker = { rerank: async (_q, docs) => docs.map((d) => (d.includes('cash') ? 1 : 0)) };
    const index = await build(kb, { reranker });
    const plain = await index.search('refunds card', { topK: 10 });
    const reranked = await index.search('refunds card', { topK: 10, rerank: true });
    expect(plain[0]!.chunk.articleId).toBe('refunds');
    expect(reranked[0]!.chunk.articleId).toBe('gifts');
    expect(reranked[0]!.ranks.rerank).toBe(1);
    expect(reranked[0]!.scores.rerank).toBe(1);
    expect(ids(reranked.slice(1))).toEqual(ids(plain.filter((r) => r.chunk.articleId !== 'gifts')));
    await expect((await build()).search('x', { rerank: true })).rejects.toThrow(
      'rerank requested but the index was built without a reranker',
    );
  });
});

describe('HybridIndex updates', () => {
  it('matches a fresh build after upserts and removals, deterministically', async () => {
    const incremental = await build(kb.slice(0, 3));
    await incremental.upsert(kb.slice(3));
    const edited = { ...kb[0]!, text: 'Refunds reach your bank within two weeks.', contentHash: 'edited' };
    await incremental.upsert([edited]);
    expect(incremental.remove([kb[2]!.id, 'unknown'])).toBe(1);

    const finalChunks = kb.filter((c) => c.id !== kb[2]!.id).map((c) => (c.id === edited.id ? edited : c));
    const fresh = await build(finalChunks);
    for (const q of ['refunds bank weeks', 'express delivery', 'gift cash', 'payment method']) {
      const a = await incremental.search(q, { topK: 10 });
      const b = await fresh.search(q, { topK: 10 });
      expect(a.map((r) => [r.chunk.id, r.scores.bm25, r.scores.dense])).toEqual(
        b.map((r) => [r.chunk.id, r.scores.bm25, r.scores.dense]),
      );
    }
    expect(incremental.size).toBe(finalChunks.length);
    expect(incremental.get(edited.id)?.text).toBe(edited.text);
  });

  it('compacts after many removals and keeps answering', async () => {
    const many: ChunkRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      ...kb[i % kb.length]!,
      id: `c${i}`,
      articleId: `a${i}`,
    }));
    const index = await build(many);
    index.remove(many.slice(0, 2500).map((c) => c.id));
    expect(index.size).toBe(500);
    const results = await index.search('express parcels next day', { topK: 3 });
    expect(results).toHaveLength(3);
    for (const r of results) expect(Number(r.chunk.id.slice(1))).toBeGreaterThanOrEqual(2500);
    expect(index.stats().chunks).toBe(500);
  });

  it('groups chunk results by article keeping the best rank', async () => {
    const index = await build();
    const hits = groupByArticle(await index.search('refund payment card', { topK: 10 }));
    expect(new Set(hits.map((h) => h.articleId)).size).toBe(hits.length);
    expect(hits[0]).toMatchObject({ articleId: 'refunds', rank: 1 });
    expect(hits[0]!.best.ranks.fused).toBe(1);
  });

  it('scores titles alone in the title list, which is off by default', async () => {
    const faq = ingestArticles('kb', [
      {
        id: 'reset',
        title: 'How do I reset my password?',
        url: null,
        updatedAt: null,
        origin: 't',
        html: '<p>Open the sign-in page and follow the emailed link.</p>',
      },
      {
        id: 'security',
        title: 'Keeping your account safe',
        url: null,
        updatedAt: null,
        origin: 't',
        html: '<p>Choose a long password. If you forget it, reset it from the sign-in page.</p>',
      },
    ]).chunks;
    const index = await build(faq, { dense: false });
    const titleOnly = { chunkBm25: 0, articleBm25: 0, articleTitle: 1, chunkDense: 0, articleDense: 0 };
    const hits = groupByArticle(await index.search('reset password', { weights: titleOnly, topK: 10 }));
    // "security" holds both words in its text but not in its title: no evidence from the title list.
    expect(hits.map((h) => h.articleId)).toEqual(['reset', 'security']);
    expect(hits[0]!.best.confidence).toBeGreaterThan(0.3);
    expect(hits[1]!.best.confidence).toBe(0);
    const byDefault = await index.search('reset password', { topK: 10 });
    expect(groupByArticle(byDefault).map((h) => h.articleId)).toContain('security');
  });
});

describe('HybridIndex title list (FAQ-style help centres)', () => {
  const faq = (id: string, title: string, answer: string) => ({
    id,
    title,
    url: null,
    updatedAt: null,
    origin: 't',
    html: `<p>${answer}</p>`,
  });
  const withTitle = (articleTitle: number) => ({
    weights: { chunkBm25: 0.5, articleBm25: 0.25, articleTitle, chunkDense: 0, articleDense: 0.25 },
  });

  it('tells FAQ titles (questions) from topic labels', () => {
    expect(isQuestionTitle('Can I pause my membership?')).toBe(true);
    expect(isQuestionTitle('Pausing your membership')).toBe(false);
  });

  it('leaves an index of topic-titled articles exactly as it is, confidence included', async () => {
    const index = await build();
    const on = await index.search('when do refunds reach my card', withTitle(0.5));
    const off = await index.search('when do refunds reach my card', withTitle(0));
    expect(on).toEqual(off);
  });

  it('lets the question an FAQ entry is titled with lift it over an answer that merely shares words', async () => {
    const chunks = ingestArticles('faq', [
      faq(
        'pause',
        'Can I pause my membership?',
        'Yes, for up to three months a year, from your account page.',
      ),
      faq(
        'cancel',
        'How do I cancel?',
        'Cancelling ends your membership at the end of the month; your account page shows the date.',
      ),
    ]).chunks;
    const index = await build(chunks);
    const question = 'is it possible to pause a membership';
    expect(groupByArticle(await index.search(question, withTitle(0.5)))[0]!.articleId).toBe('pause');
    const [withList] = groupByArticle(await index.search(question, withTitle(0.5)));
    const [without] = groupByArticle(await index.search(question, withTitle(0)));
    expect(withList!.best.scores.fused).toBeGreaterThan(without!.best.scores.fused);
  });
});

describe('HybridIndex answer kinds', () => {
  // Two sections speak of delivery alike; only one gives an amount of money.
  const delivery = ingestArticles('kb', [
    {
      id: 'coverage',
      title: 'Where we deliver',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<h2>Delivery area</h2><p>Delivery reaches every address; delivery to islands too.</p>',
    },
    {
      id: 'rates',
      title: 'Delivery options',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<h2>Options</h2><p>Standard is $4.99 and express is $12.99 per order for delivery.</p>',
    },
  ]).chunks;

  it('adds the kind of answer a query asks for as a term the sections giving one hold', async () => {
    const index = await build(delivery, { dense: false });
    expect(index.queryTerms('how much is delivery')).toContainEqual({ term: '#money', weight: 0.5 });
    expect(index.queryTerms('how much is delivery', { answerKinds: 0 })).not.toContainEqual(
      expect.objectContaining({ term: '#money' }),
    );
    // No section gives a duration: the term would match nothing, so it is not added.
    expect(index.queryTerms('how long is delivery')).not.toContainEqual(
      expect.objectContaining({ term: '#duration' }),
    );
  });

  it('ranks the section that gives the kind asked for first', async () => {
    const index = await build(delivery, { dense: false });
    const [withKinds] = await index.search('how much is delivery');
    expect(withKinds!.chunk.articleId).toBe('rates');
    const [without] = await index.search('how much is delivery', { answerKinds: 0 });
    expect(without!.chunk.articleId).toBe('coverage');
  });

  it('takes the kind a section heading worded as its question announces', async () => {
    const cards = ingestArticles('kb', [
      {
        id: 'collect',
        title: 'Access cards',
        url: null,
        updatedAt: null,
        origin: 't',
        html: '<h2>Collecting your card</h2><p>Collect your access card at reception.</p>',
      },
      {
        id: 'ready',
        title: 'Access cards',
        url: null,
        updatedAt: null,
        origin: 't',
        html: '<h2>When your card is ready</h2><p>An access card is printed when your first payment clears.</p>',
      },
    ]).chunks;
    const index = await build(cards, { dense: false });
    expect(index.queryTerms('when do i get my access card')).toContainEqual(
      expect.objectContaining({ term: '#when' }),
    );
    const [first] = await index.search('when do i get my access card');
    expect(first!.chunk.articleId).toBe('ready');
  });

  it('refuses a negative weight', async () => {
    const index = await build(delivery, { dense: false });
    expect(() => index.settings({ answerKinds: -1 })).toThrow('search setting answerKinds');
  });
});

describe('HybridIndex query wording', () => {
  // One article speaks of the team and of kind words; the question is about refunds.
  const team = ingestArticles('kb', [
    article(
      'team',
      'Our team',
      '<p>Our support team replies to kind messages and rude ones alike, morning or evening.</p>',
    ),
    article('refunds', 'Refunds', '<p>Refunds reach your card within ten business days of the return.</p>'),
  ]).chunks;
  const ticket = 'Good morning team,\n\nrefund?\n\nKind regards,\nTom';

  it('searches with the request alone: greetings and sign-offs do not match articles', async () => {
    const index = await build(team, { dense: false });
    const [top] = groupByArticle(await index.search(ticket, { topK: 10 }));
    expect(top!.articleId).toBe('refunds');
    const [kept] = groupByArticle(await index.search(ticket, { topK: 10, stripCourtesy: false }));
    expect(kept!.articleId).toBe('team');
    expect(() => index.settings({ stripCourtesy: 'yes' as unknown as boolean })).toThrow(
      'search setting stripCourtesy must be true or false, got yes',
    );
  });

  it('embeds the content words of a query for the dense side, the query itself when none is left', () => {
    expect(denseQueryText('How do I get a refund to my card?', 'content')).toBe('refund card');
    expect(denseQueryText('How do I get a refund to my card?', 'text')).toBe(
      'How do I get a refund to my card?',
    );
    expect(denseQueryText('how do I?', 'content')).toBe('how do I?');
    expect(denseQueryText('my refnud', 'content', new Map([['refnud', { word: 'refund' }]]))).toBe('refund');
  });

  it('lets the query wording change the dense side only', async () => {
    const index = await build(team);
    const q = 'How can I get my refund?';
    const [content] = await index.search(q, { topK: 10 });
    const [text] = await index.search(q, { topK: 10, denseQuery: 'text' });
    expect(content!.scores.bm25).toBe(text!.scores.bm25);
    expect(content!.scores.dense).not.toBe(text!.scores.dense);
    expect(() => index.settings({ denseQuery: 'words' as 'text' })).toThrow(
      'search setting denseQuery must be content or text, got words',
    );
  });
});
