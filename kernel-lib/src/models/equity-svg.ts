/** A small SVG line chart of equity curves (strategy vs buy-and-hold), logged as a run artifact. */

export interface Curve {
  label: string;
  color: string;
  values: ArrayLike<number>;
}

/** Renders curves over shared times as a self-contained SVG (no fonts or scripts needed). */
export function equitySvg(title: string, ts: ArrayLike<number>, curves: Curve[], width = 900, height = 420): string {
  const pad = { left: 60, right: 20, top: 40, bottom: 40 };
  const n = ts.length;
  const all = curves.flatMap((c) => Array.from(c.values).filter(Number.isFinite));
  const lo = Math.min(...all, 1);
  const hi = Math.max(...all, 1);
  const x = (i: number) => pad.left + ((width - pad.left - pad.right) * i) / Math.max(1, n - 1);
  const y = (v: number) => height - pad.bottom - ((height - pad.top - pad.bottom) * (v - lo)) / (hi - lo || 1);
  const path = (values: ArrayLike<number>) =>
    Array.from(values, (v, i) => (Number.isFinite(v) ? `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}` : ""))
      .filter(Boolean)
      .join("");
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const ticks = [lo, (lo + hi) / 2, hi]
    .map((v) => `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`)
    .join("");
  const legend = curves
    .map((c, i) => `<text x="${pad.left + 10 + i * 200}" y="${pad.top - 12}" fill="${c.color}">■ ${c.label}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${title.replace(/[<&]/g, "")}</text>
${legend}
<line x1="${pad.left}" y1="${y(1)}" x2="${width - pad.right}" y2="${y(1)}" stroke="#ccc" stroke-dasharray="4 4"/>
${ticks}
<text x="${pad.left}" y="${height - 12}">${n ? day(ts[0]) : ""}</text>
<text x="${width - pad.right}" y="${height - 12}" text-anchor="end">${n ? day(ts[n - 1]) : ""}</text>
${curves.map((c) => `<path d="${path(c.values)}" fill="none" stroke="${c.color}" stroke-width="1.5"/>`).join("\n")}
</svg>
`;
}
