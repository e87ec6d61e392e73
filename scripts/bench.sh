#!/usr/bin/env bash
# `npm run bench`: performance numbers side by side with their baselines, in one run.
# Not part of the test suite. Pass names to run a subset, e.g. `npm run bench -- store`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test >/dev/null
export PATH="$PWD/.venv/bin:$PATH"
exec npx tsx kernel-lib/bench/index.ts "$@"
