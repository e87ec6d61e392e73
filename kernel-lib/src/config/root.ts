import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function isProjectRoot(dir: string): boolean {
  const pkg = join(dir, "package.json");
  if (!existsSync(join(dir, "configs")) || !existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "openquant";
  } catch {
    return false;
  }
}

/**
 * The OpenQuant project folder: the nearest ancestor of `start` holding configs/ and the root
 * package.json (so a notebook running in notebooks/ finds it), or `start` itself when there is none.
 */
export function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (isProjectRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
