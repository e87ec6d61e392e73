"""Executes one notebook through its Jupyter kernel (tslab) with nbclient, for OpenQuant's notebook runner.

The runner (kernel-lib/src/jobs/notebook-exec.ts) starts this with the project's virtualenv Python and
reads one JSON object per line from stdout:

  {"event": "kernel", "pid": 1234}                      the kernel process started (its own process group)
  {"event": "cell", "index": 3, "total": 9}             a code cell started
  {"event": "done", "status": "succeeded"}
  {"event": "done", "status": "failed", "cellIndex": 3, "ename": "Error", "message": "..."}
  {"event": "html", "path": "..."}                      the HTML rendering was written

The executed notebook is written to --output after every cell, so a run that is killed (timeout,
cancellation) still leaves what it had done. With --html-only, it only renders --output as HTML.
"""

import argparse
import json
import os
import re
import signal
import sys
import threading
import time
import traceback

import nbformat


CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*')
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def error_message(cell, content):
    """The error's text: its value, else its traceback, else what the cell wrote to stderr (tslab's compile errors)."""
    if content.get("evalue"):
        return content["evalue"]
    traceback_text = ANSI.sub("", "\n".join(content.get("traceback") or [])).strip()
    if traceback_text:
        return traceback_text
    stderr = [o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    return "".join(stderr).strip()


THROWN = re.compile(r"^([A-Za-z_$][\w$]*(?:Error|Exception)): ?(.*)$")
COMPILE = re.compile(r"^\d+:\d+ - ")


def refine_error(ename, message):
    """tslab reports every error as "Error" with the details on stderr: recover the thrown error's name and message."""
    lines = message.splitlines()
    if ename == "Error" and lines and all(COMPILE.match(line) for line in lines if line.strip()):
        return "CompileError", message
    if ename == "Error":
        for line in lines:
            match = THROWN.match(line)
            if match:
                return match.group(1), match.group(2)
    return ename, message


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def write_html(notebook, path):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    # the rendering is viewed offline (a sandboxed frame in JupyterLab): no scripts from a CDN
    body = CDN_SCRIPT.sub("", body)
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
    emit(event="html", path=path)


# who started this process, read before it could have died
PARENT = os.getppid()


# the client of the current attempt: its kernel is the one to stop
CURRENT = {"client": None}


def kernel_pid():
    try:
        return CURRENT["client"].km.provisioner.process.pid
    except AttributeError:
        return None


def watch_parent():
    """If the process that started this one dies (a sidecar killed with -9), stop the kernel and exit: no orphans."""

    def watch():
        while True:
            if os.getppid() != PARENT:
                # a kernel being launched right now gets its pid in a moment: wait for it rather than leave it behind
                pid = kernel_pid()
                for _ in range(100):
                    if pid:
                        break
                    time.sleep(0.1)
                    pid = kernel_pid()
                try:
                    if pid:
                        os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
                os._exit(1)
            time.sleep(1)

    threading.Thread(target=watch, daemon=True).start()


# A kernel that has not answered by then is not going to (tslab whose port was taken only logs the
# failed bind): a fresh one, on fresh ports, is tried instead. The tslab kernelspec names OpenQuant's
# provisioner, which picks ports no outgoing connection can take (openquant_jupyterlab/kernel_ports.py).
STARTUP_TIMEOUT = float(os.environ.get("OPENQUANT_KERNEL_STARTUP_TIMEOUT", "60"))
START_ATTEMPTS = max(1, int(os.environ.get("OPENQUANT_KERNEL_START_ATTEMPTS", "3")))


def execute(args):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(args.input, as_version=4)
    code_cells = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    failure = {}
    progress = {"cellStarted": False}

    def save():
        nbformat.write(notebook, args.output)

    def on_start(notebook, **_):
        emit(event="kernel", pid=kernel_pid())

    def on_cell_start(cell, cell_index, **_):
        progress["cellStarted"] = True
        emit(event="cell", index=cell_index, total=len(notebook.cells), position=code_cells.index(cell_index) if cell_index in code_cells else -1)

    def on_cell_error(cell, cell_index, execute_reply, **_):
        content = execute_reply.get("content", {})
        ename, message = refine_error(content.get("ename") or "Error", error_message(cell, content))
        failure.update(cellIndex=cell_index, ename=ename, message=message)

    def new_client():
        return NotebookClient(
            notebook,
            kernel_name=args.kernel or notebook.metadata.get("kernelspec", {}).get("name", "tslab"),
            timeout=None,
            startup_timeout=STARTUP_TIMEOUT,
            resources={"metadata": {"path": args.cwd}},
            on_notebook_start=on_start,
            on_cell_start=on_cell_start,
            on_cell_executed=lambda **_: save(),
            on_cell_error=on_cell_error,
        )

    # a timeout or a cancellation sends SIGTERM: nbclient's own handler then stops the kernel, even one still starting
    watch_parent()
    for attempt in range(1, START_ATTEMPTS + 1):
        client = new_client()
        CURRENT["client"] = client
        try:
            client.execute()
            status = {"status": "succeeded"}
        except CellExecutionError as error:
            status = {"status": "failed", **failure} if failure else {"status": "failed", "cellIndex": None, "ename": "CellExecutionError", "message": str(error)}
        except Exception as error:  # the kernel did not start or died: no cell to blame
            traceback.print_exc(file=sys.stderr)
            if not progress["cellStarted"] and attempt < START_ATTEMPTS:
                print(f"the kernel did not start ({error}); starting another (attempt {attempt + 1} of {START_ATTEMPTS})", file=sys.stderr, flush=True)
                continue
            status = {"status": "failed", "cellIndex": failure.get("cellIndex"), "ename": type(error).__name__, "message": str(error) or repr(error)}
        break
    save()
    emit(event="done", **status)
    if args.html:
        write_html(notebook, args.html)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", help="the notebook to execute (parameters already injected)")
    parser.add_argument("--output", required=True, help="where the executed notebook is written")
    parser.add_argument("--html", help="where its HTML rendering is written")
    parser.add_argument("--cwd", help="the kernel's working directory")
    parser.add_argument("--kernel", help="kernel name (default: the notebook's kernelspec, else tslab)")
    parser.add_argument("--html-only", action="store_true", help="only render --output as HTML to --html")
    args = parser.parse_args()
    if args.html_only:
        write_html(nbformat.read(args.output, as_version=4), args.html)
    else:
        execute(args)


if __name__ == "__main__":
    main()
