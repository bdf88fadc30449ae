/**
 * Top principal components of a sample of vectors by subspace iteration on the covariance matrix:
 * dim x dim covariance (cheap at 100 dims), then `k` orthonormal directions refined by repeated
 * multiplication. Deterministic: fixed initial basis, fixed iteration count.
 */
export function principalComponents(
  sample: Float32Array[],
  dim: number,
  k: number,
  iterations = 40,
): { mean: Float32Array; basis: Float32Array } {
  const n = sample.length;
  const mean = new Float64Array(dim);
  for (const v of sample) for (let i = 0; i < dim; i++) mean[i]! += v[i]! / n;
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (const v of sample) {
    for (let i = 0; i < dim; i++) centred[i] = v[i]! - mean[i]!;
    for (let i = 0; i < dim; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      const row = i * dim;
      for (let j = i; j < dim; j++) cov[row + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) cov[j * dim + i] = cov[i * dim + j]!;

  let q = new Float64Array(k * dim);
  for (let c = 0; c < k; c++)
    for (let i = 0; i < dim; i++) q[c * dim + i] = Math.sin((c + 1) * (i + 1) * 12.9898) + (i === c ? 1 : 0);
  for (let it = 0; it < iterations; it++) {
    const z = new Float64Array(k * dim);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += cov[i * dim + j]! * q[c * dim + j]!;
        z[c * dim + i] = s;
      }
    }
    // Gram-Schmidt keeps the directions orthonormal, so they converge to distinct components.
    for (let c = 0; c < k; c++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += z[c * dim + i]! * z[p * dim + i]!;
        for (let i = 0; i < dim; i++) z[c * dim + i]! -= dot * z[p * dim + i]!;
      }
      let norm = 0;
      for (let i = 0; i < dim; i++) norm += z[c * dim + i]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < dim; i++) z[c * dim + i]! /= norm;
    }
    q = z;
  }
  return { mean: Float32Array.from(mean), basis: Float32Array.from(q) };
}
