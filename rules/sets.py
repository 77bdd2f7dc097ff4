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
            finding = self.compare(
                group,
                claims,
                {id(c): display(c) for c in claims},
                alignment.short_id,
                clash=_any_exclusive(claims),
                same=len({c.keys for c in claims}) == 1,
            )
            if finding is not None:
                yield finding


def _any_exclusive(claims: list[SetClaim]) -> bool:
    """Whether two of the lists exclude each other: two different exhaustive lists, or a
    partial list not contained in an exhaustive one. Only lists of the same qualifier are
    compared: "the NATO members among the observers: A, B, C" does not bound "observers
    such as D". Each list meets the few distinct exhaustive lists, not every other list."""
    exhaustive: dict[str | None, set[frozenset[str]]] = {}
    for claim in claims:
        if claim.exhaustive:
            exhaustive.setdefault(claim.qualifier, set()).add(claim.keys)
    if any(len(lists) > 1 for lists in exhaustive.values()):
        return True
    return any(
        not claim.keys <= full
        for claim in claims
        if not claim.exhaustive
        for full in exhaustive.get(claim.qualifier, ())
    )


def display(claim: SetClaim) -> str:
    """ "{HU, TR, …}" for a partial list, "{PL, LT, LV}" for an exhaustive one."""
    members = ", ".join(sorted(claim.keys))
    return f"{{{members}}}" if claim.exhaustive else f"{{{members}, …}}"
