"""CD401 set-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import SetClaim
from claimdiff.findings.models import Finding, Kind, Severity
from claimdiff.rules.base import Rule


class SetMismatch(Rule):
    """Lists of the same countries or people that exclude each other.

    A list is exhaustive unless the text marks it as partial ("dont", "parmi lesquels",
    "tels que", "notamment"). Two exhaustive lists must be equal; a partial list must be
    contained in every exhaustive one; two partial lists never contradict each other. Lists
    of differently qualified members ("membres de l'OTAN" among the observers, against
    observers at large) may corroborate each other but never conflict.

    Example: "dont la Hongrie et la Turquie" (A, partial) and "les États-Unis, la Hongrie
    et la Turquie" (B) as NATO members among the observers -> compatible. "la Pologne et la
    Lituanie" (A) against "la Pologne, la Lituanie et la Lettonie" (B), both exhaustive ->
    conflict.
    """

    code = "CD401"
    name = "set-mismatch"
    kind = Kind.set
    groups = ("all", "sets")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.set):
            claims = [c for c in group.claims if isinstance(c, SetClaim) and c.members]
            if len(claims) < 2:
                continue
            pairs = _exclusive_pairs(claims)
            finding = self.compare(
                group,
                claims,
                {id(c): display(c) for c in claims},
                alignment.short_id,
                clash=bool(pairs),
                same=len({c.keys for c in claims}) == 1,
                pairs=pairs,
            )
            if finding is not None:
                yield finding


def _exclusive_pairs(claims: list[SetClaim]) -> list[tuple[SetClaim, SetClaim]]:
    """Lists that exclude each other: two different exhaustive lists, or a partial list not
    contained in an exhaustive one. Only lists of the same qualifier are compared: "the NATO
    members among the observers: A, B, C" does not bound "observers such as D". Each
    distinct list (one claim stands for all that state it) meets the few distinct
    exhaustive lists, not every other list."""
    distinct: dict[tuple[str | None, bool, frozenset[str]], SetClaim] = {}
    for claim in claims:
        distinct.setdefault((claim.qualifier, claim.exhaustive, claim.keys), claim)
    exhaustive: dict[str | None, list[SetClaim]] = {}
    for (qualifier, is_exhaustive, _), claim in distinct.items():
        if is_exhaustive:
            exhaustive.setdefault(qualifier, []).append(claim)
    pairs = [(a, b) for lists in exhaustive.values() for i, a in enumerate(lists) for b in lists[i + 1 :]]
    pairs += [
        (claim, full)
        for (qualifier, is_exhaustive, keys), claim in distinct.items()
        if not is_exhaustive
        for full in exhaustive.get(qualifier, ())
        if not keys <= full.keys
    ]
    return pairs


def display(claim: SetClaim) -> str:
    """ "{HU, TR, …}" for a partial list, "{PL, LT, LV}" for an exhaustive one."""
    members = ", ".join(sorted(claim.keys))
    return f"{{{members}}}" if claim.exhaustive else f"{{{members}, …}}"
