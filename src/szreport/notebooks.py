"""Which notebooks are reports, and where they are: the one declaration of the reports a build makes.

The reports are :data:`REPORT_ORDER`, in the order the landing page lists them; each is the notebook
``notebooks/<name>.ipynb`` (a numeric prefix such as ``02_`` is allowed). Any other notebook in the folder (one
made in JupyterLab, or ``explore.ipynb``, the analyst's notebook) is not a report: never built, listed by
``szreport params`` or run by the report tests. Part of the foundation: imports nothing of szreport.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent  # src/szreport
# The reports, in the landing page's order: the only notebooks a build makes into reports.
REPORT_ORDER = ["overview", "economy", "innovation", "opening_up", "audit", "outlook"]
NOTEBOOK_NAME = re.compile(r"^(?:\d+[_-])?(?P<name>[a-z_]+)\.ipynb$")
# Notebooks of notebooks/ that are known and are not reports. explore.ipynb is the analyst's notebook for
# JupyterLab (szreport.explore), run by its own test.
NOT_REPORTS = ("explore",)


def project_root() -> Path:
    """The project folder: SZREPORT_ROOT, else the checkout this package lives in, else the working folder."""
    if os.environ.get("SZREPORT_ROOT"):
        return Path(os.environ["SZREPORT_ROOT"]).resolve()
    checkout = PACKAGE_DIR.parents[1]
    return checkout if (checkout / "notebooks").is_dir() else Path.cwd()


def default_data_dir() -> Path:
    """The data folder read when none is given (a notebook's ``data_dir`` left ``""``): ``data/`` of the project
    folder (:func:`project_root`), the same whichever folder papermill or Jupyter runs in."""
    return project_root() / "data"


def _stems(folder: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        match = NOTEBOOK_NAME.match(path.name)
        found[match["name"] if match else path.stem] = path
    return found


def discover_notebooks(folder: Path) -> dict[str, Path]:
    """Report name -> notebook path, in report order: the notebooks of :data:`REPORT_ORDER` found in ``folder``."""
    found = _stems(folder)
    return {name: found[name] for name in REPORT_ORDER if name in found}


def other_notebooks(folder: Path) -> list[str]:
    """The notebooks of ``folder`` that are not reports and not known (:data:`NOT_REPORTS`): file names."""
    return [path.name for name, path in _stems(folder).items() if name not in REPORT_ORDER and name not in NOT_REPORTS]


def notebook_path(name: str) -> Path:
    """The notebook of report ``name`` in the project's notebooks folder; a KeyError when there is none."""
    return discover_notebooks(project_root() / "notebooks")[name]
