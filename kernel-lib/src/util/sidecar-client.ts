/**
 * The HTTP client kernel-lib uses in client mode (DESIGN.md decision 2): JSON to and from the
 * sidecar, with the sidecar's typed errors turned back into kernel-lib's error classes.
 */
import { Conflict, InvalidInput, NotFound, type OpenQuantError, Unavailable } from "../errors.js";
import type { FieldIssue } from "../errors.js";

interface ErrorBody {
  error?: { code?: string; message?: string; details?: FieldIssue[] };
}

function typedError(status: number, body: ErrorBody, fallback: string): OpenQuantError | Error {
  const message = body.error?.message ?? fallback;
  const details = body.error?.details ?? [];
  if (status === 400 || status === 413 || status === 422) return new InvalidInput(message, details);
  if (status === 404) return new NotFound(message, details);
  if (status === 409) return new Conflict(message, details);
  if (status === 503) return new Unavailable(message, details);
  return new Error(`The sidecar failed (${status}): ${message}`);
}

/** Talks JSON to a running sidecar. */
export class SidecarClient {
  private readonly base: string;

  constructor(
    apiUrl: string,
    private readonly token?: string,
    private readonly timeoutMs = 120_000,
  ) {
    this.base = apiUrl.replace(/\/+$/, "");
  }

  /** The sidecar's base URL. */
  get url(): string {
    return this.base;
  }

  /** Sends a request and parses the JSON answer; throws kernel-lib's typed errors. */
  async request<T>(method: string, path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = ((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message;
      throw new Unavailable(`The OpenQuant sidecar at ${this.base} cannot be reached (${cause}). Is 'openquant serve' running?`, [], {
        cause: error,
      });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw typedError(res.status, (parsed ?? {}) as ErrorBody, text.slice(0, 200) || res.statusText);
    return parsed as T;
  }
}
