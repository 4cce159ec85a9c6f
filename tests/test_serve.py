"""``szreport serve``: builds, serves on 127.0.0.1, rebuilds when a data value is saved and the open page sees the
new report; a failed build keeps the last good report served and shows its error; Ctrl-C stops it cleanly.
Plus the unit-level guarantees: no path outside the output folder is served, the files on disk stay script-free."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from szreport import serve

from .conftest import DATA, ROOT


def test_no_file_outside_the_output_folder(tmp_path):
    (tmp_path / "out" / "en").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    out = (tmp_path / "out").resolve()
    assert serve._file_for(out, "/../secret.txt") is None
    assert serve._file_for(out, "/en/../../secret.txt") is None
    assert serve._file_for(out, "/") == out / "index.html"
    assert serve.page_stamp(out, "/en/nothing.html") == ""


def test_watched_paths_follow_the_options(tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("horizon_year: 2035\n")
    watched = serve.watched_paths(ROOT, tmp_path, params)
    assert watched[0] == tmp_path.resolve() and params.resolve() in watched
    assert (ROOT / "src" / "szreport").resolve() in watched and (ROOT / "notebooks").resolve() in watched


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def set_gdp_2025(folder: Path, value: str) -> None:
    path = folder / "figures.csv"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"^(gdp_2025,economy,gdp,2025,)[^,]*,", rf"\g<1>{value},", text, flags=re.M)
    assert n == 1
    path.write_text(text, encoding="utf-8")


@pytest.mark.notebook
def test_serve_rebuilds_and_the_page_follows(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(DATA, data)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "szreport.cli",
            "serve",
            "--port",
            "0",
            "--only",
            "economy",
            "--lang",
            "en",
            "--format",
            "html",
            "--data",
            str(data),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        # as if started as a background job of a non-interactive shell (SIGINT ignored): Ctrl-C must still stop it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        end = time.monotonic() + 180
        while time.monotonic() < end:
            line = proc.stdout.readline()
            lines.append(line)
            if "serving http://127.0.0.1:" in line or not line:
                break
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(lines))
        assert match, "".join(lines)
        base = match.group(0)
        page = get(base + "en/economy.html")
        assert "CNY 3.87 trillion" in page and "/__szreport/state" in page
        assert "__szreport" not in (out / "en" / "economy.html").read_text(encoding="utf-8")  # disk stays clean
        state = lambda: json.loads(get(base + "__szreport/state?page=/en/economy.html"))
        first = state()
        assert first["builds"] == 1 and first["error"] == ""

        set_gdp_2025(data, "3.97")
        wait_for(lambda: state()["page"] != first["page"] and not state()["building"], 120, "a rebuild")
        assert "CNY 3.97 trillion" in get(base + "en/economy.html")

        set_gdp_2025(data, "not-a-number")
        failed = wait_for(lambda: (s := state())["error"] and s, 120, "the failed build")
        assert "figures.csv" in failed["error"] and "not-a-number" in failed["error"]
        assert "CNY 3.97 trillion" in get(base + "en/economy.html")  # the last good report stays served

        set_gdp_2025(data, "3.87")  # Ctrl-C in the middle of a build stops the build and the server
        wait_for(lambda: state()["building"], 60, "the next build to start")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rest, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, rest
    assert "stopped" in rest
