/**
 * The IOpenQuant service: registers each panel's command, palette item, launcher card and menu
 * entry in one place, keeps one instance of each panel, restores open panels after a reload, and
 * applies the settings to the API client.
 */
import type { ILayoutRestorer, JupyterFrontEnd } from "@jupyterlab/application";
import { type ICommandPalette, MainAreaWidget, WidgetTracker } from "@jupyterlab/apputils";
import type { ILauncher } from "@jupyterlab/launcher";
import type { IMainMenu } from "@jupyterlab/mainmenu";
import type { ISettingRegistry } from "@jupyterlab/settingregistry";
import { DisposableDelegate, DisposableSet, type IDisposable } from "@lumino/disposable";
import { type ISignal, Signal } from "@lumino/signaling";
import { Menu } from "@lumino/widgets";
import { configureAPI } from "./api.js";
import { DEFAULT_SETTINGS, type OpenQuantSettings, readSettings } from "./settings.js";
import { CATEGORY, type IOpenQuant, PLUGIN_ID, type PanelSpec } from "./tokens.js";

/** What the service plugs panels into; absent parts of JupyterLab are simply skipped. */
export interface OpenQuantServiceOptions {
  app: JupyterFrontEnd;
  palette: ICommandPalette | null;
  launcher: ILauncher | null;
  mainMenu: IMainMenu | null;
  restorer: ILayoutRestorer | null;
}

/** Rank of the OpenQuant menu in the menu bar: after Kernel, before Tabs/Settings/Help. */
const MENU_RANK = 450;

/** Implements IOpenQuant for the core plugin. */
export class OpenQuantService implements IOpenQuant {
  private _settings: OpenQuantSettings = DEFAULT_SETTINGS;
  private readonly _settingsChanged = new Signal<IOpenQuant, OpenQuantSettings>(this);
  private readonly _options: OpenQuantServiceOptions;
  private _menu: Menu | undefined;

  constructor(options: OpenQuantServiceOptions) {
    this._options = options;
    configureAPI({ sidecarUrl: this._settings.sidecarUrl, serverSettings: options.app.serviceManager.serverSettings });
  }

  /** Current settings. */
  get settings(): OpenQuantSettings {
    return this._settings;
  }

  /** Emits after every settings change. */
  get settingsChanged(): ISignal<IOpenQuant, OpenQuantSettings> {
    return this._settingsChanged;
  }

  /** Loads the settings and follows the user's changes; keeps the defaults if they cannot be loaded. */
  async bindSettings(registry: ISettingRegistry | null): Promise<void> {
    if (!registry) return;
    try {
      const settings = await registry.load(PLUGIN_ID);
      this._apply(readSettings(settings.composite));
      settings.changed.connect(() => this._apply(readSettings(settings.composite)));
    } catch (error) {
      console.warn(`OpenQuant: could not load settings (${String(error)}); using the defaults.`);
    }
  }

  /** Registers a panel in the command registry, palette, launcher and OpenQuant menu. */
  addPanel(spec: PanelSpec): IDisposable {
    const { app, palette, launcher, restorer } = this._options;
    const tracker = new WidgetTracker<MainAreaWidget>({ namespace: spec.command.replace(/[^\w-]/g, "-") });
    const disposables = new DisposableSet();
    disposables.add(
      app.commands.addCommand(spec.command, {
        label: (args) => (args.isPalette ? `${CATEGORY}: ${spec.label}` : spec.label),
        caption: spec.caption,
        icon: (args) => (args.isPalette ? undefined : spec.icon),
        execute: () => this._open(spec, tracker),
      }),
    );
    if (palette) {
      const args = { isPalette: true };
      disposables.add(palette.addItem({ command: spec.command, category: CATEGORY, rank: spec.rank, args }));
    }
    if (launcher) disposables.add(launcher.add({ command: spec.command, category: CATEGORY, rank: spec.rank }));
    const menu = this._ensureMenu();
    if (menu) {
      const item = menu.addItem({ command: spec.command });
      disposables.add(new DisposableDelegate(() => menu.removeItem(item)));
    }
    if (restorer) void restorer.restore(tracker, { command: spec.command, name: () => spec.command });
    disposables.add(tracker);
    return disposables;
  }

  private _open(spec: PanelSpec, tracker: WidgetTracker<MainAreaWidget>): MainAreaWidget {
    const { shell } = this._options.app;
    const existing = tracker.find((w) => !w.isDisposed);
    if (existing) {
      shell.activateById(existing.id);
      return existing;
    }
    const widget = new MainAreaWidget({ content: spec.create(this) });
    widget.id = `openquant-${tracker.namespace}`;
    widget.title.label = spec.label;
    widget.title.caption = spec.caption;
    widget.title.icon = spec.icon;
    widget.title.closable = true;
    void tracker.add(widget);
    shell.add(widget, "main");
    shell.activateById(widget.id);
    return widget;
  }

  private _ensureMenu(): Menu | undefined {
    if (this._menu || !this._options.mainMenu) return this._menu;
    this._menu = new Menu({ commands: this._options.app.commands });
    this._menu.id = "jp-mainmenu-openquant";
    this._menu.title.label = CATEGORY;
    this._options.mainMenu.addMenu(this._menu, true, { rank: MENU_RANK });
    return this._menu;
  }

  private _apply(settings: OpenQuantSettings): void {
    this._settings = settings;
    configureAPI({ sidecarUrl: settings.sidecarUrl });
    this._settingsChanged.emit(settings);
  }
}
