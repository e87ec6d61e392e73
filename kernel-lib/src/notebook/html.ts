/** Text helpers shared by the HTML builders: escaping and number formatting. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** How numbers are written in tables. */
export interface NumberFormat {
  /** Significant digits for ordinary numbers (default 6). */
  digits?: number;
  /** Text for NaN (default "NaN"); ±Infinity is written "∞" / "−∞". */
  nan?: string;
}

/** A number as a table shows it: integers whole with thousands separators, others to `digits` significant digits. */
export function formatNumber(value: number, format: NumberFormat = {}): string {
  if (Number.isNaN(value)) return format.nan ?? "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toExponential((format.digits ?? 6) - 1);
  return Number(value.toPrecision(format.digits ?? 6)).toString();
}

/** A bar time as text: the date for daily and slower bars at midnight UTC, else the ISO time to the minute. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")}Z`;
}
