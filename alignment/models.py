"""What alignment hands to the rules: resolved entities and groups of comparable claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdiff.alignment.aliases import Aliases
from claimdiff.claims.models import Claim, EntityClaim, PersonClaim
from claimdiff.corpus.models import Source
from claimdiff.findings.models import Kind


@dataclass
class Entity:
    """One real person, country, organisation or event, however it is spelt."""

    id: str
    type: str  # person, country, place, organisation, event
    label: str  # the most frequent full form
    mentions: list[PersonClaim | EntityClaim] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.mentions})


@dataclass
class ClaimGroup:
    """Claims about the same attribute of the same subject, ready to compare."""

    kind: Kind
    key: str  # stable, wording-independent: "quantity:observer_countries:event:zapad-2025"
    subject: str  # for people: "observer countries of Zapad-2025"
    claims: list[Claim]


@dataclass
class Alignment:
    sources: dict[str, Source]
    entities: list[Entity]
    groups: list[ClaimGroup]
    aliases: Aliases = field(default_factory=Aliases)
    _short: dict[str, str] | None = field(default=None, init=False, repr=False)

    def short_id(self, source: str) -> str:
        """A short label for a source: the id's prefix before "_" when that is unambiguous."""
        if self._short is None:
            self._short = _short_ids(tuple(sorted(self.sources)))
        return self._short.get(source, source)

    def groups_of(self, kind: Kind) -> list[ClaimGroup]:
        return [g for g in self.groups if g.kind is kind]


def _short_ids(ids: tuple[str, ...]) -> dict[str, str]:
    prefixes = {i: i.split("_", 1)[0] for i in ids}
    if len(set(prefixes.values())) == len(ids) and all(prefixes.values()):
        return prefixes
    return {i: i for i in ids}
