#!/usr/bin/env bash
# Builds the JupyterLab extension (TypeScript lib + prebuilt labextension) and installs it into the
# project's virtualenv, so `jupyter labextension list` shows openquant-jupyterlab enabled OK.
# Idempotent: when the extension's sources hash to what the last build recorded, and the venv holds
# that build, it does nothing. FORCE=1 rebuilds anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="${OPENQUANT_VENV:-$ROOT/.venv}"
EXT="$ROOT/extension"
OUT="$EXT/openquant_jupyterlab/labextension"
INSTALLED="$VENV/share/jupyter/labextensions/openquant-jupyterlab"
STAMP="build.sha256"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

[ -x "$VENV/bin/jupyter" ] || die "no JupyterLab in $VENV: run 'npm run setup' first (or set OPENQUANT_VENV)."
[ -f "$ROOT/node_modules/@jupyterlab/builder/package.json" ] ||
  die "@jupyterlab/builder is not installed: run 'npm install' at $ROOT first."

# One build at a time, whoever calls (setup, the test entry script, a developer).
exec 9>"${TMPDIR:-/tmp}/openquant-build-extension.lock"
flock 9

# The venv lives inside this repo, whose package.json says "type": "module"; without a nearer
# package.json, Node would load the CommonJS yarn.js bundled in jupyter_builder as ESM and print
# "Fail to get yarn configuration" on every labextension command.
case "$VENV" in
  "$ROOT"/*) [ -f "$VENV/package.json" ] || echo '{ "type": "commonjs" }' >"$VENV/package.json" ;;
esac

# Everything the built labextension depends on; tests are left out so editing them costs no rebuild.
source_hash() {
  {
    find "$EXT/src" "$EXT/style" "$EXT/schema" "$EXT/overrides" -type f \
      ! -name '*.test.ts' ! -name '*.test.tsx' -print0 | sort -z | xargs -0 sha256sum
    sha256sum "$EXT/package.json" "$EXT/tsconfig.json" "$EXT/tsconfig.build.json" "$EXT/pyproject.toml" \
      "$EXT/install.json" "$EXT/openquant_jupyterlab/__init__.py" "$ROOT/tsconfig.json" "$ROOT/package-lock.json"
    "$VENV/bin/python" -c 'import jupyterlab; print("jupyterlab", jupyterlab.__version__)'
  } | sed "s#$ROOT/##" | sha256sum | cut -d' ' -f1
}

HASH="$(source_hash)"
if [ "${FORCE:-0}" != 1 ] &&
  [ "$(cat "$OUT/$STAMP" 2>/dev/null)" = "$HASH" ] &&
  [ "$(cat "$INSTALLED/$STAMP" 2>/dev/null)" = "$HASH" ]; then
  step "extension: up to date (sources unchanged since the last build), nothing to do"
  exit 0
fi

if [ "${FORCE:-0}" = 1 ] || [ "$(cat "$OUT/$STAMP" 2>/dev/null)" != "$HASH" ]; then
  step "extension: building lib/ and the labextension"
  # A clean build: stale output of deleted sources must not linger in lib/ or the bundle.
  rm -rf "$EXT/lib" "$EXT"/*.tsbuildinfo "$OUT"
  (cd "$EXT" && PATH="$VENV/bin:$PATH" npm run build --silent)
  [ -f "$OUT/static/style.js" ] || die "the labextension build produced no $OUT/static/style.js"
  echo "$HASH" >"$OUT/$STAMP"
fi

step "extension: installing into $VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation --no-deps --force-reinstall "$EXT"

if ! "$VENV/bin/jupyter" labextension list 2>&1 | grep -Eq 'openquant-jupyterlab v[0-9.]+.*enabled.*OK'; then
  "$VENV/bin/jupyter" labextension list >&2 || true
  die "openquant-jupyterlab is not listed as enabled OK by 'jupyter labextension list'."
fi
step "extension: openquant-jupyterlab enabled OK"
