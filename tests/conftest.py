"""Shared fixtures: the project paths, the article, the dataset, and one full build reused by the slow tiers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SZREPORT = [sys.executable, "-m", "szreport.cli"]


def find_article() -> Path:
    """The source article: data/article.txt (a copy of shared/seeds/000_4c5548b8d90814f4.txt)."""
    if os.environ.get("SZREPORT_ARTICLE"):
        return Path(os.environ["SZREPORT_ARTICLE"])
    if (DATA / "article.txt").exists():
        return DATA / "article.txt"
    for base in (ROOT, *ROOT.parents):
        candidate = base / "shared" / "seeds" / "000_4c5548b8d90814f4.txt"
        if candidate.exists():
            return candidate
    pytest.skip("source article not found beside the checkout")


@pytest.fixture(scope="session")
def article_text() -> str:
    return find_article().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def ds():
    from szreport.data import loader as data

    return data.load(DATA)


def run_cli(*args, cwd=ROOT, timeout=600):
    return subprocess.run([*SZREPORT, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """One build of every report in both languages, HTML and PDF, into a temporary output folder."""
    out = tmp_path_factory.mktemp("reports")
    result = run_cli("build", "--out", out, "--force")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ to break in a test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def pytest_collection_modifyitems(config, items):
    """The stress tier (marker ``stress``) runs only when asked for: ``make stress`` or ``-m stress``."""
    if "stress" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="stress test: run with make stress (pytest -m stress)")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)
