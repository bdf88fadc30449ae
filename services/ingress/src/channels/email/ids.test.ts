import { describe, expect, it } from '@jest/globals';
import { messageIdsIn, replyMessageId, replySubject, ticketTokenIn } from './ids.js';

const T = 'tkt_01JD3V7Q2YQ8ZK4M6N8P0R2S4T';

describe('ticket token', () => {
  it('is found in a subject however the mail client prefixed it', () => {
    expect(ticketTokenIn(`RE: Re: Where is my order? [#${T}]`)).toBe(T);
    expect(ticketTokenIn(`AW: [#${T}] question`)).toBe(T);
    expect(ticketTokenIn('[#tkt_short] nope')).toBeNull();
    expect(ticketTokenIn(undefined)).toBeNull();
  });

  it('is added once to a reply subject, which reads as a reply', () => {
    expect(replySubject('Where is my order?', T)).toBe(`Re: Where is my order? [#${T}]`);
    expect(replySubject(`Re: Where is my order? [#${T}]`, T)).toBe(`Re: Where is my order? [#${T}]`);
    expect(replySubject(undefined, T)).toBe(`Re: Your request [#${T}]`);
  });
});

describe('replyMessageId', () => {
  it('is stable per reply id and a valid Message-ID for any id', () => {
    expect(replyMessageId(`rpl_${T}_2`, 'support.example.com')).toBe(`<rpl_${T}_2@support.example.com>`);
    expect(replyMessageId(`rpl_${T}_2`, 'x.test')).toBe(replyMessageId(`rpl_${T}_2`, 'x.test'));
    expect(replyMessageId('a b=c@é', 'x.test')).toBe('<a=20b=3Dc=40=C3=A9@x.test>');
    expect(replyMessageId('a=20', 'x.test')).not.toBe(replyMessageId('a ', 'x.test'));
  });
});

describe('messageIdsIn', () => {
  it('lists the ids of In-Reply-To and References in order, once each', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsIn(['<a@x>', '<c@z>'])).toEqual(['<a@x>', '<c@z>']);
    expect(messageIdsIn('no ids here')).toEqual([]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });
});
