import { describe, expect, it } from "vitest";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../errors.js";
import { errorFromResponse, MlflowApiError, parseErrorBody, unreachable } from "./mlflow-error.js";

const URI = "http://127.0.0.1:5000";
const fail = (status: number, code: string | undefined, message: string) =>
  errorFromResponse(URI, new MlflowApiError("GET /api/2.0/mlflow/runs/get", status, code, message));

describe("MLflow error mapping", () => {
  it("maps MLflow's error codes onto typed errors, keeping MLflow's message", () => {
    const notFound = fail(404, "RESOURCE_DOES_NOT_EXIST", "Run with id=abc not found");
    expect(notFound).toBeInstanceOf(NotFound);
    expect(notFound.message).toContain("Run with id=abc not found");
    expect(fail(400, "RESOURCE_ALREADY_EXISTS", "exists")).toBeInstanceOf(Conflict);
    const invalid = fail(400, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed.");
    expect(invalid).toBeInstanceOf(InvalidInput);
    expect(invalid.message).toContain("Changing param values is not allowed.");
    expect((invalid.cause as MlflowApiError).errorCode).toBe("INVALID_PARAMETER_VALUE");
  });

  it("explains the host-header rejection of MLflow 3's security middleware", () => {
    const error = fail(403, undefined, "Invalid Host header - possible DNS rebinding attack detected");
    expect(error).toBeInstanceOf(Unavailable);
    expect(error.message).toMatch(/--allowed-hosts/);
  });

  it("treats server errors and an endpoint missing as the server being unavailable", () => {
    expect(fail(500, "INTERNAL_ERROR", "boom")).toBeInstanceOf(Unavailable);
    expect(fail(404, undefined, "Not Found").message).toMatch(/static-prefix/);
  });

  it("names the tracking URI when unreachable", () => {
    expect(unreachable(URI, "connection refused").message).toMatch(/^MLflow at http:\/\/127\.0\.0\.1:5000 is unreachable \(connection refused\)/);
  });

  it("reads MLflow's JSON error body or keeps plain text", () => {
    expect(parseErrorBody('{"error_code":"BAD_REQUEST","message":"nope"}')).toEqual({ errorCode: "BAD_REQUEST", message: "nope" });
    expect(parseErrorBody("Invalid Host header\n")).toEqual({ message: "Invalid Host header" });
  });
});
