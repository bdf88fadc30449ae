/** Splits `items` into consecutive slices of at most `size` (providers cap inputs per embed/rerank call). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Checks a provider returned one vector of the configured width per input. */
export function toVectors(
  rows: unknown,
  expectedCount: number,
  dim: number,
  fail: (problem: string) => Error,
): Float32Array[] {
  if (!Array.isArray(rows) || rows.length !== expectedCount) {
    throw fail(`expected ${expectedCount} embeddings, got ${Array.isArray(rows) ? rows.length : 'none'}`);
  }
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== dim) {
      throw fail(
        `expected embeddings of dimension ${dim}, got ${Array.isArray(row) ? row.length : 'a non-array'}`,
      );
    }
    if (!row.every((v) => typeof v === 'number')) throw fail('embedding contains non-numeric values');
    return Float32Array.from(row as number[]);
  });
}
