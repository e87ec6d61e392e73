/**
 * The bridge to the tslab kernel this code runs in, found lazily: kernel-lib imports fine in the
 * sidecar, the CLI or tests, and a display there falls back to text on stdout.
 *
 * tslab's public `display` sends one MIME type per output; a chart needs a bundle (Plotly JSON,
 * HTML, plain text) so JupyterLab can pick the richest it renders. So we call the writer tslab's
 * own `display` uses (`tslab/dist/jupyter`'s `lastWriteDisplayData`, tslab 1.0.x), found in the
 * module cache of the kernel process rather than by `require("tslab")`, which could load a
 * second, unconnected copy.
 */
import { createRequire } from "node:module";
import { join } from "node:path";

/** A Jupyter MIME bundle: MIME type → data (a string, or JSON for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/** The writer tslab installs for the cell being executed: `display_data`, or `update_display_data` when `update`. */
type DisplayWriter = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void;

const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/** The kernel's display writer, or undefined when this process is not a tslab kernel executing a cell. */
export function tslabWriter(): DisplayWriter | undefined {
  // createRequire works in both builds (no import.meta); its cache is the process-wide module cache.
  const cache = createRequire(join(process.cwd(), "noop.js")).cache;
  for (const [path, mod] of Object.entries(cache)) {
    if (!JUPYTER_MODULE.test(path)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as DisplayWriter;
  }
  return undefined;
}

/** True when display helpers render in a notebook (a tslab kernel), false when they fall back to text. */
export function inNotebook(): boolean {
  return tslabWriter() !== undefined;
}

/** Where a bundle ends up: the kernel's writer, or stdout's text for plain Node. */
export interface PublishOptions {
  /** Jupyter display id: later publishes with `update: true` replace this output in place. */
  displayId?: string;
  /** Replace the output published earlier with the same `displayId` instead of adding one. */
  update?: boolean;
  /** Writes the text fallback (default: a line on stdout). */
  fallback?: (text: string) => void;
}

/** Sends a MIME bundle to the notebook; outside tslab, writes its `text/plain` part instead. */
export function publish(bundle: MimeBundle, options: PublishOptions = {}): void {
  const writer = tslabWriter();
  if (writer) {
    writer({ data: bundle, metadata: {}, transient: options.displayId ? { display_id: options.displayId } : {} }, options.update === true);
    return;
  }
  const text = typeof bundle["text/plain"] === "string" ? (bundle["text/plain"] as string) : `[${Object.keys(bundle).join(", ")} output: shown in a tslab notebook]`;
  (options.fallback ?? ((t: string) => process.stdout.write(`${t}\n`)))(text);
}
