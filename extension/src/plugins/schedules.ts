/** The Schedules panel's plugin: cron schedules of ingestion, training and notebooks. */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { MainAreaWidget } from "@jupyterlab/apputils";
import { scheduleIcon } from "../icons.js";
import type { NotebookRun } from "../schemas/notebooks.js";
import { CommandIDs, IOpenQuant } from "../tokens.js";
import { NotebookOutputWidget } from "../widgets/NotebookOutputWidget.js";
import { SchedulesWidget } from "../widgets/SchedulesWidget.js";

/** Registers the Schedules panel; executed notebooks open beside it in the main area. */
export const schedulesPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:schedules",
  description: "The Schedules panel: list, create, edit, pause, delete and run ingestion, training and notebook schedules; run history and notebook outputs.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    const openOutput = (run: NotebookRun): void => {
      const id = `oq-notebook-output-${run.id}`;
      const open = Array.from(app.shell.widgets("main")).find((w) => w.id === id);
      if (open) {
        app.shell.activateById(id);
        return;
      }
      const content = new NotebookOutputWidget(run);
      const widget = new MainAreaWidget({ content });
      widget.id = id;
      widget.title.label = content.title.label;
      widget.title.caption = content.title.caption;
      widget.title.icon = scheduleIcon;
      widget.title.closable = true;
      app.shell.add(widget, "main", { mode: "split-right" });
      app.shell.activateById(id);
    };
    openQuant.addPanel({
      command: CommandIDs.openSchedules,
      label: "Schedules",
      caption: "Cron schedules of ingestion, training and notebooks",
      icon: scheduleIcon,
      rank: 4,
      create: () => new SchedulesWidget({ openOutput }),
    });
  },
};
