import { describe, expect, it } from "vitest";
import { LOG_LINE_MAX_CHARS, LogTail } from "./job-log.js";

describe("LogTail", () => {
  it("keeps the last lines only, each timestamped, splitting multi-line text", () => {
    const tail = new LogTail([], 3);
    const at = new Date("2024-05-06T07:08:09.010Z");
    tail.push("one", at);
    expect(tail.push("two\nthree", at)).toEqual(["2024-05-06T07:08:09.010Z two", "2024-05-06T07:08:09.010Z three"]);
    tail.push("four", at);
    expect(tail.toArray().map((l) => l.slice(25))).toEqual(["two", "three", "four"]);
  });

  it("cuts very long lines", () => {
    const tail = new LogTail();
    const [line] = tail.push("x".repeat(LOG_LINE_MAX_CHARS + 50));
    expect(line.length).toBe(25 + LOG_LINE_MAX_CHARS + 1);
    expect(line.endsWith("x…")).toBe(true);
  });
});
