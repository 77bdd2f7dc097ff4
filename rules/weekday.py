"""CD302 weekday-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import DateClaim
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule


class WeekdayMismatch(Rule):
    """A weekday that does not fit its date in any plausible year.

    "Lundi 19 décembre" is a Monday in 2022, so an article of that winter is consistent;
    "mardi 19 décembre" fits no year near the article's and is a typo in the weekday or in
    the day. Only dates whose weekday matches no year close to the article's (or, in an
    undated article, to its story's days) are reported: at the rule's severity when another
    source states the same day too, else as `info` (a source stating another day makes it
    CD301's conflict).

    Example: "le mercredi 12 septembre 2025" (12 September 2025 was a Friday) -> conflict.
    """

    code = "CD302"
    name = "weekday-mismatch"
    kind = Kind.date
    groups = ("all", "dates")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        # Where another source states the same day: a day it contradicts is CD301's conflict.
        confirmed = {
            (c.source, c.span.start)
            for g in alignment.groups_of(Kind.date)
            for c in g.claims
            if isinstance(c, DateClaim)
            and any(isinstance(o, DateClaim) and o.source != c.source and (o.start, o.end) == (c.start, c.end) for o in g.claims)
        }
        for claim in alignment.dates:
            if claim.weekday_mismatch:
                # A date no other source states is a weaker case: a note, not an alarm.
                severity = self.severity if (claim.source, claim.span.start) in confirmed else Severity.info
                yield self._finding(claim, alignment, severity)

    def _finding(self, claim: DateClaim, alignment: Alignment, severity: Severity) -> Finding:
        value = claim.start.isoformat() if claim.start else "unresolved"
        return self.finding(
            status=Status.conflict,
            severity=severity,
            subject=f'"{claim.span.text}"',
            message=f'"{claim.span.text}": the weekday does not match the date ({alignment.short_id(claim.source)})',
            claims=[claim],
            value_of={id(claim): value},
            key=f"{claim.source}:{claim.span.text}",
        )
