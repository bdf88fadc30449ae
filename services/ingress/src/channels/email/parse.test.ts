import { describe, expect, it } from '@jest/globals';
import { InvalidInput } from '../invalid-input.js';
import type { EmailLimits } from './limits.js';
import { EmailLimitExceeded } from './limits.js';
import type { ParseOptions } from './parse.js';
import { parseEmail as parseWith } from './parse.js';

/** A raw message from header lines and a body, with CRLF line ends as on the wire. */
function raw(headers: string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}

const FROM = 'From: "Yara Li" <Yara.Li6570@Example.com>';

const LIMITS: EmailLimits = {
  maxParts: 100,
  maxHeaderBytes: 128 * 1024,
  maxThreadIds: 500,
  maxHtmlChars: 1_000_000,
};
const OPTIONS: ParseOptions = { limits: LIMITS, authservIds: ['mx.shop.test'] };
const parseEmail = (message: Buffer, limits: Partial<EmailLimits> = {}) =>
  parseWith(message, { ...OPTIONS, limits: { ...LIMITS, ...limits } });

describe('parseEmail', () => {
  it('reads the sender, subject, ids and the new text of a plain reply without quote or signature', async () => {
    const mail = await parseEmail(
      raw(
        [
          'Authentication-Results: mx.shop.test; dmarc=pass (p=reject) header.from=example.com',
          FROM,
          'To: support@shop.test',
          'Subject: =?UTF-8?Q?Re:_Wh=C3=A8re_is_my_order=3F?= [#tkt_01JD3V7Q2YQ8ZK4M6N8P0R2S4T]',
          'Message-ID: <CAF=abc@mail.example.com>',
          'In-Reply-To: <rpl_1@support.shop.test>',
          'References: <first@mail.example.com> <rpl_1@support.shop.test>',
          'Content-Type: text/plain; charset=utf-8',
        ],
        [
          'It still has not arrived.',
          '',
          '--',
          'Yara Li',
          'Head of Things, Example Corp',
          '',
          'On Mon, Nov 23, 2026 at 10:00 AM Support <support@shop.test> wrote:',
          '> Your order ships within 2 days.',
          '> Kind regards',
        ].join('\n'),
      ),
    );
    expect(mail).toEqual({
      messageId: '<CAF=abc@mail.example.com>',
      from: { address: 'Yara.Li6570@Example.com', name: 'Yara Li' },
      subject: 'Re: Whère is my order? [#tkt_01JD3V7Q2YQ8ZK4M6N8P0R2S4T]',
      body: 'It still has not arrived.',
      answers: ['<rpl_1@support.shop.test>', '<first@mail.example.com>'],
      subjectTicketId: 'tkt_01JD3V7Q2YQ8ZK4M6N8P0R2S4T',
      automatic: null,
      authentication: { authenticated: true, by: 'dmarc' },
    });
  });

  it('takes the text part of a multipart message and converts HTML when there is no text part', async () => {
    const multipart = await parseEmail(
      raw(
        [FROM, 'Subject: Hi', 'Message-ID: <m2@x>', 'Content-Type: multipart/alternative; boundary="b"'],
        [
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Plain words.',
          '--b',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>HTML words.</p>',
          '--b--',
        ].join('\n'),
      ),
    );
    expect(multipart.body).toBe('Plain words.');

    const html = await parseEmail(
      raw(
        [FROM, 'Subject: Hi', 'Message-ID: <m3@x>', 'Content-Type: text/html; charset=utf-8'],
        '<div>Where is <b>#W3400144</b>?</div><div>Thanks</div><div class="gmail_quote">On Mon, Nov 23, 2026 at 10:00 AM Support &lt;s@shop.test&gt; wrote:<blockquote>Old answer</blockquote></div>',
      ),
    );
    expect(html.body).toBe('Where is #W3400144?\nThanks');
  });

  it('uses the subject as the text when the body is empty, and a hash of the message when it has no Message-ID', async () => {
    const message = raw([FROM, 'Subject: Where is my order?'], '');
    const mail = await parseEmail(message);
    expect(mail.body).toBe('Where is my order?');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{64}@parley\.invalid>$/);
    expect((await parseEmail(message)).messageId).toBe(mail.messageId);
  });

  it('names the problem when there is no sender or no text', async () => {
    await expect(parseEmail(Buffer.from('not an email at all'))).rejects.toThrow(
      new InvalidInput('From', 'the message has no sender address'),
    );
    await expect(parseEmail(raw(['From: nobody', 'Subject: x'], 'x'))).rejects.toThrow(/From: /);
    await expect(parseEmail(raw([FROM], '\n\n'))).rejects.toThrow(/body: the message has no text/);
  });

  it('recognises automatic messages: auto-replies, bulk mail and delivery reports', async () => {
    const auto = async (header: string) =>
      (await parseEmail(raw([FROM, 'Subject: Out of office', header], 'Away until Monday.'))).automatic;
    expect(await auto('Auto-Submitted: auto-replied')).toBe('auto_submitted');
    expect(await auto('Auto-Submitted: no')).toBeNull();
    expect(await auto('Precedence: bulk')).toBe('precedence');
    expect(await auto('X-Autoreply: yes')).toBe('auto_reply');
    expect(await auto('Content-Type: multipart/report; report-type=delivery-status; boundary="r"')).toBe(
      'delivery_report',
    );
  });

  it('reads what the trusted host said about the sender, and counts a second From as unauthenticated', async () => {
    const auth = async (headers: string[]) =>
      (await parseEmail(raw([...headers, FROM, 'Subject: Hi'], 'Hello'))).authentication;
    expect(await auth([])).toEqual({ authenticated: false, reason: 'no_results' });
    expect(await auth(['Authentication-Results: mx.shop.test;\r\n  dkim=pass header.d=example.com'])).toEqual(
      {
        authenticated: true,
        by: 'dkim',
      },
    );
    expect(
      await auth([
        'Authentication-Results: mx.shop.test; dkim=pass header.d=example.com',
        'From: x@example.com',
      ]),
    ).toEqual({ authenticated: false, reason: 'ambiguous_from' });
    const none = await parseWith(raw([FROM, 'Authentication-Results: mx.shop.test; dmarc=pass'], 'Hi'), {
      ...OPTIONS,
      authservIds: [],
    });
    expect(none.authentication).toEqual({ authenticated: false, reason: 'no_trusted_host' });
  });
});

describe('parseEmail limits', () => {
  const parts = (n: number) =>
    raw(
      [FROM, 'Subject: Parts', 'Content-Type: multipart/mixed; boundary="b"'],
      `${Array.from({ length: n }, (_, i) => `--b\nContent-Type: text/plain\n\npart ${i}\n`).join('')}--b--\n`,
    );

  it('counts the message and its parts against the parts limit', async () => {
    // The multipart message itself and 9 parts: 10 MIME parts.
    expect((await parseEmail(parts(9), { maxParts: 10 })).body).toMatch(/^part 0\n(.|\n)*part 8$/);
    await expect(parseEmail(parts(10), { maxParts: 10 })).rejects.toThrow(
      new EmailLimitExceeded(
        'MIME parts',
        'the message has more than 10 MIME parts (INGRESS_EMAIL_MAX_PARTS)',
      ),
    );
    // 2,000 parts: past mailsplit's own ceiling of 1,000 too, and refused the same way, not as a parser crash.
    await expect(parseEmail(parts(2000))).rejects.toThrow(
      /^MIME parts: the message has more than 100 MIME parts/,
    );
  });

  it('bounds the header section of the message and of every part', async () => {
    const header = (bytes: number) => raw([FROM, `X-Filler: ${'a'.repeat(bytes)}`, 'Subject: Hi'], 'Hello');
    expect((await parseEmail(header(1500), { maxHeaderBytes: 2048 })).body).toBe('Hello');
    await expect(parseEmail(header(2100), { maxHeaderBytes: 2048 })).rejects.toThrow(
      new EmailLimitExceeded(
        'header',
        'a header section is larger than 2048 bytes (INGRESS_EMAIL_MAX_HEADER_BYTES)',
      ),
    );
    const partHeader = raw(
      [FROM, 'Content-Type: multipart/mixed; boundary="b"'],
      `--b\nContent-Type: text/plain\nX-Filler: ${'a'.repeat(2100)}\n\nHello\n--b--\n`,
    );
    await expect(parseEmail(partHeader, { maxHeaderBytes: 2048 })).rejects.toThrow(/^header: /);
  });

  it('bounds the ids of In-Reply-To and References together', async () => {
    const ids = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => `<m${from + i}@x.test>`).join(' ');
    const threaded = (inReplyTo: string, references: string) =>
      raw([FROM, 'Subject: Hi', `In-Reply-To: ${inReplyTo}`, `References: ${references}`], 'Hello');
    expect((await parseEmail(threaded(ids(1, 9), ids(4)), { maxThreadIds: 5 })).answers).toEqual([
      '<m9@x.test>',
      '<m3@x.test>',
      '<m2@x.test>',
      '<m1@x.test>',
      '<m0@x.test>',
    ]);
    await expect(parseEmail(threaded(ids(1, 9), ids(5)), { maxThreadIds: 5 })).rejects.toThrow(
      new EmailLimitExceeded(
        'References',
        'more than 5 message ids in In-Reply-To and References (INGRESS_EMAIL_MAX_THREAD_IDS)',
      ),
    );
    // 100,000 ids are refused by the header limit before anything reads them.
    await expect(parseEmail(threaded(ids(1), ids(100_000)))).rejects.toThrow(/^header: /);
    await expect(
      parseEmail(threaded(ids(1), ids(100_000)), { maxHeaderBytes: 4 * 1024 * 1024 }),
    ).rejects.toThrow(/^References: more than 500 message ids/);
  });

  it('converts only the first maxHtmlChars characters of an HTML body, and HTML without any text part', async () => {
    const html = `<p>Where is my order?</p>${'<p>older conversation</p>'.repeat(500)}<p>TAIL</p>`;
    const big = await parseEmail(raw([FROM, 'Subject: Hi', 'Content-Type: text/html'], html), {
      maxHtmlChars: 10_000,
    });
    expect(big.body).toMatch(/^Where is my order\?\n\nolder conversation/);
    expect(big.body).not.toContain('TAIL');
    expect((await parseEmail(raw([FROM, 'Subject: Hi', 'Content-Type: text/html'], html))).body).toMatch(
      /TAIL$/,
    );
    const alternative = raw(
      [FROM, 'Subject: Hi', 'Content-Type: multipart/alternative; boundary="b"'],
      '--b\nContent-Type: text/html\n\n<div>Only <b>HTML</b> here</div>\n--b--\n',
    );
    expect((await parseEmail(alternative)).body).toBe('Only HTML here');
  });
});
