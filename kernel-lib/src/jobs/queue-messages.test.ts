import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { mergeProgress, type ProgressMessage, ProgressRelay, progressMessageSchema } from "./queue-messages.js";

describe("progress messages", () => {
  it("merge: later fields win, counters merge by name", () => {
    const a = mergeProgress(undefined, { fraction: 0.1, message: "1/10", counters: { done: 1, total: 10 } });
    const b = mergeProgress(a, { fraction: 0.2, counters: { done: 2, failed: 1 } });
    expect(b).toEqual({ fraction: 0.2, message: "1/10", counters: { done: 2, total: 10, failed: 1 } });
  });

  it("sends the first update at once, coalesces the rest into one message per interval, and flushes in order", async () => {
    const sent: ProgressMessage[] = [];
    const relay = new ProgressRelay(async (m) => {
      await sleep(5);
      sent.push(m);
    }, 10_000);
    relay.progress({ fraction: 0.1 });
    relay.log("first line");
    relay.progress({ fraction: 0.3, message: "3/10" });
    relay.log("second line");
    await sleep(20);
    expect(sent).toEqual([{ progress: { fraction: 0.1 } }]);
    await relay.flush();
    expect(sent).toEqual([{ progress: { fraction: 0.1 } }, { progress: { fraction: 0.3, message: "3/10" }, log: ["first line", "second line"] }]);
    await relay.flush();
    expect(sent).toHaveLength(2);
  });

  it("keeps the newest 500 lines when a job logs faster than it may send, and reports a failed send without throwing", async () => {
    const sent: ProgressMessage[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const relay = new ProgressRelay(
      async (m) => {
        if (fail) {
          fail = false;
          throw new Error("Redis down");
        }
        sent.push(m);
      },
      10_000,
      (e) => errors.push(e),
    );
    relay.log("line 0");
    for (let i = 1; i <= 600; i++) relay.log(`line ${i}`);
    await relay.flush();
    expect(errors).toHaveLength(1);
    expect(sent[0].log).toHaveLength(500);
    expect(sent[0].log?.[0]).toBe("line 101");
    expect(sent[0].log?.at(-1)).toBe("line 600");
  });

  it("accepts only well-formed messages from the queue", () => {
    expect(progressMessageSchema.safeParse({ progress: { fraction: 0.5, counters: { done: 1 } }, log: ["x"] }).success).toBe(true);
    expect(progressMessageSchema.safeParse(42).success).toBe(false);
    expect(progressMessageSchema.safeParse({ log: "not a list" }).success).toBe(false);
  });
});
