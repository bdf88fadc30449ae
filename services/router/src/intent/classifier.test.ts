import { describe, expect, it } from '@jest/globals';
import type { IntentClassifier } from './classifier.js';
import { localGuesser } from './classifier.js';

const answer = async () => ({ intent: 'payment', confidence: 0.5, outOfScope: false });
const local: IntentClassifier = { kind: 'local-model', local: true, classify: answer };

describe('localGuesser', () => {
  it('asks a local classifier itself', () => {
    expect(localGuesser(local)).toBe(local);
  });

  it("asks a remote classifier's local fallback instead of the remote model", () => {
    expect(localGuesser({ kind: 'llm', local: false, fallback: local, classify: answer })).toBe(local);
  });

  it('asks nothing when no local classifier is at hand', () => {
    expect(localGuesser({ kind: 'llm', local: false, classify: answer })).toBeNull();
  });
});
