import type { ReactElement } from "react";
import type { Bars } from "../schemas/data.js";
import { toDay } from "../util/dates.js";
import { pageSlice } from "../util/paging.js";

/** Props of DataTable. */
export interface DataTableProps {
  bars: Bars;
  /** 0-based page. */
  page: number;
  onPage: (page: number) => void;
  /** Rows per page (default 100). */
  pageSize?: number;
}

const price = (v: number) => v.toFixed(2);

/** The bars as a table, one page at a time so a long range never puts thousands of rows in the DOM. */
export function DataTable({ bars, page, onPage, pageSize = 100 }: DataTableProps): ReactElement {
  const slice = pageSlice(bars.ts.length, pageSize, page);
  const rows: ReactElement[] = [];
  for (let i = slice.start; i < slice.end; i++) {
    rows.push(
      <tr key={bars.ts[i]} data-ts={bars.ts[i]}>
        <td>{toDay(bars.ts[i])}</td>
        <td className="oq-mod-numeric">{price(bars.open[i])}</td>
        <td className="oq-mod-numeric">{price(bars.high[i])}</td>
        <td className="oq-mod-numeric">{price(bars.low[i])}</td>
        <td className="oq-mod-numeric">{price(bars.close[i])}</td>
        <td className="oq-mod-numeric">{bars.adjClose[i].toFixed(4)}</td>
        <td className="oq-mod-numeric">{bars.volume[i].toLocaleString()}</td>
      </tr>,
    );
  }
  return (
    <div className="oq-DataTable">
      <div className="oq-DataTable-pager">
        <button type="button" className="jp-Button jp-mod-styled" disabled={slice.page === 0} onClick={() => onPage(slice.page - 1)}>
          Previous
        </button>
        <span className="oq-DataTable-position">
          Rows {bars.ts.length === 0 ? 0 : slice.start + 1}–{slice.end} of {bars.ts.length} · page {slice.page + 1} of {slice.pages}
        </span>
        <button type="button" className="jp-Button jp-mod-styled" disabled={slice.page >= slice.pages - 1} onClick={() => onPage(slice.page + 1)}>
          Next
        </button>
      </div>
      <table className="oq-Table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="oq-mod-numeric">
              Open
            </th>
            <th scope="col" className="oq-mod-numeric">
              High
            </th>
            <th scope="col" className="oq-mod-numeric">
              Low
            </th>
            <th scope="col" className="oq-mod-numeric">
              Close
            </th>
            <th scope="col" className="oq-mod-numeric">
              Adj. close
            </th>
            <th scope="col" className="oq-mod-numeric">
              Volume
            </th>
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
