import { describe, expect, it } from "vitest";
import { Throttle } from "./job-throttle.js";

describe("Throttle", () => {
  it("writes at once, then at most once per interval with a trailing write", async () => {
    let clock = 0;
    const writes: number[] = [];
    const throttle = new Throttle(1_000, () => writes.push(clock), () => clock);
    throttle.request(); // first: immediate
    clock = 10;
    throttle.request(); // inside the interval: scheduled for t=1000
    throttle.request(); // coalesced with the pending one
    expect(writes).toEqual([0]);
    clock = 1_000;
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(writes).toEqual([0, 1_000]);
    clock = 5_000;
    throttle.request(); // long after: immediate again
    expect(writes).toEqual([0, 1_000, 5_000]);
    clock = 5_001;
    throttle.request();
    throttle.cancel();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(writes).toEqual([0, 1_000, 5_000]);
  });
});
