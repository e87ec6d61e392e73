# OpenQuant's Jupyter server configuration, read because the launchers set
# JUPYTER_CONFIG_PATH=<project>/jupyter-config.
#
# jupyter-server-proxy serves the sidecar under <base url>/openquant/, so the JupyterLab panels reach
# it on JupyterLab's own origin, behind JupyterLab's own auth. On the first proxied request the
# sidecar is started if nothing answers on its port yet; a sidecar already running there (e.g. from
# `npm run up`) is used as it is.
import os
import shutil
import socket
from pathlib import Path

c = get_config()  # noqa: F821 - injected by Jupyter when it reads this file

OPENQUANT_HOME = Path(os.environ.get("OPENQUANT_HOME") or Path(__file__).resolve().parent.parent)
SIDECAR_HOST = "127.0.0.1"
SIDECAR_PORT = int(os.environ.get("OPENQUANT_PORT") or "8000")


def _sidecar_listening(port: int) -> bool:
    """True when something accepts connections on the sidecar's port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((SIDECAR_HOST, port)) == 0


def _sidecar_command(port: int) -> list[str]:
    """The command that starts the sidecar, or none when one already listens on `port`."""
    if _sidecar_listening(port):
        return []  # not ours to supervise: just proxy to it
    node = shutil.which("node") or "node"
    cli = str(OPENQUANT_HOME / "server" / "bin" / "openquant.js")
    return [node, cli, "serve", "--host", SIDECAR_HOST, "--port", str(port)]


c.ServerProxy.servers = {
    "openquant": {
        "command": _sidecar_command,
        "port": SIDECAR_PORT,
        # The sidecar's routes start at "/": strip the /openquant prefix.
        "absolute_url": False,
        # Opening DuckDB and checking MLflow can take a while on a cold start.
        "timeout": 60,
        "launcher_entry": {"enabled": False},
    }
}

# Notebook kernels started by this server talk to the sidecar (kernel-lib's client mode) instead of
# opening the DuckDB file that the sidecar owns.
os.environ.setdefault("OPENQUANT_API_URL", f"http://{SIDECAR_HOST}:{SIDECAR_PORT}")
os.environ.setdefault("OPENQUANT_HOME", str(OPENQUANT_HOME))

# docker-compose: the sidecar runs in its own container (OPENQUANT_SIDECAR_URL=http://api:8000).
# jupyter-server-proxy reaches named servers on localhost only, so a small TCP forwarder on the
# port it picks carries the proxied requests there; nothing is started or supervised besides it.
_SIDECAR_URL = os.environ.get("OPENQUANT_SIDECAR_URL")
if _SIDECAR_URL:
    import sys
    from urllib.parse import urlparse

    _target = urlparse(_SIDECAR_URL)
    _forwarder = str(Path(__file__).resolve().parent / "forward_sidecar.py")
    _server = dict(c.ServerProxy.servers["openquant"])
    _server.pop("port")
    _server["command"] = [sys.executable, _forwarder, "{port}", _target.hostname or "api", str(_target.port or 80)]
    c.ServerProxy.servers = {"openquant": _server}
    os.environ["OPENQUANT_API_URL"] = _SIDECAR_URL
