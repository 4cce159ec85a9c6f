"""Kernel ports cannot collide: they come from below the ephemeral range, distinct within the process, and a
port in use is skipped. The stress test (30 forced builds) runs with ``make stress``; a cheaper one here."""

from __future__ import annotations

import asyncio
import socket
import statistics
import time
from pathlib import Path

import pytest

from szreport.build import kernels

from .conftest import run_cli


def test_ephemeral_low_reads_the_range_file(tmp_path):
    path = tmp_path / "range"
    path.write_text("40000\t60999\n")
    assert kernels.ephemeral_low(path) == 40000
    assert kernels.ephemeral_low(tmp_path / "missing") == kernels.DEFAULT_EPHEMERAL_LOW


def test_pool_lies_below_the_ephemeral_range():
    pool = kernels.PortPool.below_ephemeral()
    assert pool is not None
    assert kernels.LOWEST_PORT <= pool.low < pool.high < kernels.ephemeral_low()


def test_ports_are_distinct_across_many_kernels_and_wrap_around():
    # Room for 12 kernels, well below the real pool (just under the ephemeral range), so that kernels of builds
    # running beside the tests cannot hold these ports.
    pool = kernels.PortPool(20000, 20059)
    taken = [pool.take("127.0.0.1", 5) for _ in range(12)]
    flat = [p for ports in taken for p in ports]
    assert len(set(flat)) == 60 and all(20000 <= p <= 20059 for p in flat)
    assert pool.take("127.0.0.1", 5)[0] == flat[0]  # round again, long after the first kernel ended


def _listen_below_ephemeral() -> socket.socket:
    """A socket listening on some port below the ephemeral range (where the pool's ports lie)."""
    for port in range(21000, 22000, 7):
        busy = socket.socket()
        try:
            busy.bind(("127.0.0.1", port))
        except OSError:
            busy.close()
            continue
        busy.listen()
        return busy
    pytest.skip("no free port to listen on below the ephemeral range")


def test_a_port_in_use_is_skipped():
    with _listen_below_ephemeral() as busy:
        port = busy.getsockname()[1]
        for _ in range(5):  # whatever the starting offset
            assert port not in kernels.PortPool(port, port + 3).take("127.0.0.1", 3)


def test_a_full_range_is_an_error():
    with _listen_below_ephemeral() as busy:
        port = busy.getsockname()[1]
        with pytest.raises(OSError, match="no free port"):
            kernels.PortPool(port, port + 1).take("127.0.0.1", 2)


def test_the_kernel_manager_writes_its_ports_from_the_pool(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    km = kernels.KernelManager(kernel_name="python3")

    async def prepare():
        return await km._async_pre_start_kernel()

    try:
        asyncio.run(prepare())
        ports = [km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port]
        assert len(set(ports)) == 5 and all(p < kernels.ephemeral_low() for p in ports), ports
        assert f'"shell_port": {km.shell_port}' in Path(km.connection_file).read_text()
    finally:
        km.cleanup_connection_file()


def test_died_on_start_is_told_apart_from_a_failing_cell():
    from szreport.build.pipeline import _died_on_start

    assert _died_on_start(RuntimeError("Kernel died before replying to kernel_info"))
    assert _died_on_start(Exception("ZMQError: Address already in use (tcp://127.0.0.1:40001)"))
    assert not _died_on_start(ValueError("cannot convert float NaN to integer"))


def forced_builds(tmp_path, count: int, *args: str, seconds: list[float] | None = None) -> list[str]:
    """The failures of ``count`` forced builds in a row (none expected); each build's wall time in ``seconds``."""
    failures = []
    for index in range(count):
        started = time.perf_counter()
        result = run_cli("build", "--force", "--jobs", "6", "--out", tmp_path / "reports", *args)
        if seconds is not None:
            seconds.append(time.perf_counter() - started)
        if result.returncode != 0:
            failures.append(f"build {index + 1}: exit {result.returncode}: {result.stderr[-2000:]}")
        elif "retried once" in result.stderr:  # the retry is a safety net; the port choice itself must hold
            failures.append(f"build {index + 1}: {result.stderr.strip()}")
    return failures


@pytest.mark.notebook
def test_forced_builds_in_a_row_do_not_fail(tmp_path):
    """Cheaper version of the stress test: the six reports of one language, six kernels at once, twice (the second
    build's kernels take ports the first one's have just let go)."""
    assert forced_builds(tmp_path, 2, "--format", "html", "--lang", "en") == []


@pytest.mark.stress
def test_thirty_forced_builds_in_a_row_do_not_fail(tmp_path):
    seconds: list[float] = []
    failures = forced_builds(tmp_path, 30, seconds=seconds)
    # the count and the slowest build, for the record (make stress runs pytest with -s)
    slowest = max(seconds)
    print(
        f"\n{len(seconds) - len(failures)}/{len(seconds)} forced builds succeeded; wall seconds: median "
        f"{statistics.median(seconds):.1f}, slowest {slowest:.1f} (build {seconds.index(slowest) + 1}), "
        f"fastest {min(seconds):.1f}"
    )
    assert failures == []
