import type { Generated } from 'kysely';

/** Tenants of a deployment: every API key acts for one, and everything reached through a key is stamped with it. */
export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}
