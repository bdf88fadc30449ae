import { PermanentError } from '@parley/bus';
import type { ChannelSender } from '../../delivery/senders.js';
import type { TwilioOutbound } from '../config.js';
import { smsParts } from './split.js';

/**
 * Sends SMS replies through Twilio's Messages REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form encoded, basic auth), one request per part (see smsParts). A 4xx other than 429 is permanent (a bad
 * number, an opted-out recipient): the reply goes to the dead-letter stream with Twilio's error code. Twilio
 * takes no idempotency key, so a failure after a part was accepted sends that part again on retry.
 */
export function twilioSender(config: TwilioOutbound, maxParts: number): ChannelSender {
  const endpoint = `${config.apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  // A Messaging Service (MG...) picks the sending number itself.
  const sender: [string, string] = [
    config.from.startsWith('MG') ? 'MessagingServiceSid' : 'From',
    config.from,
  ];
  return {
    async send(reply) {
      const to = reply.customer.phone;
      if (!to) throw new PermanentError(`sms reply ${reply.replyId} has no customer phone number`);
      const sids: string[] = [];
      for (const part of smsParts(reply.body, maxParts)) {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams([['To', to], sender, ['Body', part]]),
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await res.json().catch(() => ({}))) as { sid?: string; code?: number };
        if (!res.ok || !answer.sid) {
          // Twilio's message text can quote the number: only the status and its error code are kept.
          const problem = `twilio answered ${res.status}${answer.code ? ` (error ${answer.code})` : ''} for reply ${reply.replyId}`;
          if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentError(problem);
          throw new Error(problem);
        }
        sids.push(answer.sid);
      }
      return { providerMessageId: sids.join(',') };
    },
  };
}
