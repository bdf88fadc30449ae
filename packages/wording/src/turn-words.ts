// The customer's words for one turn of a ticket. Every turn carries the ticket's subject, but the subject belongs to
// the first message: read with a later one ("Cancel order #W..." before "My name is ..." or before the next
// request), it makes that message look like the first. A subject cut from the message's own opening words ("For
// #W1234567" over "For #W1234567, modify ...") says nothing the body does not, and read as a line of its own it is
// a fragment that neither asks for anything nor greets.

/** The parts of a ticket turn the words come from (a `TicketTurn` fits). */
export interface TurnWordsInput {
  subject?: string | undefined;
  body: string;
  history?: readonly unknown[] | undefined;
}

const flat = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The subject (first message only, unless the body already holds it) and the body. */
export function turnWords(ticket: TurnWordsInput): string {
  const first = (ticket.history?.length ?? 0) === 0;
  const subject = ticket.subject?.trim();
  if (!first || !subject || flat(ticket.body).includes(flat(subject))) return ticket.body;
  return `${subject}\n${ticket.body}`;
}
