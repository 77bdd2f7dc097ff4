"""CD501 role-variant."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from claimdiff.alignment import names
from claimdiff.alignment.models import Alignment
from claimdiff.claims import lexicon
from claimdiff.claims.models import PersonClaim
from claimdiff.errors import ConfigError
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule, compare_line, source_count


class RoleVariant(Rule):
    """Different titles or roles given to the same person.

    Outlets describe people differently ("le lieutenant-colonel de l'armée de l'air" /
    "l'attaché militaire américain"), which is usually fine and reported as `info`. Titles
    that one person cannot hold at once (the `exclusive` groups of
    claims/data/titles.yaml, e.g. président / premier ministre) are a conflict at the rule's
    severity.

    Example: "le ministre de la Défense Viktor Khrenine" (A) and "le chef d'état-major
    Viktor Khrenine" (B) -> variant, info.
    """

    code = "CD501"
    name = "role-variant"
    kind = Kind.role
    groups = ("all", "roles")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.role):
            claims = [c for c in group.claims if isinstance(c, PersonClaim) and c.title]
            if source_count(claims) < 2:
                continue
            titles = sorted({names.fold(c.title) for c in claims})  # type: ignore[arg-type]
            value_of = {id(c): c.title or "" for c in claims}
            if len(titles) == 1:
                status, severity = Status.agree, Severity.info
            elif _exclusive(titles):
                status, severity = Status.conflict, self.severity
            else:
                status, severity = Status.variant, Severity.info
            yield self.finding(
                status=status,
                severity=severity,
                subject=group.subject,
                message=f"{group.subject}: {compare_line(claims, value_of, alignment.short_id, ' / ')}",
                claims=claims,
                value_of=value_of,
                key=group.key,
            )


@functools.cache
def _exclusive_groups() -> tuple[frozenset[str], ...]:
    try:
        data = lexicon.load("titles")
    except ConfigError:  # no titles lexicon: no title excludes another
        return ()
    groups = data.get("exclusive", []) if isinstance(data, dict) else []
    return tuple(frozenset(names.fold(t) for t in g) for g in groups)


def _exclusive(titles: list[str]) -> bool:
    for group in _exclusive_groups():
        held = [t for t in titles if any(t == g or t.startswith(g + " ") for g in group)]
        if len({next(g for g in group if t == g or t.startswith(g + " ")) for t in held}) > 1:
            return True
    return False
