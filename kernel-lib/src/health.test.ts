import { describe, expect, it } from "vitest";
import { overallStatus, runHealthChecks } from "./health.js";

describe("runHealthChecks", () => {
  it("measures latency, turns a throw into down and a hang into down after the timeout", async () => {
    const results = await runHealthChecks(
      [
        { name: "ok", check: async () => ({ status: "up", version: "1.0" }) },
        {
          name: "broken",
          check: async () => {
            throw new Error("connection refused");
          },
        },
        { name: "hangs", check: () => new Promise(() => {}) },
      ],
      100,
    );
    expect(results[0]).toMatchObject({ name: "ok", status: "up", version: "1.0" });
    expect(results[0].latencyMs).toBeGreaterThanOrEqual(0);
    expect(results[1]).toMatchObject({ name: "broken", status: "down", latencyMs: null, error: "connection refused" });
    expect(results[2]).toMatchObject({ name: "hangs", status: "down", error: "no answer within 100 ms" });
  });
});

describe("overallStatus", () => {
  const c = (name: string, status: "up" | "degraded" | "down") => ({ name, status, latencyMs: 1, version: null });
  it("is down only when a critical component is down", () => {
    expect(overallStatus([c("duckdb", "down"), c("mlflow", "up")], new Set(["duckdb"]))).toBe("down");
    expect(overallStatus([c("duckdb", "up"), c("mlflow", "down")], new Set(["duckdb"]))).toBe("degraded");
    expect(overallStatus([c("duckdb", "up"), c("cache", "degraded")], new Set(["duckdb"]))).toBe("degraded");
    expect(overallStatus([c("duckdb", "up"), c("mlflow", "up")], new Set(["duckdb"]))).toBe("up");
  });
});
