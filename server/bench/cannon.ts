/**
 * The load generator, run as its own process so it never shares an event loop with a server
 * under test: `tsx server/bench/cannon.ts < spec.json` (a LoadSpec on stdin) runs autocannon once
 * and prints its result as one JSON line on stdout.
 */
import autocannon from "autocannon";

/** One load run. */
export interface LoadSpec {
  url: string;
  method: "GET" | "POST";
  /** JSON body for POST. */
  body?: unknown;
  connections: number;
  seconds: number;
  /**
   * Present each request as its own client (X-Forwarded-For, trusted from loopback): the sidecar
   * limits mutating methods per client, and this measures the routes, not the limiter's 429s.
   */
  spreadClients?: boolean;
  /** Paths (with query) taken in turn, one per request, instead of the url's own. */
  paths?: string[];
}

/** What the benchmark reads from autocannon's result. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
  total: number;
  bytesPerSecond: number;
}

async function main(): Promise<void> {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const spec = JSON.parse(input) as LoadSpec;
  let client = 0;
  let turn = 0;
  const paths = spec.paths ?? [];
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const next = { ...request };
    if (paths.length > 0) next.path = paths[turn++ % paths.length];
    if (spec.spreadClients) {
      client = (client + 1) % 65_536;
      next.headers = { ...request.headers, "x-forwarded-for": `198.18.${client >> 8}.${client & 255}` };
    }
    return next;
  };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: spec.method,
        headers: spec.body === undefined ? {} : { "content-type": "application/json" },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        ...(spec.spreadClients || paths.length > 0 ? { setupRequest } : {}),
      },
    ],
  });
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
    bytesPerSecond: result.throughput.average,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
