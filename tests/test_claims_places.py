"""The places extractor: countries, capitals, organisations, events and places, resolved to keys."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.base import lexicon
from claimdiff.claims import places
from claimdiff.claims.models import EntityClaim
from claimdiff.base.errors import ConfigError
from places_sets_cases import gold_items, load_cases, make_doc, occurrences, seed_docs

FIELDS = ("key", "entity_type", "form")


@pytest.mark.parametrize("case", load_cases("places"))
def test_places_fixture_case(case: dict[str, Any]) -> None:
    doc = make_doc(case["text"], case.get("people", ()), parse=bool(case.get("slow")), language=case.get("language", "fr"))
    claims = list(places.extract(doc))
    for c in claims:
        assert doc.article.text[c.span.start : c.span.end] == c.span.text
    got = [{"text": c.span.text, "key": c.key, "entity_type": c.entity_type.value, "form": c.form} for c in claims]
    if not case["claims"]:
        assert got == []
    for expected in case["claims"]:
        assert any(all(g[f] == v for f, v in expected.items()) for g in got), f"{expected} not in {got}"
    for text in case.get("absent", ()):
        assert all(g["text"] != text for g in got), f"{text!r} should not be a claim"


def test_places_fixture_has_english_cases() -> None:
    english = [p.values[0] for p in load_cases("places") if p.values[0].get("language") == "en" and "known_gap" not in p.values[0]]
    assert len(english) >= 10
    assert sum(1 for c in english if not c["claims"]) >= 3


def test_places_extract_sets_doc_entities() -> None:
    doc = make_doc("La Pologne et la Lituanie ont convoqué l'ambassadeur russe.")
    claims = list(places.extract(doc))
    assert doc.entities == claims
    assert [c.key for c in claims] == ["PL", "LT", "RU"]


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("américains", "US"),
        ("Américaine", "US"),
        ("bélarusse", "BY"),
        ("BIÉLORUSSES", "BY"),
        ("turque", "TR"),
        ("grecques", "GR"),
        ("lettonnes", "LV"),
        ("lettone", "LV"),
        ("ivoiriennes", "CI"),
        ("burkinabè", "BF"),
        ("nord-coréen", "KP"),
        ("sud-africaines", "ZA"),
        ("congolais", None),
        ("européen", None),
        ("russo-biélorusse", None),
        ("Pologne", None),
    ],
)
def test_places_country_of_demonym(word: str, code: str | None) -> None:
    assert places.country_of_demonym("fr", word) == code


@pytest.mark.parametrize(
    ("word", "codes"),
    [
        ("russo-biélorusse", ["RU", "BY"]),
        ("américano-russes", ["US", "RU"]),
        ("bélarusso-américaine", ["BY", "US"]),
        ("sino-nord-coréen", ["CN", "KP"]),
        ("ukrainien", ["UA"]),
        ("latino-américain", []),
        ("pro-russe", []),
    ],
)
def test_places_countries_of_adjective(word: str, codes: list[str]) -> None:
    assert places.countries_of_adjective("fr", word) == codes


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Biélorussie", "BY"),
        ("Bélarus", "BY"),
        ("belarus", "BY"),
        ("Etats-Unis", "US"),
        ("les États-Unis", "US"),
        ("RDC", "CD"),
        ("Royaume-Uni", "GB"),
        ("Tchéquie", "CZ"),
        ("République tchèque", "CZ"),
        ("Birmanie", "MM"),
        ("Guinée-Bissau", "GW"),
        ("Washington", None),
        ("Georgia", None),
        ("Congo", None),
    ],
)
def test_places_country_of_name(name: str, code: str | None) -> None:
    assert places.country_of_name("fr", name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Washington", "US"),
        ("Kyiv", "UA"),
        ("Kiev", "UA"),
        ("Pékin", "CN"),
        ("le Kremlin", "RU"),
        ("Élysée", "FR"),
        ("Lyon", None),
    ],
)
def test_places_country_of_capital(name: str, code: str | None) -> None:
    assert places.country_of_capital("fr", name) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington", True),
        ("Zapad", True),
        ("Zapad-2025", True),
        ("Vostok 2018", True),
        ("Biélorussie", True),
        ("Otan", True),
        ("Belavia", True),
        ("Anchorage", True),
        ("Maison Blanche", True),
        ("Bryan Shoup", False),
        ("Loukachenko", False),
        ("américain", False),
        ("Euro", False),
        ("Depuis 2022", False),
        ("", False),
    ],
)
def test_places_is_place_name(text: str, expected: bool) -> None:
    assert places.is_place_name("fr", text) is expected


def test_places_user_lexicon_adds_a_country_name(tmp_path, monkeypatch) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "countries.yaml").write_text('countries:\n  BY: {names: [Belarous]}\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        doc = make_doc("Le Belarous a fermé sa frontière.")
        assert [(c.span.text, c.key) for c in places.extract(doc)] == [("Belarous", "BY")]
    finally:
        monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH")
        lexicon.load.cache_clear()


def test_places_non_text_lexicon_value_is_a_config_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "countries.yaml").write_text("countries:\n  BY: {names: [1994]}\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        with pytest.raises(ConfigError, match="expected text, got 1994"):
            list(places.extract(make_doc("La Norvège.")))
    finally:
        monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH")
        lexicon.load.cache_clear()


def _seed_entities() -> dict[str, list[EntityClaim]]:
    return {source: list(places.extract(doc)) for source, doc in seed_docs().items()}


def test_places_seed_gold_names_share_one_key() -> None:
    """Gold `name` items about places: every evidence is an entity claim, all with one key."""
    entities = _seed_entities()
    texts = {source: doc.article.text for source, doc in seed_docs().items()}
    checked = 0
    for item in gold_items("name"):
        if not all(places.is_place_name("fr", e["text"]) for e in item["evidence"]):
            continue  # a person-name item
        keys = set()
        for evidence in item["evidence"]:
            spans = occurrences(texts[evidence["source"]], evidence["text"])
            covering = [c for c in entities[evidence["source"]] if any(c.span.start < e and s < c.span.end for s, e in spans)]
            assert covering, f"{item['id']}: {evidence['text']!r} in {evidence['source']} is not an entity claim"
            keys |= {c.key for c in covering}
        assert len(keys) == 1, f"{item['id']}: keys {sorted(keys)}"
        checked += 1
    assert checked >= 3


_FRAGMENTS = [
    "la Pologne", "les Etats-Unis", "Zapad-2025", " « Zapad » ", "russo-bélarusses", "l'OTAN", "Minsk",
    "Maison blanche", " et ", ", ", "dont ", "parmi lesquels trois membres de l'Otan : ", "\u00ad", "\u200b",
    "’", "\n\n", "2025", "COP", "-", "Guinée", "de l'", "Amérique", "américano-", "Biélo", "russie",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=12)), max_size=25).map("".join))
def test_places_any_text_gives_exact_spans(text: str) -> None:
    doc = make_doc(text)
    for c in places.extract(doc):
        assert text[c.span.start : c.span.end] == c.span.text
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
