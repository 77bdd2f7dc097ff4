"""Dates at the scale of a story: its time span, dates of undated articles, and whether a
figure's date is another occasion than the story's.

An undated article's "vendredi" or "le 17 octobre" cannot be placed by its extractor.
Within a story, the article's own fully written dates, else its story's publication dates
(known or inferred), else the story's fully written dates, give a reference day: a weekday
is then the latest such day on or before it, and a day and month take the year that puts
them nearest before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from claimdiff.claims import calendar as cal
from claimdiff.claims.models import ArticleClaims, Claim, DateClaim

#: Where dates of a story that gives no year are placed: a leap year, so that any day and
#: month exists, and its last day, so that weekdays fall in its last week. Such dates are
#: compared only with each other, by day and month or by weekday.
NOMINAL_REFERENCE = dt.date(2000, 12, 31)
#: How far after the reference day a day and month may still fall ("le 25 août" planned).
_AHEAD_DAYS = 120


def story_spans(
    extracted: Sequence[ArticleClaims], published: dict[str, dt.date | None], story_of: dict[str, str]
) -> dict[str, tuple[dt.date, dt.date]]:
    """Story id -> (first, last) day of the story: its publication dates, known or inferred,
    else the days its articles write in full (day, month and year)."""
    dated: dict[str, list[dt.date]] = {}
    written: dict[str, list[dt.date]] = {}
    for article in extracted:
        story = story_of.get(article.source, article.source)
        when = published.get(article.source)
        if when is not None:
            dated.setdefault(story, []).append(when)
        written.setdefault(story, []).extend(_written_days(article))
    spans = {}
    for story in set(dated) | set(written):
        days = dated.get(story) or written.get(story)
        if days:
            spans[story] = (min(days), max(days))
    return spans


def _written_days(article: ArticleClaims) -> list[dt.date]:
    return [
        c.start
        for c in article.claims
        if isinstance(c, DateClaim) and c.start is not None and c.start == c.end and c.year is not None and c.day is not None
    ]


def resolve_relative(
    extracted: Sequence[ArticleClaims],
    published: dict[str, dt.date | None],
    story_of: dict[str, str],
    spans: dict[str, tuple[dt.date, dt.date]],
) -> dict[int, Claim]:
    """id(claim) -> the claim with its interval, for the dates of undated articles that their
    own or their story's dates can place."""
    out: dict[int, Claim] = {}
    for article in extracted:
        if published.get(article.source) is not None:
            continue
        own = _written_days(article)
        span = spans.get(story_of.get(article.source, article.source))
        reference = max(own) if own else (span[1] if span else None)
        for claim in article.claims:
            if isinstance(claim, DateClaim) and claim.start is None:
                placed = _place(claim, reference or NOMINAL_REFERENCE)
                if placed is None:
                    continue
                start, end, precision = placed
                update = {"start": start, "end": end, "precision": precision, "relative": True, "nominal": reference is None}
                # A weekday that does not fit the day and month placed in the story's year.
                if claim.weekday is not None and claim.day is not None and reference is not None:
                    update["weekday_mismatch"] = start.weekday() != claim.weekday
                out[id(claim)] = claim.model_copy(update=update)
    return out


def _place(claim: DateClaim, reference: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """(start, end, precision) of a date written without its year, placed against the
    reference day: a day and month, a month or part of one, a weekday, or a year named from
    the publication's ("la fin de l'année")."""
    if claim.month is not None and claim.day is not None:
        day = _place_day(claim, claim.month, claim.day, reference)
        return (day, day, "day") if day is not None else None
    if claim.month is not None and claim.weekday is None and claim.year is None:
        return _place_month(claim, claim.month, reference)
    if claim.weekday is not None and claim.month is None and claim.day is None:
        day = cal.weekday_on_or_before(reference, claim.weekday)
        return day, day, "day"
    if claim.year_shift is not None and reference != NOMINAL_REFERENCE:
        year = reference.year + claim.year_shift
        if claim.year_months is not None:
            return (*cal.months_interval(year, *claim.year_months), "month")
        return (*cal.year_interval(year), "year")
    return None


def _place_day(claim: DateClaim, month: int, day: int, reference: dt.date) -> dt.date | None:
    """A day and month in the year that puts it nearest before the reference day, its
    weekday fitting if one is written."""
    if reference == NOMINAL_REFERENCE:
        return cal.safe_date(reference.year, month, day)
    candidates = [
        d
        for year in (reference.year, reference.year - 1, reference.year + 1)
        if (d := cal.safe_date(year, month, day)) is not None and -366 < (d - reference).days <= _AHEAD_DAYS
    ]
    fitting = [d for d in candidates if claim.weekday is None or d.weekday() == claim.weekday]
    return (fitting or candidates or [None])[0]


def _place_month(claim: DateClaim, month: int, reference: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """A month, or a part of one ("en juillet", "at the end of July"), in the year that puts
    it nearest before the reference day (a little after it for a month still to come)."""
    first, last = claim.month_days or (1, 31)
    years = (reference.year,) if reference == NOMINAL_REFERENCE else (reference.year, reference.year - 1)
    for year in years:
        start, end = cal.month_interval(year, month, first, last)
        if reference == NOMINAL_REFERENCE or -366 < (start - reference).days <= _AHEAD_DAYS:
            return start, end, "days" if claim.month_days else "month"
    return None


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
