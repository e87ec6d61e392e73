import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, redactFromLogs } from "./logger.js";

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

describe("secrets in logs", () => {
  it("redacts tokens, Authorization headers, API keys and passwords wherever they sit, and registered secrets anywhere in a line", async () => {
    const logDir = mkdtempSync(join(tmpdir(), "oq-logs-"));
    const token = "sidecar-token-7d1c9f0a2b";
    redactFromLogs(token);
    const logger = createLogger({ level: "info", logDir, consoleLevel: "silent" });
    logger.info({ token: "field-token-111111", req: { headers: { authorization: "Bearer header-secret-222222" } } }, "request");
    logger.info({ provider: { apiKey: "provider-key-333333" }, smtp: { password: "smtp-password-444444" } }, "settings");
    logger.warn({ err: `could not reach http://x/?t=${token}` }, `the token ${token} was refused`);
    await new Promise((r) => setTimeout(r, 200));
    const text = readFileSync(join(logDir, "openquant.log"), "utf8");
    for (const secret of [token, "field-token-111111", "header-secret-222222", "provider-key-333333", "smtp-password-444444"]) {
      expect(text).not.toContain(secret);
    }
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ token: REDACTED, req: { headers: { authorization: REDACTED } } });
    expect(lines[1]).toMatchObject({ provider: { apiKey: REDACTED }, smtp: { password: REDACTED } });
    expect(lines[2].msg).toBe(`the token ${REDACTED} was refused`);
  });
});
