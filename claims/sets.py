"""Enumerations of countries, organisations, places or people: "la Pologne, la Lituanie et la Lettonie".

A list is a run of mentions of one kind (countries and organisations together, places, or
people) found by the places and people extractors, in one sentence, joined by ", ", " et ",
"ainsi que"... (claims/data/sets.yaml). Around it the extractor reads:

* whether it is partial: a marker before it ("dont", "parmi lesquels", "tels que") or after
  it ("etc."). A partial marker followed by a counted noun whose count equals the number
  of members ("parmi lesquels trois membres de l'OTAN : A, B et C") scopes over the larger
  group, not over the counted list: that list is exhaustive, with `stated_count` 3.
* the count the text gives for the list ("trois pays membres de l'Otan - A, B et C -",
  "les deux pays, A et B", "A, B et C, trois pays baltes");
* the organisation its members are said to belong to ("membres de l'OTAN" -> "org:NATO");
* what the list is (`relation`): the predicate class near it (cues.find_predicate), except
  for a list that complements a noun ("les manœuvres de la Russie et de la Biélorussie":
  only that noun may give the relation) or says where ("au Bélarus et en Russie":
  "location"); "membership" when only a membership qualifier says what it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claimdiff import lang
from claimdiff.base.text import fold as text_fold
from claimdiff.claims import cues, numbers, places
from claimdiff.claims.document import Document
from claimdiff.claims.models import EntityClaim, EntityType, PersonClaim, SetClaim, SetMember, Span

_KIND_OF = {
    EntityType.country: "actor",
    EntityType.organisation: "actor",
    EntityType.place: "place",
}


@dataclass(frozen=True)
class _Mention:
    start: int  # normalised offsets of the name
    end: int
    kind: str
    key: str
    name: str
    span: Span
    demonym: bool
    place_like: bool  # a capital or a place: "à" before it is locative
    source_like: bool  # after "selon", "d'après": "Selon l'AFP, la Hongrie..." is no list
    art_start: int  # where the list's span starts if this mention opens it
    pre_start: int  # start of its preposition and article
    prep: str | None  # preposition, contracted articles resolved ("du" -> "de")


@dataclass(frozen=True)
class _Lexicon:
    joiner: re.Pattern[str]
    source_marker: re.Pattern[str]
    non_comma: re.Pattern[str]
    prefix: re.Pattern[str]
    partial_before: tuple[re.Pattern[str], ...]
    partial_adjacent: tuple[re.Pattern[str], ...]
    partial_after: tuple[re.Pattern[str], ...]
    count_nouns: dict[str, frozenset[str]]
    count_tail: re.Pattern[str]
    count_after: re.Pattern[str]  # a count right after the list: ", soit trois pays"
    trail_gap: re.Pattern[str]  # between the list and a trailing membership noun
    membership: re.Pattern[str]
    genitive: frozenset[str]
    locative: frozenset[str]
    contractions: dict[str, str]  # contracted article -> its preposition ("du" -> "de")
    demonym_articles: frozenset[str]  # before a demonym, an article, not a contraction ("des Russes")
    place_prepositions: frozenset[str]  # locative before a capital or place only ("à Minsk")
    locative_relation: str
    membership_relation: str
    relations: frozenset[str]
    lead_in: int
    trail: int
    max_gap: int
    code: str


def _alternation(words: list[str]) -> str:
    """A regex alternation of `words`, longest first; one that never matches when empty."""
    if not words:
        return "(?!)"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _build(code: str) -> _Lexicon:
    data = lang.get(code).data("sets")
    flags = re.IGNORECASE
    joiners = "|".join(f"(?:{j})" for j in data["joiners"])
    preps = _alternation([str(p) for p in data["prepositions"]])
    arts = _alternation([str(a) for a in data["articles"]])
    classes = {str(e["class"]) for e in lang.get(code).data("predicates") if "class" in e}
    links = _alternation([str(w) for w in data["membership_links"]])
    return _Lexicon(
        joiner=re.compile(rf"\s*(?:{joiners})\s*", flags),
        source_marker=re.compile(rf"(?<![\w])(?:{_alternation(data.get('source_markers') or [])})\s*$", flags),
        non_comma=re.compile(r"[^\s,]"),
        prefix=re.compile(rf"(?:(?<![\w])(?P<prep>{preps})\s*)?(?:(?<![\w])(?P<art>{arts})\s*)?$", flags),
        partial_before=tuple(re.compile(p, flags) for p in data["partial_before"]),
        partial_adjacent=tuple(re.compile(p + r"\s*$", flags) for p in data["partial_adjacent"]),
        partial_after=tuple(re.compile(p, flags) for p in data["partial_after"]),
        count_nouns={k: frozenset(text_fold(w) for w in v) for k, v in data["count_nouns"].items()},
        # What follows the number of a count before the list: the counted noun, maybe after an
        # adjective ("cinq anciennes républiques soviétiques"), a few more words, a separator
        # and maybe an introducer ("trois pays, à savoir ...").
        count_tail=re.compile(
            r"\s+(?P<noun>[^\W\d_]+)(?:\s+(?P<noun2>[^\W\d_]+))?(?:\s+[\w'-]+){0,4}?\s*(?:[:,(]|[-–—])\s*"
            rf"(?:(?:{_alternation(data.get('introducers') or [])})\s*)?$",
            flags,
        ),
        count_after=re.compile(
            rf"^\s*(?:,|\(|[-–—]|:)\s*(?:(?:{_alternation(data.get('count_after_words') or [])})\s+)*"
            r"(?P<num>\d+|[^\W\d_]+(?:-[^\W\d_]+)*)\s+(?P<noun>[^\W\d_]+)(?:\s+(?P<noun2>[^\W\d_]+))?",
            flags,
        ),
        trail_gap=re.compile(
            rf"\s*[,(\-–—]?\s*(?:(?:{_alternation(data.get('trail_determiners') or [])})\s+)?(?:[\w-]+\s+)?", flags
        ),
        membership=re.compile(
            rf"(?<![\w])(?:{_alternation(data['membership_nouns'])})\s+(?:{links})(?:(?<=')|\s+)$",
            flags,
        ),
        genitive=frozenset(data["genitive"]),
        locative=frozenset(data["locative"]),
        contractions={str(k).lower(): str(v) for k, v in (data.get("contractions") or {}).items()},
        demonym_articles=frozenset(str(a).lower() for a in data.get("demonym_articles") or []),
        place_prepositions=frozenset(str(p) for p in data.get("place_prepositions") or []),
        locative_relation=data["locative_relation"],
        membership_relation=data["membership_relation"],
        relations=frozenset(classes - set(data.get("ignore_relations") or [])),
        lead_in=int(data["lead_in"]),
        trail=int(data["trail"]),
        max_gap=int(data["max_predicate_gap"]),
        code=code,
    )


# The loaded lexicons are kept with what was built from them (see places._memo).
_memo: dict[str, tuple[tuple[Any, ...], _Lexicon]] = {}


def _lexicon(code: str) -> _Lexicon:
    raws = (lang.get(code).data("sets"), lang.get(code).data("predicates"))
    held = _memo.get(code)
    if held is not None and all(a is b for a, b in zip(held[0], raws, strict=True)):
        return held[1]
    built = _build(code)
    _memo[code] = (raws, built)
    return built


def extract(doc: Document) -> Iterator[SetClaim]:
    """Enumerations of at least two distinct members in `doc`, in text order."""
    lex = _lexicon(doc.lang.code)
    mentions = _mentions(doc, lex)
    claims = [_claim(doc, lex, run) for run in _runs(doc, lex, mentions)]
    return iter(sorted(claims, key=lambda c: (c.span.start, c.span.end)))


def _mentions(doc: Document, lex: _Lexicon) -> list[_Mention]:
    found: list[_Mention] = []
    sources: list[EntityClaim | PersonClaim] = [*doc.entities, *doc.people]
    for claim in sources:
        if isinstance(claim, PersonClaim):
            kind, key, demonym, place_like = "person", f"person:{places.key_part(claim.name)}", False, False
        elif claim.entity_type in _KIND_OF:
            kind, key, demonym = _KIND_OF[claim.entity_type], claim.key, claim.form == "demonym"
            place_like = claim.form == "capital" or claim.entity_type is EntityType.place
        else:
            continue
        start, end = places.normalised_span(doc, claim.span.start, claim.span.end)
        s_start, _ = doc.sentence_bounds(start)
        window = doc.text[max(s_start, start - 30) : start]
        m = lex.prefix.search(window)
        assert m is not None  # every group is optional
        base = start - len(window)
        art = m.group("art")
        prep = m.group("prep")
        if art and not prep:
            prep = None if (art.lower() in lex.demonym_articles and demonym) else lex.contractions.get(art.lower())
        found.append(
            _Mention(
                start=start,
                end=end,
                kind=kind,
                key=key,
                name=claim.name,
                span=claim.span,
                demonym=demonym,
                place_like=place_like,
                source_like=bool(lex.source_marker.search(doc.text[max(s_start, start - 40) : base + m.start()])),
                art_start=base + m.start("art") if art else start,
                pre_start=base + m.start() if m.group() else start,
                prep=prep.lower() if prep else None,
            )
        )
    return sorted(found, key=lambda m: (m.start, m.end))


def _runs(doc: Document, lex: _Lexicon, mentions: list[_Mention]) -> Iterator[list[_Mention]]:
    """Maximal runs of joinable mentions, cut after the member that follows the last "et"."""
    run: list[_Mention] = []
    joiners: list[str] = []
    for m in mentions:
        if run and _joinable(doc, lex, run, m):
            joiners.append(doc.text[run[-1].end : m.pre_start])
            run.append(m)
            continue
        yield from _finish(lex, run, joiners)
        run, joiners = [m], []
    yield from _finish(lex, run, joiners)


def _joinable(doc: Document, lex: _Lexicon, run: list[_Mention], m: _Mention) -> bool:
    prev = run[-1]
    if m.kind != prev.kind or m.pre_start < prev.end:
        return False
    if doc.sentence_bounds(prev.start) != doc.sentence_bounds(m.start):
        return False
    gap = doc.text[prev.end : m.pre_start]
    if not lex.joiner.fullmatch(gap) or (prev.source_like and not lex.non_comma.search(gap)):
        return False
    if prev.demonym != m.demonym:
        # "des armées russe, biélorusse mais également du Bangladesh": a list of demonyms may
        # go on with names, but "l'armée américaine et la Russie" is no list.
        return prev.demonym and sum(x.demonym for x in run) >= 2
    return True


def _finish(lex: _Lexicon, run: list[_Mention], joiners: list[str]) -> Iterator[list[_Mention]]:
    last = max((i for i, j in enumerate(joiners) if lex.non_comma.search(j)), default=None)
    if last is None:
        return  # commas alone make appositions ("à Minsk, en Biélorussie") more often than lists
    members = run[: last + 2]
    if len({m.key for m in members}) >= 2:
        yield members


def _claim(doc: Document, lex: _Lexicon, run: list[_Mention]) -> SetClaim:
    first, last = run[0], run[-1]
    start, end = first.art_start, last.end
    s_start, s_end = doc.sentence_bounds(first.start)
    lead_from = max(s_start, first.pre_start - lex.lead_in)
    lead = doc.text[lead_from : first.pre_start]
    trail = doc.text[end : min(s_end, end + lex.trail)]

    marker_end = _partial_marker(lex, lead)
    count = _stated_count(lex, lead, trail, first.kind, marker_end or 0)
    members: list[SetMember] = []
    seen: set[str] = set()
    for m in run:
        if m.key not in seen:
            seen.add(m.key)
            members.append(SetMember(key=m.key, name=m.name, span=m.span))
    partial = marker_end is not None or any(p.search(trail) for p in lex.partial_after)
    count_value, count_span = None, None
    if count is not None:
        value, c_start, c_end, in_lead = count
        count_value = value
        base = lead_from if in_lead else end
        count_span = doc.span(base + c_start, base + c_end)
        if in_lead and marker_end is not None and c_start >= marker_end and value == len(members):
            partial = False  # the marker scopes over a larger group, the counted list is whole
    qualifier = _qualifier(doc, lex, lead_from, first.pre_start, end, min(s_end, end + lex.trail), marker_end)
    # A list introduced by a marker or a count ("..., parmi lesquels trois membres de l'OTAN :
    # A, B et C") belongs to the clause before that introduction.
    anchor = min(start, lead_from + marker_end if marker_end is not None else start)
    if count is not None and count[3]:
        anchor = min(anchor, lead_from + count[1])
    relation = _relation(doc, lex, run, start, end, anchor)
    if relation is None and qualifier is not None:
        relation = lex.membership_relation
    return SetClaim(
        source=doc.source,
        span=doc.span(start, end),
        sentence=doc.span(s_start, s_end),
        attribution=cues.attribution(doc, start),
        hedged=cues.is_hedged(doc, start),
        members=members,
        exhaustive=not partial,
        stated_count=count_value,
        count_span=count_span,
        relation=relation,
        qualifier=qualifier,
    )


def _partial_marker(lex: _Lexicon, lead: str) -> int | None:
    """End offset (in `lead`) of a partial marker that governs the list, or None."""
    for pattern in lex.partial_adjacent:
        m = pattern.search(lead)
        if m:
            return m.start() + len(m.group().rstrip())
    best = None
    for pattern in lex.partial_before:
        for m in pattern.finditer(lead):
            if best is None or m.end() > best:
                best = m.end()
    if best is None:
        return None
    between = lead[best:]
    # Only a counted noun may stand between the marker and the list, closed by a separator.
    if not between.strip() or (re.search(r"[:,(\-–—]\s*$", between) and not re.search(r"[.;!?]", between)):
        return best
    return None


_NUMBER_TOKEN = re.compile(r"(?<![\w-])(?:\d+|[^\W\d_]+(?:-[^\W\d_]+)*)(?![\w])")


def _stated_count(lex: _Lexicon, lead: str, trail: str, kind: str, after: int) -> tuple[int, int, int, bool] | None:
    """(value, start, end, in_lead) of a count given for the list, offsets in lead or trail.

    In the lead-in only what follows a partial marker (`after`) is read.
    """
    nouns = lex.count_nouns.get(kind, frozenset())
    found = None
    for m in _NUMBER_TOKEN.finditer(lead, after):
        value = _number(m.group(), lex.code)
        if value is None or value < 2:
            continue
        tail = lex.count_tail.match(lead, m.end())
        if tail and _counts(tail, nouns):
            found = (value, m.start(), m.end(), True)
    if found:
        return found
    m = lex.count_after.match(trail)
    if m and _counts(m, nouns):
        value = _number(m.group("num"), lex.code)
        if value is not None and value >= 2:
            return value, m.start("num"), m.end("num"), False
    return None


def _counts(m: re.Match[str], nouns: frozenset[str]) -> bool:
    return any(m.group(g) and text_fold(m.group(g)) in nouns for g in ("noun", "noun2"))


def _number(word: str, code: str) -> int | None:
    """The value of a number in digits or words ("17", "trois"), or None."""
    if word.isdecimal():  # not "¹", which isdigit() accepts and int() refuses
        return int(word)
    parsed = numbers.grammar(code).parse_words(word)
    if parsed is None or parsed[1] != len(word) or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0])


def _qualifier(
    doc: Document, lex: _Lexicon, lead_from: int, list_start: int, list_end: int, trail_end: int, marker: int | None
) -> str | None:
    """The organisation the members are said to belong to ("membres de l'OTAN")."""
    lead_min = lead_from + (marker or 0)
    best: tuple[int, str] | None = None
    for claim in doc.entities:
        if claim.entity_type is not EntityType.organisation:
            continue
        o_start, o_end = places.normalised_span(doc, claim.span.start, claim.span.end)
        before = doc.text[max(0, o_start - 40) : o_start]
        if not lex.membership.search(before):
            continue
        noun_start = o_start - len(before) + lex.membership.search(before).start()  # type: ignore[union-attr]
        if lead_min <= noun_start and o_end <= list_start and re.fullmatch(r"\s*[:,(\-–—]?\s*", doc.text[o_end:list_start]):
            distance = list_start - o_end
        elif list_end <= noun_start and o_end <= trail_end and lex.trail_gap.fullmatch(doc.text[list_end:noun_start]):
            distance = noun_start - list_end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, claim.key)
    return best[1] if best else None


def _relation(doc: Document, lex: _Lexicon, run: list[_Mention], start: int, end: int, anchor: int) -> str | None:
    """What the list is: a predicate class, "location", or None.

    `anchor` is where the list's introduction starts: the predicate distance is measured from there.
    """
    first = run[0]
    if first.prep in lex.genitive:
        # Only the noun the list complements may say what it is ("la visite de ...").
        window_start = max(doc.sentence_bounds(first.start)[0], first.pre_start - 30)
        head = re.search(r"[\w'-]+\s*$", doc.text[window_start : first.pre_start])
        if head is None:
            return None
        h_start = window_start + head.start()
        found = [p for p in cues.predicates_in(doc.text, h_start, first.pre_start, doc.lang.code) if p.cls in lex.relations]
        return found[-1].cls if found else None
    if any(m.prep in lex.locative for m in run) or (first.prep in lex.place_prepositions and first.place_like):
        return lex.locative_relation
    pred = cues.find_predicate(doc, start, end, lex.relations)
    if pred is None:
        return None
    gap = anchor - pred.end if pred.end <= anchor else max(0, pred.start - end)
    return pred.cls if gap <= lex.max_gap else None
