/**
 * The extension's plugins. `openquant-jupyterlab:plugin` provides IOpenQuant (settings, the
 * OpenQuant menu, panel registration); each panel is its own plugin that registers through it.
 */
import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette } from "@jupyterlab/apputils";
import { ILauncher } from "@jupyterlab/launcher";
import { IMainMenu } from "@jupyterlab/mainmenu";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { OpenQuantService } from "./OpenQuantService.js";
import { dataExplorerPlugin } from "./plugins/data-explorer.js";
import { featureExplorerPlugin } from "./plugins/feature-explorer.js";
import { healthPlugin } from "./plugins/health.js";
import { modelPlaygroundPlugin } from "./plugins/model-playground.js";
import { schedulesPlugin } from "./plugins/schedules.js";
import { IOpenQuant, PLUGIN_ID } from "./tokens.js";

const corePlugin: JupyterFrontEndPlugin<IOpenQuant> = {
  id: PLUGIN_ID,
  description: "OpenQuant core: settings, the OpenQuant menu and panel registration.",
  autoStart: true,
  provides: IOpenQuant,
  optional: [ISettingRegistry, ICommandPalette, ILauncher, IMainMenu, ILayoutRestorer],
  activate: async (
    app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    mainMenu: IMainMenu | null,
    restorer: ILayoutRestorer | null,
  ): Promise<IOpenQuant> => {
    const service = new OpenQuantService({ app, palette, launcher, mainMenu, restorer });
    await service.bindSettings(settingRegistry);
    return service;
  },
};

export default [corePlugin, healthPlugin, dataExplorerPlugin, featureExplorerPlugin, modelPlaygroundPlugin, schedulesPlugin];
