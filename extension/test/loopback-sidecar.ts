/**
 * The sidecar of a unit-test file: a real loopback server that requestAPI reaches through Jupyter's
 * ServerConnection, as it reaches the sidecar through jupyter-server-proxy. Started once per file;
 * before each test its recorded requests are cleared and requestAPI is pointed back at it (a test
 * may have pointed it elsewhere).
 */
import { ServerConnection } from "@jupyterlab/services";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { configureAPI } from "../src/api.js";
import { createLoopbackServer, type LoopbackServer } from "./loopback-server.js";

/** Registers the file's hooks and returns its server (listening once `beforeAll` has run). */
export function loopbackSidecar(): LoopbackServer {
  const server = createLoopbackServer();
  beforeAll(() => server.listen());
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    configureAPI({ sidecarUrl: "", serverSettings: ServerConnection.makeSettings({ baseUrl: server.baseUrl }) });
  });
  return server;
}
