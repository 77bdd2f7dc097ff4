"""CD303 time-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.alignment.models import Alignment, ClaimGroup
from claimdiff.claims.models import Qualifier, TimeClaim
from claimdiff.findings.models import Finding, Kind, Severity
from claimdiff.rules.base import Rule, clash_severity

_DAY = 24 * 60


class TimeMismatch(Rule):
    """The same event given different times of day.

    Every time is read as an interval of minutes: "20h08" is exact, "vers 20 h" is
    19:45–20:15, "peu avant minuit" 23:00–24:00, and an exact time is given
    `exact_tolerance` minutes either way. Times written in two zones are compared only when
    both zones have a known offset ("0737 GMT" / "2:37 a.m. ET"), which a zone that changes
    its clocks has only in a dated article; times of one zone are always comparable. A time
    that may be on the 12-hour clock ("8h08") also matches the same time twelve hours later. Overlapping
    intervals are compatible, equal times agree, disjoint ones conflict: at the rule's
    severity when the times are strongly matched, else as `info`.

    Example: "ouverte à 20h00 heure locale" (A) and "à 20h08 heure locale" (B), both the
    start of the ceremony -> conflict.
    """

    code = "CD303"
    name = "time-mismatch"
    kind = Kind.date
    groups = ("all", "dates")
    default_severity = Severity.warning
    defaults = {"exact_tolerance": 2}

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.date):
            claims = [c for c in group.claims if isinstance(c, TimeClaim)]
            comparable = _same_clock(claims)
            if len(comparable) < 2:
                continue
            finding = self._check(group, comparable, alignment)
            if finding is not None:
                yield finding

    def _check(self, group: ClaimGroup, claims: list[TimeClaim], alignment: Alignment) -> Finding | None:
        spans = {id(c): self.interval(c) for c in claims}
        pairs = [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :] if not _overlap(spans[id(a)], spans[id(b)])]
        clash = bool(pairs)
        severity = clash_severity(group, pairs, self.severity) if clash else None
        return self.compare(
            group,
            claims,
            {id(c): display(c) for c in claims},
            alignment.short_id,
            clash=clash,
            same=len({tuple(spans[id(c)]) for c in claims}) == 1,
            clash_severity=severity,
            note=" (weakly matched)" if severity is Severity.info else "",
            pairs=pairs,
        )

    def interval(self, claim: TimeClaim) -> list[tuple[int, int]]:
        """The minutes (UTC when the zone is known) the claim allows, as one or two ranges."""
        slack = self.options["exact_tolerance"] if claim.qualifier is Qualifier.exact else 0
        shift = int(round(-claim.utc_offset * 60)) if claim.utc_offset is not None else 0
        low, high = claim.low - slack + shift, claim.high + slack + shift
        ranges = [(low, high)]
        if claim.twelve_hour:
            ranges.append((low + 12 * 60, high + 12 * 60))
        return ranges


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            for shift in (-_DAY, 0, _DAY):
                if lo1 <= hi2 + shift and lo2 + shift <= hi1:
                    return True
    return False


def _same_clock(claims: list[TimeClaim]) -> list[TimeClaim]:
    """The claims of the most common clock of the group: times with a known UTC offset
    together, else times of one named zone ("heure de Paris" in undated articles), else local
    (or unzoned) times; ties go to local times, then to UTC."""
    clocks: dict[str, list[TimeClaim]] = {}
    for c in claims:
        clock = "utc" if c.utc_offset is not None else ("local" if c.zone in (None, "local") else c.zone)
        clocks.setdefault(clock, []).append(c)
    order = {"local": 0, "utc": 1}
    best = min(clocks, key=lambda k: (-len(clocks[k]), order.get(k, 2), k), default=None)
    return clocks[best] if best is not None else []


def display(claim: TimeClaim) -> str:
    """ "20:08", "~20:00", "≤24:00", "08:08 (or 20:08)", with its zone."""
    text = f"{claim.minute // 60:02d}:{claim.minute % 60:02d}"
    if claim.twelve_hour:
        later = claim.minute + 12 * 60
        text += f" (or {later // 60:02d}:{later % 60:02d})"
    prefix = {Qualifier.approximate: "~", Qualifier.upper_bound: "≤", Qualifier.lower_bound: "≥"}.get(claim.qualifier, "")
    zone = f" {claim.zone}" if claim.zone and claim.zone != "local" else ""
    return f"{prefix}{text}{zone}"
