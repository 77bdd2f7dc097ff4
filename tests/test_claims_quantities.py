"""Tests of the quantity extractor: YAML cases per language, provenance, context, lexicon extension, seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import re

import pytest
import yaml

from claimdiff.base import lexicon
from claimdiff.base.errors import ConfigError
from claimdiff.claims.extract import extract_article
from claimdiff.claims.models import QuantityClaim
from claimdiff.corpus.models import Article, Source
from claimdiff.corpus.reader import read_corpus

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests/fixtures/extractors/quantities.yml").read_text(encoding="utf-8"))["cases"]
GOLD = yaml.safe_load((ROOT / "seeds/gold.yaml").read_text(encoding="utf-8"))

_NUMERIC = ("value", "low", "high")
_ENUMS = ("qualifier", "temporal", "dimension")
_FRAME = ("head", "head_class", "head_event", "verb", "verb_class", "anchor", "nationality", "part", "cumulative", "place", "when", "modifiers", "context")

pytestmark = pytest.mark.slow  # every case is parsed by the language's spaCy pipeline


def _article(text: str, source_id: str = "case", body_start: int = 0, language: str = "fr") -> Article:
    source = Source(id=source_id, path=f"{source_id}.txt", body_start=body_start, language=language)
    return Article(source=source, text=text)


def _extract(text: str, **kwargs: Any) -> list[QuantityClaim]:
    return [c for c in extract_article(_article(text, **kwargs)).claims if isinstance(c, QuantityClaim)]


def _check(expected: dict[str, Any], claim: QuantityClaim) -> None:
    for field, want in expected.items():
        if field == "span":
            got: Any = claim.span.text
        elif field in _ENUMS:
            got = getattr(claim, field).value
        elif field in _FRAME:
            got = getattr(claim.frame, field)
            got = list(got) if isinstance(got, tuple) else got
        else:
            got = getattr(claim, field)
        if field in _NUMERIC and want is not None:
            assert got == pytest.approx(want), f"{field} of {claim.span.text!r}"
        else:
            assert got == want, f"{field} of {claim.span.text!r}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_claims_quantities_case(case: dict[str, Any]) -> None:
    claims = _extract(case["text"], language=case.get("language", "fr"))
    expected = case["claims"]
    assert len(claims) == len(expected), f"extracted {[c.span.text for c in claims]}"
    for want, claim in zip(expected, claims):
        _check(want, claim)


def test_claims_quantities_fixture_has_enough_cases() -> None:
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["claims"]) >= 5
    assert sum(1 for c in CASES if c.get("language") == "en") >= 15


@pytest.mark.parametrize(
    "text",
    [
        "Des\u00ad représentants de 17\u00a0pays ont assisté aux exercices.",
        "Selon l\u2019armée, plus de 100\u202f000 mili\u00adtaires ont pris part aux manœuvres.",
        "\ufeffAu moins deux officiers am\u200béricains ont assisté aux manœuvres.",
    ],
)
def test_claims_quantities_spans_index_the_original_text(text: str) -> None:
    claims = _extract(text)
    assert claims
    for claim in claims:
        assert claim.span.text == text[claim.span.start : claim.span.end]
        assert claim.sentence.text == text[claim.sentence.start : claim.sentence.end]
        assert claim.source == "case"


def test_claims_quantities_soft_hyphen_inside_figure_keeps_the_value() -> None:
    claims = _extract("Selon l'armée, 100\u00a0000 mili\u00adtaires ont pris part aux manœuvres.")
    assert [(c.value, c.frame.head) for c in claims] == [(100000, "militaire")]


def test_claims_quantities_skip_the_header() -> None:
    header = "date 2025-09-15 titre: 300 soldats\n"
    text = header + "Au total, 52 prisonniers ont été libérés."
    claims = _extract(text, body_start=len(header))
    assert [c.span.text for c in claims] == ["52 prisonniers"]
    assert claims[0].span.start == text.index("52 prisonniers")


def test_claims_quantities_ignore_numbers_inside_named_events() -> None:
    assert [c.span.text for c in _extract("Les manœuvres Zapad 2025 ont réuni 17 pays.")] == ["17 pays"]


def test_claims_quantities_elided_noun_needs_an_earlier_noun_in_the_sentence() -> None:
    assert _extract("Ils étaient 300 au départ. Contre 52 hier.") == []


def test_claims_quantities_claim_ids_are_unique_and_ordered() -> None:
    claims = _extract("Trois civils et deux soldats ont été tués ; 14 blessés et 2 disparus.")
    assert [c.span.text for c in claims] == ["Trois civils", "deux soldats", "14 blessés", "2 disparus"]
    assert len({c.id for c in claims}) == len(claims)
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)


@pytest.fixture
def user_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user lexicon directory for French; the vocabulary caches are rebuilt around the test."""
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    (tmp_path / "fr").mkdir()
    yield tmp_path / "fr"
    monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH")
    lexicon.load.cache_clear()


def test_claims_quantities_user_lexicon_adds_nouns_and_collectives(user_lexicon: Path) -> None:
    (user_lexicon / "nouns.yaml").write_text("nouns:\n  brancardier: {class: medics}\n", encoding="utf-8")
    (user_lexicon / "numbers.yaml").write_text("collectives: {huitaine: 8}\n", encoding="utf-8")
    claims = _extract("Une huitaine de brancardiers et 12 brancardiers sont arrivés.")
    assert [(c.span.text, c.value, c.qualifier.value, c.frame.head_class) for c in claims] == [
        ("Une huitaine de brancardiers", 8, "approximate", "medics"),
        ("12 brancardiers", 12, "exact", "medics"),
    ]


@pytest.mark.parametrize(
    "name,content",
    [
        ("numbers", "collectives: [huitaine]\n"),
        ("numbers", "anaphora_max: beaucoup\n"),
        ("units", "units:\n  furlong: {unit: furlong}\n"),
    ],
)
def test_claims_quantities_malformed_user_lexicon_is_a_config_error(user_lexicon: Path, name: str, content: str) -> None:
    (user_lexicon / f"{name}.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.yaml"):
        _extract("Deux soldats.")


def test_claims_quantities_intervals_follow_the_qualifier() -> None:
    claims = {c.span.text: c for c in _extract(
        "Plus de 100 soldats, moins de 20 blessés, environ 30 morts et une centaine de civils."
    )}
    assert claims["Plus de 100 soldats"].interval() == (100, float("inf"))
    assert claims["moins de 20 blessés"].interval() == (float("-inf"), 20)
    assert claims["environ 30 morts"].interval(0.1) == pytest.approx((27, 33))
    assert claims["une centaine de civils"].interval(0.2) == pytest.approx((80, 120))


# ---- seeds: every gold quantity evidence is covered by a claim -----------------------

def _gold_quantity_evidence() -> list[tuple[str, str, str]]:
    found = []
    for item in GOLD["items"]:
        if item["kind"] == "quantity":
            for ev in item["evidence"]:
                found.append((item["id"], ev["source"], ev["text"]))
    return found


def _covers(claims: list[QuantityClaim], text: str, gold: str) -> bool:
    """A claim's span overlaps an occurrence of `gold` (the scoring rule of the gold README)."""
    for m in re.finditer(re.escape(gold), text):
        if any(c.span.start < m.end() and m.start() < c.span.end for c in claims):
            return True
    return False


@pytest.mark.parametrize("item_id,source,gold", _gold_quantity_evidence())
def test_claims_quantities_cover_gold_seed_evidence_in_pipeline(item_id: str, source: str, gold: str) -> None:
    articles, _ = read_corpus([str(ROOT / "seeds" / f"{source}.txt")])
    claims = [c for c in extract_article(articles[0]).claims if isinstance(c, QuantityClaim)]
    assert _covers(claims, articles[0].text, gold), f"{item_id}: no quantity claim over {gold!r}"
