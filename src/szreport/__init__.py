"""szreport: the reproducible report on a city's 14th Five-Year Plan record (the city its data folder declares),
and the API an analyst uses in JupyterLab.

What an analyst uses (each loaded on first use, so ``import szreport`` stays quick):

- :func:`load` (``load()``: the project's ``data/``; or a folder of the same shape): validate and read a data
  folder into a :class:`Dataset`, or raise :class:`DataError` naming every problem by file, row and column;
- :class:`Dataset`: the tables, with lookups by what a figure is (``ds.fig``, ``ds.find``), the annual series
  (``ds.annual``, ``ds.annual_value``, ``ds.tidy``) and an edited copy (``ds.with_series_value``);
  :class:`Figure`: one figure as printed, with its rounding interval;
- :mod:`window <szreport.data.window>`: the window of years a report analyses (``window.window``) and growth over
  it (``window.growth_over``);
- :mod:`audit <szreport.audit>`: the article's claims (``audit.claims``) and the one judge (``audit.evaluate``);
- :mod:`explore <szreport.explore>`: the frames of the exploration notebook (growth, region x year, verdicts);
- :func:`setup_style`: the reports' chart style for any matplotlib plot, with fonts that have CJK glyphs;
- :mod:`metrics <szreport.metrics>` (intervals, growth) and :mod:`fmt <szreport.fmt>` (numbers and sentences as
  the reports write them); :class:`Report`, what a report notebook calls.

>>> import szreport
>>> ds = szreport.load()
>>> ds.fig("gdp_2025").printed
'3.87万亿元'
>>> {"load", "Dataset", "setup_style"} <= set(dir(szreport))
True

The package's layers (foundation, data, judge, charts, present, themes, build, application) import one way down;
this module is the foundation and imports nothing above it until a name is asked for.
"""

import importlib as _importlib

# name -> (module, attribute of it; None: the module itself)
_PUBLIC: dict[str, tuple[str, str | None]] = {
    "load": ("szreport.data.loader", "load"),
    "Dataset": ("szreport.data.dataset", "Dataset"),
    "Figure": ("szreport.data.dataset", "Figure"),
    "DataError": ("szreport.data.loader", "DataError"),
    "window": ("szreport.data.window", None),
    "audit": ("szreport.audit", None),
    "explore": ("szreport.explore", None),
    "setup_style": ("szreport.charts.style", "setup_style"),
    "metrics": ("szreport.metrics", None),
    "fmt": ("szreport.fmt", None),
    "Report": ("szreport.present.report", "Report"),
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    """The public names, imported when first asked for (PEP 562)."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'szreport' has no attribute {name!r}; it offers {', '.join(__all__)}")
    module_name, attribute = _PUBLIC[name]
    module = _importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names and the submodules imported so far (what Tab offers after ``szreport.``)."""
    return sorted({*__all__, *(name for name in globals() if not name.startswith("_"))})
