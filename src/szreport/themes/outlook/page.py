"""The outlook page's scenario panel: the assumptions editable in the offline HTML.

:func:`panel` gives the notebook one HTML output: a form with one input per outlook parameter (named as the
parameter, labelled in the report's language, with the default and the range that ``szreport params`` declares:
:func:`szreport.themes.outlook.inputs.parameter_spec` and :data:`szreport.params.CONSTRAINTS`), the "reproduce" box
(the ``szreport build`` line and a params.yaml for the inputs), and a script, ``outlook.js`` beside this module,
read from the package and inlined. When a reader changes an input the script recomputes in the page, with no
network: the sentences that follow the parameters (each ``<span data-sz-text>`` of the sections, their figures
``<span data-key>``), the scenario tables and the charts (drawn again as SVG, in the matplotlib charts' colours).

The Python modules stay the reference: the script is a port of :mod:`szreport.themes.outlook.scenarios` and of the
sections' wording, and ``tests/test_outlook_page.py`` drives it in Chromium over many random parameter sets and
compares every sentence, figure and table cell with what the sections give. Everything the script needs that is
not arithmetic comes from Python as JSON (:func:`model`): templates, the figures the scenarios start from, the
words taken from the data folder, parameter ranges, the messages of :mod:`szreport.params`, chart colours. Text
from the data folder reaches the page only inside that JSON (escaped for a script element) and is shown by the
script as text, never as markup. The PDF is printed from the same page with the panel hidden
(``@media print``) and a sentence naming the interactive page in its place.
"""

from __future__ import annotations

import contextlib
import html
from dataclasses import dataclass, fields
from pathlib import Path

from szreport import fmt
from szreport import metrics as m
from szreport.charts import draw as charts
from szreport.charts import legends
from szreport.charts import marks as chart_marks
from szreport.charts import text as chart_text
from szreport.data.loader import Dataset
from szreport.data.problems import Missing
from szreport.present import partial
from szreport.themes.outlook.charts import SCENARIO_COLORS, SCENARIO_STYLE, _history_frame, _history_lines
from szreport.themes.outlook.gdp import REQUIRED_BAR_COLORS, gdp_scenarios, gdp_target
from szreport.themes.outlook.inputs import (
    GDP_GROWTH_TARGET_INDICATOR,
    GDP_TARGET_INDICATOR,
    HISTORY_INDICATORS,
    Settings,
    _stated_target,
    base_figures,
    last_data_year,
    parameter_spec,
    settings,
)
from szreport.themes.outlook.rd import rd_intensity
from szreport.themes.outlook.scenarios import MAX_YEARS_TO_TARGET
from szreport.themes.outlook.text import _decimals, stated_texts
from szreport.themes.outlook.trade import trade

SCRIPT_PATH = Path(__file__).with_name("outlook.js")
# Templates of other locale files the page's words need.
SHARED_TEMPLATE_KEYS = (
    "lbl_census_break",
    "chart_alt_series",
    "chart_alt_series_one",
    "chart_alt_named",
    "chart_alt_more",
    "chart_numbers_label",
    "chart_file_data",
    "chart_file_image",
)
# The column of each chart's CSV a scenario's values are in ({i}: its place in the list, from 1).
SCENARIO_COLUMNS = {
    "gdp_scenarios": "scenario_{i}_gdp_yuan_trillion",
    "trade_scenarios": "scenario_{i}_trade_yuan_trillion",
    "rd_intensity_path": "scenario_rd_intensity_pct",
    "gdp_target": "gdp_target_yuan_trillion",
}
# The figures' unit words the script needs (fmt.EN_UNITS, fmt.ZH_UNITS).
UNITS = ("万亿元", "亿元", "%", "pp")


# The form's messages (locale outlook_msg_*) by check; {value}, {item} and {count} are filled in the page.
MESSAGE_KINDS = ("int", "float", "list_numbers", "range", "non_empty", "max_items", "item_range")


def _bound(name: str, value: float, lang: str) -> str:
    """A bound or default of a parameter as the form's words say it: a year as digits, a number with the decimals
    it has (at most two) and a true minus."""
    if name == "horizon_year":
        return str(int(value))
    return fmt.number(value, _decimals(float(value), 0, 2), lang)


def parameter_fields(lang: str) -> list[dict]:
    """The form's inputs: name, type, default, label, the constraints, a hint and the messages of their checks, in
    the page's language and in words (the parameter's range, never its name or Python type). The constraints are
    the parameters' own (:func:`szreport.themes.outlook.inputs.parameter_spec`, :data:`szreport.params.CONSTRAINTS`):
    the form refuses what ``szreport build -p`` refuses."""
    spec = parameter_spec()
    out = []
    for settings_field in fields(Settings):
        parameter = spec[settings_field.name]
        constraints = parameter.constraints
        words = {
            k: _bound(parameter.name, v, lang)
            for k, v in constraints.items()
            if k in ("min", "max", "item_min", "item_max")
        }
        words |= {"max_items": str(constraints["max_items"])} if "max_items" in constraints else {}
        listed = parameter.type.startswith("list")
        if listed:
            # a list parameter's default is a list (params.check_value)
            assert isinstance(parameter.default, list), parameter
            default: str = str(fmt.t(lang, "outlook_list_sep")).join(
                _bound(parameter.name, v, lang) for v in parameter.default
            )
        else:
            assert isinstance(parameter.default, int | float), parameter
            default = _bound(parameter.name, parameter.default, lang)
        keep = {"value": "{value}", "item": "{item}", "count": "{count}"}
        messages = {}
        for kind in MESSAGE_KINDS:
            with contextlib.suppress(KeyError):  # a check this parameter does not have (a range, for a list)
                messages[kind] = _words(lang, f"outlook_msg_{kind}", **words, **keep)
        out.append(
            {
                "name": parameter.name,
                "type": parameter.type,
                "default": parameter.default,
                "label": _words(lang, f"outlook_param_{parameter.name}"),  # also the assumptions table's
                "hint": _words(lang, "outlook_ui_hint_list" if listed else "outlook_ui_hint", default=default, **words),
                "constraints": {k: v for k, v in constraints.items() if isinstance(v, (int, float, bool))},
                "messages": messages,
            }
        )
    return out


def _words(lang: str, key: str, **values) -> str:
    """A template of the page's language as plain text."""
    return str(fmt.plain(fmt.t(lang, key, **values)))


def _line_history(chart_data, column: str, lang: str) -> list[dict]:
    """The history lines of a scenario chart (labels and colours as the section draws them)."""
    lines, styles = _history_lines(lang, column, chart_data)
    out = []
    for name, label in lines.items():
        sub = chart_data[["year", name]].dropna()
        style = {"marker": "o", "markersize": 3.5, "linewidth": 1.8, **styles.get(name, {})}
        out.append(
            {
                "column": name,
                "label": str(fmt.plain(label)),
                "color": style["color"],
                "size": style["markersize"],
                "width": style["linewidth"],
                "points": [[int(x), float(y)] for x, y in zip(sub["year"], sub[name])],
            }
        )
    return out


def _chart_specs(ds: Dataset, lang: str, cfg: Settings) -> dict:
    """What the page's SVG charts draw besides the scenarios: titles, source lines, axis labels, history,
    census break, the required-growth chart's fixed bars."""
    params = {f.name: getattr(cfg, f.name) for f in fields(Settings)}
    made = {
        "gdp_scenarios": gdp_scenarios(ds, lang, **params).charts[0],
        "gdp_required_growth": gdp_target(ds, lang, **params).charts[0],
        "rd_intensity_path": rd_intensity(ds, lang, **params).charts[0],
        "trade_scenarios": trade(ds, lang, **params).charts[0],
    }
    specs: dict = {}
    for name, chart in made.items():
        ax = chart.figure.axes[0]
        specs[name] = {"title": str(fmt.plain(chart.title)), "source": str(fmt.plain(chart.source_line))}
        specs[name]["ylabel"] = ax.get_ylabel()
        specs[name].update(_words_of_chart(chart, lang))
        if name == "gdp_required_growth":
            labels = [t.get_text() for t in ax.get_xticklabels()]
            frame = chart.data
            specs[name]["bars"] = [
                {"label": label, "value": float(v), "color": REQUIRED_BAR_COLORS[kind]}
                for label, v, kind in zip(labels, frame["real_growth_pct"], frame["kind"])
                if kind != "required"
            ]
            specs[name]["color_required"] = REQUIRED_BAR_COLORS["required"]
            specs[name]["rows"] = [  # the chart's CSV but for the required rate's row, which the page adds
                [str(v) for v in row] for row in frame[frame["kind"] != "required"].itertuples(index=False)
            ]
            specs[name]["csv_columns"] = list(frame.columns)
            specs[name]["legend"] = [
                [REQUIRED_BAR_COLORS[kind], chart_marks.kind_words(kind, lang)] for kind in dict.fromkeys(frame["kind"])
            ]
        else:
            column = {"gdp_scenarios": "gdp_yuan_trillion", "rd_intensity_path": "rd_intensity_pct"}.get(name)
            if column:
                specs[name]["history"] = _line_history(chart.data, column, lang)
                indicator, unit = ("gdp", "万亿元") if name == "gdp_scenarios" else ("rd_intensity", None)
                break_year = _history_frame(ds, indicator, unit, column)[1]
            else:
                sub = chart.data[["year", "trade_yuan_trillion"]].dropna()
                specs[name]["history"] = [
                    {
                        "column": "trade_yuan_trillion",
                        "label": str(fmt.plain(fmt.t(lang, "outlook_lbl_history"))),
                        "color": charts.ACCENT,
                        "size": 3.5,
                        "width": 1.8,
                        "points": [[int(x), float(y)] for x, y in zip(sub["year"], sub["trade_yuan_trillion"])],
                    }
                ]
                break_year = None
            if break_year:
                specs[name]["vline"] = {"x": break_year - 0.5, "label": str(fmt.plain(fmt.t(lang, "lbl_census_break")))}
        charts.close(chart)
    return specs


def _words_of_chart(chart: charts.Chart, lang: str) -> dict:
    """What the page needs to say about a chart it draws again as the published one says it: the start of its alt
    text (kind, title, unit; :func:`szreport.charts.text.describe`), the name of a chart of one series in its
    numbers table, how a mark's value and accessible name are worded (:func:`szreport.charts.marks.resolve`), the
    bars' notes (what their colour means)."""
    legends.complete(chart, lang)
    shown = chart_marks.resolve(chart, lang)
    first = shown[0]
    return {
        "alt": _alt_template(chart, lang),
        "series_name": str(fmt.plain(chart.series[0][0] or chart.title)) if chart.series else "",
        "shown": first.shown.replace(first.value, "{value}", 1),
        "mark_name": chart_marks.accessible_name("{label}", "{year}", "", "{shown}", lang),
        "mark_name_noted": chart_marks.accessible_name("{label}", "", "{note}", "{shown}", lang),
        "notes": [m.note for m in shown if m.kind == "bar"],
        "columns": SCENARIO_COLUMNS,
    }


# Where a chart's alt text (its template, for the page) says its series.
SERIES_SLOT = "SZSERIES"


def _alt_template(chart: charts.Chart, lang: str) -> str:
    """The chart's alt text as :func:`szreport.charts.text.describe` words it, :data:`SERIES_SLOT` for its series."""
    title = chart.title
    if chart.unit and chart.unit not in str(title):
        title = fmt.t(lang, "chart_alt_unit", title=title, unit=chart.unit)
    kind = fmt.t(lang, f"chart_kind_{chart.kind or 'bar'}")
    return str(fmt.plain(fmt.t(lang, "chart_alt", kind=kind, title=title, series=SERIES_SLOT)))


def _font_families() -> list[str]:
    """The charts' fonts (:func:`szreport.charts.style.setup_style`), for the text of the charts the page draws."""
    import matplotlib

    return [str(f) for f in matplotlib.rcParams["font.sans-serif"][:2]]


def model(ds: Dataset, lang: str, cfg: Settings) -> dict:
    """Everything the page's script needs, as JSON: the published parameters, the form's fields, templates and
    unit words, the starting figures, the words from the data folder and the chart specifications."""
    base = base_figures(ds)
    stated = _stated_target(ds, GDP_TARGET_INDICATOR)
    templates = {k: v for k, v in fmt.templates(lang).items() if k.startswith("outlook_") or k in SHARED_TEMPLATE_KEYS}
    published = {f.name: getattr(cfg, f.name) for f in fields(Settings)}
    return {
        "lang": lang,
        "published": {k: list(v) if isinstance(v, tuple) else v for k, v in published.items()},
        "fields": parameter_fields(lang),
        "horizon_message": _words(lang, "outlook_msg_horizon", last=str(last_data_year(ds))),
        "last_data_year": last_data_year(ds),
        "t": templates,
        "units": {
            "en": {u: list(fmt.EN_UNITS[u]) for u in UNITS},
            "zh": {u: fmt.ZH_UNITS.get(u, u) for u in UNITS},
            "qualifiers": fmt.QUALIFIER_WORDS[lang],
        },
        "base": {
            "gdp_year": int(base.gdp.period),
            "gdp_trillion": m.convert(base.gdp.value, base.gdp.unit, "万亿元"),
            "gdp_100m": m.convert(base.gdp.value, base.gdp.unit, "亿元"),
            "factor_100m_to_trillion": m.YUAN_UNITS["亿元"] / m.YUAN_UNITS["万亿元"],
            "factor_trillion_to_stated": m.YUAN_UNITS["万亿元"] / m.YUAN_UNITS[stated["unit"]],
            "trade_year": int(base.trade.period),
            "trade_trillion": m.convert(base.trade.value, base.trade.unit, "万亿元"),
            "rd_intensity_year": int(base.rd_intensity.period),
            "rd_intensity": base.rd_intensity.value,
            "rd_year": int(base.rd.period),
            "rd_100m": m.convert(base.rd.value, base.rd.unit, "亿元"),
            "achieved_real": base.gdp_plan_real_growth.value,
            "max_years": MAX_YEARS_TO_TARGET,
            "stated_target": stated["value"],
            "stated_target_year": stated["year"],
        },
        "texts": {name: list(pair) for name, pair in stated_texts(ds, lang).items()},
        "charts": _chart_specs(ds, lang, cfg),
        "colors": SCENARIO_COLORS,
        "max_described": chart_text.MAX_DESCRIBED_SERIES,
        "series_slot": SERIES_SLOT,
        "sentence_space": fmt.SENTENCE_SPACE[lang],  # fmt.sentences: how the alt text's sentences are joined
        "stop": fmt.STOP[lang],
        "font": _font_families(),
        "scenario_style": SCENARIO_STYLE,
        "accent": charts.ACCENT,
        "context": charts.CONTEXT,
        "command": "szreport build --only outlook",
    }


@dataclass(frozen=True)
class Panel:
    """The scenario panel as an HTML output of the notebook (``_repr_html_``)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def _form_inputs(ds: Dataset) -> None:
    """Every figure and series the form works the scenarios out from; a Missing names the first the data lack."""
    base = base_figures(ds)
    for name in ("gdp", "gdp_plan_start", "trade", "trade_growth", "trade_plan_increment", "rd", "rd_plan_cagr"):
        getattr(base, name)
    for indicator in (*HISTORY_INDICATORS, GDP_TARGET_INDICATOR, GDP_GROWTH_TARGET_INDICATOR):
        ds.annual(indicator)


def panel(ds: Dataset, lang: str, **params) -> Panel:
    """The form, the reproduce box and the script of the outlook page (see the module's docstring)."""
    cfg = settings(ds, **params)
    try:
        _form_inputs(ds)
        scenario_model = model(ds, lang, cfg)
    except Missing as missing:  # the form works every scenario out again: without its figures there is none
        lacking = partial.missing_words(ds, missing, lang)
        return Panel(f"<p>{fmt.html_text(fmt.t(lang, 'outlook_ui_no_form', missing=lacking))}</p>")
    words = {key: html.escape(text) for key, text in fmt.templates(lang).items() if key.startswith("outlook_ui_")}
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    if "</" in script:  # it would end the script element early
        raise ValueError(f"{SCRIPT_PATH.name} must not contain '</'")
    markup = (
        f'<p class="sz-print-only">{words["outlook_ui_print_note"]}</p>'
        '<form id="sz-scenarios" class="sz-scenarios" data-sz-own="form" novalidate aria-labelledby="sz-scenarios-h">'
        f'<h2 id="sz-scenarios-h" class="sz-scenarios-h">{words["outlook_ui_heading"]}</h2>'
        f'<p class="sz-scenarios-intro">{words["outlook_ui_intro"]}</p>'
        '<div class="sz-fields"></div>'
        '<p class="sz-scenarios-status" role="status" aria-live="polite"></p>'
        f'<p class="sz-buttons"><button type="button" class="sz-reset">{words["outlook_ui_reset"]}</button> '
        f'<a class="sz-link" href="#">{words["outlook_ui_link"]}</a></p>'
        f'<details class="sz-reproduce"><summary>{words["outlook_ui_reproduce"]}</summary>'
        f"<p>{words['outlook_ui_reproduce_intro']}</p>"
        '<pre class="sz-command"></pre>'
        f'<button type="button" class="sz-copy" data-copy="command">{words["outlook_ui_copy_command"]}</button>'
        '<pre class="sz-yaml"></pre>'
        f'<button type="button" class="sz-copy" data-copy="yaml">{words["outlook_ui_copy_yaml"]}</button>'
        "</details></form>"
        '<script type="application/json" id="sz-scenarios-model" data-sz-own="model">'
        f"{fmt.json_for_script(scenario_model)}"
        "</script>"
        f'<script data-sz-own="script">{script}</script>'
    )
    return Panel(markup)
