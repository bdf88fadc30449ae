// How email threads are named: the ticket token in subjects, and the Message-IDs of our replies.

/** `[#tkt_<ULID>]` in a subject names the ticket; mail clients keep it when the customer replies. */
const TICKET_TOKEN = /\[#(tkt_[0-9A-HJKMNP-TV-Z]{26})\]/;

/** The ticket id a subject's token names, or null. */
export function ticketTokenIn(subject: string | undefined): string | null {
  return TICKET_TOKEN.exec(subject ?? '')?.[1] ?? null;
}

/** The subject of a reply on the ticket: the customer's subject as a reply, with the ticket token. */
export function replySubject(subject: string | undefined, ticketId: string): string {
  const base = subject?.trim() || 'Your request';
  const reply = /^re:/i.test(base) ? base : `Re: ${base}`;
  return ticketTokenIn(reply) === ticketId ? reply : `${reply} [#${ticketId}]`;
}

/**
 * The Message-ID of a reply: derived from the reply id alone, so a retried send carries the same id (mail
 * clients show one message per id) and a customer's answer to it names the reply. Characters a Message-ID
 * cannot hold are written as `=XX` (and `=` itself), so distinct reply ids give distinct Message-IDs.
 */
export function replyMessageId(replyId: string, domain: string): string {
  const local = Array.from(replyId, (c) =>
    /^[A-Za-z0-9_-]$/.test(c)
      ? c
      : Array.from(Buffer.from(c, 'utf8'), (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(
          '',
        ),
  ).join('');
  return `<${local}@${domain}>`;
}

/** The `<...>` message ids in In-Reply-To or References, in order, without repeats. */
export function messageIdsIn(header: string | readonly string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(' ') : ((header as string | undefined) ?? '');
  return [...new Set(text.match(/<[^<>\s]{1,900}>/g) ?? [])];
}
