"""Kernel ports that cannot collide within a build (papermill #511, jupyter_client #487).

jupyter_client picks a kernel's five ports by binding port 0 and closing the socket (``LocalPortCache``); the
kernel binds them a moment later. In that moment the ports are free for anyone, and a build starts several
kernels at once: each ipykernel, as it starts, binds a random port of 49152-65535 for its IOPub pipe
(``bind_to_random_port`` in ``ipykernel/iostream.py``), and every port-0 bind or outgoing connection draws
from the operating system's ephemeral range (32768-60999 here). Either can take a port promised to another
starting kernel, which then dies with ``ZMQError: Address already in use`` ("Kernel died before replying to
kernel_info"), reported as about one full build in thirteen.

:class:`KernelManager` takes its ports from below the ephemeral range instead, where none of those ever
lands: one round-robin counter for the whole process, starting at an offset drawn per process (so that
two builds running side by side start apart), each port checked free with a bind first (so a port another
program listens on is skipped).
"""

from __future__ import annotations

import random
import socket
import threading
from pathlib import Path

from jupyter_client import AsyncKernelManager

EPHEMERAL_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")
# Linux's default ephemeral range starts at 32768; this is used where the range cannot be read.
DEFAULT_EPHEMERAL_LOW = 32768
# How many ports below the ephemeral range the build cycles through: a build of 12 notebooks uses 60, so a
# port comes round again only after hundreds of kernels, long after the kernel that had it ended.
POOL_SIZE = 8000
LOWEST_PORT = 10000  # keep clear of well-known and commonly configured service ports
PORTS_PER_KERNEL = 5  # shell, iopub, stdin, control, heartbeat


def ephemeral_low(path: Path = EPHEMERAL_RANGE_FILE) -> int:
    """The first port of the operating system's ephemeral range."""
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return DEFAULT_EPHEMERAL_LOW


class PortPool:
    """Ports below the ephemeral range, handed out round-robin and checked free on ``ip`` before use."""

    def __init__(self, low: int, high: int):
        if high <= low:
            raise ValueError(f"empty port range {low}..{high}")
        self.low, self.high = low, high
        self._next = random.randrange(low, high + 1)
        self._lock = threading.Lock()

    @classmethod
    def below_ephemeral(cls) -> PortPool | None:
        """The pool under this machine's ephemeral range, or None when that range starts too low for one."""
        high = ephemeral_low() - 1
        low = max(LOWEST_PORT, high - POOL_SIZE)
        return cls(low, high) if high - low >= 10 * PORTS_PER_KERNEL else None

    def take(self, ip: str, count: int) -> list[int]:
        """``count`` distinct ports that were free on ``ip`` a moment ago."""
        ports: list[int] = []
        with self._lock:
            for _ in range(self.high - self.low + 1):
                port = self._next
                self._next = self.low if port >= self.high else port + 1
                if _is_free(ip, port):
                    ports.append(port)
                    if len(ports) == count:
                        return ports
        raise OSError(f"no free port for a kernel in {self.low}..{self.high} on {ip}")


def _is_free(ip: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


_POOL = PortPool.below_ephemeral()


class KernelManager(AsyncKernelManager):
    """nbclient's kernel manager with its ports taken from :data:`_POOL` (the stock choice where there is none)."""

    async def _async_pre_start_kernel(self, **kw):
        if _POOL is not None and self.transport == "tcp":
            self.cache_ports = False  # the provisioner must not pick its own ports over these
            (self.shell_port, self.iopub_port, self.stdin_port, self.control_port, self.hb_port) = _POOL.take(
                self.ip or "127.0.0.1", PORTS_PER_KERNEL
            )
        return await super()._async_pre_start_kernel(**kw)
