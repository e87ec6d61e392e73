/**
 * A MarketStore that reads every bar as of one fixed time and remembers what it read. Training
 * computes features through it, so a run sees exactly its pinned data and can fingerprint it.
 */
import type { BarFrame, Interval } from "../frame.js";
import type { IngestResult } from "../ingest.js";
import type { DataPinRecord } from "./pins.js";
import type { RetentionOptions, RetentionReport } from "./retention.js";
import type { SnapshotInfo } from "./snapshots.js";
import type { TickerAttributes, Universe, UniverseDefinitionInput, UniverseInfo, UniverseVersionQuery } from "../universes/schema.js";
import type { BarQuery, DefineUniverseOptions, MarketStore, TickerInfo, UpsertResult } from "./types.js";

/** One read made through the view: the query and the bars it returned. */
export interface ViewRead {
  query: BarQuery & { interval: Interval };
  frame: BarFrame;
}

/** Reads at `asOfMs` over `inner`; writes and everything else pass through. */
export class AsOfView implements MarketStore {
  /** Reads made so far, in order. */
  readonly reads: ViewRead[] = [];

  constructor(
    private readonly inner: MarketStore,
    /** The time every read is pinned to, epoch ms. */
    readonly asOfMs: number,
  ) {}

  async readBars(query: BarQuery): Promise<BarFrame> {
    const pinned = { ...query, interval: query.interval ?? "1d", asOf: this.asOfMs };
    const frame = await this.inner.readBars(pinned);
    this.reads.push({ query: pinned, frame });
    return frame;
  }

  writeBars(frame: BarFrame, provider: string): Promise<UpsertResult> {
    return this.inner.writeBars(frame, provider);
  }
  listTickers(): Promise<TickerInfo[]> {
    return this.inner.listTickers();
  }
  tickerInfo(ticker: string, interval: Interval): Promise<TickerInfo | undefined> {
    return this.inner.tickerInfo(ticker, interval);
  }
  barTimeFromEnd(ticker: string, interval: Interval, back: number): Promise<number | undefined> {
    return this.inner.barTimeFromEnd(ticker, interval, back);
  }
  recordIngestionRun(result: IngestResult, trigger: string): Promise<void> {
    return this.inner.recordIngestionRun(result, trigger);
  }
  createSnapshot(name: string, tickers?: string[], description?: string): Promise<SnapshotInfo> {
    return this.inner.createSnapshot(name, tickers, description);
  }
  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.inner.listSnapshots();
  }
  deleteSnapshot(name: string): Promise<void> {
    return this.inner.deleteSnapshot(name);
  }
  recordPin(pin: DataPinRecord): Promise<void> {
    return this.inner.recordPin(pin);
  }
  getPin(runId: string): Promise<DataPinRecord | undefined> {
    return this.inner.getPin(runId);
  }
  linkPin(runId: string, mlflowRunId: string): Promise<void> {
    return this.inner.linkPin(runId, mlflowRunId);
  }
  applyRetention(options?: RetentionOptions): Promise<RetentionReport> {
    return this.inner.applyRetention(options);
  }
  defineUniverse(name: string, definition: UniverseDefinitionInput, options?: DefineUniverseOptions): Promise<UniverseInfo> {
    return this.inner.defineUniverse(name, definition, options);
  }
  listUniverses(): Promise<UniverseInfo[]> {
    return this.inner.listUniverses();
  }
  getUniverse(name: string, query?: UniverseVersionQuery): Promise<Universe> {
    return this.inner.getUniverse(name, query);
  }
  universeMembers(name: string, date: string | number | Date, query?: UniverseVersionQuery): Promise<string[]> {
    return this.inner.universeMembers(name, date, query);
  }
  deleteUniverse(name: string): Promise<void> {
    return this.inner.deleteUniverse(name);
  }
  setTickerAttributes(rows: TickerAttributes[]): Promise<{ written: number }> {
    return this.inner.setTickerAttributes(rows);
  }
  tickerAttributes(tickers?: string[]): Promise<TickerAttributes[]> {
    return this.inner.tickerAttributes(tickers);
  }
}
