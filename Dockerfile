# syntax=docker/dockerfile:1.7
# One multi-stage build for the whole platform. Targets:
#   platform   the sidecar (`openquant serve`) and the queue workers (`openquant worker`)
#   mlflow     the MLflow tracking server, pinned as in requirements.txt
#   jupyterlab JupyterLab with the tslab kernel, kernel-lib and the OpenQuant extension
# Base images are pinned to exact versions; every runtime stage runs as the unprivileged user
# "openquant" (uid 10001). Secrets (OPENQUANT_TOKEN, JUPYTER_TOKEN) come from the environment at
# run time, never from the image. Linted by server/e2e/compose.test.ts (hadolint's main rules).

ARG NODE_IMAGE=node:20.19.5-bookworm-slim
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- Node dependencies, exactly the lock file.
FROM ${NODE_IMAGE} AS node-deps
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY kernel-lib/package.json kernel-lib/
COPY server/package.json server/
COPY extension/package.json extension/
RUN npm ci --no-audit --no-fund

# --- kernel-lib (ESM + the CommonJS build tslab loads) and the server, then production modules only.
FROM node-deps AS node-build
COPY kernel-lib kernel-lib
COPY server server
COPY scripts/mark-cjs.mjs scripts/
RUN npm run build && npm prune --omit=dev --workspaces --include-workspace-root

# --- Python environment shared by MLflow, JupyterLab, notebook runs and the native model libraries.
FROM ${PYTHON_IMAGE} AS python-env
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

# --- The JupyterLab extension, built with the lock file's @jupyterlab/builder into the venv.
FROM python-env AS extension-build
COPY --from=node-deps /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --from=node-deps /app/node_modules node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY extension extension
COPY scripts/build-extension.sh scripts/
RUN OPENQUANT_VENV=/opt/venv bash scripts/build-extension.sh

# --- MLflow tracking server: SQLite on the mlflow-data volume, artifacts on models-data.
FROM ${PYTHON_IMAGE} AS mlflow
COPY --from=python-env /opt/venv /opt/venv
RUN groupadd --gid 10001 openquant && useradd --create-home --uid 10001 --gid 10001 openquant && mkdir -p /mlflow/artifacts && chown -R 10001:10001 /mlflow
USER 10001:10001
# no server-side job runner (GenAI features OpenQuant does not use): eight fewer processes, ~1.4 GB less memory
ENV PATH=/opt/venv/bin:$PATH MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false
EXPOSE 5000
CMD ["mlflow", "server", "--backend-store-uri", "sqlite:////mlflow/mlflow.db", "--artifacts-destination", "/mlflow/artifacts", \
     "--serve-artifacts", "--host", "0.0.0.0", "--port", "5000", "--allowed-hosts", "mlflow:5000,localhost:5000,127.0.0.1:5000"]

# --- The sidecar and the workers: Node next to the Python venv (notebook runs, model flavors).
FROM ${PYTHON_IMAGE} AS platform
# libgomp1: OpenMP for LightGBM and XGBoost; libstdc++6 for Node and DuckDB
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1=12.2.* libstdc++6=12.2.* \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 openquant && useradd --create-home --uid 10001 --gid 10001 openquant && mkdir -p /data /app && chown 10001:10001 /data
COPY --from=node-build /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --from=node-build --chown=10001:10001 /app /app
# the venv with the extension's Python package: it carries the kernel provisioner the tslab kernelspec names
COPY --from=extension-build /opt/venv /opt/venv
COPY configs configs
# notebook jobs and schedules run here too (workers hand their runs to the api, which keeps them under /data/outputs)
COPY --chown=10001:10001 notebooks notebooks
COPY scripts/use-quiet-ports.py scripts/
RUN /app/node_modules/.bin/tslab install --python=/opt/venv/bin/python --sys-prefix --binary /app/node_modules/.bin/tslab \
 && /opt/venv/bin/python scripts/use-quiet-ports.py /opt/venv/share/jupyter/kernels/tslab/kernel.json
USER 10001:10001
ENV OPENQUANT_HOME=/app OPENQUANT_VENV=/opt/venv OPENQUANT_DATA_DIR=/data OPENQUANT_LOG_DIR=/data/logs OPENQUANT_OUTPUTS_DIR=/data/outputs NODE_ENV=production
EXPOSE 8000
CMD ["node", "server/bin/openquant.js", "serve", "--host", "0.0.0.0"]

# --- JupyterLab with tslab, kernel-lib and the extension.
FROM ${PYTHON_IMAGE} AS jupyterlab
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1=12.2.* libstdc++6=12.2.* \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 openquant && useradd --create-home --uid 10001 --gid 10001 openquant
COPY --from=node-build /usr/local/bin/node /usr/local/bin/node
COPY --from=extension-build /opt/venv /opt/venv
WORKDIR /app
COPY --from=node-build --chown=10001:10001 /app /app
COPY --chown=10001:10001 jupyter-config jupyter-config
COPY --chown=10001:10001 notebooks notebooks
COPY configs configs
COPY scripts/use-quiet-ports.py scripts/
RUN /app/node_modules/.bin/tslab install --python=/opt/venv/bin/python --sys-prefix --binary /app/node_modules/.bin/tslab \
 && /opt/venv/bin/python scripts/use-quiet-ports.py /opt/venv/share/jupyter/kernels/tslab/kernel.json
USER 10001:10001
ENV PATH=/opt/venv/bin:$PATH OPENQUANT_HOME=/app JUPYTER_CONFIG_PATH=/app/jupyter-config
EXPOSE 8888
CMD ["jupyter", "lab", "--ServerApp.ip=0.0.0.0", "--ServerApp.port=8888", "--no-browser", "--ServerApp.root_dir=/app/notebooks"]
