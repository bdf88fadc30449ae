export { createDb } from './pool.js';
export { prepared } from './prepared.js';
export type { Db, DbConfig } from './pool.js';
export { ensureSchema, migrateDown, migrateToLatest, withDdlLock } from './migrate.js';
export type { Database } from './schema/index.js';
export * from './schema/index.js';
export { TABLE_OWNERS } from './owners.js';
export type { TableName } from './owners.js';
