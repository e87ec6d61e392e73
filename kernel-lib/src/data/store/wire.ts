/** Bar frames as JSON (columns of numbers), the form they take between kernel-lib and the sidecar. */
import { z } from "zod";
import { allocFrame, type BarFrame, INTERVALS } from "../frame.js";
import { tickerSchema } from "../providers/ticker.js";

const column = z.array(z.number().nullable());

/** A frame on the wire; NaN travels as null. */
export const wireFrameSchema = z
  .object({
    ticker: tickerSchema,
    interval: z.enum(INTERVALS),
    ts: column,
    open: column,
    high: column,
    low: column,
    close: column,
    adjClose: column,
    volume: column,
  })
  .strict()
  .refine((f) => [f.open, f.high, f.low, f.close, f.adjClose, f.volume].every((c) => c.length === f.ts.length), {
    message: "every column must have as many values as ts",
  });

/** A bar frame as JSON: plain number arrays per column, as REST bodies carry it. */
export type WireFrame = z.output<typeof wireFrameSchema>;

const COLS = ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const;

/** A frame as JSON-ready columns. */
export function toWire(frame: BarFrame): WireFrame {
  const out = { ticker: frame.ticker, interval: frame.interval } as WireFrame;
  for (const c of COLS) out[c] = Array.from(frame[c], (v) => (Number.isNaN(v) ? null : v));
  return out;
}

/** Columns from the wire back into a frame (null → NaN, which validation then rejects). */
export function fromWire(wire: WireFrame): BarFrame {
  const frame = allocFrame(wire.ticker, wire.interval, wire.ts.length);
  for (const c of COLS) frame[c].set(wire[c].map((v) => (v === null ? Number.NaN : v)));
  return frame;
}
