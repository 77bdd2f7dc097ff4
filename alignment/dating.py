"""Dates at the scale of a story: its time span, relative dates of undated articles, and
whether a figure's date is another occasion than the story's.

An undated article's "vendredi" cannot be placed by its extractor; within a story whose
other articles are dated (or whose dates were inferred from their text), it is the latest
Friday on or before the story's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from claimdiff.claims import calendar as cal
from claimdiff.claims.models import ArticleClaims, Claim, DateClaim


def story_spans(
    extracted: Sequence[ArticleClaims], published: dict[str, dt.date | None], story_of: dict[str, str]
) -> dict[str, tuple[dt.date, dt.date]]:
    """Story id -> (first, last) publication date of its articles, known or inferred."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for article in extracted:
        when = published.get(article.source)
        if when is None:
            continue
        story = story_of.get(article.source, article.source)
        first, last = spans.get(story, (when, when))
        spans[story] = (min(first, when), max(last, when))
    return spans


def resolve_relative(
    extracted: Sequence[ArticleClaims],
    published: dict[str, dt.date | None],
    story_of: dict[str, str],
    spans: dict[str, tuple[dt.date, dt.date]],
) -> dict[int, Claim]:
    """id(claim) -> the claim with its interval, for weekdays of undated articles that their
    story's dates can place."""
    out: dict[int, Claim] = {}
    for article in extracted:
        if published.get(article.source) is not None:
            continue
        span = spans.get(story_of.get(article.source, article.source))
        if span is None:
            continue
        for claim in article.claims:
            if isinstance(claim, DateClaim) and claim.start is None and claim.weekday is not None:
                day = cal.weekday_on_or_before(span[1], claim.weekday)
                out[id(claim)] = claim.model_copy(update={"start": day, "end": day, "precision": "day", "relative": True})
    return out


def other_occasion(when: str | None, span: tuple[dt.date, dt.date] | None, margin_days: int) -> bool:
    """Whether a date written with a figure ("en 2004", "in December 2008") lies outside the
    story's span by more than `margin_days`: the figure is about another occasion."""
    if when is None or span is None:
        return False
    first, last = _interval(when)
    low = span[0] - dt.timedelta(days=margin_days)
    high = span[1] + dt.timedelta(days=margin_days)
    return last < low or first > high


def _interval(when: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return cal.month_interval(parts[0], parts[1])
    day = dt.date(*parts)
    return day, day
