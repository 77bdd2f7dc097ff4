"""Property tests of the quantity extractor: any text, no exception, exact spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.claims import quantities
from claimdiff.claims.extract import prepare
from claimdiff.claims.models import Qualifier
from claimdiff.corpus.models import Article, Source

# Pieces of French news text around figures, and the noise that scraping leaves.
_PIECES = [
    "plus de ", "au moins ", "environ ", "près d'", "moins de ", "jusqu'à ", "entre ", " et ", " à ",
    " ou ", "de ", "d'", "les ", "des ", "tous ", "une ", "un ", "deux ", "vingt-et-un ", "cent ",
    "mille ", "millions ", "milliards ", "vingtaine ", "centaines ", "milliers ", "quelques ", "soldats",
    " militaires", " pays", " prisonniers", " américains", " ans", " heures", " fois", " %", "€",
    " euros", "âgé de ", "le ", "septembre", "mardi ", "article ", "Zapad-", "Covid-", "G", "h",
    "1er", "e ", ". ", ", ", " (", ") ", " — ", "\n", "\n\n", "  ", "'", "’", "\u00a0", "\u202f",
    "\u00ad", "\u200b", "\ufeff", "«", "»", "-", ":", ";", "…", "1", "2", "3", "0", "52", "100",
    "000", " 000", "2022", "13", ",5", ".500", "Selon Minsk, ", "auraient ", "initialement ",
]
_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40).map("".join)


def _article(text: str, body_start: int) -> Article:
    return Article(source=Source(id="prop", path="prop.txt", body_start=body_start), text=text)


@settings(max_examples=300, deadline=None)
@given(text=_texts, header=st.integers(min_value=0, max_value=12))
def test_claims_quantities_properties_spans_are_exact(text: str, header: int) -> None:
    article = _article(text, min(header, len(text)))
    for claim in quantities.extract(prepare(article)):
        assert claim.span.text == text[claim.span.start : claim.span.end]
        assert claim.sentence.text == text[claim.sentence.start : claim.sentence.end]
        assert claim.span.start >= article.source.body_start
        assert claim.span.text.strip() == claim.span.text
        low, high = claim.interval()
        assert low <= high
        if claim.qualifier is Qualifier.lower_bound:
            assert claim.high is None
        if claim.qualifier is Qualifier.upper_bound:
            assert claim.low is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_claims_quantities_properties_any_unicode_text(text: str) -> None:
    for claim in quantities.extract(prepare(_article(text, 0))):
        assert claim.span.text == text[claim.span.start : claim.span.end]


@settings(max_examples=100, deadline=None)
@given(text=_texts)
def test_claims_quantities_properties_deterministic(text: str) -> None:
    first = list(quantities.extract(prepare(_article(text, 0))))
    second = list(quantities.extract(prepare(_article(text, 0))))
    assert first == second
    assert [c.span.start for c in first] == sorted(c.span.start for c in first)
