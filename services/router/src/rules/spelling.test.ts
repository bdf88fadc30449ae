import { beforeAll, describe, expect, it } from '@jest/globals';
import type { WordVectors } from '@parley/word-vectors';
import { loadWordVectors } from '@parley/word-vectors';
import { checkHardRules } from './hard-rules.js';
import { spellingMender } from './spelling.js';

let mend: (text: string) => string;
beforeAll(async () => {
  const vectors: WordVectors = await loadWordVectors();
  mend = spellingMender(vectors);
});

const opts = { escalateAmountUsd: 200 };
const hits = (text: string) => checkHardRules(text, { ...opts, mend });

describe('spellingMender', () => {
  it('reads a word no dictionary holds as the commonest word one edit away, or a rule word', () => {
    expect(mend('my lawyyer will call')).toBe('my lawyer will call');
    expect(mend('filing a chareback with my bank')).toBe('filing a chargeback with my bank');
    expect(mend('is there a rral perdon i can talk to')).toBe('is there a real person i can talk to');
    expect(mend('terible servise')).toBe('terrible service');
  });

  it('leaves real words alone, even one edit from a rule word', () => {
    expect(mend('the manger scene and the stats')).toBe('the manger scene and the stats');
    expect(mend("my order is late, it hasn't moved")).toBe("my order is late, it hasn't moved");
    expect(mend('it hasnt moved and the card isnt saved')).toBe('it hasnt moved and the card isnt saved');
  });
});

describe('hard rules on a misspelt text', () => {
  it.each([
    ['If it is not here by Friday, my lawyyer will be contacting you.', 'legal_threat'],
    ["I'm filing a chareback with my bank for order #W8455874.", 'chargeback'],
    ['I want to talk to a real perdon.', 'human_requested'],
    ['is there a rral person i can talk to? the automated answers are not helping', 'human_requested'],
  ])('%s -> %s, saying the text was misspelt', (text, id) => {
    const hit = hits(text).find((h) => h.id === id);
    expect(hit?.reason).toMatch(/\(misspelt\)$/);
    // Without the second reading the rule misses it.
    expect(checkHardRules(text, opts).map((h) => h.id)).not.toContain(id);
  });

  it('reports a rule that fires on the text as written once, in its own words', () => {
    const found = hits('My lawyer and my lawyyer will be in touch.');
    expect(found.filter((h) => h.id === 'legal_threat')).toEqual([
      { id: 'legal_threat', reason: 'mentions a lawyer, a lawsuit or legal action' },
    ]);
  });

  it('finds nothing new in a calm, misspelt question', () => {
    expect(hits('how long dose shiping take to germny?')).toEqual([]);
  });
});
