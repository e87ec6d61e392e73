/**
 * Logging: readable lines on the console and JSON lines in `<log_dir>/openquant.log`,
 * rotated at 100 MB or daily, keeping 10 rotated files (about ten days).
 */
import { mkdirSync } from "node:fs";
import pino, { type Logger, type LevelWithSilent } from "pino";
import pretty from "pino-pretty";
import { createStream } from "rotating-file-stream";

/** The structured logger (pino) every component writes through. */
export type { Logger } from "pino";

/** How to log. */
export interface LoggerOptions {
  /** Lowest level written. */
  level: LevelWithSilent;
  /** Folder of openquant.log; omit to log to the console only. */
  logDir?: string;
  /** Lowest level shown on the console (notebooks keep it at warn so cells stay readable). */
  consoleLevel?: LevelWithSilent;
  /** Base fields on every line, e.g. `{ component: "sidecar" }`. */
  base?: Record<string, unknown>;
}

/** Fields whose values never reach a log line, wherever they sit in the logged object (pino redaction). */
export const REDACTED_PATHS: readonly string[] = [
  "token", "*.token", "*.*.token",
  "authorization", "*.authorization", "*.*.authorization", "*.*.*.authorization",
  "cookie", "*.cookie", "*.*.cookie",
  "password", "*.password", "*.*.password",
  "apiKey", "*.apiKey", "*.*.apiKey", "api_key", "*.api_key", "*.*.api_key",
  "secret", "*.secret", "*.*.secret",
];

/** What stands in a log line where a secret was. */
export const REDACTED = "[REDACTED]";

// Values (the sidecar's token, an SMTP password…) scrubbed from every line, also from messages and
// error texts that pino's path redaction cannot see.
const secrets = new Set<string>();

/** Keeps `value` out of every log line this process writes from now on (it is replaced by [REDACTED]). */
export function redactFromLogs(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

function scrub(line: string): string {
  let out = line;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A stream that writes `target` what it is given, less any secret. */
function scrubbing(target: { write(chunk: string): unknown }): pino.DestinationStream {
  return { write: (line: string) => void target.write(scrub(line)) };
}

/** The rotating JSON log file's settings, exported so tests can check them. */
export const logRotation = { size: "100M", interval: "1d", maxFiles: 10 } as const;

/** Builds a pino logger writing to the console (pretty) and, when `logDir` is set, to the rotating JSON file. */
export function createLogger(options: LoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [];
  const consoleLevel = options.consoleLevel ?? options.level;
  if (consoleLevel !== "silent") {
    streams.push({
      level: consoleLevel,
      stream: scrubbing(pretty({ colorize: process.stderr.isTTY, destination: 2, sync: true, translateTime: "SYS:HH:MM:ss.l" })),
    });
  }
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    const file = createStream("openquant.log", { path: options.logDir, ...logRotation, compress: false });
    streams.push({ level: options.level === "silent" ? "fatal" : options.level, stream: scrubbing(file) });
  }
  if (streams.length === 0) return pino({ level: "silent" });
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    },
    pino.multistream(streams),
  );
}
