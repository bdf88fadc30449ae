import { principalComponents } from './pca.js';
import { TopK } from './topk.js';

export interface DenseOptions {
  /** Above this many vectors, candidates come from a PCA projection and only those are scored exactly. */
  approximateAbove?: number;
  /** Dimensions kept by the projection. */
  projectedDims?: number;
  /** Candidates scored exactly per requested result. */
  rescoreFactor?: number;
  /**
   * Score by the cosine of vectors centred on the index mean (common component removal): averaged word
   * vectors share a large common direction, which makes every raw cosine high and blurs the ranking.
   */
  centre?: boolean;
}

export const DEFAULT_DENSE: Required<DenseOptions> = {
  approximateAbove: 20_000,
  projectedDims: 24,
  rescoreFactor: 10,
  centre: true,
};

interface Projection {
  mean: Float32Array;
  basis: Float32Array;
  k: number;
  data: Float32Array;
  /** Live count when fitted: refitted once the index has grown fourfold. */
  fittedAt: number;
}

/**
 * Unit-normalised vectors in one flat Float32Array. Small indexes are scanned exactly. Past
 * `approximateAbove` vectors a full 100-dim scan costs 15-20 ms on a small machine, so the scan runs
 * over a 24-dim PCA projection of the centred vectors (the directions where sentence vectors actually
 * differ) and only the best `depth * rescoreFactor` candidates are scored exactly. Slots are assigned
 * by the owner.
 */
export class DenseIndex {
  private data: Float32Array;
  private alive: Uint8Array;
  private used = 0;
  private live = 0;
  private readonly sum: Float64Array;
  private projection: Projection | undefined;
  private readonly opts: Required<DenseOptions>;
  // Per slot d . mean and |d - mean| for centred scoring, refreshed on the first search after a change.
  private dotMean = new Float32Array(0);
  private centredNorm = new Float32Array(0);
  private centredStale = true;
  private meanVector = new Float32Array(0);

  constructor(
    readonly dim: number,
    options: DenseOptions = {},
  ) {
    if (!Number.isInteger(dim) || dim < 1)
      throw new Error(`dense dimension must be a positive integer, got ${dim}`);
    this.opts = { ...DEFAULT_DENSE, ...options };
    this.data = new Float32Array(1024 * dim);
    this.alive = new Uint8Array(1024);
    this.sum = new Float64Array(dim);
  }

  /** The stored (unit-length) vector of a live slot. */
  vectorOf(slot: number): Float32Array | undefined {
    if (slot >= this.used || !this.alive[slot]) return undefined;
    return this.data.subarray(slot * this.dim, (slot + 1) * this.dim);
  }

  /** Whether searches currently use the projected candidate scan. */
  get approximate(): boolean {
    return this.projection !== undefined;
  }

  private fit(): void {
    const stride = Math.max(1, Math.floor(this.live / 10_000));
    const sample: Float32Array[] = [];
    for (let slot = 0, seen = 0; slot < this.used; slot++) {
      if (!this.alive[slot]) continue;
      if (seen++ % stride === 0) sample.push(this.data.subarray(slot * this.dim, (slot + 1) * this.dim));
    }
    const k = Math.min(this.opts.projectedDims, this.dim);
    const { mean, basis } = principalComponents(sample, this.dim, k);
    this.projection = { mean, basis, k, data: new Float32Array(this.alive.length * k), fittedAt: this.live };
    for (let slot = 0; slot < this.used; slot++) if (this.alive[slot]) this.project(slot);
  }

  private project(slot: number): void {
    const p = this.projection!;
    const base = slot * this.dim;
    for (let c = 0; c < p.k; c++) {
      let s = 0;
      for (let i = 0; i < this.dim; i++)
        s += p.basis[c * this.dim + i]! * (this.data[base + i]! - p.mean[i]!);
      p.data[slot * p.k + c] = s;
    }
  }

  private maintain(): void {
    if (this.live < this.opts.approximateAbove) {
      this.projection = undefined;
      return;
    }
    if (!this.projection || this.live >= this.projection.fittedAt * 4) this.fit();
  }

  get size(): number {
    return this.live;
  }

  private ensure(slot: number): void {
    if (slot < this.alive.length) return;
    let cap = this.alive.length;
    while (cap <= slot) cap *= 2;
    const data = new Float32Array(cap * this.dim);
    data.set(this.data);
    this.data = data;
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    if (this.projection) {
      const projected = new Float32Array(cap * this.projection.k);
      projected.set(this.projection.data);
      this.projection.data = projected;
    }
  }

  add(slot: number, vector: Float32Array): void {
    if (vector.length !== this.dim)
      throw new Error(`embedding has ${vector.length} dimensions, index expects ${this.dim}`);
    this.ensure(slot);
    if (this.alive[slot]) throw new Error(`slot ${slot} already holds a vector`);
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    norm = Math.sqrt(norm);
    const base = slot * this.dim;
    // A zero vector (no known words) stays zero: it scores 0 against everything rather than NaN.
    if (norm > 0) for (let i = 0; i < this.dim; i++) this.data[base + i] = vector[i]! / norm;
    else this.data.fill(0, base, base + this.dim);
    for (let i = 0; i < this.dim; i++) this.sum[i]! += this.data[base + i]!;
    this.alive[slot] = 1;
    this.live++;
    this.centredStale = true;
    if (slot >= this.used) this.used = slot + 1;
    if (this.projection) this.project(slot);
    this.maintain();
  }

  remove(slot: number): void {
    if (!this.alive[slot]) return;
    const base = slot * this.dim;
    for (let i = 0; i < this.dim; i++) this.sum[i]! -= this.data[base + i]!;
    this.alive[slot] = 0;
    this.live--;
    this.centredStale = true;
    this.maintain();
  }

  compact(map: Int32Array, newCapacity: number): void {
    const cap = Math.max(1024, newCapacity);
    const data = new Float32Array(cap * this.dim);
    const alive = new Uint8Array(cap);
    let used = 0;
    for (let old = 0; old < Math.min(map.length, this.used); old++) {
      const to = map[old]!;
      if (to < 0 || !this.alive[old]) continue;
      data.set(this.data.subarray(old * this.dim, (old + 1) * this.dim), to * this.dim);
      alive[to] = 1;
      if (to >= used) used = to + 1;
    }
    if (this.projection) {
      const p = this.projection;
      const projected = new Float32Array(cap * p.k);
      for (let old = 0; old < Math.min(map.length, this.used); old++) {
        const to = map[old]!;
        if (to < 0 || !this.alive[old]) continue;
        projected.set(p.data.subarray(old * p.k, (old + 1) * p.k), to * p.k);
      }
      p.data = projected;
    }
    this.data = data;
    this.alive = alive;
    this.used = used;
    this.centredStale = true;
  }

  private refreshCentred(): void {
    const { dim } = this;
    const mean = new Float32Array(dim);
    for (let i = 0; i < dim; i++) mean[i] = this.live > 0 ? this.sum[i]! / this.live : 0;
    let mm = 0;
    for (let i = 0; i < dim; i++) mm += mean[i]! * mean[i]!;
    if (this.dotMean.length < this.used) {
      this.dotMean = new Float32Array(this.alive.length);
      this.centredNorm = new Float32Array(this.alive.length);
    }
    for (let slot = 0; slot < this.used; slot++) {
      if (!this.alive[slot]) continue;
      const base = slot * dim;
      let dm = 0;
      for (let i = 0; i < dim; i++) dm += this.data[base + i]! * mean[i]!;
      this.dotMean[slot] = dm;
      // |d| is 1 (or 0 for an empty text); |d - m|^2 = |d|^2 - 2 d.m + |m|^2.
      let dd = 0;
      for (let i = 0; i < dim; i++) dd += this.data[base + i]! * this.data[base + i]!;
      this.centredNorm[slot] = Math.sqrt(Math.max(0, dd - 2 * dm + mm));
    }
    this.meanVector = mean;
    this.centredStale = false;
  }

  /**
   * Top `depth` slots by cosine similarity, and the mean cosine over all live vectors: the baseline a
   * confident match should stand out from. With `centre` the cosine is between vectors centred on the
   * index mean; their dot products average exactly 0 over the index, so the baseline is 0.
   */
  search(
    query: Float32Array,
    depth: number,
  ): { hits: { slot: number; score: number }[]; mean: number; scoreOf: (slot: number) => number } {
    return this.scan(query, depth);
  }

  /** The query's scorer and baseline without scanning the index, for scoring known slots only. */
  scorer(query: Float32Array): {
    hits: { slot: number; score: number }[];
    mean: number;
    scoreOf: (slot: number) => number;
  } {
    return this.scan(query, 0);
  }

  private scan(
    query: Float32Array,
    depth: number,
  ): { hits: { slot: number; score: number }[]; mean: number; scoreOf: (slot: number) => number } {
    if (query.length !== this.dim)
      throw new Error(`query embedding has ${query.length} dimensions, index expects ${this.dim}`);
    let qn = 0;
    for (let i = 0; i < this.dim; i++) qn += query[i]! * query[i]!;
    qn = Math.sqrt(qn);
    const top = new TopK(depth);
    if (qn === 0 || this.live === 0) return { hits: [], mean: 0, scoreOf: () => 0 };
    const q = new Float32Array(this.dim);
    for (let i = 0; i < this.dim; i++) q[i] = query[i]! / qn;
    const { data, dim, alive } = this;
    const centre = this.opts.centre;
    let qm = 0;
    if (centre) {
      if (this.centredStale) this.refreshCentred();
      const m = this.meanVector;
      let cn = 0;
      for (let i = 0; i < dim; i++) {
        q[i]! -= m[i]!;
        cn += q[i]! * q[i]!;
      }
      cn = Math.sqrt(cn);
      if (cn === 0) return { hits: [], mean: 0, scoreOf: () => 0 };
      for (let i = 0; i < dim; i++) {
        q[i]! /= cn;
        qm += q[i]! * m[i]!;
      }
    }
    const norms = this.centredNorm;
    // (q - m) . (d - m) / |q - m| |d - m| from the raw dot product q' . d, with q' the centred unit query.
    const finish = (slot: number, dot: number): number => {
      if (!centre) return dot;
      const n = norms[slot]!;
      return n > 0 ? (dot - qm) / n : 0;
    };
    const exact = (slot: number): number => finish(slot, rawDot(slot));
    const rawDot = (slot: number): number => {
      const base = slot * dim;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      let i = 0;
      for (; i + 3 < dim; i += 4) {
        d0 += q[i]! * data[base + i]!;
        d1 += q[i + 1]! * data[base + i + 1]!;
        d2 += q[i + 2]! * data[base + i + 2]!;
        d3 += q[i + 3]! * data[base + i + 3]!;
      }
      for (; i < dim; i++) d0 += q[i]! * data[base + i]!;
      return d0 + d1 + d2 + d3;
    };
    let mean = 0;
    if (!centre) {
      for (let i = 0; i < dim; i++) mean += q[i]! * this.sum[i]!;
      mean /= this.live;
    }
    const p = this.projection;
    if (depth === 0) {
      // Scorer only.
    } else if (!p) {
      for (let slot = 0; slot < this.used; slot++) if (alive[slot] === 1) top.push(slot, exact(slot));
    } else {
      // q . d = q . mean + (P q) . (P (d - mean)) + residual; the first term is the same for every d.
      const qp = new Float32Array(p.k);
      for (let c = 0; c < p.k; c++) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += p.basis[c * dim + i]! * q[i]!;
        qp[c] = s;
      }
      const candidates = new TopK(depth * this.opts.rescoreFactor);
      const pd = p.data;
      const k = p.k;
      for (let slot = 0; slot < this.used; slot++) {
        if (alive[slot] === 0) continue;
        const base = slot * k;
        let s0 = 0;
        let s1 = 0;
        let c = 0;
        for (; c + 1 < k; c += 2) {
          s0 += qp[c]! * pd[base + c]!;
          s1 += qp[c + 1]! * pd[base + c + 1]!;
        }
        if (c < k) s0 += qp[c]! * pd[base + c]!;
        candidates.push(slot, s0 + s1);
      }
      for (const c of candidates.sorted()) top.push(c.slot, exact(c.slot));
    }
    const scoreOf = (slot: number): number => {
      if (slot >= this.used || !this.alive[slot]) return 0;
      let dot = 0;
      const base = slot * dim;
      for (let i = 0; i < dim; i++) dot += q[i]! * this.data[base + i]!;
      return finish(slot, dot);
    };
    return { hits: top.sorted(), mean, scoreOf };
  }

  memoryBytes(): number {
    return this.data.byteLength + this.alive.byteLength + (this.projection?.data.byteLength ?? 0);
  }
}
