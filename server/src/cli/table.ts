/** Plain-text tables for the terminal. */

/** Renders rows as an aligned table with a header; numbers right-aligned. */
export function renderTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return "(none)\n";
  const cols = columns ?? Object.keys(rows[0]);
  const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "number" ? formatNumber(v) : String(v));
  const cells = rows.map((r) => cols.map((c) => text(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === "number" || r[c] === null || r[c] === undefined));
  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join("  ").trimEnd();
  return `${[line(cols), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")}\n`;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1000 ? v.toFixed(2) : v.toPrecision(6).replace(/\.?0+$/, "");
}
