"""Every rule's YAML cases (tests/fixtures/rules/<CODE>.yml): claims in, findings out.

A case lists `claims` (see tests/rule_cases.py for the notation), optional `published`
dates per source, `story` (places every source mentions), `languages` per source (French
otherwise) and `options` for the rule, and the expected `findings` of that rule:
each with `status`, `severity`, the `sources` its evidence comes from and, optionally,
`evidence` (exact passages), `message_contains` and `clashes` (the pairs of values that
exclude each other). `findings: []` means the rule must stay silent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff.alignment.align import align
from claimdiff.claims.models import DateClaim, Span
from claimdiff.rules.dates import _weekday_tells_which
from claimdiff.rules.engine import all_rules, find_rule

from rule_cases import build_corpus

CASES_DIR = Path(__file__).parent / "fixtures" / "rules"


def _cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rules_case(code: str, case: dict) -> None:
    sources, extracted = build_corpus(case["claims"], case.get("published"), case.get("story"), case.get("languages"))
    alignment = align(sources, extracted, aliases=None)
    rule = find_rule(code)(**case.get("options", {}))
    found = list(rule.check(alignment))
    expected = case["findings"]
    assert len(found) == len(expected), [f.message for f in found]
    for finding, want in zip(sorted(found, key=lambda f: f.message), sorted(expected, key=lambda w: w.get("message_contains", ""))):
        assert finding.status.value == want["status"], finding.message
        assert finding.severity.value == want["severity"], finding.message
        assert sorted({e.source for e in finding.evidence}) == sorted(want["sources"])
        if "evidence" in want:
            assert sorted(e.text for e in finding.evidence) == sorted(want["evidence"])
        if "message_contains" in want:
            assert want["message_contains"] in finding.message
        if "clashes" in want:
            assert finding.clashes == sorted(tuple(sorted(pair)) for pair in want["clashes"]), finding.message
        assert finding.rule == code


def test_rules_every_rule_has_cases_and_documentation() -> None:
    files = {p.stem for p in CASES_DIR.glob("*.yml")}
    for rule in all_rules():
        assert rule.code in files, f"{rule.code} has no YAML cases"
        doc = rule.documentation()
        assert "Example" in doc and len(doc.splitlines()) >= 4, f"{rule.code} docstring lacks an example"


@pytest.mark.parametrize(
    ("first", "second", "tells"),
    [
        ({"weekday": 3}, {"weekday": 3, "weekday_mismatch": True}, True),  # "jeudi 11" / "jeudi 12 décembre" 2025
        ({"weekday": 3}, {"weekday": 3}, False),  # both fit: two Thursdays a week apart
        ({"weekday": 3}, {"weekday": 4, "weekday_mismatch": True}, False),  # two weekdays: no sign which is right
        ({}, {"weekday": 3, "weekday_mismatch": True}, False),
    ],
)
def test_rules_dates_a_shared_weekday_tells_which_day_is_a_slip(first: dict[str, Any], second: dict[str, Any], tells: bool) -> None:
    def date(fields: dict[str, Any]) -> DateClaim:
        span = Span(source="s", start=0, end=5, text="x" * 5)
        return DateClaim(source="s", span=span, sentence=span, start=None, end=None, **fields)

    assert _weekday_tells_which(date(first), date(second)) is tells
    assert _weekday_tells_which(date(second), date(first)) is tells
