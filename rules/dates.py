"""CD301 date-mismatch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import DateClaim
from claimdiff.findings.models import Finding, Kind, Severity
from claimdiff.rules.base import Rule, clash_severity


class DateMismatch(Rule):
    """The same event dated differently across or within sources.

    Every date is resolved to an interval of days against its article's publication date
    ("vendredi" in an article of Monday 15 September 2025 is 12 September; "la semaine
    dernière" is the whole previous week; "fin août" is 21–31 August). Dates of the same
    event (its start, its end, a meeting of the same people) agree when equal, are
    compatible when the intervals overlap, and conflict when they are disjoint. One
    article that gives two dates for one event contradicts itself. A conflict is reported
    at the rule's severity only when the dates are strongly matched (same event, same
    anchor, shared context), or when both are written with one weekday that only one of
    them is ("jeudi 11 décembre" / "jeudi 12 décembre" in 2025); otherwise as `info`.

    Example: "Ce lundi 19 décembre, s'est tenu un sommet entre Vladimir Poutine et
    Alexandre Loukachenko" and, later in the same article, "Ce 19 novembre, Vladimir
    Poutine s'est déplacé à Minsk afin de rencontrer Alexandre Loukachenko" -> conflict.
    """

    code = "CD301"
    name = "date-mismatch"
    kind = Kind.date
    groups = ("all", "dates")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.date):
            claims = [c for c in group.claims if isinstance(c, DateClaim) and c.start and c.end]
            if len(claims) < 2:
                continue
            # Some two intervals are disjoint exactly when the latest start is after the earliest end.
            clash = max(c.start for c in claims) > min(c.end for c in claims)  # type: ignore[type-var]
            severity = None
            pairs: list[tuple[DateClaim, DateClaim]] = []
            if clash:
                pairs = [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :] if a.end < b.start or b.end < a.start]  # type: ignore[operator]
                severity = clash_severity(group, pairs, self.severity)
                if severity is Severity.info and any(_weekday_tells_which(x, y) for x, y in pairs):
                    severity = self.severity
            finding = self.compare(
                group,
                claims,
                {id(c): display(c) for c in claims},
                alignment.short_id,
                clash=clash,
                same=len({(c.start, c.end) for c in claims}) == 1,
                clash_severity=severity,
                note=" (weakly matched)" if severity is Severity.info else "",
                pairs=pairs,
            )
            if finding is not None:
                yield finding


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_tells_which(a: DateClaim, b: DateClaim) -> bool:
    """Whether two days written with the same weekday disagree where only one is that weekday
    ("jeudi 11 décembre" / "jeudi 12 décembre" in 2025): one source's day is a slip, however
    loosely the frames match."""
    return a.weekday is not None and a.weekday == b.weekday and a.weekday_mismatch != b.weekday_mismatch


def display(claim: DateClaim) -> str:
    """ "2025-09-12", "2025-08" for a whole month, "2025-09-08..2025-09-14" otherwise."""
    start, end = claim.start, claim.end
    assert start is not None and end is not None
    if claim.nominal:  # no year known: the day and month, the month, or the weekday
        if claim.day is not None:
            return start.strftime("--%m-%d")
        if claim.weekday is None and claim.month is not None:
            return start.strftime("--%m") if start.month == end.month and start.day == 1 else f"--{start:%m-%d}..--{end:%m-%d}"
        return _WEEKDAYS[start.weekday()]
    if start == end:
        return start.isoformat()
    if start.day == 1 and end.month == start.month and end.year == start.year and (end + dt.timedelta(days=1)).day == 1:
        return start.strftime("%Y-%m")
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}..{end.isoformat()}"
