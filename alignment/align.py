"""Alignment: resolve entities, key every claim, and group the claims that can be compared."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
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
        parts = _story_windows(claims, published, story_window_days) if _needs_window(ck) else [claims]
        for n, part in enumerate(parts):
            groups.extend(_split_temporal(ck, part, suffix=f"~{n}" if len(parts) > 1 else ""))
    groups.extend(_role_groups(person_entities))
    return Alignment(
        sources={s.id: s for s in sources},
        entities=entities,
        groups=groups,
        claim_count=sum(len(a.claims) for a in extracted),
        entity_of=entity_of,
        aliases=aliases,
    )


def _needs_window(ck: ClaimKey) -> bool:
    """Keys not anchored to a named event need articles published close together."""
    return ck.subject_id == STORY or ck.attribute.subject == "participants"


def _story_windows(claims: list[Claim], published: dict[str, dt.date | None], days: int) -> list[list[Claim]]:
    """Split claims into runs of articles published within `days` of each other.

    Claims of undated articles form their own run: they are compared with each other only.
    """
    dated = sorted((c for c in claims if published.get(c.source)), key=lambda c: (published[c.source], c.source))
    undated = [c for c in claims if not published.get(c.source)]
    runs: list[list[Claim]] = []
    last: dt.date | None = None
    for claim in dated:
        when = published[claim.source]
        if last is None or (when - last).days > days:
            runs.append([])
        runs[-1].append(claim)
        last = when
    if undated:
        runs.append(undated)
    return runs


def _split_temporal(ck: ClaimKey, claims: list[Claim], suffix: str) -> list[ClaimGroup]:
    """Reported figures are compared with each other; announced or planned ones are context."""
    by_status: dict[Temporal, list[Claim]] = defaultdict(list)
    for claim in claims:
        status = claim.temporal if isinstance(claim, QuantityClaim) else Temporal.reported
        by_status[status].append(claim)
    groups = []
    for status in sorted(by_status, key=lambda s: s.value):
        others = [c for s, cs in sorted(by_status.items(), key=lambda kv: kv[0].value) if s is not status for c in cs]
        key = ck.key + suffix + ("" if status is Temporal.reported else f":{status.value}")
        subject = ck.label if status is Temporal.reported else f"{ck.label} ({status.value})"
        groups.append(ClaimGroup(kind=ck.kind, key=key, subject=subject, claims=by_status[status], context=others))
    return groups


def _role_groups(person_entities) -> list[ClaimGroup]:
    groups = []
    for entity in person_entities:
        titled = [m for m in entity.mentions if m.title]
        if titled:
            groups.append(ClaimGroup(kind=Kind.role, key=f"role:{entity.id}", subject=entity.label, claims=titled))
    return groups
