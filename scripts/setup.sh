#!/usr/bin/env bash
# Installs whatever is missing and skips what is there: Debian packages, the Python virtualenv,
# npm packages, the TypeScript builds, the tslab kernel and the JupyterLab extension.
#   scripts/setup.sh           what the platform needs
#   scripts/setup.sh --test    also what the test suite needs (Chromium, requirements-test.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR=$PWD
WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
skip() { printf '\033[2m    %s\033[0m\n' "$*"; }
hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. Debian packages: redis-server (the cache and the work queue), chromium (browser tests),
#    docker-compose (static validation of the deployment).
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# docker-compose (v1, no engine needed): the test suite validates docker-compose.yml with `docker-compose config`
if [ "$WITH_TESTS" = 1 ] && ! command -v docker-compose >/dev/null 2>&1; then missing+=(docker-compose); fi
if [ "$WITH_TESTS" = 1 ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  skip "Debian packages present"
fi

# 2. Python virtualenv from the pinned requirements.
want=$(hash_of requirements.txt)
if [ ! -x .venv/bin/python ] || [ "$(cat .venv/.requirements.hash 2>/dev/null)" != "$want" ]; then
  step "Python virtualenv .venv (pip install -r requirements.txt)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > .venv/.requirements.hash
else
  skip ".venv up to date"
fi

# 2b. Test-only Python packages (--test): real data the import tests read (arch's S&P 500 history).
if [ "$WITH_TESTS" = 1 ]; then
  want=$(hash_of requirements.txt requirements-test.txt)
  if [ "$(cat .venv/.requirements-test.hash 2>/dev/null)" != "$want" ]; then
    step "test packages (pip install -r requirements-test.txt)"
    .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
    echo "$want" > .venv/.requirements-test.hash
  else
    skip "test packages up to date"
  fi
fi

# 3. npm packages from the lock file.
want=$(hash_of package-lock.json)
if [ ! -d node_modules ] || [ "$(cat node_modules/.lock.hash 2>/dev/null)" != "$want" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.lock.hash
else
  skip "node_modules up to date"
fi

# 4. TypeScript builds (kernel-lib as ESM + CommonJS for tslab, then the server and CLI).
want=$(find kernel-lib/src server/src kernel-lib/package.json server/package.json tsconfig.json kernel-lib/tsconfig*.json server/tsconfig*.json -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat .cache/build.hash 2>/dev/null)" != "$want" ] || [ ! -f server/dist/cli/main.js ] || [ ! -f kernel-lib/dist/cjs/index.js ]; then
  step "build kernel-lib and server"
  rm -rf kernel-lib/dist server/dist
  npm run build --silent
  mkdir -p .cache && echo "$want" > .cache/build.hash
else
  skip "builds up to date"
fi

# 5. The tslab kernel, registered in the virtualenv's Jupyter, started by OpenQuant's provisioner
#    (ports no outgoing connection can take first; it comes with the extension in step 6).
tslab_bin="$HOME_DIR/node_modules/.bin/tslab"
kernel_json=.venv/share/jupyter/kernels/tslab/kernel.json
if ! grep -qs "\"$tslab_bin\"" "$kernel_json" || ! grep -qs '"openquant-quiet-ports"' "$kernel_json"; then
  step "register the tslab kernel in .venv"
  node_modules/.bin/tslab install --python="$HOME_DIR/.venv/bin/python" --sys-prefix --binary "$tslab_bin" >/dev/null
  .venv/bin/python scripts/use-quiet-ports.py "$kernel_json"
else
  skip "tslab kernel registered"
fi

# 6. The JupyterLab extension (built and pip-installed into .venv; skipped when unchanged).
if [ -f scripts/build-extension.sh ]; then bash scripts/build-extension.sh; fi

# 7. Folders the platform writes to.
mkdir -p data logs mlruns outputs
step "setup complete"
