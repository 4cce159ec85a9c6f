"""Charts: matplotlib figures with CJK fonts, a generated source line and the data behind them.

- :mod:`~szreport.charts.draw`: the chart kinds (bar, line, bar-and-line, grouped bars), the style
  (:func:`setup_style`, which makes Chinese text render) and the source line; its names are importable from here;
- :mod:`~szreport.charts.files`: one drawing written as the page's SVG and the downloadable PNG;
- :mod:`~szreport.charts.text`: each chart's alternative text and "show the numbers" table;
- :mod:`~szreport.charts.intervals`: the audit's interval charts.

May import: the data layer and the foundation (fmt, metrics).
"""

from szreport.charts.draw import *  # noqa: F403  (the names of draw.__all__)
from szreport.charts.draw import __all__ as __all__
