/**
 * The sidecar's bearer token on disk: `serve` (and `up`) create it on first start in the data
 * folder, readable by its owner only, and every door — the CLI, workers, notebook kernels, the
 * JupyterLab proxy — reads it from there, so nobody types it. OPENQUANT_TOKEN, when set, wins.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidInput } from "../errors.js";
import { redactFromLogs } from "../util/logger.js";

/** File name of the token inside the data folder (jupyter-config/ reads the same file). */
export const TOKEN_FILE_NAME = "sidecar.token";

/** Where the token of the platform whose data folder is `dataDir` is kept. */
export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE_NAME);
}

/** The token kept in `dataDir`, or undefined when there is none yet. A file others can read is made private first. */
export function readTokenFile(dataDir: string): string | undefined {
  const path = tokenPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InvalidInput(`Cannot read the sidecar's token file ${path}: ${(error as Error).message}. Fix its permissions or set OPENQUANT_TOKEN.`);
  }
  // copied around with a permissive umask: it is still a secret
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const token = text.trim();
  if (token.length < 16) throw new InvalidInput(`The sidecar's token file ${path} holds no valid token (16+ characters). Delete it to have a new one made at the next start.`);
  return token;
}

/** The token kept in `dataDir`, created (32 random bytes, mode 0600) when there is none; safe when two processes race. */
export function ensureTokenFile(dataDir: string): { token: string; path: string; created: boolean } {
  const path = tokenPath(dataDir);
  const existing = readTokenFile(dataDir);
  if (existing) return { token: existing, path, created: false };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString("base64url");
  // written aside, then linked into place: a reader never sees a half-written file, and if another
  // process made one in between (EEXIST), theirs is the token
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(aside, `${token}\n`, { mode: 0o600, flag: "wx" });
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { token: readTokenFile(dataDir) as string, path, created: false };
    throw new InvalidInput(`Cannot create the sidecar's token file ${path}: ${(error as Error).message}. Set OPENQUANT_TOKEN instead.`);
  } finally {
    rmSync(aside, { force: true });
  }
  redactFromLogs(token);
  return { token, path, created: true };
}
