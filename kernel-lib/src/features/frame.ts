/** A feature frame: feature columns aligned with one ticker's bars, plus its binary cache form. */
import type { Interval } from "../data/frame.js";

/** Computed features of one ticker over a date range. */
export interface FeatureFrame {
  ticker: string;
  interval: Interval;
  /** Bar times (epoch ms UTC) of the rows. */
  ts: Float64Array;
  /** Close of each row, split- and dividend-adjusted unless asked otherwise (models build labels from it). */
  close: Float64Array;
  /** One column per feature output, aligned with `ts`; NaN where a feature is still warming up. */
  columns: Record<string, Float64Array>;
  /** Hash of the feature set that produced it. */
  featureSetHash: string;
  /** The ticker's data version the features were computed from. */
  dataVersion: number;
}

/** The rows of a frame as objects `{ date, close, <column>… }`, for tables. */
export function featureRows(frame: FeatureFrame): Array<Record<string, number | string>> {
  const names = Object.keys(frame.columns);
  return Array.from(frame.ts, (t, i) => {
    const row: Record<string, number | string> = { date: new Date(t).toISOString(), close: frame.close[i] };
    for (const n of names) row[n] = frame.columns[n][i];
    return row;
  });
}

interface Header {
  ticker: string;
  interval: Interval;
  featureSetHash: string;
  dataVersion: number;
  rows: number;
  names: string[];
}

/** Packs a frame into one buffer: a JSON header, then every column as raw float64 (ts, close, features). */
export function serializeFeatureFrame(frame: FeatureFrame): Uint8Array {
  const names = Object.keys(frame.columns);
  const header: Header = {
    ticker: frame.ticker,
    interval: frame.interval,
    featureSetHash: frame.featureSetHash,
    dataVersion: frame.dataVersion,
    rows: frame.ts.length,
    names,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const offset = Math.ceil((4 + json.length) / 8) * 8;
  const out = new Uint8Array(offset + 8 * frame.ts.length * (2 + names.length));
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  const data = new Float64Array(out.buffer, offset);
  const n = frame.ts.length;
  data.set(frame.ts, 0);
  data.set(frame.close, n);
  names.forEach((name, k) => {
    data.set(frame.columns[name], n * (2 + k));
  });
  return out;
}

/** Unpacks `serializeFeatureFrame`'s buffer; the columns are views on one aligned copy. */
export function deserializeFeatureFrame(bytes: Uint8Array): FeatureFrame {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Header;
  const offset = Math.ceil((4 + length) / 8) * 8;
  const n = header.rows;
  // copy into a fresh aligned buffer: Redis buffers need not be 8-byte aligned
  const data = new Float64Array(n * (2 + header.names.length));
  new Uint8Array(data.buffer).set(bytes.subarray(offset, offset + data.byteLength));
  const columns: Record<string, Float64Array> = {};
  header.names.forEach((name, k) => {
    columns[name] = data.subarray(n * (2 + k), n * (3 + k));
  });
  return {
    ticker: header.ticker,
    interval: header.interval,
    ts: data.subarray(0, n),
    close: data.subarray(n, 2 * n),
    columns,
    featureSetHash: header.featureSetHash,
    dataVersion: header.dataVersion,
  };
}
