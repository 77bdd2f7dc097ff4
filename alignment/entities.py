"""Entity resolution: one entity per real person, country, organisation or event.

People are clustered on their full names (first names compatible, surnames equal once
transliteration is folded, or close by rapidfuzz with guards); a surname alone links to the
full name it abbreviates without counting as a variant. Countries, organisations and
events are keyed by the extractors; event names that differ only by a misspelling are
merged when their numbers match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from claimdiff.alignment import names
from claimdiff.alignment.aliases import Aliases
from claimdiff.alignment.models import Entity
from claimdiff.base.unionfind import UnionFind
from claimdiff.claims.models import EntityClaim, EntityType, PersonClaim
from claimdiff.claims.places import key_part

#: rapidfuzz ratio (0-100) over transliteration skeletons above which two surnames may be one.
SURNAME_SIMILARITY = 85.0
#: Shorter surnames are compared exactly: one letter is too large a share of them.
MIN_FUZZY_LENGTH = 4


@dataclass
class _Form:
    """A distinct full name: folded given name + surname."""

    key: str
    given: str
    surname: str
    mentions: list[PersonClaim] = field(default_factory=list)


def _given_compatible(a: str, b: str) -> bool:
    fa, fb = names.fold(a), names.fold(b)
    if fa == fb or names.canonical(a) == names.canonical(b):
        return True
    # A middle name or initial written by one source only: "George W." / "George",
    # "Tanya Renee" / "Tanya".
    wa, wb = fa.split(), fb.split()
    if len(wa) != len(wb) and wa and wb and (wa[0] == wb[0] or names.canonical(wa[0]) == names.canonical(wb[0])):
        return True
    # An initial ("J. Biden", "J Biden") is compatible with any name starting with it.
    ia, ib = fa.replace(" ", ""), fb.replace(" ", "")
    if (len(ia) == 1 and ib.startswith(ia)) or (len(ib) == 1 and ia.startswith(ib)):
        return True
    # A typo in a long first name ("Ursulla") is still the same person; short names that
    # differ by a letter ("Maria" / "Mario", "Jean" / "Joan") are not.
    ca, cb = names.canonical(a), names.canonical(b)
    return min(len(ca), len(cb)) > 5 and fuzz.ratio(ca, cb) >= SURNAME_SIMILARITY


def same_person(given_a: str, surname_a: str, given_b: str, surname_b: str) -> bool:
    """Whether two full names can name the same person ("Boris P." abbreviates "Boris Picano-Nacci")."""
    if not _given_compatible(given_a, given_b):
        return False
    if _initial_of(surname_a, surname_b) or _initial_of(surname_b, surname_a):
        return True
    if names.numbers(surname_a) != names.numbers(surname_b) or names.gendered_forms(surname_a, surname_b):
        return False
    ca, cb = names.canonical(surname_a), names.canonical(surname_b)
    if ca == cb:
        return True
    if min(len(ca), len(cb)) < MIN_FUZZY_LENGTH:
        return False
    return fuzz.ratio(ca, cb) >= SURNAME_SIMILARITY


def _initial_of(initial: str, surname: str) -> bool:
    """Whether `initial` is a surname abbreviated to its first letter ("P." for "Picano-Nacci")."""
    folded = names.fold(initial).replace(" ", "")
    return len(folded) == 1 and initial.rstrip().endswith(".") and names.fold(surname).startswith(folded) and len(names.fold(surname)) > 1


def resolve_people(mentions: Sequence[PersonClaim], aliases: Aliases) -> tuple[list[Entity], dict[int, str]]:
    """Cluster person mentions into entities; returns the entities and id(claim) -> entity id."""
    forms: dict[str, _Form] = {}
    short: list[PersonClaim] = []
    for m in mentions:
        if m.short_form or not m.given:
            short.append(m)
            continue
        key = f"{names.fold(m.given)}|{names.fold(m.surname)}"
        form = forms.setdefault(key, _Form(key, m.given, m.surname))
        form.mentions.append(m)

    uf = UnionFind()
    blocks: dict[str, list[_Form]] = defaultdict(list)
    for form in forms.values():
        uf.find(form.key)
        # Blocking on the skeleton's first letter keeps comparisons near-linear in corpus size.
        blocks[names.canonical(form.surname)[:1]].append(form)
    for block in blocks.values():
        block.sort(key=lambda f: f.key)
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                full_a, full_b = f"{a.given} {a.surname}", f"{b.given} {b.surname}"
                if aliases.distinct(full_a, full_b):
                    continue
                if aliases.same(full_a, full_b) or same_person(a.given, a.surname, b.given, b.surname):
                    uf.union(a.key, b.key)
    joined: dict[str, str] = {}
    for form in sorted(forms.values(), key=lambda f: f.key):
        # "Zhang Yimou" / "Zhang Yi Mou", "Hu Jintao" / "Hu Jin Tao": one name, spaced two ways.
        whole = names.fold(form.mentions[0].name).replace(" ", "")
        if len(whole) >= MIN_FUZZY_LENGTH:
            uf.union(form.key, joined.setdefault(whole, form.key))
    for a in forms.values():  # user-declared equivalences across blocks
        for b in forms.values():
            if a.key < b.key and aliases.same(f"{a.given} {a.surname}", f"{b.given} {b.surname}"):
                uf.union(a.key, b.key)

    clusters: dict[str, list[PersonClaim]] = defaultdict(list)
    for form in forms.values():
        clusters[uf.find(form.key)].extend(form.mentions)

    # Surname-only mentions: attach to the unique cluster with that surname skeleton,
    # preferring one the same article names in full.
    by_surname: dict[str, set[str]] = defaultdict(set)
    sources_of: dict[str, set[str]] = defaultdict(set)
    surnames_of: dict[str, set[str]] = defaultdict(set)  # distinct spellings, compared once each
    roots_in: dict[str, set[str]] = defaultdict(set)
    for root, ms in clusters.items():
        for m in ms:
            by_surname[names.canonical(m.surname)].add(root)
            sources_of[root].add(m.source)
            surnames_of[root].add(m.surname)
            roots_in[m.source].add(root)
    orphans: dict[str, list[PersonClaim]] = defaultdict(list)
    for m in short:
        skeleton = names.canonical(m.surname)
        candidates = sorted(by_surname.get(skeleton, ()))
        local = [c for c in candidates if m.source in sources_of[c]]
        if len(local) == 1 or (not local and len(candidates) == 1):
            clusters[(local or candidates)[0]].append(m)
            continue
        if not candidates:
            fuzzy = sorted(
                root
                for root in roots_in[m.source]
                if len(skeleton) >= MIN_FUZZY_LENGTH
                and any(
                    fuzz.ratio(skeleton, names.canonical(surname)) >= SURNAME_SIMILARITY
                    and not names.gendered_forms(surname, m.surname)
                    for surname in surnames_of[root]
                )
            )
            if len(fuzzy) == 1:
                clusters[fuzzy[0]].append(m)
                continue
        orphans[f"~{skeleton}"].append(m)
    clusters.update(orphans)

    entities: list[Entity] = []
    entity_of: dict[int, str] = {}
    for ms in clusters.values():
        label = _label(ms)
        entity = Entity(id=f"person:{names.canonical(label).replace(' ', '-')}", type="person", label=label, mentions=_sorted(ms))
        entities.append(entity)
    _dedupe_ids(entities)
    for entity in entities:
        for m in entity.mentions:
            entity_of[id(m)] = entity.id
    return sorted(entities, key=lambda e: e.id), entity_of


def _label(mentions: Iterable[PersonClaim]) -> str:
    full = Counter(f"{m.given} {m.surname}" for m in mentions if m.given and not m.short_form)
    pool = full or Counter(m.surname for m in mentions)
    return min(pool, key=lambda name: (-pool[name], name))


def _sorted(mentions: Iterable[PersonClaim | EntityClaim]) -> list:
    return sorted(mentions, key=lambda m: (m.source, m.span.start, m.span.end))


def _dedupe_ids(entities: list[Entity]) -> None:
    seen: Counter[str] = Counter()
    for entity in sorted(entities, key=lambda e: (e.id, e.mentions[0].source, e.mentions[0].span.start)):
        seen[entity.id] += 1
        if seen[entity.id] > 1:
            entity.id = f"{entity.id}#{seen[entity.id]}"


def _base(key: str) -> str:
    """An event key without its trailing number: "event:zapad-2025" -> "event:zapad"."""
    head, _, tail = key.rpartition("-")
    return head if head and tail.isdigit() else key


#: Place and organisation names this long or longer that differ by one letter are one name
#: ("Fonscolombe" / "Fonscolombes", "Phnom Pen" / "Phnom Penh").
MIN_PLACE_LENGTH = 6


def _merge_misspelt(keys: Sequence[str], canonical_key: dict[str, str]) -> None:
    """Place and organisation keys one edit apart (same numbers) become the more frequent-looking one.

    Keys are blocked by kind and the first two letters of their skeleton, so the pairs
    compared stay few however many places a corpus names.
    """
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        kind, _, name = key.partition(":")
        if kind in ("place", "org") and canonical_key[key] == key:
            blocks[(kind, names.canonical(name)[:2])].append(key)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if canonical_key[a] != a or canonical_key[b] != b:
                    continue
                if names.numbers(a) == names.numbers(b) and _one_edit_apart(a.partition(":")[2], b.partition(":")[2]):
                    canonical_key[b] = a


def _one_edit_apart(a: str, b: str) -> bool:
    """Two place or organisation names one edit apart once folded, both long enough for one
    letter to be a slip ("Fonscolombe" / "Fonscolombes")."""
    from rapidfuzz.distance import Levenshtein

    na, nb = names.canonical(a), names.canonical(b)
    return min(len(na), len(nb)) >= MIN_PLACE_LENGTH and Levenshtein.distance(na, nb) <= 1


def _bare_name(thing: EntityClaim) -> str:
    """A thing's name as one word may write it: an event's without its kind word ("Hurricane
    Milton" is event:milton)."""
    return thing.key.partition(":")[2] if thing.entity_type is EntityType.event else thing.name.strip()


def retype_people(
    people: Sequence[PersonClaim], things: Sequence[EntityClaim]
) -> tuple[list[PersonClaim], dict[int, EntityClaim]]:
    """People that the corpus says are places, organisations or events, as mentions of
    those: the people kept, and id(person claim) -> the entity claim it becomes.

    A lone surname (no given name or title anywhere in the corpus for it) that other
    sources write, or nearly write, as a place or an organisation is that place: "une cité
    du nord de Marseille, Fonscolombe" tagged as a person, "la cité Fonscolombes" elsewhere.
    It keeps its spelling and its own key, so that a variant is still seen.
    """
    named = {names.canonical(p.surname) for p in people if p.given or p.title}
    places: dict[str, list[EntityClaim]] = defaultdict(list)
    for t in things:
        if t.entity_type in (EntityType.place, EntityType.organisation, EntityType.event):
            bare = _bare_name(t)
            if " " not in bare and "-" not in bare:
                places[names.canonical(bare)[:2]].append(t)
    kept: list[PersonClaim] = []
    retyped: dict[int, EntityClaim] = {}
    for p in people:
        own = names.canonical(p.surname)
        match = None
        if not (p.given or p.title) and own not in named:
            candidates = [t for t in places.get(own[:2], ()) if t.source != p.source and _one_edit_apart(p.surname, _bare_name(t))]
            match = min(candidates, key=lambda t: (t.key, t.source, t.span.start), default=None)
        if match is None:
            kept.append(p)
        else:
            retyped[id(p)] = EntityClaim(
                source=p.source,
                span=p.span,
                sentence=p.sentence,
                attribution=p.attribution,
                hedged=p.hedged,
                entity_type=match.entity_type,
                name=p.name,
                # Its own key: a spelling one edit away then merges as a variant (`resolve_things`).
                key=f"{match.key.partition(':')[0]}:{key_part(p.name)}",
            )
    return kept, retyped


def resolve_things(mentions: Sequence[EntityClaim]) -> tuple[list[Entity], dict[int, str]]:
    """Group country, place, organisation and event mentions by key.

    A bare event name ("Zapad") joins the numbered event of that name when the corpus has
    exactly one; event keys that differ by a misspelling merge when their numbers match.
    """
    keys = sorted({m.key for m in mentions})
    event_keys = [k for k in keys if k.startswith("event:")]
    canonical_key: dict[str, str] = {k: k for k in keys}
    numbered_by_base: dict[str, list[str]] = defaultdict(list)
    for k in event_keys:
        if _base(k) != k:
            numbered_by_base[_base(k)].append(k)
    for k in event_keys:
        if _base(k) == k and len(numbered_by_base.get(k, [])) == 1:
            canonical_key[k] = numbered_by_base[k][0]
    # Misspelt event or organisation names: same numbers, close letters.
    for i, a in enumerate(event_keys):
        for b in event_keys[i + 1 :]:
            if canonical_key[a] != a or canonical_key[b] != b:
                continue
            if names.numbers(a) == names.numbers(b) and _base(a) != _base(b):
                la, lb = names.canonical(_base(a)[6:]), names.canonical(_base(b)[6:])
                if min(len(la), len(lb)) >= MIN_FUZZY_LENGTH + 1 and fuzz.ratio(la, lb) >= SURNAME_SIMILARITY:
                    canonical_key[b] = a
    _merge_misspelt(keys, canonical_key)

    grouped: dict[str, list[EntityClaim]] = defaultdict(list)
    for m in mentions:
        grouped[canonical_key[m.key]].append(m)
    entities, entity_of = [], {}
    for key in sorted(grouped):
        ms = _sorted(grouped[key])
        kind = ms[0].entity_type
        # The label is the most frequent full form: with the event's number when it has one.
        full = [m for m in ms if names.numbers(m.name) == names.numbers(key)] or ms
        counts = Counter(m.name for m in full if kind is not EntityType.country or m.form == "name")
        label = min(counts, key=lambda n: (-counts[n], n)) if counts else key
        entities.append(Entity(id=key, type=kind.value, label=label, mentions=ms))
        for m in ms:
            entity_of[id(m)] = key
    return entities, entity_of
