#!/usr/bin/env bash
# README command 1: install what is missing, then start MLflow, the sidecar and JupyterLab with sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node server/bin/openquant.js up "$@"
