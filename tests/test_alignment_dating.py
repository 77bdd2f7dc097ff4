"""Dates of undated articles placed from their story (alignment/dating.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimdiff.alignment.dating import resolve_relative, story_spans
from claimdiff.claims.models import ArticleClaims, DateClaim, Span


def _date(source: str, at: int, **fields: Any) -> DateClaim:
    span = Span(source=source, start=at, end=at + 5, text="x" * 5)
    sentence = Span(source=source, start=at, end=at + 40, text="x" * 40)
    return DateClaim(source=source, span=span, sentence=sentence, **{"start": None, "end": None, "precision": "unknown", **fields})


def _placed(undated: DateClaim, published: dt.date | None) -> DateClaim | None:
    """`undated`, of an undated article "b", placed in a story whose other article "a" is `published`."""
    articles = [ArticleClaims(source="a", claims=[]), ArticleClaims(source="b", claims=[undated])]
    dates = {"a": published, "b": None}
    story = {"a": "s", "b": "s"}
    placed = resolve_relative(articles, dates, story, story_spans(articles, dates, story))
    found = placed.get(id(undated))
    return found if isinstance(found, DateClaim) else None


@pytest.mark.parametrize(
    ("fields", "start", "end", "precision"),
    [
        ({"year_shift": 0, "year_months": (10, 12)}, dt.date(2008, 10, 1), dt.date(2008, 12, 31), "month"),  # "la fin de l'année"
        ({"year_shift": -1}, dt.date(2007, 1, 1), dt.date(2007, 12, 31), "year"),  # "l'an dernier"
        ({"month": 7, "month_days": (21, 31)}, dt.date(2008, 7, 21), dt.date(2008, 7, 31), "days"),  # "fin juillet"
    ],
)
def test_dating_places_a_year_named_from_the_publication_in_the_story_year(
    fields: dict[str, Any], start: dt.date, end: dt.date, precision: str
) -> None:
    placed = _placed(_date("b", 0, **fields), dt.date(2008, 10, 22))
    assert placed is not None
    assert (placed.start, placed.end, placed.precision, placed.relative) == (start, end, precision, True)


def test_dating_leaves_a_year_named_from_the_publication_unplaced_in_a_story_without_dates() -> None:
    # No year to count from: a nominal year would make "this year" of every story one year.
    assert _placed(_date("b", 0, year_shift=0), None) is None
