"""``szreport diff OLD NEW``: what changed between two build outputs (unit tier on hand-made folders, and one
real pair of builds whose data differ by one figure)."""

from __future__ import annotations

import copy
import csv
import html
import json
import shutil
from pathlib import Path

import pytest

from szreport.diff import command as diff

from .conftest import DATA, run_cli

RESULTS = {
    "economy": {
        "gdp_2025_yuan_trillion": 3.87,
        "gdp_nominal_cagr_2020_2025_pct": 6.459654,
        "gdp_nominal_cagr_2020_2025_pct_low": 6.394527,
        "gdp_nominal_cagr_2020_2025_pct_high": 6.524781,
        "double_first_years": 4,
        "note": "census-revised",
        "sei_share_gdp_2025_verdict": "consistent",
    },
    "audit": {
        "claims_count": 2,
        "sei_share_gdp_2025_verdict": "consistent",
        "rd_cagr_2020_2024_verdict": "consistent_with_basis",
    },
}
PARAMETERS = {
    "economy": {"lang": "en", "data_dir": "/somewhere/data", "peers": ["china"]},
    "audit": {"lang": "en", "data_dir": "/somewhere/data"},
}
HASHES = {"figures.csv": "a" * 64, "series.csv": "b" * 64}


def make_output(
    folder: Path,
    results=None,
    parameters=None,
    data=None,
    lang="en",
    time="2026-01-01T00:00:00+00:00",
    built=("audit", "economy"),
) -> Path:
    """A minimal output folder of szreport build: <lang>/results.json and <lang>/build.json."""
    (folder / lang).mkdir(parents=True, exist_ok=True)
    results = copy.deepcopy(RESULTS if results is None else results)
    (folder / lang / "results.json").write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    record = {
        "time": time,
        "language": lang,
        "built": list(built),
        "up_to_date": [],
        "parameters": copy.deepcopy(PARAMETERS if parameters is None else parameters),
        "inputs": {
            "data": dict(HASHES if data is None else data),
            "notebooks": {"economy": "c" * 64, "audit": "d" * 64},
            "package": "e" * 64,
        },
        "versions": {"python": "3.11"},
        "formats": ["html"],
    }
    (folder / lang / "build.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def changed(**edits) -> dict:
    """RESULTS with ``report__key=value`` edits (None deletes the key)."""
    results = copy.deepcopy(RESULTS)
    for name, value in edits.items():
        report, key = name.split("__", 1)
        if value is None:
            del results[report][key]
        else:
            results[report][key] = value
    return results


def run(capsys, old, new, **kwargs):
    code = diff.run(old, new, **kwargs)
    out, err = capsys.readouterr()
    return code, out, err


def test_identical_folders_exit_0_and_say_so(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(tmp_path / "b", time="2026-06-30T12:00:00+00:00", built=())  # time and built lists ignored
    code, out, err = run(capsys, a, b)
    assert (code, err) == (0, "")
    assert "no difference" in out
    d = diff.compare(a, b)
    assert not d.different and d.languages == ("en",)
    assert run(capsys, a, a)[0] == 0


def test_a_changed_number(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(tmp_path / "b", changed(economy__gdp_2025_yuan_trillion=3.97))
    d = diff.compare(a, b)
    assert d.figures == (
        diff.FigureChange("en", "economy", "gdp_2025_yuan_trillion", "changed", 3.87, 3.97, change=0.1),
    )
    assert not (d.verdicts or d.parameters or d.inputs or d.reports)
    code, out, _ = run(capsys, a, b)
    assert code == 1
    assert "[en]" in out and "  economy: 1 changed" in out
    assert "gdp_2025_yuan_trillion: 3.87 → 3.97 (+0.1)" in out


def test_an_interval_that_no_longer_meets_the_old_one(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(
        tmp_path / "b",
        changed(
            economy__gdp_nominal_cagr_2020_2025_pct=7.0,
            economy__gdp_nominal_cagr_2020_2025_pct_low=6.94,
            economy__gdp_nominal_cagr_2020_2025_pct_high=7.07,
        ),
    )
    (f,) = diff.compare(a, b).figures  # one figure, not three keys
    assert f.key == "gdp_nominal_cagr_2020_2025_pct"
    assert (f.old_interval, f.new_interval) == ((6.394527, 6.524781), (6.94, 7.07))
    assert f.overlaps is False
    assert f.change == pytest.approx(0.540346)
    out = run(capsys, a, b)[1]
    assert "gdp_nominal_cagr_2020_2025_pct: 6.394527–6.524781 → 6.94–7.07" in out
    assert "ranges no longer meet" in out

    # Only the high bound moves, the ranges still meet: still one change, and it says so.
    c = make_output(tmp_path / "c", changed(economy__gdp_nominal_cagr_2020_2025_pct_high=6.6))
    (f,) = diff.compare(a, c).figures
    assert f.overlaps is True and f.change == 0
    assert "ranges still meet" in run(capsys, a, c)[1]


def test_a_verdict_flip_is_reported_once_and_not_as_a_figure(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(
        tmp_path / "b",
        changed(audit__sei_share_gdp_2025_verdict="inconsistent", economy__sei_share_gdp_2025_verdict="inconsistent"),
    )
    d = diff.compare(a, b)
    assert d.verdicts == (diff.VerdictChange("en", "sei_share_gdp_2025", "changed", "consistent", "inconsistent"),)
    assert d.figures == ()
    code, out, _ = run(capsys, a, b)
    assert code == 1
    assert out.count("sei_share_gdp_2025: consistent → inconsistent") == 1
    assert "audit verdicts:" in out


def test_added_and_removed_keys(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(
        tmp_path / "b",
        changed(economy__double_first_years=None, economy__new_firms=120, audit__rd_cagr_2020_2024_verdict=None),
    )
    d = diff.compare(a, b)
    assert [(f.key, f.status, f.old, f.new) for f in d.figures] == [
        ("double_first_years", "removed", 4, None),
        ("new_firms", "added", None, 120),
    ]
    assert d.verdicts == (diff.VerdictChange("en", "rd_cagr_2020_2024", "removed", "consistent_with_basis", None),)
    out = run(capsys, a, b)[1]
    assert "economy: 1 added, 1 removed" in out
    assert "+ new_firms = 120" in out and "- double_first_years (was 4)" in out


def test_a_report_in_one_folder_only_is_listed_not_each_figure(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(tmp_path / "b", {"audit": RESULTS["audit"]})
    d = diff.compare(a, b)
    assert d.reports == (diff.ReportChange("en", "economy", "removed", 4),)
    assert d.figures == ()
    assert f"economy: only in {tmp_path / 'a'} (4 figures)" in run(capsys, a, b)[1]


def test_parameters_and_data_hashes(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    params = copy.deepcopy(PARAMETERS)
    params["economy"]["peers"] = ["china", "beijing"]
    params["economy"]["data_dir"] = "/elsewhere/data"  # a path: ignored
    params["audit"]["data_dir"] = "/elsewhere/data"
    b = make_output(
        tmp_path / "b",
        parameters=params,
        data={"figures.csv": "f" * 64, "series.csv": "b" * 64, "claims.csv": "9" * 64},
    )
    d = diff.compare(a, b)
    assert d.parameters == (diff.ParameterChange("en", "economy", "peers", "changed", ["china"], ["china", "beijing"]),)
    assert [(i.kind, i.name, i.status) for i in d.inputs] == [
        ("data", "claims.csv", "added"),
        ("data", "figures.csv", "changed"),
    ]
    assert d.figures == d.verdicts == ()
    code, out, _ = run(capsys, a, b)
    assert code == 1
    assert 'economy: peers ["china"] → ["china", "beijing"]' in out
    assert "data file figures.csv changed (aaaaaaaaaaaa → ffffffffffff)" in out
    assert "data file claims.csv added" in out
    assert "data_dir" not in out and "series.csv" not in out


def with_pages(folder: Path, pages: dict, lang: str = "en") -> Path:
    record_path = folder / lang / "build.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["pages"] = pages
    record_path.write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_pages_compared_by_their_digests(tmp_path, capsys):
    same = {"economy.html": "1" * 64, "economy.pdf": "2" * 64}
    a = with_pages(make_output(tmp_path / "a"), same)
    b = with_pages(make_output(tmp_path / "b"), {**same, "economy.pdf": "3" * 64, "audit.pdf": "4" * 64})
    d = diff.compare(a, b)
    assert [(page.page, page.status) for page in d.pages] == [("audit.pdf", "added"), ("economy.pdf", "changed")]
    assert d.figures == d.verdicts == d.inputs == () and d.different
    code, out, _ = run(capsys, a, b)
    assert code == 1 and "economy.pdf changed (222222222222 → 333333333333)" in out and "audit.pdf added" in out
    assert "economy.html" not in out
    assert json.loads(run(capsys, a, b, as_json=True)[1])["pages"][1]["page"] == "economy.pdf"
    assert run(capsys, a, with_pages(make_output(tmp_path / "c"), same))[0] == 0  # same bytes: same pages
    assert diff.compare(a, make_output(tmp_path / "d")).pages == ()  # a record without pages: not compared


def test_json_output_parses(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(
        tmp_path / "b", changed(economy__gdp_2025_yuan_trillion=3.97, audit__sei_share_gdp_2025_verdict="inconsistent")
    )
    code, out, _ = run(capsys, a, b, as_json=True)
    assert code == 1
    body = json.loads(out)
    assert body["different"] is True and body["languages"]["compared"] == ["en"]
    assert body["figures"][0]["key"] == "gdp_2025_yuan_trillion" and body["figures"][0]["change"] == 0.1
    assert body["verdicts"][0]["new"] == "inconsistent"
    assert json.loads(run(capsys, a, a, as_json=True)[1])["different"] is False


def test_output_is_deterministic_and_languages_in_one_folder_only_count(tmp_path, capsys):
    a = make_output(make_output(tmp_path / "a", lang="zh"), lang="en")
    b = make_output(tmp_path / "b", changed(economy__gdp_2025_yuan_trillion=3.97, economy__note="x"))
    first = run(capsys, a, b)
    assert first == run(capsys, a, b)
    code, out, _ = first
    assert code == 1 and f"zh: only in {tmp_path / 'a'} (not compared)" in out
    assert out.index("gdp_2025_yuan_trillion") < out.index("note")


@pytest.mark.parametrize("case", ["missing", "no results", "a file", "bad json"])
def test_bad_usage_exits_2_naming_the_folder(tmp_path, capsys, case):
    good = make_output(tmp_path / "good")
    bad = tmp_path / "bad"
    if case == "no results":
        (bad / "en").mkdir(parents=True)
        (bad / "en" / "build.json").write_text("{}", encoding="utf-8")
    elif case == "a file":
        bad.write_text("x", encoding="utf-8")
    elif case == "bad json":
        (bad / "en").mkdir(parents=True)
        (bad / "en" / "results.json").write_text("{nope", encoding="utf-8")
    for old, new in ((good, bad), (bad, good)):
        code, out, err = run(capsys, old, new)
        assert code == 2 and out == ""
        assert err.startswith("szreport: ") and str(bad) in err and len(err.strip().splitlines()) == 1
    if case == "no results":
        assert "is not an output of szreport build (no zh/results.json or en/results.json)" in err


def test_no_language_in_common_exits_2_naming_them(tmp_path, capsys):
    a, b = make_output(tmp_path / "a", lang="zh"), make_output(tmp_path / "b", lang="en")
    code, _, err = run(capsys, a, b)
    assert code == 2
    assert "no language in common" in err and f"{a} has zh" in err and f"{b} has en" in err


def test_the_command_line_is_wired(tmp_path):
    a = make_output(tmp_path / "a")
    missing = tmp_path / "nowhere"
    result = run_cli("diff", a, missing)
    assert result.returncode == 2 and str(missing) in result.stderr and "Traceback" not in result.stderr
    assert run_cli("diff", a, a).returncode == 0


HOSTILE = "<script>alert(1)</script>"


def test_html_page_is_bilingual_offline_and_escapes_folder_text(tmp_path, capsys):
    results = changed(economy__gdp_2025_yuan_trillion=3.97, audit__sei_share_gdp_2025_verdict="inconsistent")
    results["economy"][HOSTILE] = HOSTILE + "\"'&"
    params = copy.deepcopy(PARAMETERS)
    params["economy"]["peers"] = [HOSTILE]
    a = make_output(tmp_path / "a")
    b = make_output(
        tmp_path / "b<img src=x onerror=alert(2)>",
        results,
        parameters=params,
        data={**HASHES, f"{HOSTILE}.csv": HOSTILE},
    )
    with_pages(a, {"economy.pdf": "2" * 64})
    with_pages(b, {"economy.pdf": "3" * 64, f"{HOSTILE}.pdf": HOSTILE})
    page_path = tmp_path / "out" / "what-changed.html"
    code, out, _ = run(capsys, a, b, html=page_path)
    assert code == 1
    page = page_path.read_text(encoding="utf-8")
    assert "有何变化" in page and "What changed" in page
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert html.escape(HOSTILE) in page
    assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page
    assert "gdp_2025_yuan_trillion" in page and "inconsistent" in page and "+0.1" in page
    assert "Pages whose bytes differ" in page and "<code>economy.pdf</code>" in page
    assert "\x1b" not in out  # the text summary shows it too, as text
    assert HOSTILE in out

    same = tmp_path / "same.html"
    assert run(capsys, a, a, html=same)[0] == 0
    assert "没有差异" in same.read_text(encoding="utf-8") and "No difference" in same.read_text(encoding="utf-8")


def test_control_characters_from_the_folders_are_escaped_in_the_text(tmp_path, capsys):
    a = make_output(tmp_path / "a")
    b = make_output(tmp_path / "b", changed(economy__note="\x1b[31mred\nline"))
    out = run(capsys, a, b)[1]
    assert "\x1b" not in out and "\\u001b[31mred\\nline" in out


@pytest.mark.notebook
def test_real_builds_one_figure_changed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "figures.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    (row,) = [r for r in rows if r["id"] == "gdp_2025"]
    assert float(row["value"]) == 3.87
    row["value"] = "3.97"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)

    options = ("--only", "economy", "--only", "audit", "--lang", "en", "--format", "html")
    a, b = tmp_path / "A", tmp_path / "B"
    for out, source in ((a, DATA), (b, data)):
        result = run_cli("build", *options, "--data", source, "--out", out)
        assert result.returncode == 0, result.stderr

    same = run_cli("diff", a, a)
    assert same.returncode == 0, same.stderr
    assert "no difference" in same.stdout

    result = run_cli("diff", a, b)
    assert result.returncode == 1, result.stderr
    text = result.stdout
    economy = text[text.index("\n  economy: ") :]
    assert "gdp_2025_yuan_trillion: 3.87 → 3.97 (+0.1)" in economy
    assert "data file figures.csv changed" in text
    assert "series.csv" not in text
    print(text)

    as_json = run_cli("diff", a, b, "--json")
    assert as_json.returncode == 1
    body = json.loads(as_json.stdout)
    (gdp,) = [f for f in body["figures"] if f["report"] == "economy" and f["key"] == "gdp_2025_yuan_trillion"]
    assert (gdp["old"], gdp["new"], gdp["change"]) == (3.87, 3.97, 0.1)
    assert [i["name"] for i in body["inputs"] if i["kind"] == "data"] == ["figures.csv"]
    assert not body["parameters"]  # data_dir differs, and is ignored
