import { describe, expect, it } from '@jest/globals';
import { bearerOrBasic } from './edge.js';

describe('bearerOrBasic', () => {
  it('reads the password of Basic credentials as the bearer key and leaves anything else as sent', () => {
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(bearerOrBasic(basic('parley:pk_abc:def'))).toBe('Bearer pk_abc:def');
    expect(bearerOrBasic(basic('no-password'))).toBe('Basic credentials without a password');
    expect(bearerOrBasic('Bearer pk_abc')).toBe('Bearer pk_abc');
    expect(bearerOrBasic(undefined)).toBeUndefined();
  });
});
