"""OpenQuant panels for JupyterLab, shipped as a prebuilt labextension."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "0.0.0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Tell JupyterLab where the prebuilt labextension of this package lives."""
    return [{"src": "labextension", "dest": "openquant-jupyterlab"}]
