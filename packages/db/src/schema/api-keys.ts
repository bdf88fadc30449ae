import type { Generated } from 'kysely';

/** Integration keys, stored as SHA-256 hashes; revoked keys stay for the audit. */
export interface ApiKeysTable {
  id: string;
  name: string;
  /** The workspace (tenant) the key acts for; see the workspaces migration. */
  workspace_id: string;
  key_hash: string;
  /** tickets | inbox | admin */
  scopes: string[];
  created_at: Generated<Date>;
  revoked_at: Date | null;
}
