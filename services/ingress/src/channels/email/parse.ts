import { createHash } from 'node:crypto';
import { MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '@parley/contracts';
import EmailReplyParser from 'email-reply-parser';
import type { HeaderValue } from 'mailparser';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { InvalidInput } from '../invalid-input.js';
import { channelLine, channelText } from '../text.js';
import { messageIdsIn, ticketTokenIn } from './ids.js';

export interface InboundEmail {
  /** The Message-ID, or for a message without one `<sha256 of the raw message@parley.invalid>`. */
  messageId: string;
  from: { address: string; name?: string | undefined };
  subject?: string | undefined;
  /** What the customer wrote this time: the text part (or the HTML as text), quoted text and signature removed. */
  body: string;
  /** In-Reply-To then References (latest first): the messages this one answers. */
  answers: string[];
  /** The ticket named by a `[#tkt_...]` token in the subject. */
  subjectTicketId: string | null;
  /** Why the message is an automatic one (an out-of-office, a bounce) that must not become a turn, or null. */
  automatic: string | null;
}

const Address = z.string().trim().max(320).email();

/**
 * Parses a raw RFC 822 message (as an inbound-parse webhook delivers it) with mailparser. Throws
 * InvalidInput naming the header when there is no usable sender or no text at all.
 */
export async function parseEmail(raw: Buffer): Promise<InboundEmail> {
  const mail = await simpleParser(raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  });
  const sender = mail.from?.value[0];
  if (!sender?.address) throw new InvalidInput('From', 'the message has no sender address');
  const address = Address.safeParse(sender.address);
  if (!address.success) throw new InvalidInput('From', 'the sender is not an email address');
  const name = sender.name ? channelLine(sender.name, 200) : '';

  const subject = mail.subject ? channelLine(mail.subject, MAX_SUBJECT_CHARS) : '';
  // The reply parser runs regular expressions line by line; what it reads is bounded well past what is kept.
  let body = channelText(visibleText((mail.text ?? '').slice(0, 4 * MAX_BODY_CHARS)), MAX_BODY_CHARS);
  // "Where is my order?" in the subject and nothing below is a whole message.
  if (!body && subject) body = subject;
  if (!body)
    throw new InvalidInput('body', 'the message has no text (no text or HTML part, or only quoted text)');

  const answers = [...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()];
  return {
    messageId: messageIdsIn(mail.messageId)[0] ?? `<${sha256(raw)}@parley.invalid>`,
    from: { address: address.data, ...(name ? { name } : {}) },
    ...(subject ? { subject } : {}),
    body,
    answers: [...new Set(answers)],
    subjectTicketId: ticketTokenIn(subject),
    automatic: automaticReason(mail.headers),
  };
}

/**
 * The new part of a reply: email-reply-parser (Crisp's port of GitHub's parser) drops quoted earlier
 * messages ("On ... wrote:", "> " lines, Outlook's "From: ... Sent: ...") and signatures ("-- ", "Sent from
 * my iPhone"). When it would leave nothing (a message that is all quote), the whole text is kept.
 */
export function visibleText(text: string): string {
  const visible = new EmailReplyParser().read(text).getVisibleText().trim();
  return visible || text;
}

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return value.value.toLowerCase();
  }
  return '';
}

/**
 * RFC 3834: an automatic message (vacation notice, auto-reply, delivery report, bulk mail) must not be
 * answered automatically, or an auto-responder and our bot would write to each other forever.
 */
export function automaticReason(headers: ReadonlyMap<string, HeaderValue>): string | null {
  const autoSubmitted = headerText(headers.get('auto-submitted'));
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_submitted';
  if (['bulk', 'junk', 'auto_reply'].includes(headerText(headers.get('precedence')))) return 'precedence';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'auto_reply';
  if (headerText(headers.get('content-type')) === 'multipart/report') return 'delivery_report';
  return null;
}

function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}
