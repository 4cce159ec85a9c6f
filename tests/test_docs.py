"""The guide stays true to the project: README.md and docs/*.md link only to files that exist (and to headings
that exist, by GitHub's anchor rules), show only `make` targets that `make help` lists and `szreport`
subcommands that `szreport --help` lists, and every Python example of docs/analysis.md runs, as do its papermill
and nbconvert commands (notebook tier)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
ANALYSIS = DOCS / "analysis.md"

FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
MAKE = re.compile(r"(?<![\w./-])make\s+([a-z0-9][a-z0-9-]*)")
SZREPORT = re.compile(r"(?<![\w.-])(?<!from )(?<!import )szreport\s+([a-z][a-z0-9-]*)")


def split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's prose (fenced blocks left out, lines kept) and its fenced blocks as (language, code)."""
    prose, blocks, lines = [], [], []
    fence, language = "", ""
    for line in text.splitlines():
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                blocks.append((language, "\n".join(lines)))
                fence, lines = "", []
            else:
                lines.append(line)
            prose.append("")
            continue
        opened = FENCE.match(line.strip())
        if opened:
            fence, language = opened.group(1), opened.group(2).lower()
            prose.append("")
        else:
            prose.append(line)
    assert not fence, "a fenced code block is never closed"
    return "\n".join(prose), blocks


def shell_code(page: Path) -> list[str]:
    """What a reader might type: code spans and fenced blocks that are not Python."""
    prose, blocks = split(page.read_text(encoding="utf-8"))
    spans = [m.group(2) for m in CODE_SPAN.finditer(prose)]
    return spans + [code for language, code in blocks if language not in ("python", "py")]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text (links and code marks undone) lower-cased, punctuation other than
    hyphens and underscores removed, spaces turned into hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).lower()
    kept = "".join(
        c for c in text if c in " -_" or unicodedata.category(c)[0] in "LNM" or unicodedata.category(c) == "Pc"
    )
    return kept.replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    prose, _ = split(page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    found = set()
    for line in prose.splitlines():
        m = HEADING.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        found.add(base if n == 0 else f"{base}-{n}")
        seen[base] = n + 1
    return frozenset(found)


def links(page: Path) -> list[str]:
    prose, _ = split(page.read_text(encoding="utf-8"))
    prose = CODE_SPAN.sub("", prose)
    return [m.group(1) for m in LINK.finditer(prose)]


def test_the_guide_has_its_pages():
    names = {p.name for p in PAGES}
    for name in (
        "reading.md",
        "options.md",
        "analysis.md",
        "data.md",
        "architecture.md",
        "development.md",
        "performance.md",
        "troubleshooting.md",
    ):
        assert name in names, f"docs/{name} is missing"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    broken = []
    for target in links(page):
        if SCHEME.match(target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.is_relative_to(ROOT) or not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading with the anchor #{anchor} in {file.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_every_page_links_back_and_is_linked():
    readme_links = set(links(ROOT / "README.md"))
    for page in PAGES[1:]:
        assert "../README.md" in links(page), f"{page.relative_to(ROOT)} does not link back to the README"
        assert f"docs/{page.name}" in readme_links, f"README.md does not link to docs/{page.name}"


@cache
def make_targets() -> frozenset[str]:
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    targets = frozenset(re.findall(r"^\s*make\s+([a-z0-9][a-z0-9-]*)", out, re.M))
    assert "report" in targets and "test" in targets, f"`make help` lists no targets:\n{out}"
    return targets


@cache
def subcommands() -> frozenset[str]:
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "szreport"), "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    listed = re.search(r"\{([a-z0-9,-]+)\}", out)
    assert listed, f"`szreport --help` lists no subcommands:\n{out}"
    return frozenset(listed.group(1).split(","))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_make_target_shown_is_listed_by_make_help(page):
    shown = {t for code in shell_code(page) for t in MAKE.findall(code)}
    unknown = sorted(shown - make_targets())
    assert not unknown, f"{page.relative_to(ROOT)} shows make targets that `make help` does not list: {unknown}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_szreport_subcommand_shown_exists(page):
    shown = {s for code in shell_code(page) for s in SZREPORT.findall(code)}
    unknown = sorted(shown - subcommands())
    assert not unknown, f"{page.relative_to(ROOT)} shows szreport subcommands that do not exist: {unknown}"


def test_the_analysis_examples_run(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    _, blocks = split(ANALYSIS.read_text(encoding="utf-8"))
    examples = [code for language, code in blocks if language in ("python", "py")]
    assert examples, "docs/analysis.md has no ```python examples"
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "docs_analysis"}
    try:
        for index, code in enumerate(examples, 1):
            exec(compile(code, f"docs/analysis.md, example {index}", "exec"), namespace)
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")


JUPYTER_TOOLS = (".venv/bin/papermill", ".venv/bin/jupyter")


@pytest.mark.notebook
def test_the_analysis_papermill_and_nbconvert_commands_run(tmp_path):
    """The page's shell commands for papermill and nbconvert, as typed, in order, in a folder that holds only the
    project's notebooks/ and .venv/ (links): the notebook finds its data from the package, the template is where
    ``make install`` puts it (here a Jupyter data folder of the test's own, so the shared .venv is left alone)."""
    from szreport.build import export

    _, blocks = split(ANALYSIS.read_text(encoding="utf-8"))
    commands = [line for language, code in blocks if language == "sh" for line in code.splitlines()]
    commands = [line for line in commands if line.startswith(JUPYTER_TOOLS)]
    assert any("papermill" in c for c in commands) and any("nbconvert --template szreport" in c for c in commands)
    for name in ("notebooks", ".venv"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    templates = tmp_path / "jupyter" / "nbconvert" / "templates"
    templates.mkdir(parents=True)
    (templates / "szreport").symlink_to(export.TEMPLATE_DIR / "szreport", target_is_directory=True)
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}
    for command in commands:
        result = subprocess.run(
            shlex.split(command), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"{command}:\n{result.stderr[-3000:]}"
        assert "not able to be represented" not in result.stderr, command
    assert (tmp_path / "economy-en.html").is_file() and (tmp_path / "economy-en-lab.html").is_file()
