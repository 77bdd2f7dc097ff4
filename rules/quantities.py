"""CD201 quantity-mismatch."""

from __future__ import annotations

import math
from collections.abc import Iterator

from claimdiff.alignment.models import Alignment, ClaimGroup
from claimdiff.claims import units
from claimdiff.claims.models import Dimension, QuantityClaim, Qualifier
from claimdiff.findings.models import Finding, Kind, Severity
from claimdiff.rules.base import Rule, clash_severity


class QuantityMismatch(Rule):
    """Counts, amounts and measures of the same thing that exclude each other.

    Each figure is read as an interval: "au moins deux" is [2, ∞), "moins de 50" is
    [0, 50], "entre 10 et 20" is [10, 20], and an approximation ("environ", "près de",
    "une vingtaine") is widened by `approximate_tolerance` (a share of the value). A round
    figure of a thousand or more written exactly with two significant digits or fewer ("13 000",
    "600 millions") is read with `round_tolerance`. Measures are converted to one unit first (10 miles ≈ 16 km; 30 mois
    = 2.5 ans); amounts in two currencies are never compared. Figures whose intervals
    overlap are compatible; equal figures agree; disjoint ones conflict. Exact figures
    that are one figure written more or less precisely ("5 milliards" / "4,9 milliards",
    "2 percent" / "2.1%": each less precise value is the others rounded to its last digit)
    are a `variant` at `info`, a rounded figure against a precise one; counts under a
    thousand are never read as rounded ("12 morts" / "13 morts" conflict).

    How sure the verdict is follows how sure the alignment is: a conflict is reported at
    the rule's severity only when the clashing figures are strongly matched (the same head,
    anchor, scope and status: see `claimdiff explain`), otherwise as `info`. A conflict
    between figures attributed to different parties ("selon Minsk" / "selon Kiev") is a
    disputed figure, reported as `info`: the articles report a disagreement, they do not
    contradict each other.

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

    def interval(self, claim: QuantityClaim, unit: str | None = None) -> tuple[float, float]:
        """The values `claim` allows, in `unit` (its own when None)."""
        tolerance = self.options["approximate_tolerance"]
        low, high = claim.interval(tolerance)
        if claim.qualifier is Qualifier.exact and _is_round(claim.value):
            slack = claim.value * self.options["round_tolerance"]
            low, high = low - slack, high + slack
        factor = _factor(claim, unit)
        return low * factor, high * factor

    def _check_group(self, group: ClaimGroup, claims: list[QuantityClaim], alignment: Alignment) -> Finding | None:
        if len(claims) < 2:
            return None
        unit = _common_unit(claims)
        intervals = [self.interval(c, unit) for c in claims]
        clash = not _overlap_all(intervals)
        apart = clash and _attributed_apart(claims, intervals)
        severity = None
        note = ""
        pairs: list[tuple[QuantityClaim, QuantityClaim]] = []
        if clash:
            pairs = [
                (a, b)
                for i, (a, ia) in enumerate(zip(claims, intervals))
                for b, ib in zip(claims[i + 1 :], intervals[i + 1 :])
                if ia[1] < ib[0] or ib[1] < ia[0]
            ]
            severity = clash_severity(group, pairs, self.severity)
            if apart:
                severity, note = Severity.info, " (disputed: attributed to different parties)"
            elif severity is Severity.info:
                note = " (weakly matched)"
        same = len({(c.value, c.low, c.high, c.qualifier, c.unit) for c in claims}) == 1
        rounded = not same and not apart and _one_figure_rounded(claims, unit)
        if rounded:
            note = " (a rounded figure against a precise one)"
        return self.compare(
            group,
            claims,
            {id(c): display(c) for c in claims},
            alignment.short_id,
            clash=clash and not rounded,
            same=same,
            clash_severity=severity,
            note=note,
            pairs=pairs if not rounded else (),
            variant=rounded,
        )


def _common_unit(claims: list[QuantityClaim]) -> str | None:
    """The unit most figures of a group are written in (measures are converted to it)."""
    if claims[0].dimension in (Dimension.count, Dimension.money, Dimension.percent):
        return None
    counts: dict[str, int] = {}
    for c in claims:
        if c.unit:
            counts[c.unit] = counts.get(c.unit, 0) + 1
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None


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


def _factor(claim: QuantityClaim, unit: str | None) -> float:
    """What converts `claim`'s figures to `unit` (1 in its own unit, or none given)."""
    if unit is None or claim.unit is None or unit == claim.unit:
        return 1.0
    return units.factor(claim.unit, unit) or 1.0


def _one_figure_rounded(claims: list[QuantityClaim], unit: str | None) -> bool:
    """Whether exact figures that differ are one figure written with less or more precision:
    each less precise value is the other rounded to its last written digit ("5 milliards" /
    "4,9 milliards", "2 percent" / "2.1%"). Counts under a thousand are never read as rounded:
    "12 morts" and "13 morts" are two tolls."""
    if any(c.qualifier is not Qualifier.exact or c.low != c.high for c in claims):
        return False
    values = sorted({c.value * _factor(c, unit) for c in claims})
    if len(values) < 2 or (claims[0].dimension is Dimension.count and values[0] < 1000):
        return False
    coarse = max(values, key=_last_digit)
    half = _last_digit(coarse) / 2
    # Strictly within: 125 is as far from 120 as from 130, and no rounding of 120 for sure.
    return all(abs(v - coarse) < half for v in values) and sum(_last_digit(v) == _last_digit(coarse) for v in values) == 1


def _last_digit(value: float) -> float:
    """The place of a figure's last significant digit: 1e9 for 5 000 000 000, 0.1 for 4.9."""
    if value == 0:
        return 1.0
    if value != int(value):
        decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    digits = str(int(abs(value)))
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


def _is_round(value: float) -> bool:
    """A figure of a thousand or more with at most two significant digits ("13 000", "600
    millions"): likely rounded. "695 millions" is precise to the million."""
    if value < 1000 or value % 1000 != 0:
        return False
    digits = str(int(value)).rstrip("0")
    return len(digits) <= 2


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
    if claim.dimension is Dimension.percent:
        return f"{text}{'%' if claim.unit == '%' else ' pp'}"
    if claim.dimension is Dimension.age:
        return f"{text} years old" if claim.unit == "year" else f"{text} {claim.unit}"
    return f"{text} {claim.unit}" if claim.unit else text
