/**
 * MLflow's rules for param, metric and tag keys, checked before anything is sent or written to
 * the outbox, so a run parked offline never holds data the server will refuse at replay.
 */
import { MAX_KEY_LENGTH } from "./limits.js";

// Python's `\w` is Unicode-aware (letters, numbers, underscore); JS needs the explicit classes.
const ALLOWED_KEY = /^[\p{L}\p{N}_/.\- :]*$/u;

/** Python's `posixpath.normpath`, which MLflow uses to refuse keys that alias other keys as file paths. */
export function posixNormpath(path: string): string {
  if (path === "") return ".";
  const leading = path.startsWith("//") && !path.startsWith("///") ? 2 : path.startsWith("/") ? 1 : 0;
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== ".." || (leading === 0 && parts.length === 0) || parts[parts.length - 1] === "..") parts.push(part);
    else if (parts.length > 0) parts.pop();
  }
  const joined = "/".repeat(leading) + parts.join("/");
  return joined === "" ? "." : joined;
}

/** Why MLflow would refuse `key` as a param, metric or tag name, or undefined when it is fine. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return "must not be empty";
  if (key.length > MAX_KEY_LENGTH) return `is ${key.length} characters; MLflow allows at most ${MAX_KEY_LENGTH}`;
  if (!ALLOWED_KEY.test(key)) {
    return "may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/)";
  }
  const normalized = posixNormpath(key);
  if (normalized !== key || normalized === "." || normalized.startsWith("..") || normalized.startsWith("/")) {
    return `would be read as the file path '${normalized}'; remove leading/trailing/double slashes and '.' or '..' segments`;
  }
  return undefined;
}
