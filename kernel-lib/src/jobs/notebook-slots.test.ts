import { describe, expect, it } from "vitest";
import { Conflict } from "../errors.js";
import { NotebookSlots } from "./notebook-slots.js";

describe("NotebookSlots", () => {
  it("lets `limit` runs in at once and the next waiter in order as each releases", async () => {
    const slots = new NotebookSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const queue = (name: string) =>
      slots.acquire().then((release) => {
        order.push(name);
        return release;
      });
    const c = queue("c");
    const d = queue("d");
    await Promise.resolve();
    expect([slots.busy, slots.queued, order]).toEqual([2, 2, []]);
    a();
    a(); // a second release of the same slot is ignored
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    expect([slots.busy, slots.queued]).toEqual([2, 1]);
    b();
    (await d)();
    releaseC();
    expect([slots.busy, slots.queued, order]).toEqual([0, 0, ["c", "d"]]);
  });

  it("drops a waiter whose signal aborts, and refuses an aborted one at once", async () => {
    const slots = new NotebookSlots(1);
    const release = await slots.acquire();
    const abort = new AbortController();
    const waiting = slots.acquire(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow(Conflict);
    expect(slots.queued).toBe(0);
    await expect(slots.acquire(abort.signal)).rejects.toThrow(/cancelled before it started/);
    release();
    expect(slots.busy).toBe(0);
  });
});
