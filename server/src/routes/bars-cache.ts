/**
 * Encoded GET /data/{ticker} answers, reused while the ticker's data version is unchanged. Every
 * write of bars bumps that version in the same transaction (DuckStore.writeBars), and the sidecar
 * is the file's one writer, so a hit is always the answer a fresh read would give. Turning the
 * same ten years of bars into JSON again is most of a read's cost; this keeps it to once per version.
 */
import { createHash } from "node:crypto";

/** One cached answer. */
export interface CachedBars {
  /** The ticker's data version the body was read at. */
  version: number;
  body: Buffer;
  /** Strong ETag of the body, so clients can revalidate with If-None-Match. */
  etag: string;
}

/** A byte-bounded LRU of encoded bar answers. */
export class BarsCache {
  private readonly entries = new Map<string, CachedBars>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The answer for `key` read at `version`, if there is one. */
  get(key: string, version: number): CachedBars | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps `body` as the answer for `key` at `version`, evicting the least recently used beyond the budget. */
  set(key: string, version: number, body: Buffer): CachedBars {
    const entry: CachedBars = { version, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    this.delete(key);
    if (body.length > this.maxBytes) return entry;
    this.entries.set(key, entry);
    this.bytes += body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
    return entry;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }
}
