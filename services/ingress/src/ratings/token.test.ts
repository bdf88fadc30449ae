import { describe, expect, it } from '@jest/globals';
import { signRatingToken, verifyRatingToken } from './token.js';

const SECRET = 'a-rating-secret-of-at-least-32-characters';
const now = new Date('2026-12-20T10:00:00Z');
const inAWeek = new Date('2026-12-27T10:00:00Z');

describe('rating link tokens', () => {
  it('round-trips the reply id and the expiry', () => {
    const token = signRatingToken(SECRET, 'rpl_tkt_01J_3', inAWeek);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyRatingToken(SECRET, token, now)).toEqual({
      ok: true,
      replyId: 'rpl_tkt_01J_3',
      expiresAt: inAWeek,
    });
  });

  it('refuses a token signed with another secret, or for another reply', () => {
    const other = signRatingToken('another-secret-of-at-least-32-characters', 'rpl_a_1', inAWeek);
    expect(verifyRatingToken(SECRET, other, now)).toMatchObject({ ok: false, status: 403 });
    const mine = signRatingToken(SECRET, 'rpl_a_1', inAWeek);
    const [, sig] = mine.split('.');
    const payload = Buffer.from(`rpl_b_1\n${Math.floor(inAWeek.getTime() / 1000)}`).toString('base64url');
    expect(verifyRatingToken(SECRET, `${payload}.${sig}`, now)).toMatchObject({
      ok: false,
      status: 403,
      error: 'invalid_signature',
    });
  });

  it('refuses a token whose expiry was pushed back', () => {
    const mine = signRatingToken(SECRET, 'rpl_a_1', inAWeek);
    const [, sig] = mine.split('.');
    const later = Buffer.from(`rpl_a_1\n${Math.floor(inAWeek.getTime() / 1000) + 86_400}`).toString(
      'base64url',
    );
    expect(verifyRatingToken(SECRET, `${later}.${sig}`, now)).toMatchObject({ ok: false, status: 403 });
  });

  it('says a genuine token expired', () => {
    const token = signRatingToken(SECRET, 'rpl_a_1', new Date('2026-12-01T00:00:00Z'));
    expect(verifyRatingToken(SECRET, token, now)).toEqual({
      ok: false,
      status: 410,
      error: 'link_expired',
      message: 'the rating link expired on 2026-12-01',
    });
  });

  it.each(['', 'nodot', 'a.b.c', 'a b.c', 'x'.repeat(500) + '.y', 'YWJj.'])('calls %p malformed', (token) => {
    expect(verifyRatingToken(SECRET, token, now)).toMatchObject({ ok: false, status: 400 });
  });
});
