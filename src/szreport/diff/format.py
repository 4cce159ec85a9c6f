"""How ``szreport diff`` presents a :class:`~szreport.diff.compare.Diff`: :func:`format_text` (a summary grouped
by language and report), :func:`to_json` (machine-readable) and :func:`render_html` (a bilingual offline page),
with the helpers that show one value (:func:`show`) or one figure (:func:`describe_figure`).

Every string read from the folders is untrusted: the text output shows control characters escaped, the HTML
page escapes everything with :func:`html.escape`.
"""

from __future__ import annotations

import html as html_mod
import json
import math
from dataclasses import asdict

from szreport.build.context import TEMPLATE_DIR
from szreport.diff.compare import Diff, FigureChange


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


def describe_figure(figure: FigureChange) -> str:
    """One line for a figure: ``key: old → new (+change)``, intervals as ``lo–hi`` with whether they meet."""
    key = _text(figure.key)
    if figure.status == "added":
        return f"+ {key} = {show_interval(figure.new_interval) if figure.new_interval else show(figure.new)}"
    if figure.status == "removed":
        return f"- {key} (was {show_interval(figure.old_interval) if figure.old_interval else show(figure.old)})"
    if figure.old_interval or figure.new_interval:
        old = show_interval(figure.old_interval) if figure.old_interval else show(figure.old)
        new = show_interval(figure.new_interval) if figure.new_interval else show(figure.new)
        line = f"{key}: {old} → {new}"
        if figure.change is not None:
            line += f" (midpoint {show(figure.old)} → {show(figure.new)}, {show_signed(figure.change)})"
        if figure.overlaps is not None:
            line += "; ranges still meet" if figure.overlaps else "; ranges no longer meet"
        return line
    line = f"{key}: {show(figure.old)} → {show(figure.new)}"
    return line + (f" ({show_signed(figure.change)})" if figure.change is not None else "")


def _count(items, status) -> int:
    return sum(1 for i in items if i.status == status)


def _of_language(diff: Diff, lang: str) -> tuple[list, list, list, list, list, list]:
    """The differences of one language: inputs, parameters, verdicts, reports, figures and pages."""
    groups = (diff.inputs, diff.parameters, diff.verdicts, diff.reports, diff.figures, diff.pages)
    inputs, params, verdicts, reports, figures, pages = (
        [item for item in group if item.lang == lang] for group in groups
    )
    return inputs, params, verdicts, reports, figures, pages


def format_text(diff: Diff) -> str:
    """The readable summary, grouped by language then report."""
    head = f"szreport diff {_text(diff.old)} {_text(diff.new)}"
    if not diff.different:
        return f"{head}\nno difference ({', '.join(diff.languages)} compared)\n"
    lines = [head]
    for lang in diff.only_old_languages:
        lines.append(f"{lang}: only in {_text(diff.old)} (not compared)")
    for lang in diff.only_new_languages:
        lines.append(f"{lang}: only in {_text(diff.new)} (not compared)")
    for lang in diff.languages:
        inputs, params, verdicts, reports, figures, pages = _of_language(diff, lang)
        if not (inputs or params or verdicts or reports or figures or pages):
            lines.append(f"[{lang}] no difference")
            continue
        lines.append(f"[{lang}]")
        if inputs:
            lines.append("  inputs:")
            for input_change in inputs:
                what = {"data": "data file", "notebook": "notebook", "package": "package"}[input_change.kind]
                hashes = (
                    f"{_short(input_change.old)} → {_short(input_change.new)}"
                    if input_change.status == "changed"
                    else ""
                )
                lines.append(
                    f"    {what} {_text(input_change.name)} {input_change.status}" + (f" ({hashes})" if hashes else "")
                )
        if params:
            lines.append("  parameters:")
            for parameter in params:
                lines.append(
                    f"    {_text(parameter.report)}: {_text(parameter.name)} "
                    f"{show(parameter.old)} → {show(parameter.new)}"
                )
        if verdicts:
            lines.append("  audit verdicts:")
            for verdict in verdicts:
                lines.append(f"    {_text(verdict.claim)}: {_text(verdict.old or '—')} → {_text(verdict.new or '—')}")
        for report in reports:
            side = diff.new if report.status == "added" else diff.old
            lines.append(f"  {_text(report.report)}: only in {_text(side)} ({report.figures} figures)")
        for name in sorted({f.report for f in figures}):
            mine = [f for f in figures if f.report == name]
            counts = ", ".join(f"{count} {s}" for s in ("changed", "added", "removed") if (count := _count(mine, s)))
            lines.append(f"  {_text(name)}: {counts}")
            lines.extend(f"    {describe_figure(f)}" for f in mine)
        if pages:
            lines.append("  pages whose bytes differ:")
            for page in pages:
                hashes = f" ({_short(page.old)} → {_short(page.new)})" if page.status == "changed" else ""
                lines.append(f"    {_text(page.page)} {page.status}{hashes}")
    return "\n".join(lines) + "\n"


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def to_json(diff: Diff) -> str:
    """Every difference, machine-readable (strict JSON: a non-finite number becomes the string "nan"/"inf")."""
    body = {
        "old": diff.old,
        "new": diff.new,
        "different": diff.different,
        "languages": {
            "compared": list(diff.languages),
            "only_old": list(diff.only_old_languages),
            "only_new": list(diff.only_new_languages),
        },
        **{
            name: [asdict(x) for x in getattr(diff, name)]
            for name in ("reports", "figures", "verdicts", "parameters", "inputs", "pages")
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
    "pages": ("字节不同的页面", "Pages whose bytes differ"),
    "page": ("页面", "Page"),
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


def _figure_cells(figure: FigureChange) -> list[str]:
    old = show_interval(figure.old_interval) if figure.old_interval else show(figure.old)
    new = show_interval(figure.new_interval) if figure.new_interval else show(figure.new)
    ranges = ""
    if figure.overlaps is not None:
        ranges = (
            f"<span class='sz-meet'>{_bi('meet')}</span>"
            if figure.overlaps
            else f"<span class='sz-apart'>{_bi('apart')}</span>"
        )
    return [
        f"<code>{_e(figure.key)}</code>",
        _bi(figure.status),
        f"<code>{_e(old)}</code>",
        f"<code>{_e(new)}</code>",
        _e(show_signed(figure.change)) if figure.change is not None else "",
        ranges,
    ]


def render_html(diff: Diff) -> str:
    """A bilingual, self-contained page (no script, no external CSS or font); every folder string escaped."""
    css = (TEMPLATE_DIR / "szreport" / "report.css").read_text(encoding="utf-8")
    parts = [
        f"<h1>{_bi('title')}</h1>",
        f"<p class='sz-paths'>{_bi('old')}: <code>{_e(diff.old)}</code>"
        f"<br>{_bi('new')}: <code>{_e(diff.new)}</code></p>",
    ]
    if not diff.different:
        parts.append(f"<p>{_bi('none')} ({_e(', '.join(diff.languages))})</p>")
    for langs, label in ((diff.only_old_languages, "only_old"), (diff.only_new_languages, "only_new")):
        for lang in langs:
            parts.append(f"<p>{_bi('language')} {_e(lang)}: {_bi(label)}</p>")
    for lang in diff.languages if diff.different else ():
        parts.append(f"<section><h2>{_bi('language')}: {_e(lang)}</h2>")
        inputs, params, verdicts, reports, figures, pages = _of_language(diff, lang)
        if not (inputs or params or verdicts or reports or figures or pages):
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
        if pages:
            parts.append(
                f"<h3>{_bi('pages')}</h3>"
                + _table(
                    ["page", "status", "old", "new"],
                    [
                        [
                            f"<code>{_e(page.page)}</code>",
                            _bi(page.status),
                            f"<code>{_e(_short(page.old))}</code>",
                            f"<code>{_e(_short(page.new))}</code>",
                        ]
                        for page in pages
                    ],
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
