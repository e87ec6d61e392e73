#!/usr/bin/env bash
# `npm run bench`: performance numbers side by side with their baselines, in one run.
# Not part of the test suite. Pass names to run a subset, e.g. `npm run bench -- store`;
# `load` names the sidecar's load benchmark (server/bench/load.bench.ts), which runs last.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test >/dev/null
export PATH="$PWD/.venv/bin:$PATH"
kernel_lib=()
load=1
if [ $# -gt 0 ]; then
  load=0
  for name in "$@"; do
    if [ "$name" = load ]; then load=1; else kernel_lib+=("$name"); fi
  done
fi
if [ $# -eq 0 ] || [ ${#kernel_lib[@]} -gt 0 ]; then
  npx tsx kernel-lib/bench/index.ts "${kernel_lib[@]}"
fi
if [ "$load" = 1 ]; then
  printf '\n=== load ===\n'
  npx tsx server/bench/load.bench.ts
fi
