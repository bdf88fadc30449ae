/**
 * A row-major float matrix stored as signed bytes with one scale per row: row r, column c is
 * `q[r * width + c] * scale[r]`. A model's input rows (one per feature) take a quarter of their float32 size,
 * and each row keeps its own range, so a feature with small weights loses no more than one with large ones:
 * the error of any weight is at most half a step, 1/254 of its row's largest magnitude.
 */
// Bound once, as in the training loops: under a vm context every global `Math` lookup is intercepted.
const { abs, max: larger, round } = Math;

export interface Int8Rows {
  width: number;
  q: Int8Array;
  scale: Float32Array;
}

export function quantizeRows(w: Float32Array, width: number): Int8Rows {
  if (width <= 0 || w.length % width !== 0)
    throw new Error(`a ${w.length}-value matrix has no rows of ${width}`);
  const rows = w.length / width;
  const q = new Int8Array(w.length);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const off = r * width;
    let max = 0;
    for (let c = 0; c < width; c++) max = larger(max, abs(w[off + c]!));
    if (max === 0) continue;
    const s = max / 127;
    scale[r] = s;
    for (let c = 0; c < width; c++) q[off + c] = round(w[off + c]! / s);
  }
  return { width, q, scale };
}

/** `out[c] += v * row(r)[c]` for every column: the sparse product's inner step. */
export function addScaledRow(m: Int8Rows, r: number, v: number, out: Float64Array): void {
  const W = m.width;
  const off = r * W;
  const s = v * m.scale[r]!;
  const q = m.q;
  for (let c = 0; c < W; c++) out[c]! += s * q[off + c]!;
}
