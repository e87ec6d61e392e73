/**
 * Least squares for tall data without forming XᵀX: the R factor of [A | b] is accumulated block
 * by block with Householder reflections (TSQR), so memory stays O(k²) and accuracy is that of QR
 * (the normal equations would square the condition number).
 */

/** The R factor of the rows added so far, for `unknowns` unknowns and one right-hand side. */
export class TallQR {
  /** (k+1) × (k+1) upper-triangular R of [A | b], row-major. */
  private readonly R: Float64Array;
  /** Squared norm of each column of [A | b] over all rows added, for the rank test. */
  private readonly columnSq: Float64Array;
  private readonly width: number;

  constructor(readonly unknowns: number) {
    this.width = unknowns + 1;
    this.R = new Float64Array(this.width * this.width);
    this.columnSq = new Float64Array(this.width);
  }

  /**
   * Adds `rows` rows of [A | b], given column-major (`block[c * rows + i]`, the last column is b).
   * The block is overwritten.
   */
  addBlock(block: Float64Array, rows: number): void {
    const w = this.width;
    const R = this.R;
    for (let c = 0; c < w; c++) {
      let s = 0;
      const base = c * rows;
      for (let i = 0; i < rows; i++) s += block[base + i] * block[base + i];
      this.columnSq[c] += s;
    }
    for (let j = 0; j < w; j++) {
      const bj = j * rows;
      let tail = 0;
      for (let i = 0; i < rows; i++) tail += block[bj + i] * block[bj + i];
      if (tail === 0) continue;
      const rjj = R[j * w + j];
      const norm = Math.sqrt(rjj * rjj + tail);
      const alpha = rjj > 0 ? -norm : norm;
      const v0 = rjj - alpha;
      const vv = v0 * v0 + tail;
      for (let c = j + 1; c < w; c++) {
        const bc = c * rows;
        let s = v0 * R[j * w + c];
        for (let i = 0; i < rows; i++) s += block[bj + i] * block[bc + i];
        const f = (2 * s) / vv;
        R[j * w + c] -= f * v0;
        for (let i = 0; i < rows; i++) block[bc + i] -= f * block[bj + i];
      }
      R[j * w + j] = alpha;
    }
  }

  /**
   * The first unknown whose column is (numerically) a linear combination of the previous ones or
   * zero: |R_jj| ≤ 1e-9 × its column's norm. -1 when A has full column rank.
   */
  deficientColumn(): number {
    const w = this.width;
    for (let j = 0; j < this.unknowns; j++) {
      if (Math.abs(this.R[j * w + j]) <= 1e-9 * Math.sqrt(this.columnSq[j])) return j;
    }
    return -1;
  }

  /**
   * Every unknown whose column is (numerically) zero or a linear combination of the earlier columns
   * that are kept, in order: what R's lm reports as aliased. Tested on R's own columns (RᵀR = AᵀA)
   * by Gram–Schmidt with re-orthogonalization, with the tolerance of deficientColumn().
   */
  aliasedColumns(): number[] {
    const k = this.unknowns;
    const w = this.width;
    const basis: Float64Array[] = [];
    const aliased: number[] = [];
    for (let j = 0; j < k; j++) {
      const v = new Float64Array(k);
      for (let i = 0; i <= j; i++) v[i] = this.R[i * w + j];
      for (let pass = 0; pass < 2; pass++) {
        for (const q of basis) {
          let d = 0;
          for (let i = 0; i < k; i++) d += q[i] * v[i];
          for (let i = 0; i < k; i++) v[i] -= d * q[i];
        }
      }
      let sq = 0;
      for (let i = 0; i < k; i++) sq += v[i] * v[i];
      const norm = Math.sqrt(sq);
      if (norm <= 1e-9 * Math.sqrt(this.columnSq[j])) {
        aliased.push(j);
        continue;
      }
      for (let i = 0; i < k; i++) v[i] /= norm;
      basis.push(v);
    }
    return aliased;
  }

  /** The least-squares solution by back-substitution (full column rank: see deficientColumn() and aliasedColumns()). */
  solve(): Float64Array {
    const k = this.unknowns;
    const w = this.width;
    const x = new Float64Array(k);
    for (let j = k - 1; j >= 0; j--) {
      let s = this.R[j * w + k];
      for (let c = j + 1; c < k; c++) s -= this.R[j * w + c] * x[c];
      x[j] = s / this.R[j * w + j];
    }
    return x;
  }
}
