import type { Generated } from 'kysely';

/** A signed-in agent of the workspace (owned by handoff); the token itself is only in the browser's cookie. */
export interface AgentSessionsTable {
  id: string;
  /** SHA-256 hex of the session token. */
  token_hash: string;
  workspace_id: string;
  /** The inbox key the session was opened with (`env:<hash prefix>` for a configured one). */
  key_id: string;
  agent_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  ended_at: Date | null;
}
