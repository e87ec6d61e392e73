import { type AddressInfo, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../errors.js";
import { decodeJobError, encodeJobError, isTransient, jobErrorOf } from "./queue-errors.js";

/** A real connection failure: a port that was just free and is closed again. */
async function refusedFetch(): Promise<unknown> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    await fetch(`http://127.0.0.1:${port}/`);
  } catch (error) {
    return error;
  }
  throw new Error(`port ${port} answered`);
}

describe("queue errors", () => {
  it("retries an unavailable dependency and a failed connection, never a bad request, a missing thing, a conflict or a bug", async () => {
    expect(isTransient(new Unavailable("MLflow is down"))).toBe(true);
    expect(isTransient(await refusedFetch())).toBe(true);
    expect(isTransient(new InvalidInput("bad spec"))).toBe(false);
    expect(isTransient(new NotFound("no ticker"))).toBe(false);
    expect(isTransient(new Conflict("changed"))).toBe(false);
    expect(isTransient(new TypeError("x is undefined"))).toBe(false);
  });

  it("records a failed connection as UNAVAILABLE with its code, a typed error with its own code, anything else as ERROR", async () => {
    const refused = jobErrorOf(await refusedFetch());
    expect(refused.code).toBe("UNAVAILABLE");
    expect(refused.message).toContain("ECONNREFUSED");
    expect(jobErrorOf(new InvalidInput("Invalid spec: horizon"))).toEqual({ code: "INVALID_INPUT", message: "Invalid spec: horizon" });
    expect(jobErrorOf("oops")).toEqual({ code: "ERROR", message: "oops" });
  });

  it("carries the code through a reason string and back, multi-line messages included", () => {
    const error = { code: "UNAVAILABLE", message: "the sidecar at http://x cannot be reached\nsecond line: [CODE] inside" };
    expect(encodeJobError(error)).toBe(`[UNAVAILABLE] ${error.message}`);
    expect(decodeJobError(encodeJobError(error))).toEqual(error);
  });

  it("reads BullMQ's own reasons (no code) as ERROR, and an empty one with an explanation", () => {
    expect(decodeJobError("job stalled more than allowable limit")).toEqual({ code: "ERROR", message: "job stalled more than allowable limit" });
    expect(decodeJobError(undefined).code).toBe("ERROR");
    expect(decodeJobError("").message).toMatch(/without a reason/);
  });
});
