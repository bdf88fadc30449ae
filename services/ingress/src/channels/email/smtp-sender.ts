import { PermanentError } from '@parley/bus';
import nodemailer from 'nodemailer';
import type { ChannelSender } from '../../delivery/senders.js';
import type { SmtpConfig } from '../config.js';
import { replyMessageId, replySubject } from './ids.js';

/**
 * Sends email replies over SMTP (nodemailer). The Message-ID comes from the reply id, so a send retried
 * after a crash carries the same id (mail clients and most mailboxes keep one message per id) and is the
 * delivery's provider id, by which the customer's answer to it is threaded. In-Reply-To and References name
 * the customer's message and the conversation so the customer's mail client threads the reply, and the
 * subject carries the ticket token. Timeouts stay well inside the consumer's ack wait (30 s).
 */
export function smtpSender(config: SmtpConfig): ChannelSender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth ? { auth: config.auth } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  return {
    async send(reply) {
      const to = reply.customer.email;
      if (!to) throw new PermanentError(`email reply ${reply.replyId} has no customer address`);
      const messageId = replyMessageId(reply.replyId, config.messageIdDomain);
      const { answers, ids } = reply.thread;
      await transport.sendMail({
        from: config.from,
        to,
        subject: replySubject(reply.subject, reply.ticketId),
        text: reply.body,
        messageId,
        ...(answers ? { inReplyTo: answers } : {}),
        ...(ids.length > 0 ? { references: ids } : {}),
        // RFC 3834: the bot's replies say they are automatic, so auto-responders do not answer them.
        ...(reply.source === 'agent' ? {} : { headers: { 'Auto-Submitted': 'auto-replied' } }),
      });
      return { providerMessageId: messageId };
    },
  };
}
