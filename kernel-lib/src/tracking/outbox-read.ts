/** Reading the outbox: the runs parked in it, their state, and the full record of one run. */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { InvalidInput } from "../errors.js";
import { TEMP_MARKER } from "./atomic.js";
import { OUTBOX_FILES, type OutboxHeader, type OutboxOp, outboxHeaderSchema, outboxOpSchema } from "./outbox-format.js";

/**
 * Where a parked run stands: `ready` (ended, waiting for replay), `open` (its writer is still logging),
 * `abandoned` (its writer died before ending it; replayed as KILLED), `failed` (a replay hit an error a
 * retry cannot fix; see failed.json, delete it to try again).
 */
export type OutboxState = "ready" | "open" | "abandoned" | "failed";

/** One parked run, read in full. */
export interface OutboxEntry {
  /** The run's local id (its folder name). */
  localId: string;
  /** Its folder. */
  dir: string;
  header: OutboxHeader;
  /** Logging calls in order. */
  ops: OutboxOp[];
  state: OutboxState;
  /** Why the last replay failed, for `failed` runs. */
  error?: string;
}

/** A short description of a parked run, for listings (the Health panel, the CLI). */
export interface OutboxSummary {
  localId: string;
  experiment: string;
  runName?: string;
  state: OutboxState;
  /** Number of logging calls parked. */
  ops: number;
  dir: string;
  error?: string;
}

/** True unless `writer` is a process on this host that no longer exists. */
export function writerAlive(writer: OutboxHeader["writer"]): boolean {
  if (writer.host !== hostname()) return true;
  try {
    process.kill(writer.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new InvalidInput(`Outbox file ${path} is unreadable or not JSON: ${(error as Error).message}`, [], { cause: error });
  }
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } }, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInput(`Outbox file ${path} does not have the expected content: ${result.error.message}`);
  return result.data;
}

/** Reads the run parked in `dir`. Throws InvalidInput when its files are damaged. */
export async function readOutboxEntry(dir: string): Promise<OutboxEntry> {
  const headerPath = join(dir, OUTBOX_FILES.header);
  const header = parsed(outboxHeaderSchema, await readJson(headerPath), headerPath);
  const opsDir = join(dir, OUTBOX_FILES.ops);
  const names = (await readdir(opsDir)).filter((n) => n.endsWith(".json") && !n.includes(TEMP_MARKER)).sort();
  const ops: OutboxOp[] = [];
  for (const name of names) ops.push(parsed(outboxOpSchema, await readJson(join(opsDir, name)), join(opsDir, name)));
  const failedPath = join(dir, OUTBOX_FILES.failed);
  const failed = existsSync(failedPath) ? ((await readJson(failedPath)) as { error?: string }) : undefined;
  const ended = ops.some((op) => op.kind === "end");
  const state: OutboxState = failed ? "failed" : ended ? "ready" : writerAlive(header.writer) ? "open" : "abandoned";
  return { localId: header.localId, dir, header, ops, state, ...(failed ? { error: String(failed.error ?? "unknown") } : {}) };
}

/** The folders of the runs parked in `outboxDir`, oldest name first (half-created folders are skipped). */
export async function outboxRunDirs(outboxDir: string): Promise<string[]> {
  if (!existsSync(outboxDir)) return [];
  const entries = await readdir(outboxDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => join(outboxDir, e.name))
    .sort();
}

/** Every run parked in `outboxDir`, with its state. Damaged folders are listed as failed. */
export async function listOutbox(outboxDir: string): Promise<OutboxSummary[]> {
  const summaries: OutboxSummary[] = [];
  for (const dir of await outboxRunDirs(outboxDir)) {
    try {
      const entry = await readOutboxEntry(dir);
      summaries.push({
        localId: entry.localId,
        experiment: entry.header.experiment,
        ...(entry.header.runName !== undefined ? { runName: entry.header.runName } : {}),
        state: entry.state,
        ops: entry.ops.length,
        dir,
        ...(entry.error ? { error: entry.error } : {}),
      });
    } catch (error) {
      const localId = dir.split(/[\\/]/).pop() ?? dir;
      summaries.push({ localId, experiment: "?", state: "failed", ops: 0, dir, error: (error as Error).message });
    }
  }
  return summaries;
}
