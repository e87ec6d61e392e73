/** Prints benchmark results side by side with their baseline, as aligned tables. */

export interface Row {
  [column: string]: string | number;
}

/** Prints a titled table; numbers get thousands separators and sensible precision. */
export function printTable(title: string, rows: Row[]): void {
  const fmt = (v: string | number) =>
    typeof v === "number" ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en-US") : v.toPrecision(3)) : v;
  const cols = Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => cols.map((c) => fmt(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i])).join("  ");
  process.stdout.write(`\n${title}\n${line(cols)}\n${line(widths.map((w) => "-".repeat(w)))}\n${cells.map(line).join("\n")}\n`);
}

/** Wall time of `fn` in milliseconds. */
export async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** A short progress line on stderr for long benchmarks. */
export function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}
