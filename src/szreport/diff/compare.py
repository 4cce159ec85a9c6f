"""What ``szreport diff`` computes: the differences between two output folders of ``szreport build``.

:func:`load_output` reads a folder (``<lang>/results.json`` and ``<lang>/build.json``), raising
:class:`DiffUsageError` if it is not a build output; :func:`compare` returns a :class:`Diff` (frozen, every tuple
in a fixed order) of :class:`ReportChange`, :class:`FigureChange`, :class:`VerdictChange`,
:class:`ParameterChange` and :class:`InputChange` items. What is compared is described in :mod:`szreport.diff.command`;
how it is shown is in :mod:`szreport.diff.format`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from szreport.fmt import LANGS

Value = float | int | str | bool | None
IGNORED_PARAMETERS = frozenset({"data_dir"})
VERDICT_SUFFIX = "_verdict"


class DiffUsageError(ValueError):
    """A folder that cannot be compared; the message names it."""


@dataclass(frozen=True)
class ReportChange:
    """A report present in one folder only (``status`` ``added``: only in NEW; ``removed``: only in OLD)."""

    lang: str
    report: str
    status: str
    figures: int


@dataclass(frozen=True)
class FigureChange:
    """One figure of one report that was added, removed or changed.

    ``old``/``new`` are the values (the midpoint for an interval figure; ``None`` on the side where the figure
    is absent); ``old_interval``/``new_interval`` are ``(low, high)`` for an interval figure. ``change`` is
    ``new - old`` when both are numbers; ``overlaps`` whether both intervals still meet (``None`` unless both
    sides are intervals)."""

    lang: str
    report: str
    key: str
    status: str
    old: Value = None
    new: Value = None
    old_interval: tuple[float, float] | None = None
    new_interval: tuple[float, float] | None = None
    change: float | None = None
    overlaps: bool | None = None


@dataclass(frozen=True)
class VerdictChange:
    """An audit verdict that changed, appeared or disappeared (``claim`` is the key without ``_verdict``)."""

    lang: str
    claim: str
    status: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ParameterChange:
    """A notebook parameter of one report that differs between the two builds."""

    lang: str
    report: str
    name: str
    status: str
    old: object = None
    new: object = None


@dataclass(frozen=True)
class InputChange:
    """An input whose hash differs: ``kind`` is ``data`` (a data file), ``notebook`` or ``package``."""

    lang: str
    kind: str
    name: str
    status: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class PageChange:
    """A published page (``economy.pdf``, ``economy.html``) whose bytes differ, by the SHA-256 digests the two
    build records keep (``pages``); compared only where both records have them."""

    lang: str
    page: str
    status: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Diff:
    old: str
    new: str
    languages: tuple[str, ...]
    only_old_languages: tuple[str, ...] = ()
    only_new_languages: tuple[str, ...] = ()
    reports: tuple[ReportChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    verdicts: tuple[VerdictChange, ...] = ()
    parameters: tuple[ParameterChange, ...] = ()
    inputs: tuple[InputChange, ...] = field(default=())
    pages: tuple[PageChange, ...] = field(default=())

    @property
    def different(self) -> bool:
        return bool(
            self.only_old_languages
            or self.only_new_languages
            or self.reports
            or self.figures
            or self.verdicts
            or self.parameters
            or self.inputs
            or self.pages
        )


# --------------------------------------------------------------------------------------------- reading


def _read_json(path: Path, what: str) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DiffUsageError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except UnicodeDecodeError:
        raise DiffUsageError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise DiffUsageError(f"{path}: {exc.strerror or exc}") from None
    if not isinstance(value, dict):
        raise DiffUsageError(f"{path} is not {what} (a JSON object expected)")
    return value


def load_output(folder: Path) -> dict[str, tuple[dict, dict]]:
    """``{lang: (results, build record)}`` of an output folder; :class:`DiffUsageError` if it is not one."""
    folder = Path(folder)
    if not folder.exists():
        raise DiffUsageError(f"{folder} does not exist")
    if not folder.is_dir():
        raise DiffUsageError(f"{folder} is not a folder (an output folder of szreport build expected)")
    langs = [lang for lang in LANGS if (folder / lang / "results.json").is_file()]
    if not langs:
        wanted = " or ".join(f"{lang}/results.json" for lang in LANGS)
        raise DiffUsageError(f"{folder} is not an output of szreport build (no {wanted})")
    out = {}
    for lang in langs:
        results = _read_json(folder / lang / "results.json", "a results file of szreport build")
        bad = sorted(name for name, figures in results.items() if not isinstance(figures, dict))
        if bad:
            raise DiffUsageError(
                f"{folder / lang / 'results.json'} is not a results file of szreport build "
                f"(report {bad[0]!r} is not a mapping of figures)"
            )
        record_path = folder / lang / "build.json"
        record = _read_json(record_path, "a build record of szreport build") if record_path.is_file() else {}
        out[lang] = (results, record)
    return out


# --------------------------------------------------------------------------------------------- comparing


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(old, new) -> bool:
    if _is_number(old) and _is_number(new):
        return old == new or (isinstance(old, float) and isinstance(new, float) and math.isnan(old) and math.isnan(new))
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return old == new


def _clean(number: float) -> float:
    """``new - old`` without binary noise (3.97 - 3.87 is 0.1, not 0.10000000000000009)."""
    return float(f"{number:.12g}") if math.isfinite(number) else number


def _figures(report: dict) -> dict[str, tuple[Value, tuple[float, float] | None]]:
    """``{key: (value, (low, high) or None)}``: verdicts left out, ``_low``/``_high`` folded into their figure."""
    keys = {k for k in report if not k.endswith(VERDICT_SUFFIX)}

    def interval(key):
        lo, hi = report.get(f"{key}_low"), report.get(f"{key}_high")
        if f"{key}_low" in keys and f"{key}_high" in keys and _is_number(lo) and _is_number(hi):
            return (lo, hi)
        return None

    folded = {f"{k}{s}" for k in keys if interval(k) is not None for s in ("_low", "_high")}
    return {k: (report[k], interval(k)) for k in keys - folded}


def _same_figure(old, new) -> bool:
    (av, ai), (bv, bi) = old, new
    if (ai is None) != (bi is None):
        return False
    return _same(av, bv) and (ai is None or (_same(ai[0], bi[0]) and _same(ai[1], bi[1])))


def _figure_change(lang, report, key, old, new) -> FigureChange:
    (ov, oi), (nv, ni) = old or (None, None), new or (None, None)
    status = "added" if old is None else "removed" if new is None else "changed"
    change = _clean(nv - ov) if status == "changed" and _is_number(ov) and _is_number(nv) else None
    overlaps = None
    if oi is not None and ni is not None:
        overlaps = bool(oi[0] <= ni[1] and ni[0] <= oi[1])
    return FigureChange(lang, report, key, status, ov, nv, oi, ni, change, overlaps)


def _verdicts(results: dict) -> dict[str, str]:
    """One verdict per claim: the audit report's first, then theme reports' (alphabetical) for the rest."""
    order = (["audit"] if "audit" in results else []) + sorted(n for n in results if n != "audit")
    out: dict[str, str] = {}
    for name in order:
        for key, value in results[name].items():
            if key.endswith(VERDICT_SUFFIX) and len(key) > len(VERDICT_SUFFIX):
                out.setdefault(key[: -len(VERDICT_SUFFIX)], value)
    return out


def _status(a_has: bool, b_has: bool) -> str:
    return "changed" if a_has and b_has else "added" if b_has else "removed"


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def compare(old: Path, new: Path) -> Diff:
    """The differences between two output folders; :class:`DiffUsageError` if they cannot be compared."""
    old_output, new_output = load_output(old), load_output(new)
    langs = tuple(lang for lang in LANGS if lang in old_output and lang in new_output)
    if not langs:
        raise DiffUsageError(
            f"no language in common: {old} has {', '.join(old_output)}, {new} has {', '.join(new_output)}"
        )
    reports, figures, verdicts, parameters, inputs, pages = [], [], [], [], [], []
    for lang in langs:
        (ra, ba), (rb, bb) = old_output[lang], new_output[lang]

        # Reports and their figures.
        for name in sorted(set(ra) | set(rb)):
            if name not in rb or name not in ra:
                present = ra.get(name, rb.get(name))
                assert present is not None  # the name is in ra or rb, whose values are all mappings
                reports.append(ReportChange(lang, name, _status(name in ra, name in rb), len(_figures(present))))
                continue
            fa, fb = _figures(ra[name]), _figures(rb[name])
            for key in sorted(set(fa) | set(fb)):
                if key in fa and key in fb and _same_figure(fa[key], fb[key]):
                    continue
                figures.append(_figure_change(lang, name, key, fa.get(key), fb.get(key)))

        # Verdicts, once per claim.
        va, vb = _verdicts(ra), _verdicts(rb)
        for claim in sorted(set(va) | set(vb)):
            if claim in va and claim in vb and _same(va[claim], vb[claim]):
                continue
            verdicts.append(VerdictChange(lang, claim, _status(claim in va, claim in vb), va.get(claim), vb.get(claim)))

        # Parameters of the reports recorded in both build records.
        pa, pb = _mapping(ba.get("parameters")), _mapping(bb.get("parameters"))
        for name in sorted(set(pa) & set(pb)):
            xa, xb = _mapping(pa[name]), _mapping(pb[name])
            for param in sorted((set(xa) | set(xb)) - IGNORED_PARAMETERS):
                if param in xa and param in xb and _same(xa[param], xb[param]):
                    continue
                parameters.append(
                    ParameterChange(lang, name, param, _status(param in xa, param in xb), xa.get(param), xb.get(param))
                )

        # Input hashes: every data file; the notebooks recorded in both; the package.
        ia, ib = _mapping(ba.get("inputs")), _mapping(bb.get("inputs"))
        da, db = _mapping(ia.get("data")), _mapping(ib.get("data"))
        for name in sorted(set(da) | set(db)):
            if da.get(name) != db.get(name) or (name in da) != (name in db):
                inputs.append(
                    InputChange(lang, "data", name, _status(name in da, name in db), da.get(name), db.get(name))
                )
        na, nb = _mapping(ia.get("notebooks")), _mapping(ib.get("notebooks"))
        for name in sorted(set(na) & set(nb)):
            if na[name] != nb[name]:
                inputs.append(InputChange(lang, "notebook", name, "changed", na[name], nb[name]))
        if "package" in ia and "package" in ib and ia["package"] != ib["package"]:
            inputs.append(InputChange(lang, "package", "szreport", "changed", ia["package"], ib["package"]))

        # Pages by the digest of their bytes, where both records keep them (records before pages had none).
        if isinstance(ba.get("pages"), dict) and isinstance(bb.get("pages"), dict):
            ha, hb = ba["pages"], bb["pages"]
            for page in sorted(set(ha) | set(hb)):
                if ha.get(page) != hb.get(page):
                    pages.append(PageChange(lang, page, _status(page in ha, page in hb), ha.get(page), hb.get(page)))

    return Diff(
        str(old),
        str(new),
        langs,
        tuple(lang for lang in LANGS if lang in old_output and lang not in new_output),
        tuple(lang for lang in LANGS if lang in new_output and lang not in old_output),
        tuple(reports),
        tuple(figures),
        tuple(verdicts),
        tuple(parameters),
        tuple(inputs),
        tuple(pages),
    )
