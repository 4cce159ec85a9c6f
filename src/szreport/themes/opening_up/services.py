"""The opening-up report's trade-in-services section and the exchange rate it rests on: the services figure is
printed in US dollars and turned into yuan at :func:`exchange_rate`: the notebook parameter ``usd_cny`` when it is
set, else the year's average rate published in series.csv (``china/usd_cny``, NBS communiqués), else the rate
implied by the year's trade published in both currencies (:func:`implied_usd_cny`).
"""

from __future__ import annotations

from dataclasses import dataclass

from szreport import fmt
from szreport import metrics as m
from szreport.audit.report.sections import state_checks
from szreport.data.loader import Dataset
from szreport.metrics import Interval
from szreport.present import provenance
from szreport.present.partial import tolerant
from szreport.present.report import Section
from szreport.themes.opening_up.common import FIGURES, _fig


def implied_usd_cny(ds: Dataset) -> Interval:
    """Yuan per US dollar implied by one year's foreign trade published in both currencies.

    The article's 2025 trade, 4.55万亿元 (``trade_2025``), over the same trade in dollars from series.csv,
    US$6498亿 (``trade_usd``, Xinhua): 45500 / 6498 = 7.00, or [6.994, 7.010] allowing for the rounding of both.
    This is where the opening_up notebook's default ``usd_cny = 7.0`` comes from.
    """
    trade = _fig(ds, "trade")
    usd = ds.annual_interval("trade_usd", int(trade.period), unit="亿美元")
    return trade.interval_in("亿元") / usd  # 亿元 per 亿美元 = yuan per dollar


@dataclass(frozen=True)
class ExchangeRate:
    """The yuan-per-dollar rate a dollar figure of ``year`` is turned into yuan at, and where it comes from."""

    value: float  # yuan per US dollar
    basis: str  # parameter (usd_cny set), published (the year's average rate), implied_by_trade
    year: int
    source: str = ""  # sources.csv id of a published rate

    def interval(self, ds: Dataset) -> Interval:
        """The values the rate stands for: a parameter is exact; a published rate, its four decimals' rounding;
        a rate implied by trade, the whole range the two rounded totals allow (not the two decimals shown)."""
        if self.basis == "parameter":
            return Interval.of(self.value)
        if self.basis == "published":
            return m.printed_interval(f"{self.value:.4f}")
        return implied_usd_cny(ds)


# Decimals a derived exchange rate is used with (rates are quoted to four; one derived from two rounded totals
# supports two).
IMPLIED_RATE_DECIMALS = 2


def exchange_rate(ds: Dataset, year: int, usd_cny: float | None = None) -> ExchangeRate:
    """``usd_cny`` when given; else ``year``'s average rate published in series.csv (china/usd_cny); else the
    rate implied by ``year``'s trade in both currencies (:func:`implied_usd_cny`), to two decimals."""
    if usd_cny is not None:
        return ExchangeRate(float(usd_cny), "parameter", year)
    rates = ds.series[(ds.series["region"] == "china") & (ds.series["indicator"] == "usd_cny")]
    published = rates[rates["year"].astype(int) == year]
    if not published.empty:
        row = published.iloc[0]
        return ExchangeRate(float(row["value"]), "published", year, str(row["source"]))
    return ExchangeRate(round(implied_usd_cny(ds).mid, IMPLIED_RATE_DECIMALS), "implied_by_trade", year)


@dataclass(frozen=True)
class ServicesTrade:
    """Trade in services: the previous year implied by growth, its size against goods trade in dollars, its yuan
    equivalent at the exchange rate used, and the rate implied by published data."""

    year: int
    implied_prev: Interval  # 亿美元
    goods_usd: Interval  # 亿美元
    goods_usd_value: float  # 亿美元
    ratio_to_goods: Interval  # %
    yuan: Interval  # 万亿元, at the rate used
    implied_rate: Interval  # yuan per dollar
    rate_agrees: bool  # the rate used lies within implied_rate


def services_check(ds: Dataset, usd_cny: float | Interval) -> ServicesTrade:
    """Trade in services: the previous year implied by growth, its size against goods trade in dollars (no
    exchange rate needed), its yuan equivalent at ``usd_cny`` (a rate or the interval it stands for, which the
    yuan figure then carries), and the rate implied by published data."""
    sv, growth = _fig(ds, "services"), _fig(ds, "services_growth")
    rate = Interval.of(usd_cny)
    year = int(sv.period)
    goods_usd = ds.annual_interval("trade_usd", year, unit="亿美元")
    implied_rate = implied_usd_cny(ds)
    return ServicesTrade(
        year=year,
        implied_prev=m.implied_previous(sv.interval, growth.interval),
        goods_usd=goods_usd,
        goods_usd_value=ds.annual_value("trade_usd", year, unit="亿美元"),
        ratio_to_goods=m.share_pct(sv.interval, goods_usd),
        yuan=m.convert(sv.interval, sv.unit, "万亿元", rate),
        implied_rate=implied_rate,
        rate_agrees=implied_rate.lo <= rate.mid <= implied_rate.hi,
    )


@tolerant("open_h_services", FIGURES, "services_trade")
def services_trade(ds: Dataset, lang: str, usd_cny: float | None = None) -> Section:
    """Trade in services (printed in US dollars): growth, rank, size against goods trade, and its yuan equivalent
    at :func:`exchange_rate` (the parameter ``usd_cny`` when set), the text saying which rate and why."""
    sv, growth, rank = _fig(ds, "services"), _fig(ds, "services_growth"), _fig(ds, "services_rank")
    t1 = _fig(ds, "trade")
    chosen = exchange_rate(ds, int(sv.period), usd_cny)
    usd_cny = chosen.value
    rate_decimals = 4 if chosen.basis == "published" else IMPLIED_RATE_DECIMALS  # as the NBS quotes it
    check = services_check(ds, chosen.interval(ds))  # the yuan figure carries the rate's own interval
    section = Section(fmt.t(lang, "open_h_services"))
    for figure in (sv, growth, rank):
        section.state(figure)
    section.derive("usd_cny_used", usd_cny)
    section.derive("usd_cny_basis", chosen.basis)
    services_year = check.year
    section.derive(f"usd_cny_implied_{services_year}", check.implied_rate)
    section.derive(f"services_trade_{services_year}_at_usd_cny_yuan_trillion", check.yuan)
    implied = section.derive(
        f"services_trade_{services_year - 1}_implied_usd_100m",
        check.implied_prev,
        provenance.implied_previous(sv, growth, lang),
        fmt.about(check.implied_prev, sv.unit, lang, 0),
    )
    section.derive(f"trade_usd_{services_year}_published_usd_100m", check.goods_usd_value)
    ratio = section.derive(
        f"services_to_goods_trade_{services_year}_pct",
        check.ratio_to_goods,
        provenance.Derivation(
            "prov_formula_share",
            (f"fig:{sv.id}", f"series:{ds.subject.region}/trade_usd/{services_year}"),
            {"year": fmt.period(sv.period, lang)},
        ),
        fmt.about(check.ratio_to_goods, "%", lang, 1),
    )
    year = fmt.period(sv.period, lang)
    section.paragraphs.append(
        fmt.t(
            lang,
            "open_p_services",
            city=ds.subject.name(lang),
            year=year,
            v=fmt.stated(sv, lang),
            g=fmt.stated(growth, lang),
            rank=fmt.stated(rank, lang),
            prev=fmt.period(str(check.year - 1), lang),
            implied=implied,
            goods_usd=fmt.amount(check.goods_usd_value, "亿美元", lang, 0),
            ratio=ratio,
            rate=fmt.number(usd_cny, rate_decimals, lang),
            yuan=fmt.about(check.yuan, "万亿元", lang, 2),
        )
    )
    rate = check.implied_rate
    template = {
        "published": "open_p_rate_published",
        "implied_by_trade": "open_p_rate_implied",
        "parameter": "open_p_rate_agrees" if check.rate_agrees else "open_p_rate_differs",
    }[chosen.basis]
    source = ds.source(chosen.source) if chosen.source else None
    section.paragraphs.append(
        fmt.t(
            lang,
            template,
            source=f"{source['publisher']} {source['date']}" if source is not None else "",
            year=year,
            rate=fmt.number(usd_cny, rate_decimals, lang),
            trade_cny=fmt.amount(t1.in_unit("亿元"), "亿元", lang, 0),
            trade_usd=fmt.amount(check.goods_usd_value, "亿美元", lang, 0),
            implied=fmt.number(rate.mid, 2, lang),
            lo=fmt.number(rate.lo, 3, lang),
            hi=fmt.number(rate.hi, 3, lang),
        )
    )
    state_checks(section, ds, (sv, growth, rank), lang)
    return section
