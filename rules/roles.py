"""CD501 role-variant."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.alignment import names
from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import PersonClaim
from claimdiff.claims.people import TitleInfo, title_info
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule, compare_line, source_count


class RoleVariant(Rule):
    """Different titles or roles given to the same person.

    Outlets describe people differently ("le lieutenant-colonel de l'armée de l'air" /
    "l'attaché militaire américain"), which is usually fine and reported as `info`. A vague
    title ("dirigeant", "chef") or two titles of one class ("envoyé" / "représentant") are
    compatible. Titles that one person cannot hold at once (an `exclusive` group of
    claims/data/titles.yaml, e.g. président / premier ministre, or two military ranks) are
    a conflict at the rule's severity, unless one is qualified ("ancien président").

    Example: "le président Pedro Sánchez" (A) and "le premier ministre Pedro Sánchez" (B)
    -> conflict. "le ministre Viktor Khrenine" (A) and "le général Viktor Khrenine" (B) ->
    variant, info.
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
            # Each title is read in its source's language ("porte-parole", "spokesman"); one
            # spelling, accents aside, is one title whatever the language.
            titles = sorted({names.fold(c.title): (c.title, _language(alignment, c)) for c in claims if c.title}.values())
            relation = {(a, b): _relation(a, b) for i, a in enumerate(titles) for b in titles[i + 1 :]}
            relations = set(relation.values())
            if not relations:
                status, severity = Status.agree, Severity.info
            elif "exclusive" in relations:
                status, severity = Status.conflict, self.severity
            elif relations == {"compatible"}:
                status, severity = Status.compatible, Severity.info
            else:
                status, severity = Status.variant, Severity.info
            value_of = {id(c): c.title or "" for c in claims}
            exclusive = {frozenset(names.fold(title) for title, _ in pair) for pair, how in relation.items() if how == "exclusive"}
            written = sorted(set(value_of.values()))
            yield self.finding(
                status=status,
                severity=severity,
                subject=group.subject,
                message=f"{group.subject}: {compare_line(claims, value_of, alignment.short_id, ' / ')}",
                claims=claims,
                value_of=value_of,
                key=group.key,
                clashes=[(a, b) for a in written for b in written if frozenset((names.fold(a), names.fold(b))) in exclusive],
            )


def _language(alignment: Alignment, claim: PersonClaim) -> str:
    """The language of the article a claim was read from."""
    return alignment.sources[claim.source].language


def _relation(a: tuple[str, str], b: tuple[str, str]) -> str:
    """How two differently written titles of one person, each with its language, relate:
    compatible, exclusive or different."""
    ia, ib = title_info(*a), title_info(*b)
    if ia is None or ib is None:
        return "different"
    if ia.generic or ib.generic or (ia.cls and ia.cls == ib.cls and not _exclusive(ia, ib)):
        return "compatible"
    return "exclusive" if _exclusive(ia, ib) else "different"


def _exclusive(a: TitleInfo, b: TitleInfo) -> bool:
    return (
        a.exclusive_group is not None
        and a.exclusive_group == b.exclusive_group
        and names.fold(a.head) != names.fold(b.head)
        and not (a.modifier or b.modifier)
    )
