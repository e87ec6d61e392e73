/**
 * A progress bar that updates in place. In JupyterLab it is one output with a Jupyter display id,
 * re-sent as `update_display_data` (tslab's writer supports it): the bar redraws where it is, and
 * nbconvert/nbclient keep only its last state in the saved notebook. Outside tslab it redraws one
 * terminal line with `\r`, or prints the final state when stdout is not a terminal.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { IngestProgress } from "../data/ingest.js";
import type { TrainProgress } from "../models/trainer.js";
import { validate } from "../util/validate.js";
import { escapeHtml } from "./html.js";
import { inNotebook, publish } from "./kernel.js";

/** What a progress bar shows. */
export interface ProgressState {
  /** What is in progress, e.g. "ingest". */
  label: string;
  /** 0..1 (clamped). */
  fraction: number;
  /** The latest step, e.g. "ACME.SAMPLE ok (3/8)". */
  message: string;
  /** running, done or failed. */
  status: "running" | "done" | "failed";
}

const clamp = (f: number) => (Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 0);
const COLORS = { running: "#1f77b4", done: "#2ca02c", failed: "#d62728" } as const;

/** The bar as HTML: label, a filled track, the percentage and the message (escaped). */
export function progressHtml(state: ProgressState): string {
  const pct = Math.round(100 * clamp(state.fraction));
  return (
    `<div class="openquant-progress" data-status="${state.status}" data-percent="${pct}" style="font-family:sans-serif;font-size:13px;display:flex;align-items:center;gap:8px">` +
    `<span style="min-width:6em">${escapeHtml(state.label)}</span>` +
    `<span style="flex:0 0 240px;height:10px;background:#eee;border-radius:5px;overflow:hidden"><span style="display:block;height:100%;width:${pct}%;background:${COLORS[state.status]}"></span></span>` +
    `<span style="min-width:3em;text-align:right">${pct}%</span><span>${escapeHtml(state.message)}</span></div>`
  );
}

/** The bar as one line of text: `label [#######-------]  50% message`. */
export function progressText(state: ProgressState, width = 24): string {
  const filled = Math.round(width * clamp(state.fraction));
  const mark = state.status === "failed" ? " FAILED" : "";
  return `${state.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(100 * clamp(state.fraction))).padStart(3)}%${mark} ${state.message}`.trimEnd();
}

/** Options of a progress bar. */
export interface ProgressBarOptions {
  /** Least time between two redraws while running, in ms (default 150); done and failed always draw. */
  minIntervalMs?: number;
  /** Where text goes outside a notebook (default: process.stdout). */
  write?: (text: string) => void;
}

const optionsSchema = z.strictObject({
  minIntervalMs: z.number().min(0).max(60_000).default(150),
  write: z.custom<(text: string) => void>((v) => typeof v === "function", { error: "must be a function (text) => void" }).optional(),
});

/** A progress bar shown in the notebook (or the terminal) that redraws in place. */
export class ProgressBar {
  private readonly displayId = `openquant-progress-${randomBytes(6).toString("hex")}`;
  private readonly minIntervalMs: number;
  private readonly write: (text: string) => void;
  private readonly notebook = inNotebook();
  /** Redraw one terminal line with \r (stdout is a terminal and no writer was given). */
  private readonly tty: boolean;
  private shown = false;
  private lastDraw = 0;
  /** The bar's current state. */
  state: ProgressState;

  constructor(label: string, options: ProgressBarOptions = {}) {
    const o = validate(optionsSchema, options, "progress bar options");
    this.minIntervalMs = o.minIntervalMs;
    this.write = o.write ?? ((t) => process.stdout.write(t));
    this.tty = o.write === undefined && process.stdout.isTTY === true;
    this.state = { label: validate(z.string().max(200), label, "progress label"), fraction: 0, message: "", status: "running" };
    this.draw(true);
  }

  /** Moves the bar to `fraction` (0..1) with an optional message. */
  update(fraction: number, message = this.state.message): void {
    if (this.state.status !== "running") return;
    this.state = { ...this.state, fraction: clamp(fraction), message };
    this.draw(false);
  }

  /** Fills the bar and marks it done. */
  done(message = "done"): void {
    this.state = { ...this.state, fraction: 1, message, status: "done" };
    this.draw(true);
  }

  /** Marks the bar failed where it stands. */
  fail(message = "failed"): void {
    this.state = { ...this.state, message, status: "failed" };
    this.draw(true);
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    if (this.notebook) {
      publish({ "text/html": progressHtml(this.state), "text/plain": progressText(this.state) }, { displayId: this.displayId, update: this.shown });
      this.shown = true;
      return;
    }
    const finished = this.state.status !== "running";
    if (this.tty) this.write(`\r${progressText(this.state)}${finished ? "\n" : ""}`);
    else if (finished) this.write(`${progressText(this.state)}\n`);
  }
}

/** A progress bar wired for `oq.ingest(tickers, { onProgress })`: one step per ticker, done after the last. */
export function ingestProgress(label = "ingest"): (progress: IngestProgress) => void {
  let bar: ProgressBar | undefined;
  return (p) => {
    bar ??= new ProgressBar(label);
    const message = `${p.ticker} ${p.result.status} (${p.done}/${p.total})`;
    if (p.done >= p.total) bar.done(`${p.total} ticker${p.total === 1 ? "" : "s"}, last ${message}`);
    else bar.update(p.done / p.total, message);
  };
}

/** A progress bar wired for `oq.train(spec, { onProgress })` and `oq.crossValidate`: follows the run's stages to the end. */
export function trainProgress(label = "train"): (progress: TrainProgress) => void {
  let bar: ProgressBar | undefined;
  return (p) => {
    bar ??= new ProgressBar(label);
    if (p.fraction >= 1) bar.done(p.message);
    else bar.update(p.fraction, `${p.stage}: ${p.message}`);
  };
}
