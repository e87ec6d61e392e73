# syntax=docker/dockerfile:1.7
# One multi-stage build for the whole platform. Targets:
#   platform   the sidecar (`openquant serve`) and workers (`openquant worker`)
#   mlflow     the MLflow tracking server, pinned as in requirements.txt
#   jupyterlab JupyterLab with the tslab kernel, kernel-lib and the OpenQuant extension
# Base images are pinned by version; every runtime stage runs as the unprivileged user "openquant".

ARG NODE_IMAGE=node:20.19.5-bookworm-slim
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- Node build: install exactly the lock file, compile kernel-lib (ESM + CJS) and the server.
FROM ${NODE_IMAGE} AS node-build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY kernel-lib/package.json kernel-lib/
COPY server/package.json server/
COPY extension/package.json extension/
RUN npm ci --no-audit --no-fund --ignore-scripts=false
COPY kernel-lib kernel-lib
COPY server server
COPY scripts/mark-cjs.mjs scripts/
RUN npm run build && npm prune --omit=dev --workspaces --include-workspace-root

# --- Python environment shared by MLflow, JupyterLab and the native model libraries.
FROM ${PYTHON_IMAGE} AS python-env
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- MLflow tracking server.
FROM ${PYTHON_IMAGE} AS mlflow
COPY --from=python-env /opt/venv /opt/venv
RUN useradd --create-home --uid 10001 openquant && mkdir -p /mlflow && chown openquant /mlflow
USER openquant
ENV PATH=/opt/venv/bin:$PATH
EXPOSE 5000
CMD ["mlflow", "server", "--backend-store-uri", "sqlite:////mlflow/mlflow.db", "--artifacts-destination", "/mlflow/artifacts", \
     "--serve-artifacts", "--host", "0.0.0.0", "--port", "5000", "--allowed-hosts", "mlflow:5000,localhost:5000,127.0.0.1:5000"]

# --- The sidecar and workers.
FROM ${NODE_IMAGE} AS platform
RUN apt-get update && apt-get install -y --no-install-recommends python3=3.11.* && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 openquant && mkdir -p /data /app && chown openquant /data
WORKDIR /app
COPY --from=node-build --chown=openquant /app /app
COPY --from=python-env /opt/venv /opt/venv
COPY configs configs
USER openquant
ENV OPENQUANT_HOME=/app OPENQUANT_VENV=/opt/venv OPENQUANT_DATA_DIR=/data OPENQUANT_LOG_DIR=/data/logs NODE_ENV=production
EXPOSE 8000
CMD ["node", "server/bin/openquant.js", "serve", "--host", "0.0.0.0"]

# --- JupyterLab with tslab, kernel-lib and the extension.
FROM ${PYTHON_IMAGE} AS jupyterlab
COPY --from=node-build /usr/local/bin/node /usr/local/bin/node
COPY --from=python-env /opt/venv /opt/venv
RUN useradd --create-home --uid 10001 openquant
WORKDIR /app
COPY --from=node-build --chown=openquant /app /app
COPY --chown=openquant extension extension
COPY --chown=openquant jupyter-config jupyter-config
COPY --chown=openquant notebooks notebooks
COPY configs configs
RUN /opt/venv/bin/pip install --no-deps ./extension \
 && /app/node_modules/.bin/tslab install --python=/opt/venv/bin/python --sys-prefix --binary /app/node_modules/.bin/tslab
USER openquant
ENV PATH=/opt/venv/bin:$PATH OPENQUANT_HOME=/app JUPYTER_CONFIG_PATH=/app/jupyter-config
EXPOSE 8888
CMD ["jupyter", "lab", "--ServerApp.ip=0.0.0.0", "--ServerApp.port=8888", "--no-browser", "--ServerApp.root_dir=/app/notebooks"]
