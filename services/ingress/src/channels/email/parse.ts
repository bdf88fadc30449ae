import { createHash } from 'node:crypto';
import { MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from '@parley/contracts';
import EmailReplyParser from 'email-reply-parser';
import type { HeaderLines, HeaderValue, ParsedMail, SimpleParserOptions } from 'mailparser';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { InvalidInput } from '../invalid-input.js';
import { channelLine, channelText } from '../text.js';
import { htmlToText } from './html-text.js';
import { messageIdsIn, ticketTokenIn } from './ids.js';
import type { EmailLimits } from './limits.js';
import { EmailLimitExceeded } from './limits.js';
import type { SenderAuthentication } from './sender-auth.js';
import { authenticateSender } from './sender-auth.js';

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
  /** Whether the trusted receiving host vouches for the From address (see `authenticateSender`). */
  authentication: SenderAuthentication;
}

export interface ParseOptions {
  limits: EmailLimits;
  /** The authserv-ids whose Authentication-Results headers are trusted; empty: none is. */
  authservIds: readonly string[];
}

const Address = z.string().trim().max(320).email();

/**
 * Parses a raw RFC 822 message (as an inbound-parse webhook delivers it) with mailparser, within `limits`.
 * Throws InvalidInput naming the header when there is no usable sender or no text at all, and
 * EmailLimitExceeded naming the limit a message is past. CPU work: run it in a parse worker, not on the
 * event loop (`parse-pool.ts`).
 */
export async function parseEmail(raw: Buffer, options: ParseOptions): Promise<InboundEmail> {
  const { limits } = options;
  const mail = await readMime(raw, limits);
  const sender = mail.from?.value[0];
  if (!sender?.address) throw new InvalidInput('From', 'the message has no sender address');
  const address = Address.safeParse(sender.address);
  if (!address.success) throw new InvalidInput('From', 'the sender is not an email address');
  const name = sender.name ? channelLine(sender.name, 200) : '';

  const inReplyTo = messageIdsIn(mail.inReplyTo);
  const references = messageIdsIn(mail.references);
  if (inReplyTo.length + references.length > limits.maxThreadIds) {
    throw new EmailLimitExceeded(
      'References',
      `more than ${limits.maxThreadIds} message ids in In-Reply-To and References (INGRESS_EMAIL_MAX_THREAD_IDS)`,
    );
  }

  const subject = mail.subject ? channelLine(mail.subject, MAX_SUBJECT_CHARS) : '';
  // The reply parser runs regular expressions line by line; what it reads is bounded well past what is kept.
  let body = channelText(visibleText(bodyText(mail, limits).slice(0, 4 * MAX_BODY_CHARS)), MAX_BODY_CHARS);
  // "Where is my order?" in the subject and nothing below is a whole message.
  if (!body && subject) body = subject;
  if (!body)
    throw new InvalidInput('body', 'the message has no text (no text or HTML part, or only quoted text)');

  return {
    messageId: messageIdsIn(mail.messageId)[0] ?? `<${sha256(raw)}@parley.invalid>`,
    from: { address: address.data, ...(name ? { name } : {}) },
    ...(subject ? { subject } : {}),
    body,
    answers: [...new Set([...inReplyTo, ...references.reverse()])],
    subjectTicketId: ticketTokenIn(subject),
    automatic: automaticReason(mail.headers),
    authentication: authenticateSender(
      {
        authResults: headerValues(mail.headerLines, 'authentication-results'),
        fromDomain: address.data.slice(address.data.lastIndexOf('@') + 1),
        fromAmbiguous:
          headerValues(mail.headerLines, 'from').length !== 1 ||
          mail.from!.value.length !== 1 ||
          sender.group !== undefined,
      },
      options.authservIds,
    ),
  };
}

/**
 * mailparser with the part and header limits applied by its MIME splitter (mailsplit), whose refusals are
 * turned into EmailLimitExceeded naming the limit. HTML is not converted here (see `bodyText`).
 */
async function readMime(raw: Buffer, limits: EmailLimits): Promise<ParsedMail> {
  const options: SimpleParserOptions & { maxChildNodes: number; maxHeadSize: number } = {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
    maxChildNodes: limits.maxParts,
    maxHeadSize: limits.maxHeaderBytes,
  };
  try {
    return await simpleParser(raw, options);
  } catch (err) {
    throw splitterLimit(err, limits) ?? err;
  }
}

/** mailsplit's refusals (code EMAXLEN) as the limit they are about. */
function splitterLimit(err: unknown, limits: EmailLimits): EmailLimitExceeded | null {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== 'EMAXLEN') return null;
  if (/child nodes/i.test(err.message)) {
    return new EmailLimitExceeded(
      'MIME parts',
      `the message has more than ${limits.maxParts} MIME parts (INGRESS_EMAIL_MAX_PARTS)`,
    );
  }
  if (/header size/i.test(err.message)) {
    return new EmailLimitExceeded(
      'header',
      `a header section is larger than ${limits.maxHeaderBytes} bytes (INGRESS_EMAIL_MAX_HEADER_BYTES)`,
    );
  }
  return new EmailLimitExceeded('message', `the message is past a parser limit (${err.message})`);
}

/** The text parts, or when there is no text the HTML as text (its first `maxHtmlChars` characters). */
function bodyText(mail: ParsedMail, limits: EmailLimits): string {
  const text = mail.text ?? '';
  if (text.trim() || !mail.html) return text;
  return htmlToText(mail.html, limits.maxHtmlChars);
}

/** The unfolded values of every header named `key` (lower case), in message order (topmost first). */
function headerValues(lines: HeaderLines, key: string): string[] {
  return lines
    .filter((l) => l.key === key)
    .map((l) => l.line.slice(l.line.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, ''));
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
