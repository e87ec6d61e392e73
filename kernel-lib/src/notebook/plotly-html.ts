/**
 * A Plotly figure as self-contained HTML for JupyterLab, which has no Plotly renderer of its own
 * unless the `jupyterlab-plotly` extension is installed. plotly.js comes from the installed
 * `plotly.js-dist-min` package, never a CDN (the notebook may be offline); it is inlined in the
 * first chart of the kernel session only (4.8 MB), and later charts wait for `window.Plotly`.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Unavailable } from "../errors.js";
import type { PlotlyFigure } from "./figure.js";
import { escapeHtml } from "./html.js";

/** JSON safe inside a <script> element: `<` is written \u003c so no `</script>` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

let library: string | undefined;

/** The plotly.js bundle's source, read once from the `plotly.js-dist-min` package. */
export function plotlyLibrarySource(): string {
  if (library !== undefined) return library;
  // Resolve from the working directory first (a notebook's project), then from kernel-lib's own location.
  const bases = [join(process.cwd(), "noop.js")];
  try {
    bases.push(createRequire(join(process.cwd(), "noop.js")).resolve("@openquant/kernel-lib"));
  } catch {
    // kernel-lib not resolvable from here: the first base must do
  }
  for (const base of bases) {
    try {
      library = readFileSync(createRequire(base).resolve("plotly.js-dist-min"), "utf8");
      return library;
    } catch {
      // try the next base
    }
  }
  throw new Unavailable("plotly.js-dist-min is not installed where this kernel runs: run `npm install plotly.js-dist-min` in the project to draw charts.");
}

/** How plotly.js reaches the page: inline in this output, or assumed loaded by an earlier output. */
export type LibraryMode = "inline" | "assume-loaded";

/** HTML drawing `figure` with plotly.js: a div and a script (plus the library when `library` is "inline"). */
export function plotlyHtml(figure: PlotlyFigure, library: LibraryMode, divId = `oq-plot-${randomBytes(6).toString("hex")}`): string {
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 450;
  const id = escapeHtml(divId);
  const lib = library === "inline" ? `<script type="text/javascript">${plotlyLibrarySource().replace(/<\/script/gi, "<\\/script")}</script>\n` : "";
  const draw = `(function () {
  var figure = ${scriptJson(figure)};
  var element = document.getElementById(${scriptJson(divId)});
  var tries = 0;
  function draw() {
    if (window.Plotly) { window.Plotly.newPlot(element, figure.data, figure.layout, figure.config); return; }
    if (++tries < 100) { setTimeout(draw, 100); return; }
    element.textContent = "plotly.js is not loaded in this page: re-run the cell of the first chart, or call display.plotlyLibrary().";
  }
  draw();
})();`;
  return `${lib}<div id="${id}" class="openquant-plot" style="height:${height}px;width:100%"></div>\n<script type="text/javascript">${draw}</script>`;
}

let libraryShipped = false;

/** "inline" for the first chart of this kernel session, "assume-loaded" after; `reset` makes the next chart inline again. */
export function nextLibraryMode(reset = false): LibraryMode {
  if (reset) libraryShipped = false;
  if (libraryShipped) return "assume-loaded";
  libraryShipped = true;
  return "inline";
}
