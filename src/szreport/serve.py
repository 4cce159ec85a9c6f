"""``szreport serve``: build, serve the output folder on 127.0.0.1, rebuild on every save and reload open pages.

The loop an analyst wants while editing data, a notebook, a template or a theme module:

- each build is ``szreport build`` with the options given, run as a child process, so a rebuild sees the code
  as it is on disk now and a crash cannot take the server down; builds are incremental (the build's own input
  hashes decide what to re-execute);
- :mod:`watchfiles` watches ``data/`` (or ``--data``), ``notebooks/``, ``src/szreport/`` and the parameters
  file; a batch of saves triggers one rebuild;
- the server (the standard library's, bound to 127.0.0.1 only) serves the output folder. Into every HTML page it
  serves it adds one small script that asks ``/__szreport/state`` once a second and reloads the page when the
  page's file changed on disk; the files on disk stay script-free;
- a failed build leaves the last good reports in place (the build publishes nothing on failure) and the served
  pages show its error (the build's own message: the notebook, the cell, what went wrong) until a build
  succeeds again;
- Ctrl-C stops the watcher and the server and exits 0.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

STATE_PATH = "/__szreport/state"
POLL_MS = 1000
# The script added to served pages only (the files on disk stay without it). It reloads the page when its file
# changed on disk, and shows the last build's error in a banner (as text, never as markup).
RELOAD_SCRIPT = """<script>(function () {
  var seen = null, banner = null;
  function show(text) {
    if (!text) { if (banner) { banner.remove(); banner = null; } return; }
    if (!banner) {
      banner = document.createElement("pre");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;max-height:40vh;overflow:auto;" +
        "padding:.8em 1em;background:#fff4f4;color:#7a0000;border-top:3px solid #b71c1c;font-size:13px;" +
        "white-space:pre-wrap;z-index:9999";
      document.body.appendChild(banner);
    }
    banner.textContent = "szreport serve: the last build failed; showing the last good report.\\n\\n" + text;
  }
  function poll() {
    fetch("__STATE__?page=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.page !== seen) { location.reload(); return; }
        seen = s.page; show(s.error);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, __POLL__); });
  }
  poll();
})();</script>""".replace("__STATE__", STATE_PATH).replace("__POLL__", str(POLL_MS))


@dataclass
class State:
    """What the server tells the pages: the number of finished builds and the last build's error, if any."""

    builds: int = 0
    error: str = ""
    building: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    child: subprocess.Popen | None = None  # the build running now, stopped with the server
    stopping: bool = False

    def as_dict(self) -> dict:
        with self.lock:
            return {"builds": self.builds, "error": self.error, "building": self.building}


def watched_paths(root: Path, data_dir: Path | None, param_file: Path | None) -> list[Path]:
    """What a rebuild follows: the data folder, the notebooks, the package's code and templates, the parameters
    file (those that exist)."""
    paths = [data_dir or root / "data", root / "notebooks", Path(__file__).resolve().parent]
    if param_file is not None:
        paths.append(param_file)
    return [p.resolve() for p in paths if p.exists()]


def page_stamp(out_dir: Path, url_path: str) -> str:
    """A stamp of the file behind a page's URL (its size and modification time), '' when there is none."""
    target = _file_for(out_dir, url_path)
    try:
        st = target.stat() if target else None
    except OSError:
        return ""
    return f"{st.st_size}-{st.st_mtime_ns}" if st else ""


def _file_for(out_dir: Path, url_path: str) -> Path | None:
    """The file of the output folder a URL path names (index.html for a folder); None outside the folder."""
    relative = unquote(urlsplit(url_path).path).lstrip("/")
    target = (out_dir / relative).resolve()
    if target != out_dir and out_dir not in target.parents:
        return None
    return target / "index.html" if target.is_dir() else target


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; adds the reload script to HTML pages; answers the state of the builds."""

    state: State
    out_dir: Path

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == STATE_PATH:
            page = dict(p.split("=", 1) for p in url.query.split("&") if "=" in p).get("page", "/")
            body = json.dumps(self.state.as_dict() | {"page": page_stamp(self.out_dir, unquote(page))}).encode()
            return self._send(200, "application/json", body)
        target = _file_for(self.out_dir, self.path)
        if target is not None and target.suffix == ".html" and target.is_file():
            html = target.read_text(encoding="utf-8")
            at = html.rfind("</body>")
            html = html[:at] + RELOAD_SCRIPT + html[at:] if at >= 0 else html + RELOAD_SCRIPT
            return self._send(200, "text/html; charset=utf-8", html.encode("utf-8"))
        return super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # requests are not news; errors still go to stderr
        pass


def rebuild(build_argv: list[str], state: State, say) -> None:
    """One ``szreport build`` in a child process; its error, if any, kept for the pages."""
    with state.lock:
        if state.stopping:
            return
        state.building = True
        started = time.monotonic()
        state.child = subprocess.Popen(
            [sys.executable, "-m", "szreport.cli", "build", *build_argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
    _, stderr = state.child.communicate()
    code = state.child.returncode
    error = "" if code == 0 else (stderr.strip() or f"szreport build exited {code}")
    with state.lock:
        state.child = None
        state.builds += 1
        state.error = error
        state.building = False
        if state.stopping:
            return
    if error:
        say(f"build failed (the last good reports stay served):\n{error}")
    else:
        say(f"built in {time.monotonic() - started:.1f} s")


def run(build_argv: list[str], out_dir: Path, watch: list[Path], port: int = 8000) -> int:
    """Build, then serve ``out_dir`` on 127.0.0.1:``port`` and rebuild whenever a watched path changes, until
    Ctrl-C. ``build_argv`` are the options of ``szreport build``."""
    import watchfiles

    def say(message: str) -> None:
        print(f"szreport serve: {message}", flush=True)

    out_dir = out_dir.resolve()
    state = State()
    rebuild(build_argv, state, say)
    out_dir.mkdir(parents=True, exist_ok=True)
    handler = partial(type("ServeHandler", (Handler,), {"state": state, "out_dir": out_dir}), directory=str(out_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    stop = threading.Event()

    def watch_loop() -> None:
        for changes in watchfiles.watch(
            *watch, stop_event=stop, debounce=400, raise_interrupt=False, watch_filter=_relevant
        ):
            names = sorted({Path(p).name for _, p in changes})
            say(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}; rebuilding")
            rebuild(build_argv, state, say)

    watcher = threading.Thread(target=watch_loop, name="szreport-watch", daemon=True)
    watcher.start()
    say(
        f"serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops); watching "
        + ", ".join(str(p) for p in watch)
    )
    # The server answers from its own thread; the main thread only waits for Ctrl-C (or SIGTERM), so a signal is
    # always handled at once, whatever the server and the watcher are doing.
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    # Ctrl-C stops it even when started with SIGINT ignored (a background job of a non-interactive shell inherits
    # that, and Python then installs no KeyboardInterrupt handler of its own).
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean stop short
        signal.signal(signal.SIGTERM, previous_term)
        stop.set()
        with state.lock:
            state.stopping = True
            child = state.child
        if child is not None and child.poll() is None:
            child.terminate()  # a build stopped by SIGTERM publishes nothing: the last good reports stay
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=5)
        signal.signal(signal.SIGINT, previous_int)
    say("stopped")
    return 0


def _interrupt(signum, frame) -> None:
    """SIGTERM stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


def _relevant(change, path: str) -> bool:
    """Saves worth a rebuild: not caches, editor swap files or notebook checkpoints."""
    name = Path(path).name
    return not (
        name.endswith((".pyc", ".swp", "~"))
        or name.startswith((".#", ".~"))
        or "__pycache__" in path
        or ".ipynb_checkpoints" in path
    )
