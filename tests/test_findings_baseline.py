"""Baseline files: written sorted, read back, bad files rejected in one line."""

from __future__ import annotations

import json

import pytest
from test_reports_support import make_findings, make_report, render

from claimdiff import __version__
from claimdiff.base.config import Config, Waiver
from claimdiff.base.errors import ClaimdiffError
from claimdiff.findings import select
from claimdiff.findings.baseline import BASELINE_VERSION, load_baseline, write_baseline


def test_baseline_write_is_sorted_json_with_versions():
    report = make_report()
    data = json.loads(write_baseline(report))
    assert data["baseline_version"] == BASELINE_VERSION
    assert data["tool"] == "claimdiff" and data["tool_version"] == report.tool_version
    fingerprints = [e["fingerprint"] for e in data["findings"]]
    assert fingerprints == sorted(f.fingerprint for f in make_findings())
    entry = next(e for e in data["findings"] if e["fingerprint"] == make_findings()[1].fingerprint)
    assert entry == {
        "fingerprint": make_findings()[1].fingerprint,
        "rule": "CD101",
        "kind": "name",
        "status": "variant",
        "subject": "général Jean-Marc Lefebvre",
    }


def test_baseline_write_is_deterministic_and_deduplicated():
    fs = make_findings()
    a = write_baseline(make_report(fs))
    b = write_baseline(make_report(list(reversed(fs)) + [fs[0]]))
    assert a == b
    assert a.endswith("\n")


def test_baseline_round_trip(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(write_baseline(make_report()), encoding="utf-8")
    assert load_baseline(path) == {f.fingerprint for f in make_findings()}
    assert load_baseline(str(path)) == {f.fingerprint for f in make_findings()}


def test_baseline_accepts_a_json_report(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(render("json", make_report()), encoding="utf-8")
    assert load_baseline(path) == {f.fingerprint for f in make_findings()}


def test_baseline_of_an_empty_report(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(write_baseline(make_report([])), encoding="utf-8")
    assert load_baseline(path) == set()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        (b"{not json", "not valid JSON (line 1"),
        (b"[1, 2]", "not a claimdiff baseline"),
        (b'{"findings": {"a": 1}}', "not a claimdiff baseline"),
        (b'{"findings": [{"rule": "CD101"}]}', "finding 1 has no fingerprint"),
        (b'{"findings": ["abc"]}', "finding 1 has no fingerprint"),
        (b'{"baseline_version": 99, "findings": []}', "version 99 is not supported"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_baseline_bad_files_raise_one_line_errors(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ClaimdiffError) as info:
        load_baseline(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_baseline_directory_is_rejected(tmp_path):
    with pytest.raises(ClaimdiffError, match="directory"):
        load_baseline(tmp_path)


def test_baseline_and_waivers_are_counted_by_select(tmp_path):
    fs = make_findings()
    path = tmp_path / "baseline.json"
    path.write_text(write_baseline(make_report(fs[:2])), encoding="utf-8")
    config = Config(waivers=[Waiver(fingerprint=fs[2].fingerprint, reason="Titre officiel abrégé.")])
    report = select.apply(make_report(fs, baseline_skipped=0, waived=0), config, baseline=str(path))
    assert [f.fingerprint for f in report.findings] == [f.fingerprint for f in fs[3:]]
    assert report.summary.baseline_skipped == 2 and report.summary.waived == 1
    out = render("rich", report, width=100, color=False, quiet=True)
    assert "2 known findings (baseline)" in out and "1 waived" in out


def test_baseline_tool_version_is_the_package_version():
    assert json.loads(write_baseline(make_report()))["tool_version"] == __version__ == "0.1.0"
