import { mkdirSync } from "node:fs";
import { Socket } from "node:net";
import { type ServiceHandle, spawnService } from "./process.js";

export interface RedisOptions {
  host?: string;
  port: number;
  /** Working directory for its append-only file. */
  dataDir: string;
  logFile: string;
  /** Path of redis-server; default from PATH. */
  binary?: string;
}

/** Sends PING over RESP and resolves true on +PONG. */
export function redisPing(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    socket.connect(port, host, () => socket.write("PING\r\n"));
  });
}

/** Starts a real redis-server on loopback (append-only persistence) and waits for PONG. */
export function startRedis(options: RedisOptions): Promise<ServiceHandle> {
  const host = options.host ?? "127.0.0.1";
  mkdirSync(options.dataDir, { recursive: true });
  return spawnService({
    name: "Redis",
    command: options.binary ?? "redis-server",
    args: [
      "--bind",
      host,
      "--port",
      String(options.port),
      "--dir",
      options.dataDir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--protected-mode",
      "yes",
    ],
    url: `redis://${host}:${options.port}`,
    logFile: options.logFile,
    healthCheck: () => redisPing(host, options.port),
    timeoutMs: 20_000,
  });
}
