import { IngestError } from '../errors.js';

/** Parses a JSON export's text, turning a syntax error's character offset into a line and column. */
export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol)
      throw new IngestError(file, `invalid JSON: ${message}`, {
        line: Number(lineCol[1]),
        column: Number(lineCol[2]),
      });
    const position = /position (\d+)/.exec(message);
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      throw new IngestError(file, `invalid JSON: ${message}`, { line, column });
    }
    throw new IngestError(file, `invalid JSON: ${message}`);
  }
}

/** A vendor export may be one page object or an array of pages concatenated by the exporter. */
export function pages(
  file: string,
  data: unknown,
  listKey: string,
): { value: Record<string, unknown>; pointer: string }[] {
  const list = Array.isArray(data) ? data : [data];
  return list.map((page, i) => {
    const pointer = Array.isArray(data) ? `/${i}` : '';
    if (
      typeof page !== 'object' ||
      page === null ||
      !Array.isArray((page as Record<string, unknown>)[listKey])
    ) {
      throw new IngestError(file, `expected an object with a "${listKey}" array`, {
        field: `${pointer}/${listKey}`,
      });
    }
    return { value: page as Record<string, unknown>, pointer };
  });
}

export function zodPath(path: (string | number)[]): string {
  return path.map(String).join('.');
}
