/** Pearson correlation between feature columns, over the rows where every column is defined. Pure. */

/** A square correlation matrix of `names`, and how many rows it was computed over. */
export interface CorrelationMatrix {
  names: string[];
  /** matrix[i][j]: correlation of names[i] and names[j]; null when either is constant or too few rows remain. */
  matrix: (number | null)[][];
  /** Rows where every column had a finite value. */
  rows: number;
}

type Column = ReadonlyArray<number | null | undefined>;

function defined(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Pearson's r of every pair of `names` in `columns`, over the rows where all of them are finite. */
export function correlationMatrix(columns: Readonly<Record<string, Column>>, names: readonly string[]): CorrelationMatrix {
  const series = names.map((name) => columns[name] ?? []);
  const length = Math.min(...series.map((s) => s.length));
  const rows: number[] = [];
  for (let i = 0; i < length; i++) if (series.every((s) => defined(s[i]))) rows.push(i);

  const n = rows.length;
  const centred = series.map((s) => {
    const values = rows.map((i) => s[i] as number);
    const mean = values.reduce((a, b) => a + b, 0) / (n || 1);
    return values.map((v) => v - mean);
  });
  const norms = centred.map((c) => Math.sqrt(c.reduce((a, d) => a + d * d, 0)));
  const matrix = names.map((_, i) =>
    names.map((__, j) => {
      if (n < 2 || norms[i] === 0 || norms[j] === 0) return null;
      if (i === j) return 1;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += centred[i][k] * centred[j][k];
      // clamp the rounding that can put |r| a hair above 1
      return Math.max(-1, Math.min(1, dot / (norms[i] * norms[j])));
    }),
  );
  return { names: [...names], matrix, rows: n };
}
