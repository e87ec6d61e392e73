# OpenQuant's Jupyter server configuration, read because the launchers set
# JUPYTER_CONFIG_PATH=<project>/jupyter-config.
#
# jupyter-server-proxy serves the sidecar under <base url>/openquant/, so the JupyterLab panels reach
# it on JupyterLab's own origin, behind JupyterLab's own auth. On the first proxied request the
# sidecar is started if nothing answers on its port yet; a sidecar already running there (e.g. from
# `npm run up`) is used as it is.
import os
import secrets
import shutil
import socket
import stat
from pathlib import Path

c = get_config()  # noqa: F821 - injected by Jupyter when it reads this file

OPENQUANT_HOME = Path(os.environ.get("OPENQUANT_HOME") or Path(__file__).resolve().parent.parent)
SIDECAR_HOST = "127.0.0.1"
SIDECAR_PORT = int(os.environ.get("OPENQUANT_PORT") or "8000")
# The sidecar's bearer token lives here (kernel-lib's config/token.ts writes and reads the same file).
TOKEN_FILE = Path(os.environ.get("OPENQUANT_DATA_DIR") or OPENQUANT_HOME / "data") / "sidecar.token"
AUTH_OFF = os.environ.get("OPENQUANT_AUTH") == "none"


def _read_token() -> str | None:
    """OPENQUANT_TOKEN, else the token in the data folder, or None when there is none yet."""
    if os.environ.get("OPENQUANT_TOKEN"):
        return os.environ["OPENQUANT_TOKEN"]
    try:
        token = TOKEN_FILE.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return token if len(token) >= 16 else None


def _ensure_token() -> str:
    """The sidecar's token, created (mode 0600, written aside then linked, as the sidecar does) when none exists yet."""
    token = _read_token()
    if token:
        return token
    TOKEN_FILE.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    aside = TOKEN_FILE.with_name(f"{TOKEN_FILE.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    try:
        os.write(fd, f"{token}\n".encode())
    finally:
        os.close(fd)
    try:
        os.link(aside, TOKEN_FILE)
    except FileExistsError:
        token = _read_token() or token  # the sidecar made one first: that is the token
    finally:
        aside.unlink(missing_ok=True)
    return token


def _sidecar_headers(port: int) -> dict[str, str]:
    """Headers the proxy adds to every request it forwards: the sidecar's own Host (the browser's may be a
    remote name the sidecar refuses) and its bearer token in place of the browser's Authorization, so
    Jupyter's own credentials never reach the sidecar."""
    headers = {"Host": f"127.0.0.1:{port}"}
    token = None if AUTH_OFF else _read_token()
    headers["Authorization"] = f"Bearer {token}" if token else ""
    return headers


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
        # The panels reach the sidecar with Jupyter's login; the token is added here, server-side.
        "request_headers_override": _sidecar_headers,
    }
}

# Kernels started by this server find the token in their environment (kernel-lib's client mode).
if not AUTH_OFF:
    os.environ["OPENQUANT_TOKEN"] = _ensure_token()

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
