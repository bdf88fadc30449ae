import type { Migration } from 'kysely/migration';
import * as busLedgerAndOutbox from './20261122000000-bus-ledger-and-outbox.js';
import * as ticketsCrmInboxKnowledge from './20261122010000-tickets-crm-inbox-knowledge.js';
import * as decisionIntentBand from './20261122020000-decision-intent-band.js';
import * as messageExternalId from './20261122030000-message-external-id.js';
import * as channels from './20261122040000-channels.js';
import * as workspaces from './20261203000000-workspaces.js';
import * as storeActions from './20261203010000-store-actions.js';
import * as ticketActions from './20261203020000-ticket-actions.js';
import * as agentWorkspace from './20261210000000-agent-workspace.js';
import * as ticketOwners from './20261215000000-ticket-owners.js';
import * as quality from './20261220000000-quality.js';

/** Listed by hand so migrations work from a bundle as well as from source; names sort by time. */
export const migrations: Record<string, Migration> = {
  '20261122000000-bus-ledger-and-outbox': busLedgerAndOutbox,
  '20261122010000-tickets-crm-inbox-knowledge': ticketsCrmInboxKnowledge,
  '20261122020000-decision-intent-band': decisionIntentBand,
  '20261122030000-message-external-id': messageExternalId,
  '20261122040000-channels': channels,
  '20261203000000-workspaces': workspaces,
  '20261203010000-store-actions': storeActions,
  '20261203020000-ticket-actions': ticketActions,
  '20261210000000-agent-workspace': agentWorkspace,
  '20261215000000-ticket-owners': ticketOwners,
  '20261220000000-quality': quality,
};
