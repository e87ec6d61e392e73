import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("createLogger", () => {
  it("writes JSON lines to <logDir>/openquant.log", async () => {
    const logDir = mkdtempSync(join(tmpdir(), "oq-logs-"));
    const logger = createLogger({ level: "info", logDir, consoleLevel: "silent", base: { component: "test" } });
    logger.info({ ticker: "ACME.SAMPLE" }, "ingested");
    logger.debug("below the level");
    await new Promise((r) => setTimeout(r, 200));
    const lines = readFileSync(join(logDir, "openquant.log"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ msg: "ingested", ticker: "ACME.SAMPLE", component: "test", level: 30 });
    expect(Date.parse(entry.time)).toBeGreaterThan(0);
  });
});
