/** How the CLI talks to a person: plain lines, errors without stack traces. */
import { isOpenQuantError } from "@openquant/kernel-lib";
import { PortInUseError } from "../services/ports.js";
import { ServiceStartError } from "../services/process.js";

const useColor = process.stderr.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const color = {
  red: (t: string) => paint(31, t),
  green: (t: string) => paint(32, t),
  yellow: (t: string) => paint(33, t),
  bold: (t: string) => paint(1, t),
  dim: (t: string) => paint(2, t),
};

/** Prints an error a user can act on and returns the exit code. Stack traces only with OPENQUANT_DEBUG=1. */
export function reportError(error: unknown): number {
  const known = isOpenQuantError(error) || error instanceof PortInUseError || error instanceof ServiceStartError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${color.red("error:")} ${message}\n`);
  if (isOpenQuantError(error)) {
    // details the message does not already spell out
    for (const d of error.details.filter((x) => !message.includes(x.message))) {
      process.stderr.write(`  - ${d.path ? `${d.path}: ` : ""}${d.message}\n`);
    }
  }
  if (!known) {
    process.stderr.write(color.dim("This looks like a bug in OpenQuant; the log has details (logs/openquant.log).\n"));
  }
  if (process.env.OPENQUANT_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return known ? 1 : 2;
}
