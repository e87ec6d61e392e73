#!/usr/bin/env python3
"""Backtest oracle for OpenQuant: the same definitions written with pandas, vectorized.

Draws a seeded business-day price series and noisy predictions (some missing, some exactly at the
threshold), then computes the long/flat and long/short strategies with pandas: the position is the
decision SHIFTED by one bar (Series.shift(1)), costs on |diff| of the position, equity by cumprod,
and the statistics. Also prints the inputs, so the TypeScript backtest runs on the same bars.

Usage: backtest_oracle.py SEED
"""

import json
import sys

import numpy as np
import pandas as pd

PERIODS = 252
COST_BPS = 7.5
RISK_FREE = 0.03
THRESHOLD = 0.0


def stats(s, pos, ts):
    """Statistics over bars 1..n-1 of net returns `s` and held positions `pos`."""
    r = s.iloc[1:]
    p = pos.iloc[1:]
    n = len(r)
    years = n / PERIODS
    equity = (1 + s).cumprod()
    rf_bar = (1 + RISK_FREE) ** (1 / PERIODS) - 1
    excess = r - rf_bar
    downside = np.sqrt((np.minimum(excess, 0) ** 2).mean())
    final = equity.iloc[-1]
    cagr = final ** (1 / years) - 1
    drawdown = 1 - equity / equity.cummax()
    trough = int(drawdown.values.argmax())
    peak = int(equity.iloc[: trough + 1].values.argmax())
    after = np.nonzero(equity.values[trough:] >= equity.values[peak])[0]
    end = trough + int(after[0]) if len(after) else len(equity) - 1
    in_market = p != 0
    return {
        "totalReturn": final - 1,
        "cagr": cagr,
        "annualVolatility": r.std() * np.sqrt(PERIODS),
        "sharpe": excess.mean() / r.std() * np.sqrt(PERIODS),
        "sortino": excess.mean() / downside * np.sqrt(PERIODS),
        "maxDrawdown": drawdown.max(),
        "maxDrawdownBars": end - peak,
        "maxDrawdownDays": (ts.iloc[end] - ts.iloc[peak]).days,
        "calmar": cagr / drawdown.max(),
        "hitRate": (r[in_market] > 0).mean(),
        "turnover": pos.diff().abs().iloc[1:].sum() / years,
        "exposure": in_market.mean(),
    }


def simulate(decision, close, ts):
    pos = decision.shift(1).fillna(0.0)  # the decision at the close of t is held over bar t+1
    r = close.pct_change()
    cost = COST_BPS / 1e4 * pos.diff().abs().fillna(pos.abs())
    s = (pos * r - cost).fillna(0.0)
    s.iloc[0] = 0.0
    return stats(s, pos, ts), ((1 + s).cumprod()).tolist()


def main():
    rng = np.random.default_rng(int(sys.argv[1]))
    n = 1500
    ts = pd.Series(pd.bdate_range("2015-01-02", periods=n, tz="UTC"))
    close = pd.Series(100 * np.exp(np.cumsum(rng.normal(0.0003, 0.012, n))))
    future = close.shift(-1) / close - 1
    prediction = pd.Series(0.2 * future.fillna(0).values + rng.normal(0, 0.01, n))
    prediction[rng.random(n) < 0.03] = np.nan
    prediction[rng.random(n) < 0.02] = THRESHOLD
    decisions = {
        "long_flat": (prediction > THRESHOLD).astype(float),
        "long_short": np.sign(prediction - THRESHOLD).fillna(0.0),
    }
    out = {
        "ts": [t.value // 1_000_000 for t in ts],
        "close": close.tolist(),
        "prediction": [None if np.isnan(v) else v for v in prediction],
        "costBps": COST_BPS,
        "riskFree": RISK_FREE,
        "results": {},
    }
    for rule, decision in decisions.items():
        strategy, equity = simulate(decision, close, ts)
        hold, hold_equity = simulate(pd.Series(np.ones(n)), close, ts)
        out["results"][rule] = {"strategy": strategy, "equity": equity, "buyAndHold": hold, "buyAndHoldEquity": hold_equity}
    json.dump(out, sys.stdout, default=float)


if __name__ == "__main__":
    main()
