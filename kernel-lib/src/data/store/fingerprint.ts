/** A fingerprint of bars: their count and a SHA-256 of every value, so a later read can prove it saw the same bars. */
import { createHash } from "node:crypto";
import type { BarFrame } from "../frame.js";

/** SHA-256 (hex) over the frame's columns in a fixed order (ts, open, high, low, close, adjClose, volume). */
export function barsSha256(frame: BarFrame): string {
  const hash = createHash("sha256");
  for (const column of [frame.ts, frame.open, frame.high, frame.low, frame.close, frame.adjClose, frame.volume]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  return hash.digest("hex");
}
