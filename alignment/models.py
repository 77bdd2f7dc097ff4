"""What alignment hands to the rules: resolved entities and groups of comparable claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from claimdiff.alignment.aliases import Aliases
from claimdiff.alignment.features import Features, Item
from claimdiff.claims.models import Claim, DateClaim, EntityClaim, PersonClaim
from claimdiff.corpus.models import Source


class Kind(str, Enum):
    """What a group of claims, and a finding about it, is about."""

    name = "name"
    quantity = "quantity"
    date = "date"
    set = "set"
    role = "role"


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
    key: str  # stable, wording-independent: "quantity:count:countries:attend:-"
    subject: str  # for people: "countries (attend)"
    claims: list[Claim]
    #: Features of each pair of claims, by (id(a), id(b)); empty for groups not matched by frames.
    links: dict[tuple[int, int], Features] = field(default_factory=dict)

    def link(self, a: Claim, b: Claim) -> Features | None:
        """The features of a pair of the group's claims, if alignment scored it."""
        return self.links.get((id(a), id(b))) or self.links.get((id(b), id(a)))


@dataclass
class Alignment:
    sources: dict[str, Source]
    entities: list[Entity]
    groups: list[ClaimGroup]
    aliases: Aliases = field(default_factory=Aliases)
    #: Claims that were compared but found no counterpart in another source, per kind.
    unmatched: dict[str, int] = field(default_factory=dict)
    #: Claims considered for comparison (quantities, dates, times).
    compared: int = 0
    #: Every date of the corpus, as placed in its story (rules that check one date alone read them).
    dates: list[DateClaim] = field(default_factory=list)
    #: The claims that were matched, as alignment saw them, and the rarity of context words
    #: (for `claimdiff explain`).
    items: list[Item] = field(default_factory=list)
    rarity: dict[str, float] = field(default_factory=dict)
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
