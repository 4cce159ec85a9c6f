"""Two prints of the same page on the same day give the same PDF bytes (issue 27 item 5): Chromium's only
varying bytes, the creation and modification dates, are pinned to the build day."""

from __future__ import annotations

import datetime as dt

import pytest

from szreport.build.browser import PdfRenderer, pin_dates

pytestmark = pytest.mark.render


def test_same_page_same_day_same_bytes(built, tmp_path):
    day = dt.date(2026, 3, 4)
    page = built / "en" / "overview.html"
    with PdfRenderer() as renderer:
        for name in ("first.pdf", "second.pdf"):
            renderer.render(page, tmp_path / name, "Overview", day=day)
    first, second = (tmp_path / "first.pdf").read_bytes(), (tmp_path / "second.pdf").read_bytes()
    assert first == second
    assert b"/CreationDate (D:20260304000000+00'00')" in first and b"/ModDate (D:20260304000000+00'00')" in first


def test_pinning_keeps_every_offset(tmp_path):
    pdf = tmp_path / "a.pdf"
    raw = b"%PDF-1.4\n1 0 obj << /CreationDate (D:20261203062012+00'00') /ModDate (D:20261203062012+00'00') >>"
    pdf.write_bytes(raw)
    pin_dates(pdf, dt.date(2027, 1, 2))
    pinned = pdf.read_bytes()
    assert len(pinned) == len(raw) and pinned.count(b"D:20270102000000+00'00'") == 2
