"""The sets extractor: enumerations, partial markers, stated counts, qualifiers, relations."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.claims import places, sets
from claimdiff.claims.models import SetClaim
from places_sets_cases import gold_items, load_cases, make_doc, occurrences, seed_docs


def _extract(
    text: str, people: tuple[str, ...] | list[str] = (), parse: bool = False, language: str = "fr"
) -> list[SetClaim]:
    doc = make_doc(text, people, parse=parse, language=language)
    list(places.extract(doc))
    return list(sets.extract(doc))


def _view(claim: SetClaim) -> dict[str, Any]:
    return {
        "text": claim.span.text,
        "members": [m.key for m in claim.members],
        "exhaustive": claim.exhaustive,
        "stated_count": claim.stated_count,
        "count_text": claim.count_span.text if claim.count_span else None,
        "relation": claim.relation,
        "qualifier": claim.qualifier,
        "hedged": claim.hedged,
        "attribution": claim.attribution,
    }


@pytest.mark.parametrize("case", load_cases("sets"))
def test_sets_fixture_case(case: dict[str, Any]) -> None:
    claims = _extract(case["text"], case.get("people", ()), parse=bool(case.get("slow")), language=case.get("language", "fr"))
    for c in claims:
        assert case["text"][c.span.start : c.span.end] == c.span.text
        assert all(case["text"][m.span.start : m.span.end] == m.span.text for m in c.members)
    got = [_view(c) for c in claims]
    assert len(got) == len(case["claims"]), got
    for view, expected in zip(got, case["claims"], strict=True):
        assert {f: view[f] for f in expected} == expected


def test_sets_member_spans_are_the_entity_spans() -> None:
    text = "Les États-Unis, la Hongrie et la Turquie ont envoyé des observateurs."
    (claim,) = _extract(text)
    assert [m.span.text for m in claim.members] == ["États-Unis", "Hongrie", "Turquie"]
    assert [m.name for m in claim.members] == ["États-Unis", "Hongrie", "Turquie"]
    assert claim.span.text == "Les États-Unis, la Hongrie et la Turquie"


def test_sets_duplicate_members_are_listed_once() -> None:
    (claim,) = _extract("La Russie, la Chine et la Fédération de Russie ont voté contre.")
    assert [m.key for m in claim.members] == ["RU", "CN"]


def test_sets_offsets_survive_deleted_characters() -> None:
    text = "La Po\u00adlogne, la Litu\u200banie et la Lettonie ont protesté."
    (claim,) = _extract(text)
    assert claim.span.text == text[claim.span.start : claim.span.end] == "La Po\u00adlogne, la Litu\u200banie et la Lettonie"
    assert [m.key for m in claim.members] == ["PL", "LT", "LV"]


def _seed_sets() -> tuple[dict[str, list[SetClaim]], dict[str, str]]:
    docs = seed_docs()
    found = {}
    for source, doc in docs.items():
        list(places.extract(doc))
        found[source] = list(sets.extract(doc))
    return found, {s: d.article.text for s, d in docs.items()}


def test_sets_seed_gold_evidence_is_covered() -> None:
    """Every gold `set` evidence is covered by a set claim of its source, with the gold's members."""
    found, texts = _seed_sets()
    items = gold_items("set")
    assert items
    for item in items:
        for evidence in item["evidence"]:
            spans = occurrences(texts[evidence["source"]], evidence["text"])
            assert spans, evidence
            covering = [c for c in found[evidence["source"]] if any(c.span.start < e and s < c.span.end for s, e in spans)]
            assert covering, f"{item['id']}: {evidence['text']!r} in {evidence['source']}"
            # The claim covers the whole enumeration, not a piece of it.
            assert any(c.span.text == evidence["text"].strip() for c in covering) or any(
                s >= c.span.start and e <= c.span.end for c in covering for s, e in spans
            )


_FRAGMENTS = [
    "la Pologne", "les États-Unis", "du Mali", "de l'Iran", "Minsk", " et ", ", ", " ou ", "dont ", "tels que ",
    "parmi lesquels trois membres de l'Otan : ", "deux pays, ", "membres de l'OTAN", " - ", ", etc.", "russe",
    "biélorusse", " mais également ", "\u00ad", "\u200b", "\n\n", "entre ", "au Bélarus", " en Russie", ".",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=10)), max_size=25).map("".join))
def test_sets_any_text_gives_exact_spans(text: str) -> None:
    for claim in _extract(text):
        assert text[claim.span.start : claim.span.end] == claim.span.text
        assert len(claim.keys) >= 2
        assert all(claim.span.start <= m.span.start and m.span.end <= claim.span.end for m in claim.members)
        if claim.count_span is not None:
            assert text[claim.count_span.start : claim.count_span.end] == claim.count_span.text
