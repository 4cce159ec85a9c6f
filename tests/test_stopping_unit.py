"""Ctrl-C and SIGTERM during a build are noted and acted on at the build's safe points (szreport.build.stopping),
never raised wherever the main thread happens to be (once inside the import system, which then hung every thread
of a killed build)."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from szreport.build import stopping


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_is_noted_and_raised_at_the_checkpoint_only(signum):
    before = {s: signal.getsignal(s) for s in stopping.SIGNALS}
    with stopping.stop_at_checkpoints():
        os.kill(os.getpid(), signum)
        for _ in range(1000):  # a handler runs between bytecodes: this loop is where it lands, and nothing raises
            sum(range(10))
        assert stopping.requested()
        with pytest.raises(KeyboardInterrupt):
            stopping.checkpoint()
    assert {s: signal.getsignal(s) for s in stopping.SIGNALS} == before


def test_a_new_build_starts_without_the_last_ones_request():
    with stopping.stop_at_checkpoints():
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(10))
    with stopping.stop_at_checkpoints():
        assert not stopping.requested()
        stopping.checkpoint()


def test_an_ignored_signal_stays_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with stopping.stop_at_checkpoints():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)
            sum(range(10))
            assert not stopping.requested()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_signal_during_an_import_leaves_imports_working(tmp_path, monkeypatch):
    """The case that hung a killed build: the signal lands while a module is being imported."""
    (tmp_path / "sz_slow_module.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\nVALUE = sum(range(1000))\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with stopping.stop_at_checkpoints():
        import sz_slow_module  # noqa: F401

        assert stopping.requested()
        imported = []
        worker = threading.Thread(target=lambda: imported.append(__import__("json").dumps([1])))
        worker.start()
        worker.join(timeout=10)
        assert imported == ["[1]"]
    sys.modules.pop("sz_slow_module", None)


def test_outside_the_main_thread_nothing_changes():
    seen = []

    def run():
        with stopping.stop_at_checkpoints():
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert seen == [before]
