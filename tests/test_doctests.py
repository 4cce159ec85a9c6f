"""The examples in the docstrings of the public API run as written (issue 28 item 3): the Dataset's methods on the
project's data (``ds = load()``), the window of years (szreport.data.window), the arithmetic of szreport.metrics
and the helpers of szreport.fmt."""

from __future__ import annotations

import doctest
import importlib

import pytest

from szreport.data import load

MODULES = [
    "szreport",
    "szreport.fmt",
    "szreport.metrics",
    "szreport.data.dataset",
    "szreport.data.subject",
    "szreport.data.window",
]


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_run(name):
    module = importlib.import_module(name)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(module, extraglobs={"ds": load()}, optionflags=flags)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no example"
