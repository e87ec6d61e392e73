/**
 * Before a run is reproduced, its pinned bars are read again as of the pinned time and checked
 * against the pin's count and SHA-256: when retention (forced) removed revisions, the error names
 * every ticker, range and asOf that can no longer be read as the run saw it.
 */
import { barsSha256 } from "../data/store/fingerprint.js";
import type { PinnedRange } from "../data/store/pins.js";
import type { MarketStore } from "../data/store/types.js";
import { Conflict, InvalidInput, NotFound } from "../errors.js";
import { isoDay } from "../util/dates.js";

/** A range as words: "ACME.SAMPLE 1d from its first bar to 2025-06-30 as of 2025-07-01T10:00:00.000Z". */
export function describeRange(r: PinnedRange): string {
  const from = r.start === null ? "its first bar" : isoDay(r.start);
  const to = r.end === null ? "its last bar" : isoDay(r.end);
  return `${r.ticker} ${r.interval} from ${from} to ${to} as of ${new Date(r.asOf).toISOString()}`;
}

/** Throws Conflict, naming each range, unless every pinned range reads back exactly as pinned. */
export async function checkPinnedData(runId: string, ranges: readonly PinnedRange[], store: MarketStore): Promise<void> {
  const problems: string[] = [];
  for (const r of ranges) {
    try {
      const frame = await store.readBars({ ticker: r.ticker, interval: r.interval, start: r.start ?? undefined, end: r.end ?? undefined, asOf: r.asOf });
      if (frame.ts.length !== r.rows || barsSha256(frame) !== r.sha256) {
        problems.push(`${describeRange(r)}: the run read ${r.rows} bars, ${frame.ts.length} remain${frame.ts.length === r.rows ? " but their values differ" : ""}`);
      }
    } catch (error) {
      if (!(error instanceof NotFound || error instanceof InvalidInput)) throw error;
      problems.push(`${describeRange(r)}: ${error.message}`);
    }
  }
  if (problems.length) {
    throw new Conflict(
      `Run ${runId} cannot be reproduced: the bars it was trained on are no longer stored as it saw them (were revisions removed with retention's force option?). Missing: ${problems.join("; ")}.`,
      ranges.map((r) => ({ path: `data.${r.ticker}`, message: describeRange(r) })),
    );
  }
}
