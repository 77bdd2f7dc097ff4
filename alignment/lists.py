"""Keys of lists (set claims): which list of which subject a set states.

What a list is comes from its relation (attend, participate, border...) through the list
lexicon in alignment/data/lists.yaml; whose list it is, from the entities around it: the
event named in its sentence or the article's main event, the people named in its
sentence, or the story as a whole. Two lists are compared only under one key.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from claimdiff.alignment.models import Entity
from claimdiff.base import lexicon
from claimdiff.claims.models import ArticleClaims, SetClaim

Subject = Literal["event", "participants", "story"]
STORY = "story"


@dataclass(frozen=True)
class ListKind:
    """One entry of the list lexicon."""

    id: str
    label: str
    relations: frozenset[str] | None  # None = any
    subject: Subject


@functools.cache
def list_kinds() -> tuple[ListKind, ...]:
    """The list lexicon, in order (the first entry that matches a list wins)."""
    data = lexicon.load("lists", package="claimdiff.alignment")
    return tuple(
        ListKind(
            id=str(e["id"]),
            label=str(e.get("label", e["id"])),
            relations=frozenset(e["relations"]) if e.get("relations") else None,
            subject=e.get("subject", "event"),
        )
        for e in data["lists"]
    )


@dataclass(frozen=True)
class ListKey:
    """Where a list belongs: the group key and the words a report uses for it."""

    key: str
    label: str


class _Mentions:
    """Entity mentions of one article by position, and its main event."""

    def __init__(self, mentions: list[tuple[int, int, str, str]]) -> None:
        self.mentions = sorted(mentions)  # (start, end, entity id, type)
        self.starts = [m[0] for m in self.mentions]
        events = Counter(eid for _, _, eid, kind in self.mentions if kind == "event")
        self.main_event = min(events, key=lambda e: (-events[e], e)) if events else None

    def within(self, start: int, end: int, kind: str) -> list[str]:
        """Entity ids of one kind mentioned inside [start, end), in order, once each."""
        i = bisect.bisect_left(self.starts, start)
        found: list[str] = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            _, e, eid, k = self.mentions[i]
            if k == kind and e <= end and eid not in found:
                found.append(eid)
            i += 1
        return found


class ListKeyer:
    """Computes the key of every list of a corpus."""

    def __init__(self, extracted: Sequence[ArticleClaims], entities: Sequence[Entity], entity_of: dict[int, str]) -> None:
        self.labels = {e.id: e.label for e in entities}
        types = {e.id: e.type for e in entities}
        per_article: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for article in extracted:
            for claim in article.claims:
                eid = entity_of.get(id(claim))
                if eid is not None:
                    per_article[article.source].append((claim.span.start, claim.span.end, eid, types[eid]))
        self.index = {a.source: _Mentions(per_article[a.source]) for a in extracted}

    def key(self, claim: SetClaim) -> ListKey | None:
        """The key of a list, or None when what it lists, or whose list it is, is unclear."""
        for kind in list_kinds():
            if kind.relations is not None and claim.relation not in kind.relations:
                continue
            subject = self._subject(claim, kind)
            if subject is None:
                return None
            subject_id, subject_label = subject
            return ListKey(f"set:{kind.id}:{subject_id}", kind.label.replace("{subject}", subject_label))
        return None

    def _subject(self, claim: SetClaim, kind: ListKind) -> tuple[str, str] | None:
        index = self.index.get(claim.source)
        if kind.subject == "story" or index is None:
            return STORY, "the story"
        if kind.subject == "event":
            events = index.within(claim.sentence.start, claim.sentence.end, "event")
            if len(events) > 1:
                return None  # which one is meant is not ours to guess
            event = events[0] if events else index.main_event
            if event is None:
                return STORY, "the story"
            return event, self.labels.get(event, event)
        people = sorted(index.within(claim.sentence.start, claim.sentence.end, "person"))
        if not people:
            return None
        return "+".join(people), " and ".join(self.labels.get(p, p) for p in people)
