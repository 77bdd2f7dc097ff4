"""docs/report.schema.json: up to date with the Report model, and what `check --format json` emits."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from claimdiff.corpus.models import InputNote, Source
from claimdiff.findings.models import Evidence, Finding, Kind, Report, Severity, Status, Summary
from claimdiff.schema import main as schema_main
from claimdiff.schema import render_schema, report_schema

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
COMMITTED = REPO / "docs" / "report.schema.json"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _report() -> Report:
    finding = Finding(
        kind=Kind.name,
        status=Status.variant,
        severity=Severity.warning,
        rule="CD101",
        rule_name="name-variants",
        subject="the spokesman of the ministry",
        message="Dmitri Peskov / Dmitry Peskov",
        values={"a": ["Dmitri Peskov"], "b": ["Dmitry Peskov"]},
        evidence=[
            Evidence(
                source="a", start=0, end=13, text="Dmitri Peskov", sentence="Dmitri Peskov a démenti.", sentence_start=0
            )
        ],
        fingerprint="0123456789abcdef",
    )
    return Report(
        tool_version="0.1.0",
        sources=[Source(id="a", path="a.txt", encoding="cp1252"), Source(id="b", path="c.jsonl", line=3)],
        findings=[finding],
        notes=[InputNote(path="a.txt", level="note", message="not valid UTF-8; read as cp1252")],
        summary=Summary(sources=2, claims=2, findings=1, by_status={"variant": 1}, by_severity={"warning": 1}),
    )


def test_schema_committed_file_is_up_to_date():
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == report_schema(), "regenerate it: python -m claimdiff.schema docs/report.schema.json"
    assert COMMITTED.read_text(encoding="utf-8") == render_schema()


def test_schema_script_writes_the_rendering(tmp_path, capsys):
    assert schema_main([str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == render_schema()
    assert schema_main([]) == 0
    assert capsys.readouterr().out == render_schema()


def test_schema_accepts_a_report_and_rejects_broken_ones():
    validator = _validator()
    data = json.loads(_report().model_dump_json())
    validator.validate(data)
    for broken in (
        {k: v for k, v in data.items() if k != "summary"},
        {**data, "findings": [{**data["findings"][0], "status": "maybe"}]},
        {**data, "notes": [{"path": "x", "level": "fatal", "message": "?"}]},
        {**data, "sources": [{"id": "a"}]},
    ):
        assert not validator.is_valid(broken)


@pytest.mark.slow
def test_schema_real_seed_report_validates(cli):
    run = cli("check", SEEDS, "--format", "json", "--fail-on", "never", "--no-cache")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    _validator().validate(report)
    assert report["summary"]["sources"] == 5
    texts = {s["id"]: Path(s["path"]).read_bytes().decode(s["encoding"]) for s in report["sources"]}
    for finding in report["findings"]:
        for ev in finding["evidence"]:
            assert texts[ev["source"]][ev["start"] : ev["end"]] == ev["text"]
