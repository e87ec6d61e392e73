/** The Data Explorer panel's plugin: stored tickers, candlesticks, a paged table, CSV download, ingestion. */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { dataIcon } from "../icons.js";
import { CommandIDs, IOpenQuant } from "../tokens.js";
import { DataExplorerWidget } from "../widgets/DataExplorerWidget.js";

/** Registers the Data Explorer panel. */
export const dataExplorerPlugin: JupyterFrontEndPlugin<void> = {
  id: "openquant-jupyterlab:data-explorer",
  description: "The Data Explorer panel: browse stored market data as candlesticks or a table, download CSV, ingest tickers.",
  autoStart: true,
  requires: [IOpenQuant],
  activate: (_app: JupyterFrontEnd, openQuant: IOpenQuant): void => {
    openQuant.addPanel({
      command: CommandIDs.openDataExplorer,
      label: "Data Explorer",
      caption: "Stored market data as candlesticks or a table; ingest more tickers",
      icon: dataIcon,
      rank: 1,
      create: () => new DataExplorerWidget(),
    });
  },
};
