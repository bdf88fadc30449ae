import { describe, expect, it } from '@jest/globals';
import { parseAnsweredQuestions } from './answered-questions.js';

describe('parseAnsweredQuestions', () => {
  it('reads one question a line, skipping blank lines', () => {
    const jsonl = '{"id":"q1","text":"how much is shipping","articles":["shipping-methods"]}\n\n';
    expect(parseAnsweredQuestions('q.jsonl', jsonl)).toEqual([
      { id: 'q1', text: 'how much is shipping', articles: ['shipping-methods'] },
    ]);
  });

  it.each([
    ['{"id":"q1","text":"x"', /q\.jsonl:2: invalid JSON/],
    ['{"id":"q1","text":"x","articles":[]}', /q\.jsonl:2: articles: /],
    ['{"id":"q1","text":"  ","articles":["a"]}', /q\.jsonl:2: text: /],
    ['{"id":"q1","text":"x","articles":["a"],"extra":1}', /q\.jsonl:2: \(root\): Unrecognized key/],
  ])('names the file and line of a bad line: %s', (line, error) => {
    const jsonl = `{"id":"q0","text":"fine","articles":["a"]}\n${line}`;
    expect(() => parseAnsweredQuestions('q.jsonl', jsonl)).toThrow(error);
  });
});
