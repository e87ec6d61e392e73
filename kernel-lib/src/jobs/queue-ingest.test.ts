import { describe, expect, it } from "vitest";
import type { IngestResult, TickerIngestResult } from "../data/ingest.js";
import { chunk, mergeIngestResults } from "./queue-ingest.js";

function ticker(name: string, fetched: number, inserted: number, status: "ok" | "failed" = "ok"): TickerIngestResult {
  return { ticker: name, status, fetched, inserted, updated: 1, unchanged: fetched - inserted - 1, rejected: 0, rejectedBars: [], skipped: 0, durationMs: 3 };
}

function batch(runId: string, startedAt: string, finishedAt: string, tickers: TickerIngestResult[]): IngestResult {
  return { runId, provider: "sample", interval: "1d", startedAt, finishedAt, status: "ok", tickers, totals: { fetched: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, failed: 0 } };
}

const fallback = { provider: "sample" as const, interval: "1d" as const, startedAt: "2026-01-01T00:00:00.000Z" };

describe("ingestion batches", () => {
  it("chunks tickers in order, the last batch shorter", () => {
    expect(chunk(["A", "B", "C", "D", "E"], 2)).toEqual([["A", "B"], ["C", "D"], ["E"]]);
    expect(chunk(["A"], 5)).toEqual([["A"]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it("merges batches into one result: request order, summed totals, earliest start, latest end, the first run id", () => {
    const merged = mergeIngestResults(
      ["A", "B", "C"],
      [
        { tickers: ["C"], result: batch("run-2", "2026-01-01T10:00:02.000Z", "2026-01-01T10:00:09.000Z", [ticker("C", 10, 4)]) },
        { tickers: ["A", "B"], result: batch("run-1", "2026-01-01T10:00:01.000Z", "2026-01-01T10:00:05.000Z", [ticker("B", 7, 7), ticker("A", 5, 2)]) },
      ],
      fallback,
    );
    expect(merged.tickers.map((t) => t.ticker)).toEqual(["A", "B", "C"]);
    // by hand: fetched 5+7+10, inserted 2+7+4, updated 1 each, unchanged (5-2-1)+(7-7-1)+(10-4-1)
    expect(merged.totals).toEqual({ fetched: 22, inserted: 13, updated: 3, unchanged: 2 - 1 + 5, rejected: 0, failed: 0 });
    expect(merged.status).toBe("ok");
    expect(merged.runId).toBe("run-2");
    expect(merged.startedAt).toBe("2026-01-01T10:00:01.000Z");
    expect(merged.finishedAt).toBe("2026-01-01T10:00:09.000Z");
  });

  it("counts a batch that failed for good as its tickers failing with its error: partial, or failed when nothing succeeded", () => {
    const error = { code: "UNAVAILABLE", message: "the sidecar cannot be reached" };
    const partial = mergeIngestResults(
      ["A", "B", "C"],
      [
        { tickers: ["A", "B"], error },
        { tickers: ["C"], result: batch("run-9", "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:01.000Z", [ticker("C", 3, 3)]) },
      ],
      fallback,
    );
    expect(partial.status).toBe("partial");
    expect(partial.totals.failed).toBe(2);
    expect(partial.tickers[0]).toMatchObject({ ticker: "A", status: "failed", fetched: 0, error });
    const failed = mergeIngestResults(["A"], [{ tickers: ["A"], error }], fallback);
    expect(failed.status).toBe("failed");
    expect(failed.provider).toBe("sample");
    expect(failed.startedAt).toBe(fallback.startedAt);
  });

  it("keeps a ticker that failed inside a successful batch as failed", () => {
    const merged = mergeIngestResults(["A", "B"], [{ tickers: ["A", "B"], result: batch("r", "t0", "t1", [ticker("A", 1, 1), ticker("B", 0, 0, "failed")]) }], fallback);
    expect(merged.status).toBe("partial");
    expect(merged.totals.failed).toBe(1);
  });
});
