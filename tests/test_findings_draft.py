"""A draft read against its sources (findings/draft.py): the rules' findings, read from the draft's side.

Corpora are built claim by claim (tests/rule_cases.py) and go through the real alignment and
rules; only extraction is skipped. The draft is source `d`.
"""

from __future__ import annotations

from typing import Any

import pytest

from claimdiff.alignment.align import align
from claimdiff.findings import draft as drafts
from claimdiff.findings import select
from claimdiff.findings.models import DraftClaim, DraftLabel, Kind, Report, Severity, Status, Summary
from claimdiff.rules import engine

from rule_cases import build_corpus

DRAFT = "d"


def draft_report(entries: list[dict[str, Any]], **corpus: Any) -> Report:
    """The report of `check d --against ...` on the corpus of `entries`: the findings citing the
    draft, and the draft's review."""
    sources, extracted = build_corpus(entries, corpus.get("published"), corpus.get("story"))
    alignment = align(sources, extracted)
    findings = engine.run(alignment, [rule() for rule in engine.all_rules()])
    cited = [f for f in findings if select.cites(f, {DRAFT})]
    report = Report(
        tool_version="test",
        sources=sources,
        findings=cited,
        summary=Summary(sources=len(sources), claims=sum(len(e.claims) for e in extracted), **Summary.counts(cited)),
    )
    claims = next(e.claims for e in extracted if e.source == DRAFT)
    return drafts.review(report, DRAFT, claims, alignment.entities)


def claim_at(report: Report, text: str, kind: Kind | None = None) -> DraftClaim:
    assert report.draft is not None
    found = [c for c in report.draft.claims if c.passage.text == text and (kind is None or c.kind is kind)]
    assert len(found) == 1, [(c.passage.text, c.kind.value) for c in report.draft.claims]
    return found[0]


def _texts(passages) -> list[tuple[str, str]]:
    return [(ev.source, ev.text) for ev in passages]


COUNTRIES = {"head_class": "countries", "verb_class": "attend", "event": "Vostok-2022"}


def test_draft_figure_excluded_by_one_source_is_contradicted_by_it_and_supported_by_the_other():
    report = draft_report(
        [
            {"source": "d", "type": "quantity", "text": "une vingtaine de pays", "value": 20, "qualifier": "approximate", **COUNTRIES},
            {"source": "b", "type": "quantity", "text": "20 pays", "value": 20, **COUNTRIES},
            {"source": "c", "type": "quantity", "text": "17 pays", "value": 17, **COUNTRIES},
        ]
    )
    claim = claim_at(report, "une vingtaine de pays")
    assert claim.label is DraftLabel.contradicted and claim.severity is Severity.warning
    assert _texts(claim.contradicted_by) == [("c", "17 pays")]
    assert _texts(claim.supported_by) == [("b", "20 pays")]
    assert (claim.kind, claim.rule, claim.passage.value) == (Kind.quantity, "CD201", "~20")
    assert claim.findings == [report.findings[0].fingerprint]
    assert select.fails(report, "warning") and not select.fails(report, "error")


def test_draft_figure_between_two_clashing_sources_is_supported_and_does_not_fail():
    report = draft_report(
        [
            {"source": "d", "type": "quantity", "text": "entre 10 et 20 blessés", "value": 15, "low": 10, "high": 20,
             "head_class": "wounded", "event": "Marathon-2024"},
            {"source": "b", "type": "quantity", "text": "12 blessés", "value": 12, "head_class": "wounded", "event": "Marathon-2024"},
            {"source": "c", "type": "quantity", "text": "19 blessés", "value": 19, "head_class": "wounded", "event": "Marathon-2024"},
        ]
    )
    # The sources contradict each other...
    assert [f.status for f in report.findings if f.kind is Kind.quantity] == [Status.conflict]
    claim = claim_at(report, "entre 10 et 20 blessés")
    assert claim.label is DraftLabel.supported  # ...not the draft, which fits both
    assert _texts(claim.supported_by) == [("b", "12 blessés"), ("c", "19 blessés")]
    assert claim.contradicted_by == [] and claim.severity is Severity.info
    assert not select.fails(report, "info")


def test_draft_name_spelt_otherwise_is_contradicted_and_spelt_alike_supported():
    report = draft_report(
        [
            {"source": "d", "type": "person", "text": "Bryan Shoupe"},
            {"source": "b", "type": "person", "text": "Bryan Shoup"},
            {"source": "c", "type": "person", "text": "Bryan Shoupe"},
        ],
        story=["Minsk", "Biélorussie"],
    )
    claim = claim_at(report, "Bryan Shoupe", Kind.name)
    assert claim.label is DraftLabel.contradicted and claim.rule == "CD101"
    assert _texts(claim.contradicted_by) == [("b", "Bryan Shoup")]
    assert _texts(claim.supported_by) == [("c", "Bryan Shoupe")]


def test_draft_that_contradicts_itself_is_contradicted_by_its_own_passage():
    meeting = {"head": "rencontrer", "verb_class": "meeting", "people": ["Olaf Scholz", "Joe Biden"]}
    report = draft_report(
        [
            {"source": "d", "type": "date", "text": "ce jeudi 8 février", "start": "2024-02-08", **meeting},
            {"source": "d", "type": "date", "text": "le 9 mars", "start": "2024-03-09", **meeting},
            {"source": "b", "type": "date", "text": "le 8 février", "start": "2024-02-08", **meeting},
        ]
    )
    march = claim_at(report, "le 9 mars")
    assert march.label is DraftLabel.contradicted
    assert sorted(_texts(march.contradicted_by)) == [("b", "le 8 février"), ("d", "ce jeudi 8 février")]
    february = claim_at(report, "ce jeudi 8 février")
    assert february.label is DraftLabel.contradicted
    assert _texts(february.contradicted_by) == [("d", "le 9 mars")]
    assert _texts(february.supported_by) == [("b", "le 8 février")]  # the draft's own passage never supports it


def test_draft_discrepancy_about_its_passage_alone_contradicts_it_without_a_passage():
    report = draft_report(
        [
            {"source": "d", "type": "date", "text": "mercredi 12 septembre 2025", "start": "2025-09-12", "head": "débuter",
             "verb_class": "start", "weekday_mismatch": True, "event": "Vostok-2025"},
            {"source": "b", "type": "date", "text": "le 12 septembre", "start": "2025-09-12", "head": "débuter",
             "verb_class": "start", "event": "Vostok-2025"},
        ]
    )
    claim = claim_at(report, "mercredi 12 septembre 2025")
    assert claim.label is DraftLabel.contradicted and claim.rule == "CD302"
    assert claim.contradicted_by == []
    assert _texts(claim.supported_by) == [("b", "le 12 septembre")]
    assert len(claim.findings) == 2


def test_draft_claim_no_source_states_is_not_found():
    report = draft_report(
        [
            {"source": "d", "type": "quantity", "text": "300 manifestants", "value": 300, "head_class": "protesters", "event": "Grève-2025"},
            {"source": "b", "type": "quantity", "text": "52 prisonniers", "value": 52, "head_class": "prisoners", "verb_class": "release"},
        ]
    )
    claim = claim_at(report, "300 manifestants")
    assert (claim.label, claim.kind, claim.subject, claim.rule) == (DraftLabel.not_found, Kind.quantity, None, None)
    assert claim.passage.source == DRAFT and claim.passage.value is None
    assert claim.passage.sentence is not None and "300 manifestants" in claim.passage.sentence
    assert report.draft is not None and report.draft.against == ["b"]
    # Nothing of the draft is in the other source: its event's name is not found either.
    assert report.draft.counts == {"supported": 0, "contradicted": 0, "not_found": len(report.draft.claims)}
    assert {c.kind for c in report.draft.claims} == {Kind.quantity, Kind.name}


def test_draft_mentions_of_one_person_are_one_claim_and_a_title_another():
    report = draft_report(
        [
            {"source": "d", "type": "person", "text": "Viktor Khrenine", "title": "ministre"},
            {"source": "d", "type": "person", "text": "Viktor Khrenine"},
            {"source": "b", "type": "person", "text": "Viktor Khrenine", "title": "ministre"},
            {"source": "d", "type": "entity", "text": "Biélorussie", "entity_type": "country", "key": "BY"},
        ],
        story=["Minsk"],
    )
    assert report.draft is not None
    kinds = [(c.kind, c.passage.text, c.label) for c in report.draft.claims if c.passage.source == DRAFT]
    assert (Kind.name, "Viktor Khrenine", DraftLabel.supported) in kinds
    assert (Kind.role, "Viktor Khrenine", DraftLabel.supported) in kinds
    assert [text for k, text, _ in kinds if k is Kind.name].count("Viktor Khrenine") == 1  # two mentions, one name
    # A country is named, not claimed.
    assert all(c.passage.text != "Biélorussie" for c in report.draft.claims)


def test_draft_claims_are_in_the_order_of_the_text_and_counted():
    report = draft_report(
        [
            {"source": "d", "type": "quantity", "text": "52 prisonniers", "value": 52, "head_class": "prisoners", "verb_class": "release"},
            {"source": "d", "type": "quantity", "text": "300 manifestants", "value": 300, "head_class": "protesters", "event": "Grève-2025"},
            {"source": "b", "type": "quantity", "text": "52 détenus", "value": 52, "head_class": "prisoners", "verb_class": "release"},
        ],
        story=["Minsk", "Biélorussie"],
    )
    assert report.draft is not None
    starts = [c.passage.start for c in report.draft.claims]
    assert starts == sorted(starts)
    labels = {c.passage.text: c.label for c in report.draft.claims}
    assert labels["52 prisonniers"] is DraftLabel.supported and labels["300 manifestants"] is DraftLabel.not_found
    assert report.draft.counts == {label.value: list(labels.values()).count(label) for label in DraftLabel}


@pytest.mark.parametrize(
    ("severity", "threshold", "fails"),
    [("warning", "warning", True), ("info", "warning", False), ("error", "warning", True), ("warning", "never", False)],
)
def test_draft_claim_fails_when_contradicted_at_or_above_the_threshold(severity, threshold, fails):
    report = draft_report(
        [
            {"source": "d", "type": "quantity", "text": "une vingtaine de pays", "value": 20, "qualifier": "approximate", **COUNTRIES},
            {"source": "b", "type": "quantity", "text": "17 pays", "value": 17, **COUNTRIES},
        ]
    )
    claim = claim_at(report, "une vingtaine de pays").model_copy(update={"severity": Severity(severity)})
    assert claim.fails_at(threshold) is fails
    assert not claim.model_copy(update={"label": DraftLabel.supported}).fails_at("info")
