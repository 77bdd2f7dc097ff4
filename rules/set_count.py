"""CD402 set-count."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import SetClaim
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule


class SetCount(Rule):
    """A list whose stated count does not match the members it names.

    When a text announces a number and then lists the members ("trois membres de l'OTAN :
    les États-Unis, la Hongrie et la Turquie"), the count and the list must agree. A
    partial list ("dont", "parmi lesquels") may name fewer members than its count, never
    more.

    Example: "les trois pays baltes, l'Estonie et la Lettonie" -> conflict (3 stated, 2
    named).
    """

    code = "CD402"
    name = "set-count"
    kind = Kind.set
    groups = ("all", "sets")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for group in alignment.groups_of(Kind.set):
            for claim in group.claims:
                if not isinstance(claim, SetClaim) or claim.stated_count is None:
                    continue
                named = len(claim.keys)
                if named == claim.stated_count or (not claim.exhaustive and named < claim.stated_count):
                    continue
                value = f"{claim.stated_count} stated, {named} named"
                yield self.finding(
                    status=Status.conflict,
                    severity=self.severity,
                    subject=group.subject,
                    message=f"{group.subject}: {value} ({alignment.short_id(claim.source)})",
                    claims=[claim],
                    value_of={id(claim): value},
                    key=f"{group.key}:{claim.source}",
                )
