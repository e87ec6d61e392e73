#!/usr/bin/env bash
# `npm run bench`: performance numbers side by side with their baselines, in one run.
# Not part of the test suite. Pass names to run a subset, e.g. `npm run bench -- store`;
# `load` names the sidecar's load benchmark (server/bench/load.bench.ts), `queue` the work queue's
# (server/bench/queue.bench.ts: cross-validation in-process vs 1, 2 and 4 workers); they run last.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test >/dev/null
export PATH="$PWD/.venv/bin:$PATH"
kernel_lib=()
load=1
queue=1
if [ $# -gt 0 ]; then
  load=0
  queue=0
  for name in "$@"; do
    case "$name" in
      load) load=1 ;;
      queue) queue=1 ;;
      *) kernel_lib+=("$name") ;;
    esac
  done
fi
if [ $# -eq 0 ] || [ ${#kernel_lib[@]} -gt 0 ]; then
  npx tsx kernel-lib/bench/index.ts "${kernel_lib[@]}"
fi
if [ "$load" = 1 ]; then
  printf '\n=== load ===\n'
  npx tsx server/bench/load.bench.ts
fi
if [ "$queue" = 1 ]; then
  printf '\n=== queue ===\n'
  npx tsx server/bench/queue.bench.ts
fi
