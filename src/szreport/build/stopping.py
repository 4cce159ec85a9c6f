"""A build stopped by Ctrl-C or a kill (SIGINT, SIGTERM) stops at the next safe point, never in the middle of
whatever Python was doing when the signal came.

A handler that raises (Python's own for Ctrl-C, ours for SIGTERM before) raises wherever the main thread happens to
be. Once that was inside the import system's clean-up of a module lock, where an exception is "ignored": the lock
of every import was never released, the build's threads hung on their next import, and the killed build ran on
for minutes instead of ending in a second. So the handlers here only note the request (:func:`requested`), and the
build raises :class:`KeyboardInterrupt` itself at :func:`checkpoint`, which it calls between its steps and every
:data:`POLL_S` while it waits (for another build's lock, for its notebooks, for its PDFs). The rest is as before:
the queued notebooks are cancelled, the kernels stopped, the staging folder removed, the published reports left
as they were, exit 130. The last checkpoint is before publishing: a signal during it lets the publishing finish.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

POLL_S = 0.2  # how often a waiting build looks for a stop request: it ends within this of the signal
SIGNALS = (signal.SIGINT, signal.SIGTERM)
_requested = threading.Event()


def requested() -> bool:
    """Whether a stop was asked for since the build began."""
    return _requested.is_set()


def checkpoint() -> None:
    """Raise :class:`KeyboardInterrupt` if a stop was asked for: call it where the build may stop safely."""
    if _requested.is_set():
        raise KeyboardInterrupt("stopped by a signal")


def _note(signum, frame) -> None:
    _requested.set()


@contextmanager
def stop_at_checkpoints() -> Iterator[None]:
    """Within the block, Ctrl-C and SIGTERM are noted for :func:`checkpoint` (unless ignored); the previous handlers
    after it. Only the main thread can set handlers: elsewhere (a build run from a thread) the block changes
    nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _requested.clear()
    # A signal ignored on purpose stays ignored (Ctrl-C of a background job started by a non-interactive shell);
    # one whose handler was not set from Python (None) could not be given back, so it is left as it is.
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    previous = {signum: handler for signum, handler in previous.items() if handler not in (signal.SIG_IGN, None)}
    for signum in previous:
        signal.signal(signum, _note)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _requested.clear()  # a stop asked for after the last checkpoint (while publishing) came too late to stop
