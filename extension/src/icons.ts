/** The extension's icons, themed through JupyterLab's icon classes (jp-icon3 follows light/dark). */
import { LabIcon } from "@jupyterlab/ui-components";

const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M3 19h18v2H3z"/>
    <path d="M5 17V11h3v6zM10.5 17V6h3v11zM16 17V9h3v8z"/>
  </g>
</svg>`;

const healthSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54zM7 11h2.2l1.3-2.6 2 5 1.4-2.4H17v-1.5h-3.9l-.6 1-2-5-2.2 4H7z"/>
  </g>
</svg>`;

/** The OpenQuant logo (settings, menus). */
export const logoIcon = new LabIcon({ name: "openquant-jupyterlab:logo", svgstr: logoSvg });

/** The System Health panel's icon. */
export const healthIcon = new LabIcon({ name: "openquant-jupyterlab:health", svgstr: healthSvg });

const dataSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M6 3h1.5v3H9v9H7.5v3H6v-3H4.5V6H6zM16.5 6H18v3h1.5v7H18v4h-1.5v-4H15V9h1.5z"/>
  </g>
</svg>`;

const featureSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M3 19h18v2H3zM3 15.6l5-5.1 4 3.5 7.3-8 1.4 1.3-8.6 9.5-4-3.5-3.7 3.8z"/>
  </g>
</svg>`;

/** The Data Explorer panel's icon. */
export const dataIcon = new LabIcon({ name: "openquant-jupyterlab:data", svgstr: dataSvg });

/** The Feature Explorer panel's icon. */
export const featureIcon = new LabIcon({ name: "openquant-jupyterlab:feature", svgstr: featureSvg });

const modelSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 2l8.7 5v10L12 22l-8.7-5V7zm0 2.3L5.3 8.2v7.6l6.7 3.9 6.7-3.9V8.2zM12 7l4.3 2.5v5L12 17l-4.3-2.5v-5z"/>
  </g>
</svg>`;

const scheduleSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-1 3h2v5.4l3.7 2.2-1 1.7L11 13.6z"/>
  </g>
</svg>`;

/** The Model Playground panel's icon. */
export const modelIcon = new LabIcon({ name: "openquant-jupyterlab:model", svgstr: modelSvg });

/** The Schedules panel's icon. */
export const scheduleIcon = new LabIcon({ name: "openquant-jupyterlab:schedule", svgstr: scheduleSvg });
