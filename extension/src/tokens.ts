/**
 * What the core plugin shares with the panel plugins: command ids, the settings, and the
 * IOpenQuant service that puts a panel in the launcher, the command palette and the OpenQuant menu.
 */
import type { LabIcon } from "@jupyterlab/ui-components";
import { Token } from "@lumino/coreutils";
import type { IDisposable } from "@lumino/disposable";
import type { ISignal } from "@lumino/signaling";
import type { Widget } from "@lumino/widgets";
import type { OpenQuantSettings } from "./settings.js";

/** The core plugin's id; its settings schema is schema/plugin.json. */
export const PLUGIN_ID = "openquant-jupyterlab:plugin";

/** Ids of the commands the extension registers. */
export const CommandIDs = {
  openHealth: "openquant:open-health",
  openDataExplorer: "openquant:open-data-explorer",
  openFeatureExplorer: "openquant:open-feature-explorer",
  openModelPlayground: "openquant:open-model-playground",
  openSchedules: "openquant:open-schedules",
} as const;

/** Category of the palette items and launcher cards, and the main menu's title. */
export const CATEGORY = "OpenQuant";

/** A panel that opens from the launcher, the palette ("OpenQuant: <label>") and the OpenQuant menu. */
export interface PanelSpec {
  /** Command that opens (or focuses) the panel, e.g. CommandIDs.openHealth. */
  command: string;
  /** Short title, e.g. "System Health". */
  label: string;
  /** One-line description shown as a tooltip. */
  caption: string;
  icon: LabIcon;
  /** Order in the menu and the launcher; lower comes first. */
  rank: number;
  /** Builds the panel's content; called each time the panel is opened anew. */
  create(openQuant: IOpenQuant): Widget;
}

/** The extension's shared service, provided by the core plugin. */
export interface IOpenQuant {
  /** Current settings (Settings › OpenQuant). */
  readonly settings: OpenQuantSettings;
  /** Emits whenever the user changes the settings. */
  readonly settingsChanged: ISignal<IOpenQuant, OpenQuantSettings>;
  /** Registers a panel; disposing the result removes it again. */
  addPanel(spec: PanelSpec): IDisposable;
}

/** Token of the IOpenQuant service. */
export const IOpenQuant = new Token<IOpenQuant>(
  "openquant-jupyterlab:IOpenQuant",
  "Adds OpenQuant panels to the launcher, command palette and OpenQuant menu, and shares the extension settings.",
);
