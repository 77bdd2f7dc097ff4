"""CD201 quantity-mismatch."""

from __future__ import annotations

import math
from collections.abc import Iterator

from claimdiff.alignment.models import Alignment, ClaimGroup
from claimdiff.claims.models import QuantityClaim, Qualifier
from claimdiff.findings.models import Finding, Kind, Severity
from claimdiff.rules.base import Rule


class QuantityMismatch(Rule):
    """Counts of the same thing that exclude each other across or within sources.

    Each figure is read as an interval: "au moins deux" is [2, ∞), "moins de 50" is
    [0, 50], "entre 10 et 20" is [10, 20], and an approximation ("environ", "près de",
    "une vingtaine") is widened by `approximate_tolerance` (a share of the value). A round
    figure of a thousand or more written exactly ("13 000") is read with
    `round_tolerance`. Figures whose intervals overlap are compatible; equal figures agree;
    disjoint ones conflict. Figures the text marks as announced or planned are compared
    only with each other, and a conflict between figures attributed to different sources
    ("selon Minsk" / "selon Kiev") is reported as `info`: the articles report a
    disagreement, they do not contradict each other.

    Example: "des représentants d'une vingtaine de pays" (A) and "des représentants de
    17 pays" (B) assisting at the same exercise -> conflict (≈20 is 18–22). "Au moins deux
    officiers américains" (A) and "deux représentants américains" (B) -> compatible.
    """

    code = "CD201"
    name = "quantity-mismatch"
    kind = Kind.quantity
    groups = ("all", "quantities")
    default_severity = Severity.warning
    defaults = {"approximate_tolerance": 0.1, "round_tolerance": 0.05}

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.quantity):
            claims = [c for c in group.claims if isinstance(c, QuantityClaim)]
            finding = self._check_group(group, claims, alignment)
            if finding is not None:
                yield finding

    def interval(self, claim: QuantityClaim) -> tuple[float, float]:
        tolerance = self.options["approximate_tolerance"]
        low, high = claim.interval(tolerance)
        if claim.qualifier is Qualifier.exact and _is_round(claim.value):
            slack = claim.value * self.options["round_tolerance"]
            low, high = low - slack, high + slack
        return low, high

    def _check_group(self, group: ClaimGroup, claims: list[QuantityClaim], alignment: Alignment) -> Finding | None:
        if len(claims) < 2:
            return None
        intervals = [self.interval(c) for c in claims]
        clash = not _overlap_all(intervals)
        apart = clash and _attributed_apart(claims, intervals)
        return self.compare(
            group,
            claims,
            {id(c): display(c) for c in claims},
            alignment.short_id,
            clash=clash,
            same=len({(c.value, c.low, c.high, c.qualifier) for c in claims}) == 1,
            clash_severity=Severity.info if apart else None,
            note=" (attributed to different sources)" if apart else "",
        )


def _overlap_all(intervals: list[tuple[float, float]]) -> bool:
    """Whether every two intervals overlap: true exactly when the highest start is not
    after the lowest end (one comparison instead of one per pair)."""
    return max(low for low, _ in intervals) <= min(high for _, high in intervals)


def _attributed_apart(claims: list[QuantityClaim], intervals: list[tuple[float, float]]) -> bool:
    """Whether every clashing pair is attributed to two different, named sources.

    It is not when a figure without attribution clashes with another, or when two figures
    attributed to the same source clash; both are found in linear time.
    """
    lows = sorted((low for low, _ in intervals), reverse=True)[:2]
    highs = sorted(high for _, high in intervals)[:2]
    by_source: dict[str, list[tuple[float, float]]] = {}
    for claim, (low, high) in zip(claims, intervals):
        if claim.attribution is None:
            # The extremes of the others: the second best when this claim holds the best.
            max_low = lows[1] if low == lows[0] and len(lows) > 1 else lows[0]
            min_high = highs[1] if high == highs[0] and len(highs) > 1 else highs[0]
            if high < max_low or low > min_high:
                return False
        else:
            by_source.setdefault(claim.attribution, []).append((low, high))
    return all(_overlap_all(group) for group in by_source.values())


def _is_round(value: float) -> bool:
    return value >= 1000 and value % 1000 == 0


def number(value: float) -> str:
    """A figure as a reader writes it: 100 000, 38.5, 52."""
    if math.isinf(value):
        return "∞"
    if value == int(value):
        text = f"{int(value):,}".replace(",", " ")
        return text
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")


def display(claim: QuantityClaim) -> str:
    """The normalised value: "52", "~20", "≥2", "≤50", "10–20"."""
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        text = f"{number(claim.low)}–{number(claim.high)}"
    elif claim.qualifier is Qualifier.approximate:
        text = f"~{number(claim.value)}"
    elif claim.qualifier is Qualifier.lower_bound:
        text = f"≥{number(claim.value)}"
    elif claim.qualifier is Qualifier.upper_bound:
        text = f"≤{number(claim.value)}"
    else:
        text = number(claim.value)
    return f"{text} {claim.unit}" if claim.unit else text
