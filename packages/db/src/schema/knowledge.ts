import type { Generated } from 'kysely';

export interface KbSourcesTable {
  id: string;
  /** The workspace (tenant) that owns the source; see the workspaces migration. */
  workspace_id: string;
  revision: number;
  updated_at: Generated<Date>;
}

/** Section-level chunks of help-centre articles; every retrieval replica rebuilds its index from here. */
export interface KbChunksTable {
  id: string;
  source_id: string;
  article_id: string;
  title: string;
  section: string;
  text: string;
  url: string | null;
  source_updated_at: Date | null;
  content_hash: string;
  updated_at: Generated<Date>;
}
