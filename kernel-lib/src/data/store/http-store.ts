/** MarketStore through the running sidecar (client mode): the sidecar owns the DuckDB file. */
import { NotFound } from "../../errors.js";
import type { SidecarClient } from "../../util/sidecar-client.js";
import type { BarFrame, Interval } from "../frame.js";
import type { IngestResult } from "../ingest.js";
import type { DataPinRecord } from "./pins.js";
import type { RetentionOptions, RetentionReport } from "./retention.js";
import type { SnapshotInfo } from "./snapshots.js";
import type { TickerAttributes, Universe, UniverseDefinitionInput, UniverseInfo, UniverseVersionQuery } from "../universes/schema.js";
import type { BarQuery, DefineUniverseOptions, MarketStore, TickerInfo, UpsertResult } from "./types.js";
import { fromWire, toWire, type WireFrame } from "./wire.js";

/** A Date travels as its epoch ms; numbers and strings as they are. */
function asOfParam(asOf: BarQuery["asOf"]): string | number | undefined {
  return asOf instanceof Date ? asOf.getTime() : asOf;
}

/** A universe version's asOf as an ISO time: the route reads dates, not digit strings. */
function asOfTime(asOf: UniverseVersionQuery["asOf"]): string | undefined {
  return asOf === undefined || typeof asOf === "string" ? asOf : new Date(asOf).toISOString();
}

/** Epoch ms as an ISO time for a query string. */
function isoParam(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** The MarketStore of client mode: every read and write goes through the sidecar that owns the DuckDB file. */
export class HttpStore implements MarketStore {
  constructor(private readonly client: SidecarClient) {}

  writeBars(frame: BarFrame, provider: string): Promise<UpsertResult> {
    return this.client.request("POST", "/data/bars", { provider, frame: toWire(frame) });
  }

  async readBars(query: BarQuery): Promise<BarFrame> {
    const wire = await this.client.request<WireFrame>("GET", `/data/${encodeURIComponent(query.ticker)}`, undefined, {
      interval: query.interval,
      // as ISO times: the route reads dates, and a query string would turn epoch ms into a digit string it refuses
      start: isoParam(query.start),
      end: isoParam(query.end),
      asOf: asOfParam(query.asOf),
      format: "json",
    });
    return fromWire(wire);
  }

  listTickers(): Promise<TickerInfo[]> {
    return this.client.request("GET", "/data/tickers");
  }

  async tickerInfo(ticker: string, interval: Interval): Promise<TickerInfo | undefined> {
    const all = await this.listTickers();
    return all.find((t) => t.ticker === ticker && t.interval === interval);
  }

  async barTimeFromEnd(ticker: string, interval: Interval, back: number): Promise<number | undefined> {
    const r = await this.client.request<{ ts: number | null }>("GET", `/data/${encodeURIComponent(ticker)}/bar-time`, undefined, {
      interval,
      back,
    });
    return r.ts ?? undefined;
  }

  /** Records an ingestion run in the sidecar's database. */
  async recordIngestionRun(result: IngestResult, trigger: string): Promise<void> {
    await this.client.request("POST", "/data/ingestion-runs", { result, trigger });
  }

  createSnapshot(name: string, tickers?: string[], description?: string): Promise<SnapshotInfo> {
    return this.client.request("POST", "/data/snapshots", { name, tickers, description });
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.client.request("GET", "/data/snapshots");
  }

  async deleteSnapshot(name: string): Promise<void> {
    await this.client.request("DELETE", `/data/snapshots/${encodeURIComponent(name)}`);
  }

  async recordPin(pin: DataPinRecord): Promise<void> {
    await this.client.request("POST", "/data/pins", pin);
  }

  async getPin(runId: string): Promise<DataPinRecord | undefined> {
    try {
      return await this.client.request<DataPinRecord>("GET", `/data/pins/${encodeURIComponent(runId)}`);
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }

  async linkPin(runId: string, mlflowRunId: string): Promise<void> {
    await this.client.request("POST", `/data/pins/${encodeURIComponent(runId)}/link`, { mlflowRunId });
  }

  applyRetention(options: RetentionOptions = {}): Promise<RetentionReport> {
    return this.client.request("POST", "/data/retention", options);
  }

  defineUniverse(name: string, definition: UniverseDefinitionInput, options: DefineUniverseOptions = {}): Promise<UniverseInfo> {
    return this.client.request("PUT", `/universes/${encodeURIComponent(name)}`, definition, { source: options.source });
  }

  listUniverses(): Promise<UniverseInfo[]> {
    return this.client.request("GET", "/universes");
  }

  getUniverse(name: string, query: UniverseVersionQuery = {}): Promise<Universe> {
    return this.client.request("GET", `/universes/${encodeURIComponent(name)}`, undefined, { version: query.version, asOf: asOfTime(query.asOf) });
  }

  async universeMembers(name: string, date: string | number | Date, query: UniverseVersionQuery = {}): Promise<string[]> {
    const when = date instanceof Date || typeof date === "number" ? new Date(date).toISOString() : date;
    const r = await this.client.request<{ tickers: string[] }>("GET", `/universes/${encodeURIComponent(name)}/members`, undefined, {
      date: when,
      version: query.version,
      asOf: asOfTime(query.asOf),
    });
    return r.tickers;
  }

  async deleteUniverse(name: string): Promise<void> {
    await this.client.request("DELETE", `/universes/${encodeURIComponent(name)}`);
  }

  setTickerAttributes(rows: TickerAttributes[]): Promise<{ written: number }> {
    return this.client.request("PUT", "/data/attributes", { rows });
  }

  async tickerAttributes(tickers?: string[]): Promise<TickerAttributes[]> {
    // a POST: a long ticker list does not fit a query string
    return this.client.request("POST", "/data/attributes/query", { tickers });
  }
}
