"""A kernel provisioner that gives kernels ports no outgoing connection can take first.

jupyter_client picks a kernel's five ports by binding port 0 and closing it; the kernel binds them a
second or two later. In between, any outgoing connection on the machine may take one as its source
port. tslab does not await its binds, so it only logs the failure and then never answers: the
notebook hangs on "connecting". Ports below the ephemeral range are never used as source ports, so
this provisioner picks free ones there. The tslab kernelspec names it in its metadata
(scripts/use-quiet-ports.py), so JupyterLab's kernels and the notebook runner's get it alike.
"""

import random
import socket

from jupyter_client.provisioning import LocalProvisioner

# how far below the ephemeral range the ports are drawn from
SPAN = 10_000


def ephemeral_range() -> tuple[int, int]:
    """The kernel's range of source ports for outgoing connections."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range", encoding="ascii") as f:
            low, high = (int(x) for x in f.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999


def quiet_ports(ip: str, count: int = 5) -> list[int] | None:
    """`count` distinct free ports below the ephemeral range, or None when that range leaves no room."""
    low, _ = ephemeral_range()
    if low - 1 < SPAN + 2_000:
        return None
    ports: set[int] = set()
    while len(ports) < count:
        port = random.randint(low - SPAN, low - 1)
        with socket.socket() as probe:
            try:
                probe.bind((ip, port))
            except OSError:
                continue
        ports.add(port)
    return list(ports)


class QuietPortsProvisioner(LocalProvisioner):
    """LocalProvisioner whose kernels listen on ports below the ephemeral range (kept across restarts)."""

    async def pre_launch(self, **kwargs):
        km = self.parent
        if km is not None and km.transport == "tcp" and not self.ports_cached:
            ports = quiet_ports(km.ip)
            if ports:
                km.shell_port, km.iopub_port, km.stdin_port, km.hb_port, km.control_port = ports
                # LocalProvisioner keeps ports it has marked cached, and returns them on cleanup
                self.ports_cached = True
        return await super().pre_launch(**kwargs)
