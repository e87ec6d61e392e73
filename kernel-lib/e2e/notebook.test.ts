/**
 * kernel-lib in the real tslab kernel: the venv's Jupyter executes a notebook headless
 * (nbconvert → nbclient → tslab), and the printed version must be kernel-lib's own.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);

interface Notebook {
  cells: { cell_type: string; outputs?: { output_type: string; name?: string; text?: string | string[] }[] }[];
}

describe("tslab notebook", () => {
  it("imports @openquant/kernel-lib and prints its version", async () => {
    const home = inject("home");
    const out = mkdtempSync(join(tmpdir(), "oq-nb-"));
    await run(
      join(inject("venvDir"), "bin", "jupyter"),
      ["nbconvert", "--to", "notebook", "--execute", "--output-dir", out, join(home, "notebooks", "00-kernel-lib-version.ipynb")],
      { cwd: join(home, "notebooks"), timeout: 120_000 },
    );
    const executed = JSON.parse(readFileSync(join(out, "00-kernel-lib-version.ipynb"), "utf8")) as Notebook;
    const stdout = executed.cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.output_type === "stream" && o.name === "stdout")
      .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text))
      .join("");
    const pkg = JSON.parse(readFileSync(join(home, "kernel-lib", "package.json"), "utf8")) as { version: string };
    expect(stdout.trim()).toBe(`kernel-lib ${pkg.version}`);
  });
});
