"""``szreport diff OLD NEW``: what changed between two output folders of ``szreport build``.

:func:`compare` reads both folders and returns a :class:`Diff` (frozen, every tuple in a fixed order); the
formatters present it: :func:`format_text` (a summary grouped by language and report), :func:`to_json`
(machine-readable) and :func:`render_html` (a bilingual offline page). :func:`run` is the command.

What is compared, for every language that both folders hold (``<lang>/results.json``):

- figures of each report present in both (``results.json``): added, removed and changed keys. A figure with
  ``_low`` and ``_high`` siblings is one interval figure (midpoint, low, high), shown as ``lo–hi`` with whether
  the old and new ranges still meet. A report present in one folder only is listed as added or removed,
  not figure by figure.
- audit verdicts (keys ending ``_verdict``), kept apart from the figures: one per claim, taken from the
  ``audit`` report (theme reports repeat them; they count only for a claim the audit report lacks).
- ``build.json``: the parameters of every report recorded in both (``data_dir``, a path, is ignored), the
  hashes of the data files (a file added, removed or edited), of the notebooks recorded in both and of the
  package. The build time and the built / up-to-date lists always differ and are ignored. ``build.json``
  records the last build into a folder only, so a report that was up to date then has no parameters in it.

Every string read from the folders is untrusted: the text output shows control characters escaped, the HTML
page escapes everything with :func:`html.escape`.

Exit status of :func:`run`, as diff(1): 0 no difference, 1 differences, 2 bad usage (a folder that does not
exist or is not a build output, unreadable results, no language in common).
"""

from __future__ import annotations

import html as html_mod
import json
import math
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeGuard

from .fmt import LANGS

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


def _same(a, b) -> bool:
    if _is_number(a) and _is_number(b):
        return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _clean(x: float) -> float:
    """``new - old`` without binary noise (3.97 - 3.87 is 0.1, not 0.10000000000000009)."""
    return float(f"{x:.12g}") if math.isfinite(x) else x


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


def _same_figure(a, b) -> bool:
    (av, ai), (bv, bi) = a, b
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
    a, b = load_output(old), load_output(new)
    langs = tuple(lang for lang in LANGS if lang in a and lang in b)
    if not langs:
        raise DiffUsageError(f"no language in common: {old} has {', '.join(a)}, {new} has {', '.join(b)}")
    reports, figures, verdicts, parameters, inputs = [], [], [], [], []
    for lang in langs:
        (ra, ba), (rb, bb) = a[lang], b[lang]

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

    return Diff(
        str(old),
        str(new),
        langs,
        tuple(lang for lang in LANGS if lang in a and lang not in b),
        tuple(lang for lang in LANGS if lang in b and lang not in a),
        tuple(reports),
        tuple(figures),
        tuple(verdicts),
        tuple(parameters),
        tuple(inputs),
    )


# --------------------------------------------------------------------------------------------- presenting


def _text(value) -> str:
    """Untrusted text made safe for a terminal: control characters (and line breaks) escaped."""
    value = str(value)
    return value if value.isprintable() else json.dumps(value, ensure_ascii=False)[1:-1]


def show(value) -> str:
    """A value as the summary prints it: numbers trimmed (3.87, 24531.2, 1e-07), text quoted and escaped."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e-4:
            return f"{value:.6f}".rstrip("0").rstrip(".")
        return f"{value:.6g}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return _text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def show_signed(value: float) -> str:
    return ("+" if value > 0 else "") + show(value)


def show_interval(interval) -> str:
    return f"{show(interval[0])}–{show(interval[1])}"


def _short(digest) -> str:
    return _text(digest[:12]) if isinstance(digest, str) else show(digest)


def describe_figure(f: FigureChange) -> str:
    """One line for a figure: ``key: old → new (+change)``, intervals as ``lo–hi`` with whether they meet."""
    key = _text(f.key)
    if f.status == "added":
        return f"+ {key} = {show_interval(f.new_interval) if f.new_interval else show(f.new)}"
    if f.status == "removed":
        return f"- {key} (was {show_interval(f.old_interval) if f.old_interval else show(f.old)})"
    if f.old_interval or f.new_interval:
        old = show_interval(f.old_interval) if f.old_interval else show(f.old)
        new = show_interval(f.new_interval) if f.new_interval else show(f.new)
        line = f"{key}: {old} → {new}"
        if f.change is not None:
            line += f" (midpoint {show(f.old)} → {show(f.new)}, {show_signed(f.change)})"
        if f.overlaps is not None:
            line += "; ranges still meet" if f.overlaps else "; ranges no longer meet"
        return line
    line = f"{key}: {show(f.old)} → {show(f.new)}"
    return line + (f" ({show_signed(f.change)})" if f.change is not None else "")


def _count(items, status) -> int:
    return sum(1 for i in items if i.status == status)


def format_text(d: Diff) -> str:
    """The readable summary, grouped by language then report."""
    head = f"szreport diff {_text(d.old)} {_text(d.new)}"
    if not d.different:
        return f"{head}\nno difference ({', '.join(d.languages)} compared)\n"
    lines = [head]
    for lang in d.only_old_languages:
        lines.append(f"{lang}: only in {_text(d.old)} (not compared)")
    for lang in d.only_new_languages:
        lines.append(f"{lang}: only in {_text(d.new)} (not compared)")
    for lang in d.languages:
        inputs = [i for i in d.inputs if i.lang == lang]
        params = [p for p in d.parameters if p.lang == lang]
        verdicts = [v for v in d.verdicts if v.lang == lang]
        reports = [r for r in d.reports if r.lang == lang]
        figures = [f for f in d.figures if f.lang == lang]
        if not (inputs or params or verdicts or reports or figures):
            lines.append(f"[{lang}] no difference")
            continue
        lines.append(f"[{lang}]")
        if inputs:
            lines.append("  inputs:")
            for i in inputs:
                what = {"data": "data file", "notebook": "notebook", "package": "package"}[i.kind]
                hashes = f"{_short(i.old)} → {_short(i.new)}" if i.status == "changed" else ""
                lines.append(f"    {what} {_text(i.name)} {i.status}" + (f" ({hashes})" if hashes else ""))
        if params:
            lines.append("  parameters:")
            for p in params:
                lines.append(f"    {_text(p.report)}: {_text(p.name)} {show(p.old)} → {show(p.new)}")
        if verdicts:
            lines.append("  audit verdicts:")
            for v in verdicts:
                lines.append(f"    {_text(v.claim)}: {_text(v.old or '—')} → {_text(v.new or '—')}")
        for r in reports:
            side = d.new if r.status == "added" else d.old
            lines.append(f"  {_text(r.report)}: only in {_text(side)} ({r.figures} figures)")
        for name in sorted({f.report for f in figures}):
            mine = [f for f in figures if f.report == name]
            counts = ", ".join(f"{n} {s}" for s in ("changed", "added", "removed") if (n := _count(mine, s)))
            lines.append(f"  {_text(name)}: {counts}")
            lines.extend(f"    {describe_figure(f)}" for f in mine)
    return "\n".join(lines) + "\n"


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def to_json(d: Diff) -> str:
    """Every difference, machine-readable (strict JSON: a non-finite number becomes the string "nan"/"inf")."""
    body = {
        "old": d.old,
        "new": d.new,
        "different": d.different,
        "languages": {
            "compared": list(d.languages),
            "only_old": list(d.only_old_languages),
            "only_new": list(d.only_new_languages),
        },
        **{
            name: [asdict(x) for x in getattr(d, name)]
            for name in ("reports", "figures", "verdicts", "parameters", "inputs")
        },
    }
    return json.dumps(_jsonable(body), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# The page's own words (trusted), Chinese then English.
LABELS = {
    "title": ("有何变化", "What changed"),
    "old": ("旧", "Old"),
    "new": ("新", "New"),
    "none": ("两次构建没有差异", "No difference between the two builds"),
    "language": ("语言", "Language"),
    "only_old": ("仅见于旧文件夹，未比较", "only in the old folder, not compared"),
    "only_new": ("仅见于新文件夹，未比较", "only in the new folder, not compared"),
    "same": ("无差异", "no difference"),
    "inputs": ("输入", "Inputs"),
    "kind": ("类别", "Kind"),
    "name": ("名称", "Name"),
    "status": ("状态", "Status"),
    "parameters": ("参数", "Parameters"),
    "report": ("报告", "Report"),
    "parameter": ("参数", "Parameter"),
    "verdicts": ("审计结论", "Audit verdicts"),
    "claim": ("论断", "Claim"),
    "reports": ("报告增减", "Reports added or removed"),
    "figures_n": ("数字个数", "Figures"),
    "figures": ("数字", "Figures"),
    "key": ("键", "Key"),
    "change": ("变化", "Change"),
    "ranges": ("区间", "Ranges"),
    "meet": ("仍相交", "still meet"),
    "apart": ("不再相交", "no longer meet"),
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "changed": ("改变", "changed"),
    "data": ("数据文件", "data file"),
    "notebook": ("笔记本", "notebook"),
    "package": ("程序包", "package"),
}

PAGE_CSS = (
    ".sz-diff td,.sz-diff th{vertical-align:top} .sz-diff td.num{text-align:right;white-space:nowrap}"
    " .sz-diff code{word-break:break-all} .sz-apart{color:#b00020;font-weight:bold} .sz-meet{color:#2e7d32}"
    " .sz-paths{font-size:14px;color:#555}"
)


def _e(value) -> str:
    return html_mod.escape(str(value), quote=True)


def _bi(name: str) -> str:
    zh, en = LABELS[name]
    return f"<span lang='zh'>{_e(zh)}</span> / <span lang='en'>{_e(en)}</span>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_bi(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table class='sz-table sz-diff'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    """A value from the folders, shown like the text summary, escaped."""
    return f"<code>{_e(show(value))}</code>"


def _figure_cells(f: FigureChange) -> list[str]:
    old = show_interval(f.old_interval) if f.old_interval else show(f.old)
    new = show_interval(f.new_interval) if f.new_interval else show(f.new)
    ranges = ""
    if f.overlaps is not None:
        ranges = (
            f"<span class='sz-meet'>{_bi('meet')}</span>"
            if f.overlaps
            else f"<span class='sz-apart'>{_bi('apart')}</span>"
        )
    return [
        f"<code>{_e(f.key)}</code>",
        _bi(f.status),
        f"<code>{_e(old)}</code>",
        f"<code>{_e(new)}</code>",
        _e(show_signed(f.change)) if f.change is not None else "",
        ranges,
    ]


def render_html(d: Diff) -> str:
    """A bilingual, self-contained page (no script, no external CSS or font); every folder string escaped."""
    css = (Path(__file__).with_name("templates") / "szreport" / "report.css").read_text(encoding="utf-8")
    parts = [
        f"<h1>{_bi('title')}</h1>",
        f"<p class='sz-paths'>{_bi('old')}: <code>{_e(d.old)}</code><br>{_bi('new')}: <code>{_e(d.new)}</code></p>",
    ]
    if not d.different:
        parts.append(f"<p>{_bi('none')} ({_e(', '.join(d.languages))})</p>")
    for langs, label in ((d.only_old_languages, "only_old"), (d.only_new_languages, "only_new")):
        for lang in langs:
            parts.append(f"<p>{_bi('language')} {_e(lang)}: {_bi(label)}</p>")
    for lang in d.languages if d.different else ():
        parts.append(f"<section><h2>{_bi('language')}: {_e(lang)}</h2>")
        inputs = [i for i in d.inputs if i.lang == lang]
        params = [p for p in d.parameters if p.lang == lang]
        verdicts = [v for v in d.verdicts if v.lang == lang]
        reports = [r for r in d.reports if r.lang == lang]
        figures = [f for f in d.figures if f.lang == lang]
        if not (inputs or params or verdicts or reports or figures):
            parts.append(f"<p>{_bi('same')}</p></section>")
            continue
        if inputs:
            parts.append(
                f"<h3>{_bi('inputs')}</h3>"
                + _table(
                    ["kind", "name", "status", "old", "new"],
                    [
                        [
                            _bi(i.kind),
                            f"<code>{_e(i.name)}</code>",
                            _bi(i.status),
                            f"<code>{_e(_short(i.old))}</code>",
                            f"<code>{_e(_short(i.new))}</code>",
                        ]
                        for i in inputs
                    ],
                )
            )
        if params:
            parts.append(
                f"<h3>{_bi('parameters')}</h3>"
                + _table(
                    ["report", "parameter", "status", "old", "new"],
                    [
                        [_e(p.report), f"<code>{_e(p.name)}</code>", _bi(p.status), _cell(p.old), _cell(p.new)]
                        for p in params
                    ],
                )
            )
        if verdicts:
            parts.append(
                f"<h3>{_bi('verdicts')}</h3>"
                + _table(
                    ["claim", "status", "old", "new"],
                    [
                        [f"<code>{_e(v.claim)}</code>", _bi(v.status), _e(v.old or "—"), _e(v.new or "—")]
                        for v in verdicts
                    ],
                )
            )
        if reports:
            parts.append(
                f"<h3>{_bi('reports')}</h3>"
                + _table(
                    ["report", "status", "figures_n"], [[_e(r.report), _bi(r.status), _e(r.figures)] for r in reports]
                )
            )
        for name in sorted({f.report for f in figures}):
            parts.append(
                f"<h3>{_bi('figures')}: {_e(name)}</h3>"
                + _table(
                    ["key", "status", "old", "new", "change", "ranges"],
                    [_figure_cells(f) for f in figures if f.report == name],
                )
            )
        parts.append("</section>")
    title = " / ".join(LABELS["title"])
    return (
        "<!DOCTYPE html>\n<html lang='zh'>\n<head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1.0'>"
        f"<title>{_e(title)}</title><style>{css}\n{PAGE_CSS}</style></head>\n"
        "<body class='sz-report'><main style='max-width:1100px'>" + "".join(parts) + "</main></body>\n</html>\n"
    )


# --------------------------------------------------------------------------------------------- command


def run(old: Path, new: Path, as_json: bool = False, html: Path | None = None) -> int:
    """``szreport diff``: print the differences (text or ``--json``), optionally write the page; 0, 1 or 2."""
    try:
        d = compare(Path(old), Path(new))
    except DiffUsageError as exc:
        print(f"szreport: {exc}", file=sys.stderr)
        return 2
    if html is not None:
        html = Path(html)
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(d), encoding="utf-8")
    sys.stdout.write(to_json(d) if as_json else format_text(d))
    return 1 if d.different else 0
