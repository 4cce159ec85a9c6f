"""The reports' themes, each computing its figures apart from presenting them (typed results, then sections):

- :mod:`~szreport.themes.overview`: the headline figures and the five "firsts";
- :mod:`~szreport.themes.economy`: GDP, industry, strategic emerging industries, manufacturing;
- :mod:`~szreport.themes.innovation`: R&D, high-tech firms, "little giants", innovation platforms;
- :mod:`~szreport.themes.opening_up`: trade, trading partners, services trade, foreign investment;
- :mod:`~szreport.themes.outlook`: the next plan as parameterised scenarios.

May import: the audit report (for verdict badges), presentation, charts, the judge, data and the foundation.
"""
