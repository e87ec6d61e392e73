/**
 * The extension's plugins. `openquant-jupyterlab:plugin` provides IOpenQuant (settings, the
 * OpenQuant menu, panel registration); each panel is its own plugin that registers through it.
 */
import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette } from "@jupyterlab/apputils";
import { ILauncher } from "@jupyterlab/launcher";
import { IMainMenu } from "@jupyterlab/mainmenu";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { healthIcon } from "./icons.js";
import { OpenQuantService } from "./OpenQuantService.js";
import { CommandIDs, IOpenQuant, PLUGIN_ID } from "./tokens.js";
import { HealthWidget } from "./widgets/HealthWidget.js";

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

const healthPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:health",
  description: "The System Health panel: status, latency and version of each OpenQuant component.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (_app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    openQuant.addPanel({
      command: CommandIDs.openHealth,
      label: "System Health",
      caption: "Status, latency and version of each OpenQuant component",
      icon: healthIcon,
      rank: 0,
      create: (service) => new HealthWidget(service),
    });
  },
};

export default [corePlugin, healthPlugin];
