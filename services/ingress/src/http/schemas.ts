import { Channel, MAX_BODY_CHARS, MAX_SUBJECT_CHARS, Rating, safeString, safeText } from '@parley/contracts';
import type { ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';
import { invalidRequest } from './errors.js';

const text = safeText;

const email = () =>
  safeString().pipe(
    z.string().trim().max(320, 'must be at most 320 characters').email('must be an email address'),
  );

/** `POST /v1/tickets`; limits match the `ticket.received` contract so an accepted ticket always publishes. */
export const CreateTicketBody = z
  .object({
    channel: Channel.default('api'),
    customer: z.object({
      id: text(200).optional(),
      email: email().optional(),
      name: text(200).optional(),
      phone: safeString()
        .pipe(
          z
            .string()
            .trim()
            .max(40, 'must be at most 40 characters')
            .regex(/^\+?[\d\s().-]{4,}$/, 'must be a phone number (digits, spaces, + ( ) . -)'),
        )
        .optional(),
    }),
    subject: text(MAX_SUBJECT_CHARS).optional(),
    body: text(MAX_BODY_CHARS),
    externalId: text(200).optional(),
  })
  // A reply has to reach the customer on the channel the ticket came from.
  .superRefine((t, ctx) => {
    if (t.channel === 'email' && !t.customer.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'email'],
        message: 'Required for the email channel',
      });
    }
    if (t.channel === 'sms' && !t.customer.phone) {
      ctx.addIssue({ code: 'custom', path: ['customer', 'phone'], message: 'Required for the sms channel' });
    }
  });
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

/** `POST /v1/tickets/:id/messages` */
export const AddMessageBody = z.object({ body: text(MAX_BODY_CHARS), externalId: text(200).optional() });

/** `POST /v1/chat/sessions`: who the visitor is, as far as the site knows. */
export const ChatSessionBody = z.object({ name: text(200).optional(), email: email().optional() });

/** `POST /v1/chat/sessions/:id/messages`: the widget's id for the message makes a resend harmless. */
export const ChatMessageBody = z.object({
  body: text(MAX_BODY_CHARS),
  clientMessageId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits, . _ : or -'),
});

export const ChatSessionParams = z.object({
  id: z.string().regex(/^chs_[0-9A-Z]{26}$/, 'must be a chat session id (chs_...)'),
});

/** `POST /v1/chat/sessions` with a public chat key: a visitor the store has not identified. */
export const PublicChatSessionBody = z.object({ name: text(200).optional() });

/** Longest a transcript request may be held waiting for a reply. */
export const MAX_TRANSCRIPT_WAIT_MS = 25_000;

/**
 * `GET /v1/chat/sessions/:id/messages?after=<id>&waitMs=<ms>`: messages after the last one the widget has; with
 * `waitMs`, held until there is one (or the ticket changes owner) for at most that long.
 */
export const TranscriptQuery = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a message id (digits)')
    .optional(),
  waitMs: z
    .string()
    .regex(/^\d{1,6}$/, 'must be milliseconds (digits)')
    .transform(Number)
    .pipe(z.number().max(MAX_TRANSCRIPT_WAIT_MS, `must be at most ${MAX_TRANSCRIPT_WAIT_MS}`))
    .optional(),
});

export const TicketParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a ticket id (letters, digits, _ and -)'),
});

export interface Issue {
  path: string;
  message: string;
}

/** Zod issues as `{ path, message }` with dotted paths; "(root)" for the body itself. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.length ? i.path.join('.') : '(root)', message: i.message }));
}

/** A JSON request body validated against a schema; anything but an object, or a mismatch, is 400. */
export function parseBody<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest([{ path: '(root)', message: 'request body must be a JSON object' }]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(issuesOf(result.error));
  return result.data;
}

/** `GET /r/:token?v=up|down`: without `v` the page offers the choice. */
export const RatingQuery = z.object({ v: Rating.optional() });

/** `POST /r/:token` (the chat widget's thumbs). */
export const RatingBody = z.object({ rating: Rating });
