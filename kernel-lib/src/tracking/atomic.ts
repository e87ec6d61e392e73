/** Crash-safe file writes for the outbox: write a temp file beside the target, flush it, rename it into place. */
import { randomBytes } from "node:crypto";
import { copyFile, open, rename, rm } from "node:fs/promises";

/** Marks files being written; readers ignore them. */
export const TEMP_MARKER = ".tmp-";

function tempPathFor(path: string): string {
  return `${path}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** Writes `data` to `path` so a reader sees either nothing or the whole file, even if the process dies mid-write. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Copies `source` to `path` with the same all-or-nothing guarantee. */
export async function copyFileAtomic(source: string, path: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await copyFile(source, temp);
    const handle = await open(temp, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
