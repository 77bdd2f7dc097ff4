"""Set keys: which list of which subject a set claim states.

The attribute comes from the lexicon in alignment/data/attributes.yaml (the set's
relation); the subject from the entities around the claim: the event named in its sentence
or the article's main event, the people named in its sentence, or the story as a whole.
Quantities, dates and times are matched by their frames instead (alignment/matching.py).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from claimdiff.alignment import names
from claimdiff.alignment.models import Entity
from claimdiff.base import lexicon
from claimdiff.claims.models import ArticleClaims, Claim, DateClaim, SetClaim
from claimdiff.alignment.models import Kind

SubjectMode = Literal["event", "participants", "story"]
STORY = "story"


@dataclass(frozen=True)
class Attribute:
    """One entry of the attribute lexicon."""

    id: str
    kind: Kind
    label: str
    classes: frozenset[str] | None  # noun classes (quantities); None = any
    predicates: frozenset[str] | None  # predicate, event or relation classes; None = any
    nationality: Literal["required", "forbidden", "any"]
    anaphoric: bool
    subject: SubjectMode
    fallback: Literal["main_event", "reference"] = "main_event"

    def matches(self, claim: Claim) -> bool:
        if isinstance(claim, SetClaim):
            return _member(claim.relation, self.predicates)
        return False


def _member(value: str | None, allowed: frozenset[str] | None) -> bool:
    return allowed is None or value in allowed


_SECTIONS = {"sets": Kind.set}


@functools.cache
def attributes() -> dict[Kind, tuple[Attribute, ...]]:
    """The attribute lexicon, per claim kind."""
    data = lexicon.load("attributes", package="claimdiff.alignment")
    out: dict[Kind, tuple[Attribute, ...]] = {}
    for section, kind in _SECTIONS.items():
        entries = []
        for e in data.get(section, []):
            classes = e.get("noun_classes")
            preds = e.get("predicate_classes") or e.get("event_classes") or e.get("relations")
            entries.append(
                Attribute(
                    id=e["id"],
                    kind=kind,
                    label=e.get("label", e["id"]),
                    classes=frozenset(classes) if classes else None,
                    predicates=frozenset(preds) if preds else None,
                    nationality=e.get("nationality", "any"),
                    anaphoric=bool(e.get("anaphoric", False)),
                    subject=e.get("subject", "event"),
                    fallback=e.get("fallback", "main_event"),
                )
            )
        out[kind] = tuple(entries)
    return out


@functools.cache
def _event_reference() -> re.Pattern[str]:
    words = lexicon.load("attributes", package="claimdiff.alignment").get("event_references", [])
    folded = sorted({names.fold(w) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in folded) + r")\b")


def refers_to_an_event(sentence: str) -> bool:
    """Whether a sentence refers to an event generically ("les manœuvres", "le sommet")."""
    return bool(_event_reference().search(names.fold(sentence)))


def _within_event_year(claim: DateClaim, event_id: str) -> bool:
    """A date can be the date of "Zapad-2025" only in 2025 (when the event names a year)."""
    years = [int(y) for y in names.numbers(event_id) if len(y) == 4]
    if not years or claim.start is None or claim.end is None:
        return True
    return any(claim.start.year <= y <= claim.end.year for y in years)


@dataclass(frozen=True)
class ClaimKey:
    """Where a claim belongs: the group key and the words a report uses for it."""

    kind: Kind
    attribute: Attribute
    subject_id: str  # entity id(s), or STORY
    subject_label: str
    nationality: str | None

    @property
    def key(self) -> str:
        parts = [self.kind.value, self.attribute.id, self.subject_id]
        if self.nationality:
            parts.append(self.nationality)
        return ":".join(parts)

    @property
    def label(self) -> str:
        label = self.attribute.label.replace("{subject}", self.subject_label)
        return label.replace("{nationality}", self.nationality or "")


class _ArticleIndex:
    """Entity mentions of one article by position, and its main event."""

    def __init__(self, mentions: list[tuple[int, int, str, str]]) -> None:
        self.mentions = sorted(mentions)  # (start, end, entity id, type)
        self.starts = [m[0] for m in self.mentions]
        events = Counter(eid for _, _, eid, kind in self.mentions if kind == "event")
        self.main_event = min(events, key=lambda e: (-events[e], e)) if events else None

    def within_at(self, start: int, end: int, kind: str) -> list[tuple[int, str]]:
        """(start, entity id) of the mentions of one kind inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, eid, k = self.mentions[i]
            if k == kind and e <= end:
                found.append((s, eid))
            i += 1
        return found

    def within(self, start: int, end: int, kind: str) -> list[str]:
        i = bisect.bisect_left(self.starts, start)
        found: list[str] = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, eid, k = self.mentions[i]
            if k == kind and e <= end and eid not in found:
                found.append(eid)
            i += 1
        return found


class Keyer:
    """Computes the key of every comparable claim of a corpus."""

    def __init__(self, extracted: Sequence[ArticleClaims], entities: Sequence[Entity], entity_of: dict[int, str]) -> None:
        self.labels = {e.id: e.label for e in entities}
        per_article: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        types = {e.id: e.type for e in entities}
        for article in extracted:
            for claim in article.claims:
                eid = entity_of.get(id(claim))
                if eid is not None:
                    per_article[article.source].append((claim.span.start, claim.span.end, eid, types[eid]))
        self.index = {a.source: _ArticleIndex(per_article[a.source]) for a in extracted}

    def key(self, claim: Claim) -> ClaimKey | None:
        """The key of a quantity, date or set claim, or None when it is not comparable."""
        kind = {"set": Kind.set}.get(claim.type)
        if kind is None:
            return None
        for attribute in attributes()[kind]:
            if not attribute.matches(claim):
                continue
            subject = self._subject(claim, attribute)
            if subject is None:
                return None
            return ClaimKey(kind, attribute, subject[0], subject[1], None)
        return None

    def _subject(self, claim: Claim, attribute: Attribute) -> tuple[str, str] | None:
        index = self.index.get(claim.source)
        if attribute.subject == "story" or index is None:
            return STORY, "the story"
        if attribute.subject == "event":
            events = index.within(claim.sentence.start, claim.sentence.end, "event")
            if len(events) > 1:
                return None  # which one is meant is not ours to guess
            if events:
                return events[0], self.labels.get(events[0], events[0])
            if attribute.fallback == "reference" and not refers_to_an_event(claim.sentence.text):
                return None
            if index.main_event is None:
                return None if attribute.fallback == "reference" else (STORY, "the story")
            if isinstance(claim, DateClaim) and not _within_event_year(claim, index.main_event):
                return None
            return index.main_event, self.labels.get(index.main_event, index.main_event)
        people = index.within(claim.sentence.start, claim.sentence.end, "person")
        if not people:
            return None
        people = sorted(people)
        return "+".join(people), " and ".join(self.labels.get(p, p) for p in people)
