import type { CrmReader } from '@parley/commerce';
import type { TicketTurn } from '@parley/contracts';
import { claimedAccount, identityAnswers, identityIn } from '@parley/wording';

/**
 * The store customer a sender not matched at the edge says they are in answer to our request for their details
 * (`identityAnswers`: an address mentioned in passing identifies no one), the way the store's policy lets them
 * ("we find your account by the email address on your account, or your full name and ZIP code"): an account's
 * email, when the name given at the edge (if any) is that account's (`nameAgrees`: an email typed in a
 * message does not open someone else's account), or a full name with that account's ZIP code. Null when they gave
 * none, or none that one account has.
 */
export async function identifiedInConversation(
  crm: CrmReader,
  ticket: Pick<TicketTurn, 'history' | 'body' | 'customer'>,
): Promise<string | null> {
  const answers = identityAnswers(ticket.history, ticket.body);
  if (answers.length === 0) return null;
  return claimedAccount(identityIn(answers, ticket.customer.name), ticket.customer.name, {
    byEmail: (email) => crm.customerIdByEmail(email),
    nameOf: async (id) => {
      const row = await crm.customer(id);
      return row ? `${row.first_name} ${row.last_name}` : null;
    },
    byNameZip: (name) => crm.customerIdByNameZip(name),
  });
}
