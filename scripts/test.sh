#!/usr/bin/env bash
# README command 2: install what the tests need, then lint, type-check and run every test
# (unit and end-to-end, all packages) in one vitest run. The last line is the suite's total.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
printf '\033[1;34m==>\033[0m %s\n' "lint (biome)"
npx biome check .
printf '\033[1;34m==>\033[0m %s\n' "type-check (tsc --noEmit)"
npm run typecheck --silent
printf '\033[1;34m==>\033[0m %s\n' "tests (vitest: unit + end-to-end)"
exec node scripts/run-tests.mjs "$@"
