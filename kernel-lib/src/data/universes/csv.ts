/**
 * Membership CSVs: a header naming ticker, from and to (in any order, any case; `start`/`end` are
 * accepted too), then one spell per line; `to` may be empty (still a member). Every problem names
 * its line and what to write instead.
 */
import { type FieldIssue, InvalidInput } from "../../errors.js";
import { parseDate } from "../../util/dates.js";
import { TICKER_PATTERN } from "../providers/ticker.js";
import type { Spell, SpellSource } from "./members.js";

const ALIASES: Record<"ticker" | "from" | "to", string[]> = {
  ticker: ["ticker", "symbol"],
  from: ["from", "start", "from_date", "start_date"],
  to: ["to", "end", "to_date", "end_date"],
};

/** Splits one CSV line on commas (fields may be "quoted"). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Parses a membership CSV into spells, each with the line it came from. `file` names it in messages. */
export function parseMembershipCsv(text: string, file = "the membership CSV"): { spells: Spell[]; sources: SpellSource[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) throw new InvalidInput(`${file} is empty: write a header line ticker,from,to, then one membership per line.`, [{ path: "csv", message: "empty" }]);
  const header = fields(lines[headerIndex]).map((h) => h.toLowerCase());
  const col = {} as Record<"ticker" | "from" | "to", number>;
  const missing: string[] = [];
  for (const key of ["ticker", "from", "to"] as const) {
    col[key] = header.findIndex((h) => ALIASES[key].includes(h));
    if (col[key] < 0) missing.push(key);
  }
  if (missing.length) {
    throw new InvalidInput(
      `${file}, line ${headerIndex + 1}: the header '${lines[headerIndex].trim()}' has no ${missing.join(" and no ")} column. ` +
        "Write the header ticker,from,to (to may be left empty on a line).",
      missing.map((m) => ({ path: `csv.line.${headerIndex + 1}`, message: `no ${m} column` })),
    );
  }
  const spells: Spell[] = [];
  const sources: SpellSource[] = [];
  const issues: FieldIssue[] = [];
  const problems: string[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const line = i + 1;
    const row = fields(lines[i]);
    const bad = (message: string) => {
      problems.push(`line ${line}: ${message}`);
      issues.push({ path: `csv.line.${line}`, message });
    };
    if (row.length < header.length) {
      bad(`${row.length} fields where the header has ${header.length}`);
      continue;
    }
    const ticker = row[col.ticker];
    const from = parseDate(row[col.from]);
    const toText = row[col.to];
    const to = toText === "" ? null : parseDate(toText);
    if (!TICKER_PATTERN.test(ticker)) bad(`'${ticker}' is not a valid ticker (1 to 20 letters, digits, '.', '^', '=', '_' or '-')`);
    else if (!Number.isFinite(from)) bad(`from '${row[col.from]}' is not a date: use YYYY-MM-DD`);
    else if (to !== null && !Number.isFinite(to)) bad(`to '${toText}' is not a date: use YYYY-MM-DD, or leave it empty for a current member`);
    else {
      spells.push({ ticker, from, to });
      sources.push({ where: `line ${line} of ${file}`, path: `csv.line.${line}` });
    }
  }
  if (issues.length) throw new InvalidInput(`${file}: ${problems.slice(0, 10).join("; ")}${problems.length > 10 ? `; and ${problems.length - 10} more` : ""}.`, issues);
  if (spells.length === 0) throw new InvalidInput(`${file} has a header but no memberships.`, [{ path: "csv", message: "no rows" }]);
  return { spells, sources };
}
