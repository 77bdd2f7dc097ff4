"""Independent sources per finding, and discrepancies between copies of one text (findings/independence.py)."""

from __future__ import annotations

import json

import pytest

from claimdiff.corpus.models import FamilyLink, SourceFamily
from claimdiff.findings import independence
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status


def _finding(status: Status, values: dict[str, list[str]], message: str = "prisoners released: 52") -> Finding:
    evidence = [
        Evidence(source=source, start=0, end=len(value), text=value, value=value)
        for source, vals in values.items()
        for value in vals
    ]
    return Finding(
        kind=Kind.quantity,
        status=status,
        severity=Severity.info if status in (Status.agree, Status.compatible) else Severity.warning,
        rule="CD201",
        rule_name="quantity-mismatch",
        subject="prisoners released",
        message=message,
        values=values,
        evidence=evidence,
        fingerprint="0" * 16,
    )


def _family(family_id: str, *sources: str) -> SourceFamily:
    links = [
        FamilyLink(sources=(a, b), basis="near-duplicate", overlap=0.8, jaccard=0.6)
        for a, b in zip(sources, sources[1:])
    ]
    return SourceFamily(id=family_id, sources=list(sources), reason="copies of one text: 80%", links=links)


AFP_REPRINTS = _family("F1", "local", "citypress", "i24")


def test_independence_agreement_among_reprints_counts_them_once():
    agreement = _finding(Status.agree, {s: ["52"] for s in ("bbc", "citypress", "i24", "local")})
    (out,) = independence.apply([agreement], [AFP_REPRINTS])
    assert out.independent_sources == 2
    assert out.message == "prisoners released: 52 (4 sources, 2 independent)"
    assert out.same_text_edit == []
    assert out.fingerprint == agreement.fingerprint  # what the finding says has not changed


def test_independence_compatible_values_are_an_agreement_too():
    compatible = _finding(Status.compatible, {"local": ["~50"], "i24": ["52"]}, message="prisoners: ~50 vs 52")
    (out,) = independence.apply([compatible], [AFP_REPRINTS])
    assert out.independent_sources == 1
    assert out.message == "prisoners: ~50 vs 52 (2 sources, 1 independent)"


def test_independence_independent_sources_leave_the_message_alone():
    agreement = _finding(Status.agree, {"bbc": ["52"], "nbc": ["52"], "local": ["52"]})
    (out,) = independence.apply([agreement], [AFP_REPRINTS])
    assert out.independent_sources == 3
    assert out.message == agreement.message


def test_independence_without_families_every_source_counts():
    findings = [_finding(Status.agree, {"a": ["52"], "b": ["52"]}), _finding(Status.conflict, {"a": ["52"], "b": ["50"]})]
    out = independence.apply(findings, [])
    assert [f.independent_sources for f in out] == [2, 2]
    assert [f.message for f in out] == [f.message for f in findings]
    assert all(f.same_text_edit == [] for f in out)


def test_independence_discrepancy_between_copies_is_an_edit_of_the_same_text():
    conflict = _finding(Status.conflict, {"local": ["52"], "i24": ["50"]}, message="prisoners released: 52 (local) vs 50 (i24)")
    (out,) = independence.apply([conflict], [AFP_REPRINTS])
    assert out.same_text_edit == ["F1"]
    assert out.independent_sources == 1
    assert out.message == "prisoners released: 52 (local) vs 50 (i24) — an edit of the same text (copies in family F1)"


def test_independence_discrepancy_with_an_outside_source_is_not_an_edit():
    # The copies agree with each other; only the independent source differs.
    conflict = _finding(Status.conflict, {"local": ["52"], "i24": ["52"], "bbc": ["50"]})
    (out,) = independence.apply([conflict], [AFP_REPRINTS])
    assert out.same_text_edit == []
    assert out.independent_sources == 2
    assert out.message == conflict.message


def test_independence_edits_in_two_families():
    other = _family("F2", "sky", "orange")
    variant = _finding(
        Status.variant, {"local": ["Casty"], "i24": ["Casti"], "sky": ["Casty"], "orange": ["Castie"]}, message="m"
    )
    (out,) = independence.apply([variant], [AFP_REPRINTS, other])
    assert out.same_text_edit == ["F1", "F2"]
    assert out.message == "m — an edit of the same text (copies in families F1, F2)"


def test_independence_finding_without_sources_is_unchanged():
    bare = _finding(Status.agree, {}).model_copy(update={"evidence": []})
    assert independence.apply([bare], [AFP_REPRINTS]) == [bare]


def test_independence_report_carries_families(cli, tmp_path, no_extraction):
    """`check --format json` names each family with its sources and why they were grouped."""
    body = (
        "Four men rammed their car into an upmarket jewellery store in central Paris on Monday, smashing the shop "
        "window and making off with a two-million-euro booty, a police source said. The heist near the upscale "
        "Place Vendome is the latest to hit France after a spate of high-profile robberies in the southern resort "
        "of Cannes. They then set fire to the vehicle and escaped in another car."
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(body, encoding="utf-8")
    (corpus / "b.md").write_text("---\nsource: Other\n---\nParis raid\n\n" + body.replace("Monday", "today"), encoding="utf-8")
    (corpus / "c.txt").write_text("Le préfet a annoncé mardi l'envoi de 300 gendarmes à Ajaccio.", encoding="utf-8")
    run = cli("check", "corpus", "--format", "json")
    assert run.code == 0, run.err
    (family,) = json.loads(run.out)["families"]
    assert family["id"] == "F1" and family["sources"] == ["a", "b"]
    assert family["reason"].startswith("copies of one text: ")
    (link,) = family["links"]
    assert link["sources"] == ["a", "b"] and link["basis"] == "near-duplicate" and link["overlap"] >= 0.9


def test_independence_fields_and_families_follow_the_published_schema():
    from pathlib import Path

    import jsonschema

    from claimdiff.findings.models import Report, Summary

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    labelled = independence.apply([_finding(Status.conflict, {"local": ["52"], "i24": ["50"]})], [AFP_REPRINTS])
    report = Report(
        tool_version="0.1.0",
        sources=[],
        findings=labelled,
        families=[AFP_REPRINTS],
        summary=Summary(sources=3, claims=2, findings=1, by_status={"conflict": 1}, by_severity={"warning": 1}),
    )
    data = json.loads(report.model_dump_json())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["families"][0]["links"][0]["sources"] == ["local", "citypress"]
    assert data["findings"][0]["same_text_edit"] == ["F1"] and data["findings"][0]["independent_sources"] == 1
    bad = {**data, "families": [{**data["families"][0], "links": [{"sources": ["a"], "basis": "guess"}]}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


@pytest.mark.slow
def test_independence_of_the_seed_findings(cli):
    """By reading: no two seeds share their wording (000 is a Reuters dispatch, 001 AFP copy,
    002-004 other outlets' own texts), so every finding rests on as many independent sources
    as it has sources, and no message carries a count."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    run = cli("check", seeds, "--format", "json", "--fail-on", "never")
    report = json.loads(run.out)
    assert report["families"] == []
    for finding in report["findings"]:
        sources = set(finding["values"]) | {e["source"] for e in finding["evidence"]}
        assert finding["independent_sources"] == len(sources)
        assert finding["same_text_edit"] == []
        assert "independent)" not in finding["message"]
    prisoners = next(f for f in report["findings"] if f["subject"] == "prisoners (release)")
    assert prisoners["independent_sources"] == 3  # Reuters (000), AFP (001), the 002 analysis
