"""The opening-up report's sections: foreign trade, trade in services, new products and green exports, markets
and trading partners, foreign direct investment and new foreign-invested firms.

Numbers come from the article's figures (``figures.csv``, theme ``opening_up``). Checks and charts also use
supplementary figures of ``series.csv``, labelled as such: the city's annual trade, exports and imports, China's
trade (for the share of the national five-year increase), the city's 2025 trade in US dollars (for the exchange
rate, see :func:`implied_usd_cny`) and earlier foreign investment. Derived figures are computed on the rounding
intervals of the printed figures (:mod:`szreport.metrics`).

The only assumption is the exchange rate that turns the services-trade figure (printed in dollars) into yuan:
the notebook parameter ``usd_cny`` or, by default, the year's published average rate (else the rate implied by
trade published in both currencies, :func:`implied_usd_cny`): :func:`exchange_rate`.

The sections live in submodules, one concern each, and are all importable from here:
:mod:`.common` (the figures the report states and shared helpers), :mod:`.summary` (every figure as printed, growth
over the window), :mod:`.foreign_trade`, :mod:`.services` (trade in services and the exchange rate),
:mod:`.export_structure` (new products and green exports), :mod:`.trading_partners` (markets and trading partners)
and :mod:`.investment` (foreign direct investment and new foreign-invested firms).
"""

from __future__ import annotations

from szreport.themes.opening_up.common import FIGURES, PUBLISHED, THEME, WINDOW_SERIES
from szreport.themes.opening_up.common import _fig as _fig
from szreport.themes.opening_up.common import _firms_range as _firms_range
from szreport.themes.opening_up.common import _signed_pct as _signed_pct
from szreport.themes.opening_up.common import _yuan_100m_factor as _yuan_100m_factor
from szreport.themes.opening_up.export_structure import ExportStructure, structure_check, trade_structure
from szreport.themes.opening_up.export_structure import _description as _description
from szreport.themes.opening_up.findings import FINDINGS, key_findings
from szreport.themes.opening_up.foreign_trade import (
    TradeContext,
    trade,
    trade_annual_chart,
    trade_annual_frame,
    trade_context,
)
from szreport.themes.opening_up.investment import (
    FdiYears,
    ForeignFirms,
    fdi_chart,
    fdi_years,
    foreign_firms,
    foreign_firms_check,
    foreign_investment,
)
from szreport.themes.opening_up.services import (
    ExchangeRate,
    ServicesTrade,
    exchange_rate,
    implied_usd_cny,
    services_check,
    services_trade,
)
from szreport.themes.opening_up.summary import overview_table, window_growth
from szreport.themes.opening_up.trading_partners import (
    Markets,
    Partner,
    markets,
    markets_check,
    partners,
    partners_chart,
)

__all__ = [
    "FINDINGS",
    "key_findings",
    "FIGURES",
    "PUBLISHED",
    "THEME",
    "WINDOW_SERIES",
    "ExportStructure",
    "FdiYears",
    "ForeignFirms",
    "Markets",
    "Partner",
    "ServicesTrade",
    "TradeContext",
    "fdi_chart",
    "fdi_years",
    "foreign_firms",
    "foreign_firms_check",
    "foreign_investment",
    "implied_usd_cny",
    "exchange_rate",
    "ExchangeRate",
    "markets",
    "markets_check",
    "overview_table",
    "partners",
    "partners_chart",
    "services_check",
    "services_trade",
    "structure_check",
    "trade",
    "trade_annual_chart",
    "trade_annual_frame",
    "trade_context",
    "trade_structure",
    "window_growth",
]
