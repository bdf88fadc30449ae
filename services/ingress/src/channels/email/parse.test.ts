import { describe, expect, it } from '@jest/globals';
import { InvalidInput } from '../invalid-input.js';
import { parseEmail } from './parse.js';

/** A raw message from header lines and a body, with CRLF line ends as on the wire. */
function raw(headers: string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}

const FROM = 'From: "Yara Li" <Yara.Li6570@Example.com>';

describe('parseEmail', () => {
  it('reads the sender, subject, ids and the new text of a plain reply without quote or signature', async () => {
    const mail = await parseEmail(
      raw(
        [
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
});
