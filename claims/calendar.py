"""Pure calendar arithmetic for date resolution: no text, no language, no I/O."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

Interval = tuple[dt.date, dt.date]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 June, 29 February 2023, year 0)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def last_day(year: int, month: int) -> int:
    """Number of days of a month."""
    return _cal.monthrange(year, month)[1]


def month_interval(year: int, month: int, first: int = 1, last: int = 31) -> Interval:
    """Days `first`..`last` of a month, `last` clipped to the month's length."""
    end = min(last, last_day(year, month))
    return dt.date(year, month, min(first, end)), dt.date(year, month, end)


def months_interval(year: int, first: int, last: int) -> Interval:
    """Months `first`..`last` of a year, whole."""
    return dt.date(year, first, 1), dt.date(year, last, last_day(year, last))


def year_interval(first: int, last: int | None = None) -> Interval:
    """Whole years `first`..`last`."""
    return dt.date(first, 1, 1), dt.date(last if last is not None else first, 12, 31)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_on_or_before(ref: dt.date, weekday: int) -> dt.date:
    """The latest date not after `ref` that falls on `weekday` (Monday = 0)."""
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_on_or_after(ref: dt.date, weekday: int) -> dt.date:
    """The earliest date not before `ref` that falls on `weekday`."""
    return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)


def weekday_before(ref: dt.date, weekday: int) -> dt.date:
    """The latest date strictly before `ref` that falls on `weekday`."""
    return weekday_on_or_before(ref - dt.timedelta(days=1), weekday)


def weekday_after(ref: dt.date, weekday: int) -> dt.date:
    """The earliest date strictly after `ref` that falls on `weekday`."""
    return weekday_on_or_after(ref + dt.timedelta(days=1), weekday)


def week_of(day: dt.date, offset: int = 0) -> Interval:
    """Monday..Sunday of the week of `day`, `offset` weeks away."""
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)


def weekend(ref: dt.date, direction: int) -> Interval:
    """A Saturday-Sunday weekend relative to `ref`.

    direction -1: the latest weekend that began on or before `ref` (the current one on a
    weekend day); -2: the latest weekend that ended strictly before `ref`; +1: the earliest
    weekend that ends on or after `ref`; +2: the earliest weekend that begins strictly after `ref`.
    """
    if direction == -1:
        saturday = weekday_on_or_before(ref, 5)
    elif direction == -2:
        saturday = weekday_before(ref, 6) - dt.timedelta(days=1)
    elif direction == 1:
        saturday = weekday_on_or_after(ref, 6) - dt.timedelta(days=1)
    else:
        saturday = weekday_after(ref, 5)
    return saturday, saturday + dt.timedelta(days=1)


def add_days(day: dt.date, n: int) -> dt.date | None:
    """`day` + `n` days, or None out of the supported range."""
    try:
        return day + dt.timedelta(days=n)
    except OverflowError:
        return None


def days_between(a: dt.date, b: dt.date) -> int:
    """Signed number of days from `a` to `b`."""
    return (b - a).days


def years_matching_weekday(month: int, day: int, weekday: int, around: int, window: int) -> list[int]:
    """Years within `around` ± `window` in which `day`/`month` falls on `weekday`."""
    years = []
    for year in range(around - window, around + window + 1):
        date = safe_date(year, month, day)
        if date is not None and date.weekday() == weekday:
            years.append(year)
    return years
