"""Independent judge of sample500's measured Rank ICs: Spearman by scipy, day by day.

Spearman is the Pearson correlation of scipy's average ranks (`rankdata`, what `spearmanr` uses
inside, without its per-call overhead, which would make this take ten times longer).

Reads a tickers x sessions matrix of log adjusted closes (little-endian float64, NaN where not
listed) and prints, as JSON, the mean daily Spearman IC of the reversal (5d -> 5d) and momentum
(12-1m -> 21d) signals over the days with at least 50 tickers having both values.
Usage: python rank-ic-oracle.py <matrix.f64> <tickers> <sessions>
"""

import json
import sys

import numpy as np
from scipy.stats import rankdata


def mean_ic(log_close: np.ndarray, start: int, end: int, horizon: int) -> dict:
    sessions = log_close.shape[1]
    daily = []
    for t in range(start, sessions - horizon):
        signal = log_close[:, t - end] - log_close[:, t - start]
        forward = log_close[:, t + horizon] - log_close[:, t]
        ok = ~np.isnan(signal) & ~np.isnan(forward)
        if ok.sum() >= 50:
            daily.append(np.corrcoef(rankdata(signal[ok]), rankdata(forward[ok]))[0, 1])
    return {"mean": float(np.mean(daily)), "days": len(daily)}


def main() -> None:
    path, tickers, sessions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    log_close = np.fromfile(path, dtype="<f8").reshape(tickers, sessions)
    print(json.dumps({"reversal": mean_ic(log_close, 5, 0, 5), "momentum": mean_ic(log_close, 252, 21, 21)}))


if __name__ == "__main__":
    main()
