#!/usr/bin/env python3
"""TA-Lib oracle for OpenQuant's indicator tests.

Runs the Python TA-Lib functions (the C library underneath) on OHLCV series and writes every
output as raw float64, so the TypeScript kernels can be compared against TA-Lib itself.

Usage: talib_oracle.py REQUEST.json

REQUEST.json:
  {
    "series": {
      "<name>": {"path": "<file>", "length": N}   # raw little-endian float64: open, high, low,
                                                 # close, volume (N values each, in that order),
                                                 # or a .json file {"open": [...], ...}
    },
    "calls": [
      {"series": "<name>", "function": "BBANDS",
       "inputs": ["close" | {"call": i, "output": k}, ...],  # a column, or an earlier call's output
       "params": {"timeperiod": 20, "nbdevup": 2.0, "nbdevdn": 2.0, "matype": 0}}
    ],
    "output": "<file>"                           # receives every call's outputs, in call order,
  }                                              # each as N raw little-endian float64

Prints one JSON line on stdout: {"talib": ..., "ta_lib_c": ..., "outputs": [count per call]}.
Exits with status 2 and a message on stderr when the request is malformed or a call fails.
"""

import json
import sys

import numpy as np
import talib

COLUMNS = ("open", "high", "low", "close", "volume")


def load_series(spec):
    """Returns {column: float64 array} for one series spec."""
    path, length = spec["path"], int(spec["length"])
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        return {c: np.asarray(raw[c], dtype=np.float64) for c in COLUMNS}
    data = np.fromfile(path, dtype="<f8")
    if data.size != len(COLUMNS) * length:
        raise ValueError(f"{path}: expected {len(COLUMNS) * length} float64 values, found {data.size}")
    return {c: np.ascontiguousarray(data[i * length:(i + 1) * length]) for i, c in enumerate(COLUMNS)}


def run(request):
    series = {name: load_series(spec) for name, spec in request["series"].items()}
    results = []
    with open(request["output"], "wb") as out:
        for index, call in enumerate(request["calls"]):
            columns = series[call["series"]]
            args = []
            for source in call["inputs"]:
                if isinstance(source, str):
                    args.append(columns[source])
                else:
                    args.append(np.ascontiguousarray(results[source["call"]][source["output"]]))
            try:
                value = getattr(talib, call["function"])(*args, **call.get("params", {}))
            except Exception as error:  # noqa: BLE001 - report which call failed, then stop
                raise RuntimeError(f"call {index} {call['function']}({call.get('params')}): {error}") from error
            outputs = list(value) if isinstance(value, (tuple, list)) else [value]
            outputs = [np.asarray(o, dtype="<f8") for o in outputs]
            for o in outputs:
                o.tofile(out)
            results.append(outputs)
    return {
        "talib": talib.__version__,
        "ta_lib_c": talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else str(talib.__ta_version__),
        "outputs": [len(o) for o in results],
    }


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        with open(sys.argv[1], encoding="utf-8") as handle:
            request = json.load(handle)
        print(json.dumps(run(request)))
    except Exception as error:  # noqa: BLE001 - one clear line for the test to show
        print(f"talib_oracle: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
