"""Alignment: resolve entities, split the corpus into stories, and match the claims that are
about the same thing across sources."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from claimdiff.alignment import dating, names
from claimdiff.alignment.aliases import Aliases, load_aliases
from claimdiff.alignment.entities import resolve_people, resolve_things, retype_people
from claimdiff.alignment.features import Item, head_type, rarity
from claimdiff.alignment.lists import ListKeyer
from claimdiff.alignment.labels import subject_of
from claimdiff.alignment.matching import Match, match
from claimdiff.alignment.models import Alignment, ClaimGroup, Entity, Kind
from claimdiff.alignment.stories import stories
from claimdiff.claims import units
from claimdiff.claims.models import (
    ArticleClaims,
    Claim,
    DateClaim,
    Dimension,
    EntityClaim,
    PersonClaim,
    QuantityClaim,
    SetClaim,
    Temporal,
    TimeClaim,
)
from claimdiff.corpus.models import Source

#: A date a figure is tied to ("en 2004") is another occasion when it lies this far outside
#: the story's own dates.
OCCASION_MARGIN_DAYS = 45


def align(
    sources: Sequence[Source],
    extracted: Sequence[ArticleClaims],
    aliases: str | Aliases | None = None,
) -> Alignment:
    """Entities and groups of comparable claims for a corpus."""
    if not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    people = [c for a in extracted for c in a.claims if isinstance(c, PersonClaim)]
    things = [c for a in extracted for c in a.claims if isinstance(c, EntityClaim)]
    people, retyped = retype_people(people, things)
    things += retyped.values()
    person_entities, person_of = resolve_people(people, aliases)
    thing_entities, thing_of = resolve_things(things)
    entities = sorted(person_entities + thing_entities, key=lambda e: e.id)
    entity_of = {**person_of, **thing_of}
    # The article's own claim reads as the entity it was retyped to (stories, anchors).
    entity_of.update({original: thing_of[id(claim)] for original, claim in retyped.items() if id(claim) in thing_of})

    published: dict[str, dt.date | None] = {a.source: a.publication_date for a in extracted}
    for s in sources:
        if published.get(s.id) is None:
            published[s.id] = s.date
    story_of = stories(extracted, published, entity_of)
    spans = dating.story_spans(extracted, published, story_of)
    resolved = dating.resolve_relative(extracted, published, story_of, spans)

    anchors = _AnchorIndex(extracted, entity_of)
    items = [
        item
        for article in extracted
        for claim in article.claims
        if (item := _item(resolved.get(id(claim), claim), article.source, story_of, spans, anchors, id(claim) in resolved)) is not None
    ]
    idf = rarity((i.source, i.context) for i in items)
    matches, alone = match(items, idf, same_value, specific_value)
    labels = {e.id: e.label for e in entities}
    groups = [_group(m, labels) for m in matches]
    _dedupe_keys(groups)
    groups.extend(_set_groups(extracted, entities, entity_of))
    groups.extend(_role_groups(person_entities))
    return Alignment(
        sources={s.id: s for s in sources},
        entities=entities,
        groups=groups,
        aliases=aliases,
        unmatched=dict(sorted(Counter(i.kind for i in alone).items())),
        compared=len(items),
        items=items,
        rarity=idf,
        dates=[
            placed
            for article in extracted
            for claim in article.claims
            if isinstance(placed := resolved.get(id(claim), claim), DateClaim)
        ],
    )


class _AnchorIndex:
    """Anchor keys of frames ("person:hiller", "org:nato") -> entity ids of the corpus."""

    def __init__(self, extracted: Sequence[ArticleClaims], entity_of: dict[int, str]) -> None:
        self.person: dict[tuple[str, str], str] = {}
        self.thing: dict[str, str] = {}
        for article in extracted:
            for claim in article.claims:
                eid = entity_of.get(id(claim))
                if eid is None:
                    continue
                if isinstance(claim, PersonClaim):
                    self.person.setdefault((article.source, names.fold(claim.surname)), eid)
                elif isinstance(claim, EntityClaim):
                    self.thing.setdefault(claim.key, eid)

    def entity(self, source: str, key: str | None) -> str | None:
        if key is None:
            return None
        if key.startswith("person:"):
            surname = key.split(":", 1)[1]
            return self.person.get((source, names.fold(surname)), f"person:{names.canonical(surname)}")
        return self.thing.get(key, key)


def _item(
    claim: Claim,
    source: str,
    story_of: dict[str, str],
    spans: dict[str, tuple[dt.date, dt.date]],
    anchors: _AnchorIndex,
    placed: bool = False,
) -> Item | None:
    story = story_of.get(source, source)
    if isinstance(claim, QuantityClaim):
        if claim.temporal is Temporal.previous:
            return None  # a superseded figure ("un premier bilan faisait état de 12 morts")
        block = _block(claim)
        kind, anaphoric, temporal = "quantity", claim.anaphoric, claim.temporal
    elif isinstance(claim, DateClaim):
        if claim.start is None or claim.end is None:
            return None
        block, kind, anaphoric, temporal = "day:nominal" if claim.nominal else "day", "date", False, Temporal.reported
    elif isinstance(claim, TimeClaim):
        block, kind, anaphoric, temporal = "time", "time", False, Temporal.reported
    else:
        return None
    frame = claim.frame
    when = frame.when
    if isinstance(claim, DateClaim) and claim.start is not None and not claim.nominal:
        when = claim.start.isoformat()  # a date far from the story's days is another occasion's
    return Item(
        claim=claim,
        source=source,
        story=story,
        kind=kind,
        block=block,
        head=frame.head,
        head_class=frame.head_class,
        head_type=head_type(frame.head_class),
        head_generic=frame.head_generic,
        head_event=frame.head_event,
        event=frame.verb_class,
        verb=frame.verb,
        anchor=anchors.entity(source, frame.anchor),
        anchor_close=frame.anchor_role not in (None, "clause"),
        entities=frozenset(e for key in frame.entities if (e := anchors.entity(source, key)) is not None),
        nationality=frame.nationality,
        modifiers=frozenset(frame.modifiers),
        place=anchors.entity(source, frame.place),
        when=frame.when,
        occasion=frame.occasion,
        # A plan's date lies ahead of the story by nature ("to cut 3,800 jobs by 2027"): it is
        # the plan's horizon, not another occasion.
        other_occasion=temporal is not Temporal.planned and dating.other_occasion(when, spans.get(story), OCCASION_MARGIN_DAYS),
        part=frame.part,
        cumulative=frame.cumulative,
        anaphoric=anaphoric,
        temporal=temporal,
        context=frozenset(frame.context),
        placed=placed,
        participants=frozenset(frame.participants),
    )


def _block(claim: QuantityClaim) -> str:
    """Quantities are compared within one dimension (an age is a duration), money within one currency."""
    if claim.dimension in (Dimension.money, Dimension.percent):
        return f"{claim.dimension.value}:{claim.unit}"
    if claim.dimension is Dimension.age:
        return Dimension.duration.value
    return claim.dimension.value


def same_value(a: Item, b: Item) -> bool:
    """Whether two items state the same value (for grouping; the rules judge clashes)."""
    x, y = a.claim, b.claim
    if isinstance(x, QuantityClaim) and isinstance(y, QuantityClaim):
        factor = units.factor(x.unit, y.unit) if x.unit and y.unit and x.unit != y.unit else 1.0
        if factor is None:
            return False
        return abs(x.value * factor - y.value) <= 1e-9 * max(1.0, abs(y.value))
    if isinstance(x, DateClaim) and isinstance(y, DateClaim):
        if (x.start, x.end) == (y.start, y.end):
            return True
        if _within_period(x, y) or _within_period(y, x):
            return True  # "end of July" is a part of "July": the same time, told more precisely
        # A bare weekday that alignment placed from the story's other dates is only known to
        # be that weekday near them: it names any such day of the adjacent weeks.
        return (_guessed_weekday(a) or _guessed_weekday(b)) and x.start == x.end and y.start == y.end and _near_same_weekday(x.start, y.start)
    if isinstance(x, TimeClaim) and isinstance(y, TimeClaim):
        return x.minute == y.minute
    return False


def _within_period(part: DateClaim, whole: DateClaim) -> bool:
    """Whether `part`, several days long, lies inside the longer period `whole`."""
    if None in (part.start, part.end, whole.start, whole.end) or part.start == part.end:
        return False
    return whole.start <= part.start and part.end <= whole.end and (whole.start, whole.end) != (part.start, part.end)


#: How far apart a guessed weekday and a date of the same weekday may lie and still be one day.
_GUESS_DAYS = 7


def _guessed_weekday(item: Item) -> bool:
    claim = item.claim
    return item.placed and isinstance(claim, DateClaim) and claim.weekday is not None and claim.day is None and not claim.nominal


def _near_same_weekday(x: dt.date | None, y: dt.date | None) -> bool:
    return x is not None and y is not None and x.weekday() == y.weekday() and abs((x - y).days) <= _GUESS_DAYS


#: Counts up to this are too common in a story for two equal ones to suggest one fact.
SMALL_COUNT = 12


def specific_value(item: Item) -> bool:
    """Whether an item's figure is rare enough that two sources stating it likely state one fact:
    not a small count, a round approximation or a bound."""
    claim = item.claim
    if isinstance(claim, QuantityClaim):
        if claim.qualifier.value != "exact" or claim.anaphoric:
            return False
        return not (claim.dimension in (Dimension.count, Dimension.duration, Dimension.age) and claim.value <= SMALL_COUNT)
    if isinstance(claim, DateClaim):
        # A day and month written out are specific even when the year is placed from the story;
        # so is a weekday or "yesterday" resolved from the article's own date.
        return claim.precision == "day" and (not claim.relative or not item.placed or (claim.day is not None and claim.month is not None))
    if isinstance(claim, TimeClaim):
        # "around 4.30am" still names one minute of the day; a bound ("before 5am") does not.
        return claim.qualifier.value in ("exact", "approximate") and claim.minute % 60 != 0
    return False


_KIND = {"quantity": Kind.quantity, "date": Kind.date, "time": Kind.date}


def _group(m: Match, labels: dict[str, str]) -> ClaimGroup:
    first = m.items[0]
    heads = Counter(i.head_class or i.head for i in m.items if i.head_class or i.head)
    events = Counter(i.event or i.verb for i in m.items if i.event or i.verb)
    anchors = Counter(i.anchor for i in m.items if i.anchor and i.anchor_close)
    head = min(heads, key=lambda h: (-heads[h], h)) if heads else None
    event = min(events, key=lambda e: (-events[e], e)) if events else None
    anchor = min(anchors, key=lambda a: (-anchors[a], a)) if anchors and anchors.most_common(1)[0][1] > 1 else None
    key = ":".join([first.kind, first.block, head or "-", event or "-", anchor or "-"])
    subject = subject_of(first.kind, first.block, head, event, labels.get(anchor, anchor) if anchor else None)
    moved = _place_guessed_weekdays(m.items)
    links = {(_moved_id(x, moved), _moved_id(y, moved)): f for (x, y), f in m.links.items()} if moved else m.links
    claims = sorted((moved.get(id(i.claim), i.claim) for i in m.items), key=lambda c: (c.source, c.span.start, c.span.end))
    return ClaimGroup(kind=_KIND[first.kind], key=key, subject=subject, claims=claims, links=links)


def _place_guessed_weekdays(items: list[Item]) -> dict[int, Claim]:
    """id(claim) -> the claim on the day its group dates: a weekday guessed from the story's
    other dates is the day of that weekday that the group's other sources write."""
    days = Counter(
        i.claim.start for i in items if isinstance(i.claim, DateClaim) and not _guessed_weekday(i) and i.claim.start == i.claim.end
    )
    moved: dict[int, Claim] = {}
    for item in items:
        claim = item.claim
        if not _guessed_weekday(item):
            continue
        near = [d for d in days if _near_same_weekday(claim.start, d)]  # type: ignore[union-attr]
        if near:
            day = min(near, key=lambda d: (-days[d], d))
            if day != claim.start:
                moved[id(claim)] = claim.model_copy(update={"start": day, "end": day})
    return moved


def _moved_id(key: int, moved: dict[int, Claim]) -> int:
    claim = moved.get(key)
    return key if claim is None else id(claim)


def _dedupe_keys(groups: list[ClaimGroup]) -> None:
    """Two groups of one key get numbered keys, in the order of their first evidence."""
    by_key: dict[str, list[ClaimGroup]] = defaultdict(list)
    for g in groups:
        by_key[g.key].append(g)
    for key, same in by_key.items():
        if len(same) > 1:
            for n, g in enumerate(sorted(same, key=lambda g: (g.claims[0].source, g.claims[0].span.start)), start=1):
                g.key = f"{key}#{n}"


def _set_groups(extracted: Sequence[ArticleClaims], entities: list[Entity], entity_of: dict[int, str]) -> list[ClaimGroup]:
    """Lists keyed by what they list and of what (the attribute lexicon's relations)."""
    keyer = ListKeyer(extracted, entities, entity_of)
    buckets: dict[str, tuple[str, list[SetClaim]]] = {}
    for article in extracted:
        for claim in article.claims:
            if isinstance(claim, SetClaim):
                lk = keyer.key(claim)
                if lk is not None:
                    buckets.setdefault(lk.key, (lk.label, []))[1].append(claim)
    return [ClaimGroup(kind=Kind.set, key=k, subject=label, claims=claims) for k, (label, claims) in sorted(buckets.items())]


def _role_groups(person_entities: list[Entity]) -> list[ClaimGroup]:
    groups = []
    for entity in person_entities:
        titled = [m for m in entity.mentions if isinstance(m, PersonClaim) and m.title]
        if titled:
            groups.append(ClaimGroup(kind=Kind.role, key=f"role:{entity.id}", subject=entity.label, claims=titled))
    return groups
