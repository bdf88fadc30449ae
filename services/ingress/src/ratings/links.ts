import type { Channel } from '@parley/contracts';
import type { RatingConfig } from '../config.js';
import { signRatingToken } from './token.js';

/** Channels whose automated replies carry rating links (chat has its buttons; the API caller reads the reply). */
const LINKED: readonly Channel[] = ['email', 'sms'];

export function ratingToken(config: RatingConfig, replyId: string, now: Date): string {
  return signRatingToken(config.secret, replyId, new Date(now.getTime() + config.ttlDays * 86_400_000));
}

/**
 * The body an automated reply is sent with: an email gets a link per answer, an SMS one link to the choice
 * (every character counts there). The stored reply and the conversation keep the body as written.
 */
export function withRatingLinks(
  config: RatingConfig | null,
  reply: { replyId: string; channel: Channel; source: string; body: string },
  now: Date,
): string {
  if (!config || reply.source !== 'auto' || !LINKED.includes(reply.channel)) return reply.body;
  const url = `${config.publicUrl}/r/${ratingToken(config, reply.replyId, now)}`;
  if (reply.channel === 'sms') return `${reply.body}\n\nRate this answer: ${url}`;
  return `${reply.body}\n\n--\nWas this answer helpful?\nYes: ${url}?v=up\nNo: ${url}?v=down`;
}
