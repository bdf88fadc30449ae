import ts from 'typescript';

/** One place a source file names a table in a query. */
export interface TableUsage {
  /** The table, unqualified; null when the query names it with an expression the scan cannot read. */
  table: string | null;
  line: number;
  /** The query builder method, or `sql` for raw SQL. */
  via: string;
}

export interface Violation extends TableUsage {
  file: string;
  reason: string;
}

// Kysely calls whose first argument names a table (`'orders as o'` too). `with` is left out: it names a CTE.
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'replaceInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
]);

// In raw SQL, the word after one of these is a table (or something else, which the known-table check drops).
const RAW_TABLE = /\b(?:from|join|into|update|table|truncate)\s+(?:only\s+)?((?:"?\w+"?\.)?"?\w+"?)/gi;

// How a string holding a data-modifying statement starts.
const STATEMENT_START = /^\s*(?:insert\s+into|update\s+\w+\s+set|delete\s+from)\s/i;

const unquote = (name: string) => name.replace(/"/g, '');
/** `public.orders as o` -> `orders`. */
const tableOf = (text: string) => unquote(text.trim().split(/\s+/)[0]!.split('.').pop()!);

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
}

function isSqlTag(tag: ts.Expression): boolean {
  return ts.isIdentifier(tag) && tag.text === 'sql';
}

/**
 * Every table a TypeScript source names in a query: the first argument of kysely's table methods (a literal;
 * anything else is reported with `table: null`), and the tables of raw SQL in `sql` templates, `sql.raw(...)`,
 * `CompiledQuery.raw(...)`, `prepared(...)`, `sql.table(...)` and `.query(...)` strings, and any other string that
 * starts as an insert, update or delete (a statement kept to run inside another). Raw SQL only counts words that
 * are known tables (`extract(epoch from t.at)` names none). Comments and other strings are not queries and are
 * not read.
 */
export function tableUsages(fileName: string, text: string, knownTables: ReadonlySet<string>): TableUsage[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: TableUsage[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const rawSql = (sqlText: string, node: ts.Node) => {
    for (const m of sqlText.matchAll(RAW_TABLE)) {
      const table = tableOf(m[1]!);
      if (knownTables.has(table)) out.push({ table, line: lineOf(node), via: 'sql' });
    }
  };
  const literal = (arg: ts.Expression | undefined) =>
    arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : null;

  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) rawSql(templateText(node.template), node);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const target = node.expression.expression;
      const first = node.arguments[0];
      if (TABLE_METHODS.has(method) && first) {
        if (ts.isArrowFunction(first) || ts.isFunctionExpression(first)) {
          // A subquery or join builder: the tables it names are calls of their own, visited below.
        } else if (ts.isArrayLiteralExpression(first)) {
          for (const el of first.elements) {
            const name = literal(el as ts.Expression);
            out.push({ table: name === null ? null : tableOf(name), line: lineOf(el), via: method });
          }
        } else {
          const name = literal(first);
          out.push({
            table: name === null ? null : tableOf(name),
            line: lineOf(node.expression.name),
            via: method,
          });
        }
      }
      const isSqlHelper = ts.isIdentifier(target) && target.text === 'sql';
      if (isSqlHelper && method === 'table') {
        const name = literal(first);
        out.push({
          table: name === null ? null : tableOf(name),
          line: lineOf(first ?? node),
          via: 'sql.table',
        });
      }
      const isCompiledQuery = ts.isIdentifier(target) && target.text === 'CompiledQuery';
      if (((isSqlHelper || isCompiledQuery) && method === 'raw') || method === 'query') {
        const sqlText = first && ts.isTemplateLiteral(first) ? templateText(first) : literal(first);
        if (sqlText !== null) rawSql(sqlText, first!);
      }
    }
    // A statement text marked to be prepared (`prepared('insert into ...')`, @parley/db).
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'prepared'
    ) {
      const first = node.arguments[0];
      const sqlText = first && ts.isTemplateLiteral(first) ? templateText(first) : literal(first);
      if (sqlText !== null) rawSql(sqlText, first!);
    }
    // A statement text kept in a constant and sent later (a `ClaimedStatement` of @parley/bus, run inside
    // another statement): a string that starts as a data-modifying statement does.
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateExpression(node)) &&
      !ts.isTaggedTemplateExpression(node.parent) &&
      !ts.isCallExpression(node.parent)
    ) {
      const sqlText = ts.isTemplateExpression(node) ? templateText(node) : node.text;
      if (STATEMENT_START.test(sqlText)) rawSql(sqlText, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Chained calls are visited outermost first; report in reading order.
  return out.sort((a, b) => a.line - b.line);
}

/**
 * The usages of `file` (owned by `owner`, e.g. `services/gate`) that break the map: a table someone else owns,
 * a table the map does not know, or a table named by an expression the scan cannot check.
 */
export function checkUsages(
  file: string,
  owner: string,
  usages: readonly TableUsage[],
  owners: Readonly<Record<string, string>>,
): Violation[] {
  return usages.flatMap((u): Violation[] => {
    if (u.table === null)
      return [{ ...u, file, reason: 'names a table with an expression; use a literal the check can read' }];
    const tableOwner = owners[u.table];
    if (tableOwner === undefined)
      return [
        { ...u, file, reason: `table ${u.table} has no owner in TABLE_OWNERS (packages/db/src/owners.ts)` },
      ];
    if (tableOwner !== owner)
      return [{ ...u, file, reason: `table ${u.table} is ${tableOwner}'s; ${owner} may not query it` }];
    return [];
  });
}

/** `checkUsages` of a source text. */
export function violationsIn(
  file: string,
  owner: string,
  text: string,
  owners: Readonly<Record<string, string>>,
): Violation[] {
  return checkUsages(file, owner, tableUsages(file, text, new Set(Object.keys(owners))), owners);
}
