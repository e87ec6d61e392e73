/**
 * tslab compiles cells with TypeScript 5.0 on some installs: every .d.ts kernel-lib ships must
 * parse with it. Uses the real TypeScript 5.0.4 compiler (npm alias typescript50).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript50";
import { describe, expect, inject, it } from "vitest";

function dtsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("kernel-lib's declaration files", () => {
  it("parse with TypeScript 5.0", () => {
    expect(ts.version).toBe("5.0.4");
    const files = dtsFiles(join(inject("home"), "kernel-lib", "dist", "types"));
    expect(files.length).toBeGreaterThan(5);
    const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [] });
    const problems = files.flatMap((f) =>
      program.getSyntacticDiagnostics(program.getSourceFile(f)).map((d) => `${f}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
    );
    expect(problems).toEqual([]);
  });

  it("load with require() from CommonJS, as tslab does", async () => {
    const { createRequire } = await import("node:module");
    const require = createRequire(join(inject("home"), "notebooks", "x.js"));
    const lib = require("@openquant/kernel-lib") as { VERSION: string; openQuant: unknown };
    expect(require.resolve("@openquant/kernel-lib")).toContain(join("kernel-lib", "dist", "cjs"));
    expect(typeof lib.openQuant).toBe("function");
  });
});
