import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Unavailable } from "../../errors.js";
import { nativeLibraryPath } from "./library-path.js";

function fakeVenv(pythons: string[]): string {
  const venv = mkdtempSync(join(tmpdir(), "oq-venv-"));
  for (const py of pythons) {
    const lib = join(venv, "lib", py, "site-packages", "xgboost", "lib");
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, "libxgboost.so"), py);
  }
  return venv;
}

describe("nativeLibraryPath", () => {
  it("finds the wheel's library in the venv, whatever the Python version (newest first)", () => {
    const venv = fakeVenv(["python3.9", "python3.12"]);
    expect(nativeLibraryPath("xgboost", { OPENQUANT_VENV: venv })).toBe(join(venv, "lib", "python3.12", "site-packages", "xgboost", "lib", "libxgboost.so"));
  });

  it("prefers the explicit environment variable", () => {
    const venv = fakeVenv(["python3.11"]);
    const explicit = join(venv, "custom.so");
    writeFileSync(explicit, "");
    expect(nativeLibraryPath("xgboost", { OPENQUANT_VENV: venv, OPENQUANT_XGBOOST_LIB: explicit })).toBe(explicit);
  });

  it("says how to fix a missing library or a wrong override", () => {
    const venv = fakeVenv([]);
    expect(() => nativeLibraryPath("lightgbm", { OPENQUANT_VENV: venv })).toThrow(Unavailable);
    expect(() => nativeLibraryPath("lightgbm", { OPENQUANT_VENV: venv })).toThrow(/npm run setup.*lightgbm wheel, or set OPENQUANT_LIGHTGBM_LIB/);
    expect(() => nativeLibraryPath("xgboost", { OPENQUANT_XGBOOST_LIB: "/nowhere/libxgboost.so" })).toThrow(
      "OPENQUANT_XGBOOST_LIB points to /nowhere/libxgboost.so, which does not exist; fix or unset it.",
    );
  });

  it("finds the project's real venv by default", () => {
    expect(nativeLibraryPath("xgboost", {})).toMatch(/\.venv\/lib\/python3\.\d+\/site-packages\/xgboost\/lib\/libxgboost\.so$/);
  });
});
