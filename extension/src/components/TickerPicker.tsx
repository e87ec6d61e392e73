import type { ReactElement } from "react";
import type { TickerInfo } from "../schemas/data.js";
import { toDay } from "../util/dates.js";

/** Props of TickerPicker. */
export interface TickerPickerProps {
  tickers: readonly TickerInfo[];
  value: string | null;
  onChange: (ticker: string) => void;
  /** Makes the element id unique when several pickers share a page. */
  id?: string;
}

/** A select of the stored tickers, with the chosen one's provider, first/last bar and row count beside it. */
export function TickerPicker({ tickers, value, onChange, id = "oq-ticker" }: TickerPickerProps): ReactElement {
  const info = tickers.find((t) => t.ticker === value);
  return (
    <div className="oq-TickerPicker oq-Field">
      <label htmlFor={id}>Ticker</label>
      <select id={id} className="jp-mod-styled oq-TickerPicker-select" value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        {value === null && <option value="">Choose a ticker</option>}
        {tickers.map((t) => (
          <option key={`${t.ticker}-${t.interval}`} value={t.ticker}>
            {t.ticker}
          </option>
        ))}
      </select>
      {info && (
        <span className="oq-TickerPicker-info" data-rows={info.rows}>
          {info.provider} · {info.firstBar ? toDay(info.firstBar) : "—"} → {info.lastBar ? toDay(info.lastBar) : "—"} · {info.rows.toLocaleString()} rows
        </span>
      )}
    </div>
  );
}
