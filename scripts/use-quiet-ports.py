"""Names OpenQuant's kernel provisioner in a kernelspec (its kernel.json), idempotently.

The provisioner (openquant_jupyterlab/kernel_ports.py, installed with the extension) starts the
kernel on ports below the ephemeral range; see its module comment for why.
Usage: python scripts/use-quiet-ports.py <path to kernel.json>
"""

import json
import sys

PROVISIONER = "openquant-quiet-ports"

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    spec = json.load(f)
metadata = spec.setdefault("metadata", {})
if metadata.get("kernel_provisioner", {}).get("provisioner_name") != PROVISIONER:
    metadata["kernel_provisioner"] = {"provisioner_name": PROVISIONER}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
