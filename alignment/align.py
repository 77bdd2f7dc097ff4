"""Alignment: resolve entities, key every claim, and group the claims that can be compared."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from collections import Counter, defaultdict
from collections.abc import Sequence

from claimdiff.alignment.aliases import Aliases, load_aliases
from claimdiff.alignment.entities import resolve_people, resolve_things
from claimdiff.alignment.keys import STORY, ClaimKey, Keyer
from claimdiff.alignment.models import Alignment, ClaimGroup
from claimdiff.claims.models import ArticleClaims, Claim, EntityClaim, PersonClaim, QuantityClaim, Temporal
from claimdiff.corpus.models import Source
from claimdiff.findings.models import Kind

#: Articles published further apart than this are not assumed to tell the same story.
STORY_WINDOW_DAYS = 10
#: How many of an article's most mentioned entities say what its story is about; two
#: articles tell the same story when they share two of them.
TOPIC_SIZE = 6


def align(
    sources: Sequence[Source],
    extracted: Sequence[ArticleClaims],
    aliases: str | Aliases | None = None,
    story_window_days: int = STORY_WINDOW_DAYS,
) -> Alignment:
    """Entities and groups of comparable claims for a corpus."""
    if not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    people = [c for a in extracted for c in a.claims if isinstance(c, PersonClaim)]
    things = [c for a in extracted for c in a.claims if isinstance(c, EntityClaim)]
    person_entities, person_of = resolve_people(people, aliases)
    thing_entities, thing_of = resolve_things(things)
    entities = sorted(person_entities + thing_entities, key=lambda e: e.id)
    entity_of = {**person_of, **thing_of}

    published = {a.source: a.publication_date for a in extracted}
    for s in sources:
        published.setdefault(s.id, s.date)
    keyer = Keyer(extracted, entities, entity_of)
    topics = _topics(extracted, entity_of)
    buckets: dict[str, tuple[ClaimKey, list[Claim]]] = {}
    for article in extracted:
        for claim in article.claims:
            ck = keyer.key(claim)
            if ck is None:
                continue
            buckets.setdefault(ck.key, (ck, []))[1].append(claim)

    groups: list[ClaimGroup] = []
    for key in sorted(buckets):
        ck, claims = buckets[key]
        parts = _stories(claims, published, topics, story_window_days) if _needs_window(ck) else [claims]
        for n, part in enumerate(parts):
            groups.extend(_split_temporal(ck, part, suffix=f"~{n}" if len(parts) > 1 else ""))
    groups.extend(_role_groups(person_entities))
    return Alignment(
        sources={s.id: s for s in sources},
        entities=entities,
        groups=groups,
        aliases=aliases,
    )


def _needs_window(ck: ClaimKey) -> bool:
    """Keys not anchored to a named event need articles that tell the same story."""
    return ck.subject_id == STORY or ck.attribute.subject == "participants"


def _stories(
    claims: list[Claim], published: dict[str, dt.date | None], topics: dict[str, frozenset], days: int
) -> list[list[Claim]]:
    """Split claims into stories: articles published within `days` of the first of a run
    (undated articles form a run of their own) that share a pair of main entities."""
    dated = sorted((c for c in claims if published.get(c.source)), key=lambda c: (published[c.source], c.source))
    runs: list[list[Claim]] = []
    anchor: dt.date | None = None
    for claim in dated:
        when = published[claim.source]
        if anchor is None or (when - anchor).days > days:
            runs.append([])
            anchor = when
        runs[-1].append(claim)
    undated = [c for c in claims if not published.get(c.source)]
    if undated:
        runs.append(undated)
    return [story for run in runs for story in _by_shared_topics(run, topics)]


def _by_shared_topics(claims: list[Claim], topics: dict[str, frozenset]) -> list[list[Claim]]:
    """Claims grouped by articles linked through a shared pair of main entities."""
    sources = sorted({c.source for c in claims})
    if len(sources) == 1:
        return [claims]
    parent = {s: s for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with_pair: dict[tuple[str, str], str] = {}
    for source in sources:
        for pair in combinations(sorted(topics.get(source, ())), 2):
            other = first_with_pair.setdefault(pair, source)
            a, b = find(source), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    stories: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        stories[find(claim.source)].append(claim)
    return [stories[k] for k in sorted(stories)]


def _topics(extracted: Sequence[ArticleClaims], entity_of: dict[int, str], size: int = TOPIC_SIZE) -> dict[str, frozenset]:
    """Each article's most mentioned entities: who and what its story is about.

    At equal counts people, events and organisations say more about a story than the
    countries that most articles of a corpus mention.
    """
    out = {}
    for article in extracted:
        counts = Counter(entity_of[id(c)] for c in article.claims if id(c) in entity_of)
        specific = {e: not _is_place(e) for e in counts}
        out[article.source] = frozenset(sorted(counts, key=lambda e: (-counts[e], not specific[e], e))[:size])
    return out


def _is_place(entity_id: str) -> bool:
    """Countries are keyed by their ISO code, places by "place:"."""
    return entity_id.startswith("place:") or (len(entity_id) == 2 and entity_id.isupper())


def _split_temporal(ck: ClaimKey, claims: list[Claim], suffix: str) -> list[ClaimGroup]:
    """Figures are compared only with figures of the same status (reported, announced,
    planned). Superseded figures are never compared: a toll that rose is not a contradiction."""
    by_status: dict[Temporal, list[Claim]] = defaultdict(list)
    for claim in claims:
        status = claim.temporal if isinstance(claim, QuantityClaim) else Temporal.reported
        by_status[status].append(claim)
    groups = []
    for status in sorted(by_status, key=lambda s: s.value):
        if status is Temporal.previous:
            continue  # "un premier bilan faisait état de 12 morts"
        key = ck.key + suffix + ("" if status is Temporal.reported else f":{status.value}")
        subject = ck.label if status is Temporal.reported else f"{ck.label} ({status.value})"
        groups.append(ClaimGroup(kind=ck.kind, key=key, subject=subject, claims=by_status[status]))
    return groups


def _role_groups(person_entities) -> list[ClaimGroup]:
    groups = []
    for entity in person_entities:
        titled = [m for m in entity.mentions if m.title]
        if titled:
            groups.append(ClaimGroup(kind=Kind.role, key=f"role:{entity.id}", subject=entity.label, claims=titled))
    return groups
