"""SARIF 2.1.0: validated against the official schema (vendored), locations, rules, fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from test_reports_support import SOURCES, TEXTS, ev, finding, make_findings, make_report, render

from claimdiff.corpus.models import Source
from claimdiff.findings.models import Kind, RuleInfo, Severity, Status
from claimdiff.pipeline import rule_infos
from claimdiff.reports import sarif

SCHEMA_PATH = Path(__file__).parent / "fixtures" / "reports" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _log(report=None, rules=None, **options) -> dict:
    report = report or make_report()
    if rules is not None:
        report = report.model_copy(update={"rules": rules})
    return json.loads(render("sarif", report, **options))


_FAKE_RULE = RuleInfo(
    code="CD201",
    name="quantity-mismatch",
    kind=Kind.quantity.value,
    summary="Counts of one thing that exclude each other.",
    documentation="Counts of one thing that exclude each other.\n\nMore text.",
    default_severity=Severity.error,
)


@pytest.fixture(params=["registry", "empty", "fake"])
def rules(request) -> tuple[str, list[RuleInfo]]:
    """The rules a report describes: the registry's (as `check` fills them), none, or a fake one."""
    return request.param, {"registry": rule_infos(), "empty": [], "fake": [_FAKE_RULE]}[request.param]


@pytest.mark.parametrize("with_texts", [True, False])
def test_sarif_validates_against_the_schema(validator, rules, with_texts):
    log = _log(rules=rules[1], **({} if with_texts else {"texts": {}}))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_empty_report_validates(validator):
    log = _log(make_report([]))
    validator.validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_has_one_result_per_discrepancy_with_levels():
    results = _log()["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("CD201", "error"),
        ("CD101", "warning"),
        ("CD102", "note"),
    ]
    assert all(r["properties"]["status"] in ("variant", "conflict") for r in results)


def test_sarif_every_rule_id_has_a_descriptor(rules):
    name, infos = rules
    run = _log(rules=infos)["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    ids = [d["id"] for d in descriptors]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
    assert {r.code for r in infos} <= set(ids)
    if name == "fake":
        cd201 = descriptors[ids.index("CD201")]
        assert cd201["shortDescription"]["text"] == "Counts of one thing that exclude each other."
        assert cd201["defaultConfiguration"]["level"] == "error"
        assert "More text." in cd201["fullDescription"]["text"]


def test_sarif_driver_is_claimdiff():
    run = _log()["runs"][0]
    assert run["tool"]["driver"]["name"] == "claimdiff"
    assert run["columnKind"] == "utf16CodeUnits"
    assert len(_log()["runs"]) == 1


def test_sarif_primary_location_is_the_odd_passage_with_utf16_columns():
    result = _log()["runs"][0]["results"][2]  # role variant: rfi-0313 departs, after a flag emoji
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/rfi-0313.txt"
    e = ev("rfi-0313", "chef d'état-major des armées", None)
    text = TEXTS["rfi-0313"]
    line_start = text.rfind("\n", 0, e.start) + 1
    utf16_col = len(text[line_start : e.start].encode("utf-16-le")) // 2 + 1
    assert loc["region"]["startLine"] == 4
    assert loc["region"]["startColumn"] == utf16_col == e.start - line_start + 1 + 2
    assert loc["region"]["endColumn"] - loc["region"]["startColumn"] == len(e.text)
    assert loc["region"]["snippet"]["text"] == e.text


def test_sarif_related_locations_cover_the_other_passages():
    for result, f in zip(_log()["runs"][0]["results"], make_findings()[:3], strict=True):
        related = result.get("relatedLocations", [])
        assert len(related) == len(f.evidence) - 1
        assert [r["id"] for r in related] == list(range(1, len(related) + 1))
        uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]}
        uris |= {r["physicalLocation"]["artifactLocation"]["uri"] for r in related}
        assert uris == {f"corpus/{e.source}.txt" for e in f.evidence}


def test_sarif_partial_fingerprints():
    results = _log()["runs"][0]["results"]
    expected = [f.fingerprint for f in make_findings()[:3]]
    assert [r["partialFingerprints"]["claimdiff/v1"] for r in results] == expected


def test_sarif_jsonl_article_is_located_by_line():
    sources = [SOURCES[0].model_copy(update={"path": "corpus/all.jsonl", "line": 12}), *SOURCES[1:]]
    report = make_report().model_copy(update={"sources": sources})
    results = _log(report, paths={})["runs"][0]["results"]
    regions = [
        loc["physicalLocation"]
        for r in results
        for loc in [*r["locations"], *r.get("relatedLocations", [])]
        if loc["physicalLocation"]["artifactLocation"]["uri"] == "corpus/all.jsonl"
    ]
    assert regions and all(p["region"]["startLine"] == 12 and "startColumn" not in p["region"] for p in regions)


def test_sarif_without_texts_uses_character_offsets():
    result = _log(texts={})["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    e = make_findings()[0].evidence[0]
    assert region["charOffset"] == e.start and region["charLength"] == e.end - e.start
    assert "startLine" not in region


def test_sarif_paths_with_spaces_are_encoded(validator):
    texts = {"x": "Les secours ont dénombré 7 morts.\n", "y": "Le bilan fait état de 9 morts.\n"}
    f = finding(
        Kind.quantity,
        Status.conflict,
        Severity.error,
        "CD201",
        "quantity-mismatch",
        "morts",
        [ev("x", "7 morts", "7", texts=texts), ev("y", "9 morts", "9", texts=texts)],
    )
    report = make_report([f]).model_copy(
        update={"sources": [Source(id="x", path="mes articles/x.txt"), Source(id="y", path="y.txt")]}
    )
    log = _log(report, texts=texts, paths={})
    validator.validate(log)
    result = log["runs"][0]["results"][0]
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for loc in [*result["locations"], *result["relatedLocations"]]
    ]
    assert sorted(uris) == ["mes%20articles/x.txt", "y.txt"]


@pytest.mark.parametrize(
    "break_it",
    [
        lambda log: log["runs"][0]["results"][0].update(level="fatal"),
        lambda log: log["runs"][0]["results"][0].pop("message"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log: log.update(version="2.0.0"),
    ],
)
def test_sarif_schema_rejects_broken_logs(validator, break_it):
    log = _log()
    break_it(log)
    assert list(validator.iter_errors(log))


def test_sarif_check_report_carries_every_registered_rule(cli, make_corpus, no_extraction):
    from claimdiff.rules.engine import all_rules

    root = make_corpus({"a.txt": "Le gouvernement a présenté son budget mardi devant les députés.\n"})
    result = cli("check", root, "--format", "sarif")
    assert result.code == 0, result.err
    ids = [d["id"] for d in json.loads(result.out)["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == sorted(r.code for r in all_rules())
    # The rules travel in the report object for the formatters, not in the JSON contract.
    assert "rules" not in json.loads(cli("check", root, "--format", "json").out)
