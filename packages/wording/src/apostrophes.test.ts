import { describe, expect, it } from '@jest/globals';
import { plainApostrophes } from './apostrophes.js';
import { askedWrite } from './write-request.js';

describe('plainApostrophes', () => {
  it('writes typographic apostrophes as the plain one, keeping the length', () => {
    const typed = 'I’d like to return it, it‘s fine, don’t worry';
    expect(plainApostrophes(typed)).toBe("I'd like to return it, it's fine, don't worry");
    expect(plainApostrophes(typed)).toHaveLength(typed.length);
  });

  it('lets a request typed on a phone be read as the same request', () => {
    expect(askedWrite('I’d like to return the kettle')).toBe('return');
    expect(askedWrite('I’m hoping to exchange the boots')).toBe('swap');
  });
});
