/**
 * A real HTTP server on 127.0.0.1 for unit tests: each test sets how it answers, and every request
 * it received is recorded (method, path, query, headers, body).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string with its "?", or "". */
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers a request. */
export type Responder = (request: RecordedRequest, res: ServerResponse) => void;

/** A started loopback server. */
export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234/ (with the trailing slash Jupyter's baseUrl has). */
  baseUrl: string;
  requests: RecordedRequest[];
  respond: Responder;
  close(): Promise<void>;
}

/** Answers `status` with `body` as JSON. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

/** A loopback server not listening yet: `listen()` starts it on a free port (and fills `baseUrl`). */
export function createLoopbackServer(): LoopbackServer & { listen(): Promise<void> } {
  const state = {
    baseUrl: "",
    requests: [] as RecordedRequest[],
    respond: ((_req, res) => json(res, 500, { error: { code: "INTERNAL", message: "no responder set" } })) as Responder,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    listen: async () => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const recorded = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.search,
        headers: req.headers,
        body,
      };
      state.requests.push(recorded);
      state.respond(recorded, res);
    });
  });
  return state;
}

/** Starts a server on a free loopback port; it answers 500 until `respond` is set. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const server = createLoopbackServer();
  await server.listen();
  return server;
}
