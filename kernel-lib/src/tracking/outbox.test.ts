import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutboxWriter } from "./outbox.js";
import { listOutbox, readOutboxEntry } from "./outbox-read.js";

const start = (localId: string) => ({
  localId,
  experiment: "exp",
  runName: "r",
  startTime: 1_700_000_000_000,
  tags: { "openquant.outbox_id": localId },
  trackingUri: "http://127.0.0.1:1",
});

describe("the outbox", () => {
  it("parks a whole run and reads it back in logging order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const source = join(dir, "model.json");
    writeFileSync(source, '{"trees":[]}');
    const writer = await OutboxWriter.create(dir, start("run1"));
    await writer.log({ params: { "model.type": "xgboost" }, tags: { stage: "cv" } });
    await writer.log({ metrics: [{ key: "rmse", value: Number.NaN, step: 1, timestamp: 1_700_000_000_500 }] });
    await writer.artifact("model/model.json", { file: source });
    await writer.artifact("notes.txt", { data: "hello" });
    await writer.end("FINISHED", 1_700_000_001_000);

    const entry = await readOutboxEntry(join(dir, "run1"));
    expect(entry.state).toBe("ready");
    expect(entry.header).toMatchObject({ localId: "run1", experiment: "exp", writer: { pid: process.pid, host: hostname() } });
    expect(entry.ops.map((op) => op.kind)).toEqual(["params", "tags", "metrics", "artifact", "artifact", "end"]);
    expect(entry.ops[2]).toEqual({ kind: "metrics", metrics: [{ key: "rmse", value: "NaN", step: 1, timestamp: 1_700_000_000_500 }] });
    const artifacts = entry.ops.flatMap((op) => (op.kind === "artifact" ? [op] : []));
    expect(artifacts.map((a) => [a.path, readFileSync(join(dir, "run1", a.file), "utf8")])).toEqual([
      ["model/model.json", '{"trees":[]}'],
      ["notes.txt", "hello"],
    ]);
    // Nothing half-written is left behind: no temp files, no staging folder.
    expect(readdirSync(dir).sort()).toEqual(["model.json", "run1"]);
    expect(readdirSync(join(dir, "run1", "ops")).every((n) => /^\d{8}\.json$/.test(n))).toBe(true);
  });

  it("tells open runs (writer alive) from abandoned ones (writer gone) and ignores half-written files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    await OutboxWriter.create(dir, start("open"));
    await OutboxWriter.create(dir, start("gone"));
    // A process that has exited: its pid is free (ESRCH) when we look.
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const headerPath = join(dir, "gone", "run.json");
    const header = JSON.parse(readFileSync(headerPath, "utf8"));
    writeFileSync(headerPath, JSON.stringify({ ...header, writer: { pid: Number(child.stdout), host: hostname() } }));
    writeFileSync(join(dir, "open", "ops", "00000001.json.tmp-123-abcd"), '{"kind":"par');

    const states = Object.fromEntries((await listOutbox(dir)).map((s) => [s.localId, s.state]));
    expect(states).toEqual({ gone: "abandoned", open: "open" });
    expect((await readOutboxEntry(join(dir, "open"))).ops).toEqual([]);
  });

  it("lists a damaged run as failed with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    await OutboxWriter.create(dir, start("bad"));
    writeFileSync(join(dir, "bad", "ops", "00000001.json"), '{"kind":"params","params":{"a":1}}');
    const [summary] = await listOutbox(dir);
    expect(summary.state).toBe("failed");
    expect(summary.error).toMatch(/00000001\.json does not have the expected content/);
  });

  it("lists nothing when the outbox folder does not exist yet", async () => {
    expect(await listOutbox(join(tmpdir(), "oq-no-such-outbox-folder"))).toEqual([]);
  });
});
