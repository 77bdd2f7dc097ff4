"""A draft read against its sources: each of its claims supported, contradicted or not found.

The draft is one more source of the corpus: extraction, alignment and the rules treat it
as any other, and this reads their findings from its side. A claim of the draft is what
the rules compare: a figure, a date or a time, a list, and each person, event,
organisation or place it names (all its mentions together), with, for a person, the title
it gives. Countries are named, not claimed: the rules resolve them from any form.

In a finding that cites a claim, another passage contradicts it when their values exclude
each other (the finding's `clashes`; a discrepancy that records none, or a variant: any
other value), and supports it when it comes from a source and does not. A claim is
contradicted when some passage contradicts it, or when a discrepancy is about its passage
alone (a weekday that fits no date), at the highest severity of those findings; else
supported when a source supports it; else not found.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from claimdiff.alignment.models import Entity
from claimdiff.claims.models import Claim, DateClaim, EntityClaim, EntityType, PersonClaim, QuantityClaim, SetClaim, TimeClaim
from claimdiff.findings.models import DraftClaim, DraftLabel, DraftReview, Evidence, Finding, Kind, Report, Severity, Status

#: Named things whose spelling the rules check; countries are resolved from any form, not spelt.
_NAMED = (EntityType.event, EntityType.organisation, EntityType.place)
_AGREEMENTS = (Status.agree, Status.compatible)


def review(report: Report, draft: str, claims: Sequence[Claim], entities: Sequence[Entity]) -> Report:
    """The report with its `draft` review: the claims extracted from the source `draft`, as
    the report's findings bear them out. `entities` (the alignment's) take the mentions of
    one name together."""
    units, at = _units(draft, claims, entities)
    for finding in report.findings:
        for ev in finding.evidence:
            unit = at.get((finding.kind, ev.start, ev.end)) if ev.source == draft else None
            if unit is not None:
                unit.read(finding, ev, draft)
    reviewed = [unit.claim() for unit in units]
    result = DraftReview(
        draft=draft,
        against=[s.id for s in report.sources if s.id != draft],
        claims=reviewed,
        counts={label.value: sum(c.label is label for c in reviewed) for label in DraftLabel},
    )
    return report.model_copy(update={"draft": result})


@dataclass
class _Unit:
    """One claim of the draft, and what the findings that cite it say."""

    kind: Kind
    mentions: list[Claim] = field(default_factory=list)
    contradicted: bool = False
    severity: Severity = Severity.info
    #: The finding and passage the label rests on: the most severe contradiction, else the first support.
    deciding: tuple[Finding, Evidence] | None = None
    against: dict[tuple[str, int, int], Evidence] = field(default_factory=dict)
    backing: dict[tuple[str, int, int], Evidence] = field(default_factory=dict)
    fingerprints: list[str] = field(default_factory=list)

    def read(self, finding: Finding, ev: Evidence, draft: str) -> None:
        """Take in what `finding` says of the claim's passage `ev`."""
        others = [o for o in finding.evidence if (o.source, o.start, o.end) != (ev.source, ev.start, ev.end)]
        against = [o for o in others if _contradicts(finding, ev, o)]
        backing = [o for o in others if o.source != draft and o not in against and _comparable(finding, ev, o)]
        alone = finding.status not in _AGREEMENTS and not others
        if against or alone:
            if not self.contradicted or finding.severity.rank > self.severity.rank:
                self.severity, self.deciding = finding.severity, (finding, ev)
            self.contradicted = True
        elif backing and self.deciding is None:
            self.deciding = (finding, ev)
        if against or alone or backing:
            self.against.update(((o.source, o.start, o.end), o) for o in against)
            self.backing.update(((o.source, o.start, o.end), o) for o in backing)
            if finding.fingerprint not in self.fingerprints:
                self.fingerprints.append(finding.fingerprint)

    def claim(self) -> DraftClaim:
        if self.contradicted:
            label = DraftLabel.contradicted
        elif self.backing:
            label = DraftLabel.supported
        else:
            label = DraftLabel.not_found
        finding, passage = self.deciding if self.deciding is not None else (None, _evidence(self.mentions[0]))
        return DraftClaim(
            kind=self.kind,
            label=label,
            severity=self.severity if self.contradicted else Severity.info,
            subject=finding.subject if finding is not None else None,
            rule=finding.rule if finding is not None else None,
            passage=passage,
            contradicted_by=list(self.against.values()),
            supported_by=list(self.backing.values()),
            findings=self.fingerprints,
        )


def _contradicts(finding: Finding, ev: Evidence, other: Evidence) -> bool:
    if finding.status in _AGREEMENTS or ev.value is None or other.value is None or ev.value == other.value:
        return False
    if finding.status is Status.conflict and finding.clashes:
        return (min(ev.value, other.value), max(ev.value, other.value)) in {tuple(p) for p in finding.clashes}
    return True


def _comparable(finding: Finding, ev: Evidence, other: Evidence) -> bool:
    """Whether `other` states something the claim's passage can be measured against."""
    return finding.status in _AGREEMENTS or (ev.value is not None and other.value is not None)


def _units(
    draft: str, claims: Sequence[Claim], entities: Sequence[Entity]
) -> tuple[list[_Unit], dict[tuple[Kind, int, int], _Unit]]:
    """The draft's claims in text order, and the claim each (kind, start, end) of a passage is part of."""
    entity_at = {(m.span.start, m.span.end): e.id for e in entities for m in e.mentions if m.source == draft}
    units: list[_Unit] = []
    by_key: dict[Hashable, _Unit] = {}
    at: dict[tuple[Kind, int, int], _Unit] = {}
    for claim in sorted(claims, key=lambda c: (c.span.start, c.span.end)):
        for kind, key in _keys(claim, entity_at):
            unit = by_key.get(key)
            if unit is None:
                unit = by_key[key] = _Unit(kind)
                units.append(unit)
            unit.mentions.append(claim)
            at[(kind, claim.span.start, claim.span.end)] = unit
    return units, at


def _keys(claim: Claim, entity_at: dict[tuple[int, int], str]) -> list[tuple[Kind, Hashable]]:
    """What of the draft a claim is part of, per kind of finding: itself, or its name's mentions."""
    if isinstance(claim, QuantityClaim):
        return [(Kind.quantity, claim.id)]
    if isinstance(claim, (DateClaim, TimeClaim)):
        return [(Kind.date, claim.id)]
    if isinstance(claim, SetClaim):
        return [(Kind.set, claim.id)] if claim.members else []
    if isinstance(claim, EntityClaim) and claim.entity_type not in _NAMED:
        return []
    if isinstance(claim, (PersonClaim, EntityClaim)):
        entity = entity_at.get((claim.span.start, claim.span.end), f"{claim.type}:{claim.name}")
        keys: list[tuple[Kind, Hashable]] = [(Kind.name, ("name", entity))]
        if isinstance(claim, PersonClaim) and claim.title:
            keys.append((Kind.role, ("role", entity)))
        return keys
    return []


def _evidence(claim: Claim) -> Evidence:
    return Evidence(
        source=claim.source,
        start=claim.span.start,
        end=claim.span.end,
        text=claim.span.text,
        sentence=claim.sentence.text,
        sentence_start=claim.sentence.start,
    )
