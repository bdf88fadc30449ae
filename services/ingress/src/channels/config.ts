import type { EnvSource } from '@parley/config';
import { ConfigError, env, readEnv } from '@parley/config';
import { WorkspaceId } from '@parley/contracts';
import { z } from 'zod';
import type { EmailLimits } from './email/limits.js';
import type { SenderAuthMode } from './email/sender-auth.js';

export const channelsEnv = {
  /** Largest raw email accepted on the inbound endpoint (attachments included, though they are not kept). */
  INGRESS_EMAIL_MAX_BYTES: env.int({ default: 10 * 1024 * 1024, min: 1024, max: 50 * 1024 * 1024 }),
  /**
   * `require`: an email's sender is matched to a CRM customer, and the email threads onto the sender's ticket,
   * only when the receiving mail host's Authentication-Results header shows DMARC pass, or SPF or DKIM pass
   * aligned with the From domain. `off` believes the From header: for local development only.
   */
  INGRESS_EMAIL_SENDER_AUTH: env.oneOf<['require', 'off']>(['require', 'off'], 'require'),
  /** The authserv-id(s) (comma separated) of the receiving mail host whose Authentication-Results are trusted. */
  INGRESS_EMAIL_AUTHSERV_ID: env.list(),
  /** MIME parts (the message itself included) an email may have; mailsplit refuses more than 1000 anyway. */
  INGRESS_EMAIL_MAX_PARTS: env.int({ default: 100, min: 1, max: 1000 }),
  /** Bytes in the header section of the message or of any part. */
  INGRESS_EMAIL_MAX_HEADER_BYTES: env.int({ default: 128 * 1024, min: 1024, max: 1024 * 1024 }),
  /** Message ids in In-Reply-To and References together. */
  INGRESS_EMAIL_MAX_THREAD_IDS: env.int({ default: 500, min: 1, max: 10_000 }),
  /** Characters of an HTML body (one without a text part) converted to text; the rest is not read. */
  INGRESS_EMAIL_MAX_HTML_CHARS: env.int({ default: 1_000_000, min: 10_000, max: 50 * 1024 * 1024 }),
  /** Longest one email may take to parse; past it the parse is abandoned and the email refused (422). */
  INGRESS_EMAIL_PARSE_TIMEOUT_MS: env.int({ default: 5_000, min: 100, max: 60_000 }),
  /** Worker threads parsing emails at once, off the event loop. */
  INGRESS_EMAIL_PARSE_WORKERS: env.int({ default: 2, min: 1, max: 16 }),
  /** Outbound email: without a host, email replies are recorded only (as for the API channel). */
  INGRESS_SMTP_HOST: env.string().optional(),
  INGRESS_SMTP_PORT: env.int({ default: 587, min: 1, max: 65535 }),
  /** "true": TLS from the first byte (port 465); "false": plain, upgraded by STARTTLS when offered. */
  INGRESS_SMTP_SECURE: env.bool(false),
  INGRESS_SMTP_USER: env.string().optional(),
  INGRESS_SMTP_PASSWORD: env.string().optional(),
  /** `support@shop.example` or `Shop Support <support@shop.example>`; its domain names our Message-IDs. */
  INGRESS_EMAIL_FROM: env.string().optional(),
  /** Verifies `X-Twilio-Signature` on the SMS webhook; without it the webhook answers 404. */
  INGRESS_TWILIO_AUTH_TOKEN: env.string().optional(),
  /**
   * The webhook's public URL exactly as configured at Twilio: signatures cover it. Required with the auth token:
   * a URL rebuilt from the request's headers would let the caller choose what the signature is checked against.
   */
  INGRESS_TWILIO_WEBHOOK_URL: env.url(['http', 'https']).optional(),
  /** Outbound SMS: with the auth token, sends through the Messages API; without them SMS replies are recorded. */
  INGRESS_TWILIO_ACCOUNT_SID: env.string().optional(),
  /** The number (E.164) or Messaging Service SID (`MG...`) replies are sent from. */
  INGRESS_TWILIO_FROM: env.string().optional(),
  INGRESS_TWILIO_API_URL: env.url(['http', 'https'], 'https://api.twilio.com'),
  /** The workspace the SMS webhook's tickets belong to (the number is the store's, so one workspace owns it). */
  INGRESS_TWILIO_WORKSPACE: env.string({ default: 'default' }),
  /** An SMS continues the sender's latest SMS ticket if that ticket saw activity within this many hours. */
  INGRESS_SMS_THREAD_WINDOW_HOURS: env.int({ default: 24, min: 1, max: 24 * 30 }),
  /** A reply longer than one SMS (1,600 characters) is sent as up to this many messages, the last one cut
   * (at most 8: the delivery records every part's SID). */
  INGRESS_SMS_MAX_PARTS: env.int({ default: 3, min: 1, max: 8 }),
  /**
   * Web origins (`https://shop.example`) whose pages may call the chat widget routes from the browser; empty:
   * no cross-origin calls (a widget served from the same origin, or through a proxy, still works).
   */
  INGRESS_CHAT_ORIGINS: env.list(),
  /**
   * Public chat keys (comma separated) for local use, besides stored keys with the `chat` scope: what the widget's
   * script tag carries. Such a key can only start sessions, from `INGRESS_CHAT_ORIGINS`.
   */
  INGRESS_CHAT_KEYS: env.list(),
  /** Sessions one network address may start with a public chat key per minute (a burst of as many). */
  INGRESS_CHAT_SESSIONS_PER_MINUTE: env.int({ default: 10, min: 1, max: 10_000 }),
  /** Transcript requests held open at once waiting for a reply (long-poll); 0: never held (plain polling). */
  INGRESS_CHAT_MAX_WAITING: env.int({ default: 1000, min: 0, max: 100_000 }),
  /** How often held transcript requests are checked for new messages (one query for all of them). */
  INGRESS_CHAT_WATCH_MS: env.int({ default: 1000, min: 50, max: 10_000 }),
};

export interface ChatConfig {
  /** Exact origins allowed to call the widget routes from a browser. */
  origins: string[];
  /** Public chat keys configured in the environment (stored ones have the `chat` scope). */
  publicKeys: string[];
  sessionsPerMinute: number;
  maxWaiting: number;
  watchMs: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | null;
  from: string;
  /** The From address's domain: the right-hand side of our Message-IDs. */
  messageIdDomain: string;
}

export interface EmailConfig {
  maxBytes: number;
  /** Null: replies are recorded, not sent. */
  smtp: SmtpConfig | null;
  senderAuth: SenderAuthMode;
  /** Lower case; may be empty (then no sender is authenticated under `require`). */
  authservIds: string[];
  limits: EmailLimits;
  parse: { workers: number; timeoutMs: number };
}

export interface TwilioOutbound {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

export interface SmsWebhook {
  authToken: string;
  /** The public URL Twilio signs; never taken from a request. */
  url: string;
}

export interface SmsConfig {
  /** Null: the webhook is off (answers 404). */
  webhook: SmsWebhook | null;
  /** The workspace its tickets belong to. */
  workspace: string;
  threadWindowMs: number;
  maxParts: number;
  /** Null: replies are recorded, not sent. */
  outbound: TwilioOutbound | null;
}

const FromAddress = z.string().trim().email();

/** A host name (what receiving hosts put as their authserv-id): dot-separated labels of letters, digits, "-". */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** The address of `Name <address>` or of a bare address, if it is one. */
export function addressOf(from: string): string | null {
  const bracketed = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const parsed = FromAddress.safeParse(bracketed);
  return parsed.success ? parsed.data : null;
}

/** Email, SMS and chat settings, with the rules that tie variables together. */
export function readChannelsConfig(source: EnvSource): {
  email: EmailConfig;
  sms: SmsConfig;
  chat: ChatConfig;
} {
  const e = readEnv(channelsEnv, source);
  const problems: string[] = [];
  if (!WorkspaceId.safeParse(e.INGRESS_TWILIO_WORKSPACE).success)
    problems.push(
      'INGRESS_TWILIO_WORKSPACE: must be a workspace id (1-63 lower-case letters, digits or dashes)',
    );

  let smtp: SmtpConfig | null = null;
  if (e.INGRESS_SMTP_HOST) {
    const address = e.INGRESS_EMAIL_FROM ? addressOf(e.INGRESS_EMAIL_FROM) : null;
    if (!address) {
      problems.push(
        'INGRESS_EMAIL_FROM: must be an email address (or "Name <address>") when INGRESS_SMTP_HOST is set',
      );
    }
    if (Boolean(e.INGRESS_SMTP_USER) !== Boolean(e.INGRESS_SMTP_PASSWORD)) {
      problems.push('INGRESS_SMTP_USER and INGRESS_SMTP_PASSWORD: set both or neither');
    }
    smtp = {
      host: e.INGRESS_SMTP_HOST,
      port: e.INGRESS_SMTP_PORT,
      secure: e.INGRESS_SMTP_SECURE,
      auth: e.INGRESS_SMTP_USER ? { user: e.INGRESS_SMTP_USER, pass: e.INGRESS_SMTP_PASSWORD ?? '' } : null,
      from: e.INGRESS_EMAIL_FROM ?? '',
      messageIdDomain: address?.split('@')[1] ?? '',
    };
  }

  let outbound: TwilioOutbound | null = null;
  const sid = e.INGRESS_TWILIO_ACCOUNT_SID;
  const from = e.INGRESS_TWILIO_FROM;
  if (sid || from) {
    if (!sid || !from || !e.INGRESS_TWILIO_AUTH_TOKEN) {
      problems.push(
        'INGRESS_TWILIO_ACCOUNT_SID, INGRESS_TWILIO_FROM and INGRESS_TWILIO_AUTH_TOKEN: outbound SMS needs all three',
      );
    } else {
      outbound = {
        apiUrl: e.INGRESS_TWILIO_API_URL,
        accountSid: sid,
        authToken: e.INGRESS_TWILIO_AUTH_TOKEN,
        from,
      };
    }
  }
  for (const id of e.INGRESS_EMAIL_AUTHSERV_ID) {
    if (!HOST_NAME.test(id)) {
      problems.push(
        `INGRESS_EMAIL_AUTHSERV_ID: "${id}" is not an authserv-id (the host name that starts the receiving host's Authentication-Results, e.g. mx.google.com)`,
      );
    }
  }
  let webhook: SmsWebhook | null = null;
  if (e.INGRESS_TWILIO_AUTH_TOKEN) {
    if (!e.INGRESS_TWILIO_WEBHOOK_URL) {
      problems.push(
        "INGRESS_TWILIO_WEBHOOK_URL: required when INGRESS_TWILIO_AUTH_TOKEN is set (the SMS webhook's public URL as configured at Twilio, which signatures cover)",
      );
    } else {
      webhook = { authToken: e.INGRESS_TWILIO_AUTH_TOKEN, url: e.INGRESS_TWILIO_WEBHOOK_URL };
    }
  }
  for (const origin of e.INGRESS_CHAT_ORIGINS) {
    if (!isOrigin(origin)) {
      problems.push(
        `INGRESS_CHAT_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path, e.g. https://shop.example)`,
      );
    }
  }
  if (e.INGRESS_CHAT_KEYS.length > 0 && e.INGRESS_CHAT_ORIGINS.length === 0)
    problems.push(
      'INGRESS_CHAT_KEYS: public chat keys are accepted only from INGRESS_CHAT_ORIGINS, which is empty',
    );
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    email: {
      maxBytes: e.INGRESS_EMAIL_MAX_BYTES,
      smtp,
      senderAuth: e.INGRESS_EMAIL_SENDER_AUTH,
      authservIds: e.INGRESS_EMAIL_AUTHSERV_ID.map((id) => id.toLowerCase()),
      limits: {
        maxParts: e.INGRESS_EMAIL_MAX_PARTS,
        maxHeaderBytes: e.INGRESS_EMAIL_MAX_HEADER_BYTES,
        maxThreadIds: e.INGRESS_EMAIL_MAX_THREAD_IDS,
        maxHtmlChars: e.INGRESS_EMAIL_MAX_HTML_CHARS,
      },
      parse: { workers: e.INGRESS_EMAIL_PARSE_WORKERS, timeoutMs: e.INGRESS_EMAIL_PARSE_TIMEOUT_MS },
    },
    sms: {
      webhook,
      workspace: e.INGRESS_TWILIO_WORKSPACE,
      threadWindowMs: e.INGRESS_SMS_THREAD_WINDOW_HOURS * 3_600_000,
      maxParts: e.INGRESS_SMS_MAX_PARTS,
      outbound,
    },
    chat: {
      origins: e.INGRESS_CHAT_ORIGINS,
      publicKeys: e.INGRESS_CHAT_KEYS,
      sessionsPerMinute: e.INGRESS_CHAT_SESSIONS_PER_MINUTE,
      maxWaiting: e.INGRESS_CHAT_MAX_WAITING,
      watchMs: e.INGRESS_CHAT_WATCH_MS,
    },
  };
}

/** What a browser sends in `Origin`: an http(s) scheme, a host and maybe a port, nothing else. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}
