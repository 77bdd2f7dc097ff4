"""Every registered format: available, deterministic, renders an empty report."""

from __future__ import annotations

import pytest
from test_reports_support import TEXTS, make_findings, make_report, render

from claimdiff.findings.models import Report
from claimdiff.reports import base

FORMATS = sorted(base.FORMATS)


def test_formats_registry_lists_every_module():
    assert sorted(base.available()) == FORMATS == ["github", "html", "json", "junit", "markdown", "rich", "sarif"]
    for name in FORMATS:
        formatter = base.get(name)
        assert isinstance(formatter, base.Formatter) and formatter.name == name


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_output_is_byte_identical_for_the_same_report(fmt):
    report = make_report()
    copy = Report.model_validate_json(report.model_dump_json())
    first = render(fmt, report, width=90, color=True)
    assert first == render(fmt, report, width=90, color=True) == render(fmt, copy, width=90, color=True)
    assert first.endswith("\n") or first == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_do_not_depend_on_the_order_of_mappings(fmt):
    report = make_report()
    shuffled = [f.model_copy(update={"values": dict(reversed(list(f.values.items())))}) for f in report.findings]
    texts = dict(reversed(list(TEXTS.items())))
    a = render(fmt, report, width=90, color=False)
    b = render(fmt, report.model_copy(update={"findings": shuffled}), width=90, color=False, texts=texts)
    if fmt == "json":  # the contract prints `values` as given
        return
    assert a == b


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_render_an_empty_report(fmt):
    out = render(fmt, make_report([], baseline_skipped=0, waived=0))
    assert isinstance(out, str)


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_render_findings_without_evidence(fmt):
    bare = make_findings()[0].model_copy(update={"evidence": []})
    assert isinstance(render(fmt, make_report([bare]), width=80, color=False), str)


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_through_the_cli(fmt, monkeypatch, tmp_path, capsys):
    """`claimdiff check --format F` renders the pipeline's report with the articles' texts and paths."""
    from claimdiff import cli, pipeline
    from claimdiff.corpus.models import Article

    from test_reports_support import SOURCES

    report = make_report(baseline_skipped=0, waived=0)  # what select.apply computes without baseline/waivers
    articles = [Article(source=s, text=TEXTS[s.id]) for s in SOURCES]
    monkeypatch.setattr(pipeline, "check", lambda *a, **k: pipeline.CheckResult(report, articles, []))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.txt"
    code = cli.main(
        ["check", "corpus", "--format", fmt, "--output", str(out), "--width", "80", "--config", _config(tmp_path)]
    )
    assert code == 1  # the conflict and the warning-level variant fail the run
    assert out.read_text(encoding="utf-8") == render(fmt, report, width=80, color=_cli_color(fmt))


def _config(tmp_path) -> str:
    path = tmp_path / "claimdiff.toml"
    path.write_text('fail_on = "warning"\n', encoding="utf-8")
    return str(path)


def _cli_color(fmt: str) -> bool | None:
    # The CLI does not pass a colour choice yet: output to a file under pytest is not a terminal.
    return False if fmt == "rich" else None


@pytest.mark.parametrize("join_every", [1, 3, 1 << 16])
def test_formats_json_text_is_json_dumps_whatever_the_batches(monkeypatch, join_every):
    """The JSON report is built a batch of pieces at a time, as the same text json.dumps writes."""
    import json

    from claimdiff.reports import json as json_report

    monkeypatch.setattr(json_report, "_JOIN_EVERY", join_every)
    data = {
        "floats": [1e16, 1e-05, 2.5e-07, 0.1, 38500000000.0, -0.0],
        "text": 'a\u2028b\x00é😀"\\/\n',
        "nested": [{"a": [], "b": {}, "c": None, "d": True}, [1, [2, [3]]]],
        "empty": "",
    }
    assert json_report.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    report = make_report(make_findings())
    assert json_report.dumps(report.model_dump(mode="json")) == json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
