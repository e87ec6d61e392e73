"""The seed platform's stack for the load benchmark's baseline: GET /data/{ticker} served by a
minimal FastAPI + DuckDB app, answering the same JSON as the sidecar (columns of numbers, ts in
epoch ms UTC). It opens a copy of the sidecar's DuckDB file read-only, named by OPENQUANT_BENCH_DUCKDB.

Run: uvicorn fastapi_app:app --app-dir server/bench --port 8000
"""

import os
from datetime import date, datetime, time

import duckdb
from fastapi import FastAPI, HTTPException

app = FastAPI(title="OpenQuant seed stack (benchmark baseline)")
connection = duckdb.connect(os.environ["OPENQUANT_BENCH_DUCKDB"], read_only=True)

QUERY = """
SELECT epoch_ms(ts)::DOUBLE AS ts, open, high, low, close, adj_close, volume FROM ohlcv
WHERE ticker = ? AND interval = ? AND ts >= ? AND ts <= ?
ORDER BY ts
"""


@app.get("/health")
def health() -> dict:
    return {"status": "up"}


@app.get("/data/{ticker}")
def bars(ticker: str, interval: str = "1d", start: date | None = None, end: date | None = None) -> dict:
    # as in the sidecar: a date is 00:00 UTC of that day (TIMESTAMP columns hold naive UTC), bounds inclusive
    low = datetime.combine(start or date(1, 1, 1), time.min)
    high = datetime.combine(end, time.min) if end else datetime(9999, 12, 31, 23, 59, 59)
    # DuckDB connections are not shared across threads; a cursor per request is the documented way
    with connection.cursor() as cursor:
        columns = cursor.execute(QUERY, [ticker, interval, low, high]).fetchnumpy()
    if len(columns["ts"]) == 0:
        raise HTTPException(status_code=404, detail=f"No {interval} bars stored for {ticker}.")
    return {
        "ticker": ticker,
        "interval": interval,
        "ts": columns["ts"].tolist(),
        "open": columns["open"].tolist(),
        "high": columns["high"].tolist(),
        "low": columns["low"].tolist(),
        "close": columns["close"].tolist(),
        "adjClose": columns["adj_close"].tolist(),
        "volume": columns["volume"].tolist(),
    }
