import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidInput, NotFound } from "../errors.js";
import { resolveNotebookPath } from "./notebook-path.js";

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "oq-nbpath-"));
  root = join(base, "notebooks");
  mkdirSync(join(root, "reports"), { recursive: true });
  mkdirSync(join(root, "folder.ipynb"));
  writeFileSync(join(root, "daily.ipynb"), "{}");
  writeFileSync(join(root, "reports", "weekly.ipynb"), "{}");
  writeFileSync(join(base, "secret.ipynb"), "{}");
  mkdirSync(join(base, "elsewhere"));
  writeFileSync(join(base, "elsewhere", "x.ipynb"), "{}");
  symlinkSync(join(base, "secret.ipynb"), join(root, "escape.ipynb"));
  symlinkSync(join(base, "elsewhere"), join(root, "linked"));
  symlinkSync(join(root, "daily.ipynb"), join(root, "alias.ipynb"));
});

describe("resolveNotebookPath", () => {
  it("accepts notebooks inside the folder, nested ones and links that stay inside", () => {
    expect(resolveNotebookPath(root, "daily.ipynb")).toMatchObject({ path: "daily.ipynb", name: "daily" });
    expect(resolveNotebookPath(root, "./reports//weekly.ipynb")).toMatchObject({ path: "reports/weekly.ipynb", name: "reports/weekly" });
    expect(resolveNotebookPath(root, "alias.ipynb").absolute).toBe(resolveNotebookPath(root, "daily.ipynb").absolute);
  });

  it("refuses '..' even when the target exists", () => {
    expect(() => resolveNotebookPath(root, "../secret.ipynb")).toThrow(InvalidInput);
    expect(() => resolveNotebookPath(root, "reports/../../secret.ipynb")).toThrow(/climbs out with '\.\.'/);
    expect(() => resolveNotebookPath(root, "reports\\..\\..\\secret.ipynb")).toThrow(InvalidInput);
  });

  it("refuses absolute paths", () => {
    expect(() => resolveNotebookPath(root, join(root, "daily.ipynb"))).toThrow(/is absolute/);
    expect(() => resolveNotebookPath(root, "C:\\nb\\daily.ipynb")).toThrow(/is absolute/);
  });

  it("refuses symlinks, to a file or a folder, that resolve outside", () => {
    expect(() => resolveNotebookPath(root, "escape.ipynb")).toThrow(/leads outside the notebooks folder/);
    expect(() => resolveNotebookPath(root, "linked/x.ipynb")).toThrow(/leads outside/);
  });

  it("refuses what is not a notebook file, and reports a missing one as not found", () => {
    expect(() => resolveNotebookPath(root, "daily.py")).toThrow(InvalidInput);
    expect(() => resolveNotebookPath(root, "folder.ipynb")).toThrow(/not a notebook file/);
    expect(() => resolveNotebookPath(root, 42)).toThrow(InvalidInput);
    expect(() => resolveNotebookPath(root, "nope.ipynb")).toThrow(NotFound);
    expect(() => resolveNotebookPath(join(base, "missing"), "daily.ipynb")).toThrow(/notebooks folder does not exist/);
  });
});
