"""Every output format renders a draft checked against its sources, from the report alone."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from claimdiff.findings.models import DraftLabel, Report
from claimdiff.reports import base

from rule_cases import build_corpus, corpus_texts
from test_findings_draft import COUNTRIES, draft_report

ENTRIES = [
    {"source": "d", "type": "quantity", "text": "une vingtaine de pays", "value": 20, "qualifier": "approximate", **COUNTRIES},
    {"source": "b", "type": "quantity", "text": "17 pays", "value": 17, **COUNTRIES},
    {"source": "d", "type": "quantity", "text": "52 prisonniers", "value": 52, "head_class": "prisoners", "verb_class": "release"},
    {"source": "b", "type": "quantity", "text": "52 détenus", "value": 52, "head_class": "prisoners", "verb_class": "release"},
    {"source": "d", "type": "quantity", "text": "300 manifestants", "value": 300, "head_class": "protesters", "event": "Grève-2025"},
]
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report() -> Report:
    return draft_report(ENTRIES, story=["Minsk", "Biélorussie"])


def _render(fmt: str, report: Report, **options) -> str:
    texts = corpus_texts(build_corpus(ENTRIES, None, ["Minsk", "Biélorussie"])[1])
    options.setdefault("width", 120)
    options.setdefault("color", False)
    return base.get(fmt).render(report, base.RenderOptions(texts=texts, paths={s: f"{s}.txt" for s in texts}, **options))


def _labels(report: Report) -> dict[str, DraftLabel]:
    assert report.draft is not None
    return {c.passage.text: c.label for c in report.draft.claims}


def test_reports_draft_fixture_has_every_label(report):
    labels = _labels(report)
    assert labels["une vingtaine de pays"] is DraftLabel.contradicted
    assert labels["52 prisonniers"] is DraftLabel.supported
    assert labels["300 manifestants"] is DraftLabel.not_found


def test_reports_draft_json_carries_the_review_and_validates(report):
    data = json.loads(_render("json", report))
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    labels = {c["passage"]["text"]: c["label"] for c in data["draft"]["claims"]}
    assert labels == {text: label.value for text, label in _labels(report).items()}
    assert data["draft"]["against"] == ["b"]


def test_reports_draft_rich_lists_every_claim_with_its_label_and_source_passage(report):
    out = _render("rich", report)
    section = out[out.index("Claims of the draft d") :]
    counts = report.draft.counts
    assert (
        f"d against 1 source: supported {counts['supported']} · contradicted {counts['contradicted']}"
        f" · not found {counts['not_found']}"
    ) in out
    for number, claim in enumerate(report.draft.claims, start=1):
        assert re.search(rf"(?m)^\s*{number}\s+{claim.label.value.replace('_', ' ')}\s", section), number
    assert "17 pays" in section and "52 détenus" in section
    narrow = _render("rich", report, width=60)
    assert "Claims of the draft d" in narrow and max(len(line) for line in narrow.splitlines()) <= 60
    assert "Claims of the draft" not in _render("rich", report, quiet=True)


def test_reports_draft_markdown_has_a_row_per_claim(report):
    out = _render("markdown", report)
    section = out[out.index("## Draft against its sources") : out.index("## Findings")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == len(report.draft.claims)
    assert any("contradicted (warning)" in row and "17 pays" in row for row in rows)
    assert any("not found" in row and "300 manifestants" in row for row in rows)


def test_reports_draft_html_links_each_claim_to_its_findings(report):
    out = _render("html", report)
    assert '<section id="draft">' in out and '<a href="#draft">Draft</a>' in out
    assert out.count('<li class="draft-claim ') == len(report.draft.claims)
    assert out.count('class="draft-claim contradicted"') == 1
    number = 1 + [f.fingerprint for f in report.findings].index(report.draft.claims[0].findings[0])
    assert f'<a href="#f{number}">finding {number}</a>' in out


def test_reports_draft_junit_has_one_case_per_claim_failing_on_contradictions(report):
    root = ET.fromstring(_render("junit", report, fail_on="warning"))
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "claimdiff.draft"
    cases = suite.findall("testcase")
    assert len(cases) == len(report.draft.claims)
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases) == 1
    assert int(suite.get("skipped")) == sum(c.find("skipped") is not None for c in cases) == report.draft.counts["not_found"]
    relaxed = ET.fromstring(_render("junit", report, fail_on="error"))
    assert relaxed.get("failures") == "0"


def test_reports_draft_github_annotates_the_contradicted_claims_on_the_draft(report):
    lines = _render("github", report).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=d.txt,line=1,") and "17 pays" in lines[0]


def test_reports_draft_sarif_results_are_the_contradicted_claims(report):
    schema = json.loads((REPO / "tests" / "fixtures" / "reports" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(_render("sarif", report))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run = log["runs"][0]
    [result] = run["results"]
    assert result["ruleId"] == "CD201" and result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "d.txt"
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "une vingtaine de pays"
    assert [r["physicalLocation"]["region"]["snippet"]["text"] for r in result["relatedLocations"]] == ["17 pays"]
    assert run["properties"]["draft"]["counts"] == report.draft.counts


@pytest.mark.parametrize("fmt", base.available())
def test_reports_draft_every_format_is_deterministic(report, fmt):
    assert _render(fmt, report) == _render(fmt, report)
