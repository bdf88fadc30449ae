import pg from 'pg';

/** Statement text -> the name it is prepared under on each connection. */
const names = new Map<string, string>();

/**
 * Marks a fixed statement text (parameters `$1`, `$2`...) to be sent as a named prepared statement: each
 * pooled connection parses and plans it once, then only binds and executes it. Only for the few statements
 * run for every message (the bus's ledger and outbox statements, the timeline entry): Postgres spends about
 * half of such a statement's CPU parsing and planning it. Each connection keeps one prepared statement per
 * text marked, so mark constant texts only, never ones built per call. Returns the text.
 */
export function prepared(text: string): string {
  if (!names.has(text)) names.set(text, `parley_${names.size + 1}`);
  return text;
}

/** The pool's client: a query whose text was marked by `prepared` goes by its name. */
export class PreparingClient extends pg.Client {}

type AnyQuery = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as AnyQuery;
// Assigned rather than declared as an override: TypeScript cannot restate the base method's overloads.
PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  const name = typeof text === 'string' ? names.get(text) : undefined;
  if (name === undefined || !(values === undefined || Array.isArray(values))) return query.apply(this, args);
  return query.call(this, { name, text, values: values ?? [] }, callback);
} as pg.Client['query'];
