"""Countries, capitals, organisations, named events and other places mentioned in an article.

Everything that the data files know is found without spaCy: country names (CLDR French
names from babel, completed by the language pack's countries.yaml), demonyms and compound
adjectives ("russo-biélorusse" -> RU and BY), capitals and seats of government used for a
government ("Moscou", "le Kremlin"), organisations (organisations.yaml), places
(places.yaml) and named events ("Zapad-2025", events.yaml). When the document already has
a spaCy parse, its ORG and LOC entities that the data do not know are added, conservatively.

Countries are keyed by ISO 3166 alpha-2 code ("BY"), organisations "org:<id>", events
"event:<folded name>[-<number>]", other places "place:<folded name>".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimdiff import lang
from claimdiff.base.text import fold
from claimdiff.claims.document import Document
from claimdiff.claims.models import EntityClaim, EntityType
from claimdiff.base.errors import ConfigError
from claimdiff.corpus.agencies import dateline_credits

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Codes outside pycountry's current ISO 3166-1 list that news text still needs.
_EXTRA_CODES = ("XK", "SU")
_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = r"[^\W\d_]"
def _without_kind(tables: _Tables, name: str) -> str:
    """A name without the word that says what kind of place it is ("Carlton Hotel",
    "Hôtel Carlton": Carlton), so that it keys like the bare name."""
    words = name.split()
    if len(words) > 1 and fold(words[-1]) in tables.kind_words:
        words = words[:-1]
    elif len(words) > 1 and fold(words[0]) in tables.kind_words:
        words = words[1:]
    return " ".join(words)


_WORD = re.compile(rf"{_LETTER}+(?:-{_LETTER}+)*")
# A match of _WORD that starts at the given offset of a finditer scan (no letter run before it).
_WORD_START = re.compile(rf"(?<!{_LETTER})(?<!{_LETTER}-){_LETTER}+(?:-{_LETTER}+)*")
# Generic event: a capitalised name glued to a year by a hyphen or a space.
_GENERIC_EVENT = re.compile(
    rf"(?<![\w-])(?P<name>[{_UPPER}]{_LETTER}+(?:-[{_UPPER}]{_LETTER}+)?)(?P<sep>[- ])(?P<num>(?:19|20)\d\d)(?![\w-]|[.,]\d)"
)

# Candidate ranks: on equal length, the lower rank wins.
_RANK_EVENT, _RANK_SURFACE, _RANK_DEMONYM, _RANK_NER = 0, 1, 2, 3


@dataclass(frozen=True)
class _Entry:
    """What a surface form resolves to."""

    key: str
    entity_type: EntityType
    form: str


@dataclass(frozen=True)
class _Event:
    name: str
    key: str
    numbered: bool
    needs_number: bool


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rank: int
    key: str
    entity_type: EntityType
    form: str


@dataclass(frozen=True)
class _Tables:
    surfaces: dict[str, _Entry]
    surface_pattern: re.Pattern[str]
    # The same alternation split by first two characters, tried only where a surface may
    # start: one scan of the whole alternation at every offset cost more than all the rest.
    surface_starts: re.Pattern[str]
    surface_groups: dict[str, re.Pattern[str]]
    folded: dict[str, _Entry]
    country_names: dict[str, str]  # folded name or acronym -> code
    confirmed_names: dict[str, str]  # excluded names that count where the model tags a place -> code
    capitals: dict[str, str]  # folded capital or seat -> code
    demonyms: dict[str, str]  # lower-case form -> code
    multiword_demonyms: re.Pattern[str]  # the demonyms of several words ("South Korean")
    prefixes: dict[str, str]  # lower-case compound prefix -> code
    events: tuple[_Event, ...]
    event_pattern: re.Pattern[str]
    stop_words: frozenset[str]
    cue_nouns: frozenset[str]
    naming_nouns: re.Pattern[str] | None  # "Hurricane Milton", "la tempête Ciaran": noun, then the event's name
    not_places: frozenset[str]
    locative: tuple[str, ...]
    locative_before: re.Pattern[str]  # any of `locative` ending the text before a name
    article: re.Pattern[str]  # leading article or preposition
    particles: frozenset[str]
    peoples_endings: tuple[str, ...]
    language_before: re.Pattern[str]
    language_verb_before: re.Pattern[str]
    street_words: frozenset[str] = frozenset()  # folded words that make a name a street or square
    kind_words: frozenset[str] = frozenset()  # folded words that say what kind of place a name is


def key_part(text: str) -> str:
    """`text` folded into a key fragment: "Zapad 2025" -> "zapad-2025"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\u2019", "'").replace("\u00a0", " ")).strip()


def _strip_initial_accent(name: str) -> str:
    first = unicodedata.normalize("NFKD", name[0])
    return "".join(c for c in first if not unicodedata.combining(c)) + name[1:]


def _country_codes() -> list[str]:
    import pycountry

    return sorted({c.alpha_2 for c in pycountry.countries} | set(_EXTRA_CODES))


def _cldr_names(codes: Iterable[str], language: str) -> dict[str, list[str]]:
    """CLDR names per code in `language`; "Myanmar (Birmanie)" gives both names."""
    from babel import Locale

    territories = Locale(language).territories
    out: dict[str, list[str]] = {}
    for code in codes:
        name = territories.get(code)
        if not name or name.startswith("R.A.S."):
            continue
        name = _clean(name)
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
        out[code] = [m.group(1), m.group(2)] if m else [name]
    return out


_FLAGS = frozenset({"numbered", "needs_number"})


def _check_text(value: object, where: str) -> None:
    """Reject YAML scalars that are not text (numbers, dates, booleans) where names are expected."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            if not (k in _FLAGS and isinstance(v, bool)):
                _check_text(v, f"{where}: {k}")
    elif isinstance(value, list):
        for v in value:
            _check_text(v, where)
    elif value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: expected text, got {value!r} (quote it)")


def _load(name: str, code: str) -> Any:
    data = lang.get(code).data(name)
    if not isinstance(data, (dict, list)):
        raise ConfigError(f"lang/{code}/{name}.yaml: expected a mapping or a list")
    _check_text(data, f"lang/{code}/{name}.yaml")
    return data


def _calendar_words(code: str) -> frozenset[str]:
    """Month and weekday names and abbreviations: "Sep 2013", "Janvier 2025" are dates, not events."""
    dates = lang.get(code).data("dates")
    keys = ("months", "month_abbreviations", "weekdays")
    return frozenset(fold(str(w)) for k in keys for w in (dates.get(k) or {}))


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first; one that never matches when empty."""
    ordered = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)"


def _build(code: str) -> _Tables:
    language = lang.get(code)
    countries = _load("countries", code)
    orgs = _load("organisations", code)
    places = _load("places", code)
    events_data = _load("events", code)

    surfaces: dict[str, _Entry] = {}
    folded: dict[str, _Entry] = {}
    country_names: dict[str, str] = {}
    confirmed_names: dict[str, str] = {}
    confirmable = set(countries.get("model_confirmed") or [])
    capitals: dict[str, str] = {}
    exclude = set(countries.get("exclude") or [])

    def add(surface: str, entry: _Entry, variants: bool = True) -> None:
        surface = _clean(surface)
        if not surface or surface in exclude:
            return
        forms = [surface]
        if variants:
            forms.append(_strip_initial_accent(surface))
            if len(surface) >= 4:
                forms.append(surface.upper())
        for form in forms:
            surfaces.setdefault(form, entry)
        folded.setdefault(fold(surface), entry)

    codes = _country_codes()
    per_country = sorted((countries.get("countries") or {}).items())
    for iso, names in _cldr_names(codes, code).items():
        for name in names:
            if name not in exclude:
                add(name, _Entry(iso, EntityType.country, "name"))
                country_names.setdefault(fold(name), iso)
            elif name in confirmable:
                confirmed_names.setdefault(name, iso)
    for iso, entry in per_country:
        for name in entry.get("names") or []:
            add(name, _Entry(iso, EntityType.country, "name"))
            if name in exclude:
                if name in confirmable:
                    confirmed_names.setdefault(name, iso)
                continue
            country_names.setdefault(fold(_clean(name)), iso)
        for name in entry.get("acronyms") or []:
            add(name, _Entry(iso, EntityType.country, "acronym"), variants=False)
            country_names.setdefault(fold(name), iso)
    for section, form in (("capitals", "capital"), ("seats", "government")):
        for iso, entry in per_country:
            for name in entry.get(section) or []:
                add(name, _Entry(iso, EntityType.country, form))
                capitals.setdefault(fold(_clean(name)), iso)
    for org in orgs or []:
        key = f"org:{org['id']}"
        for name in org.get("names") or []:
            add(name, _Entry(key, EntityType.organisation, "name"))
        for name in org.get("acronyms") or []:
            add(name, _Entry(key, EntityType.organisation, "acronym"), variants=False)
    for name in sorted((places.get("places") or {})):
        add(name, _Entry(f"place:{key_part(name)}", EntityType.place, "name"))

    events = []
    for e in events_data.get("known") or []:
        name = _clean(e["name"])
        event = _Event(name, e.get("key") or key_part(name), bool(e.get("numbered")), bool(e.get("needs_number")))
        events.append(event)
        if not event.needs_number:
            folded.setdefault(fold(name), _Entry(f"event:{event.key}", EntityType.event, "name"))
    event_names = "|".join(re.escape(e.name).replace(r"\ ", r"\s+") for e in sorted(events, key=lambda e: -len(e.name)))
    links = "|".join(re.escape(str(w)) for w in events_data.get("number_links") or [])
    link = rf"|\s+(?:{links})\s+" if links else ""
    event_pattern = re.compile(
        rf"(?<![\w-])(?P<name>{event_names or '(?!)'})(?:(?P<sep>[- ]?{link})(?P<num>\d{{1,4}}))?(?![\w-]|[.,]\d)"
    )

    demonyms: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for iso, entry in per_country:
        for base in entry.get("demonyms") or []:
            for form in language.demonym_forms(base.lower()):
                demonyms.setdefault(form, iso)
        for form in entry.get("demonym_forms") or []:
            demonyms.setdefault(form.lower(), iso)
        for prefix in entry.get("prefixes") or []:
            prefixes.setdefault(prefix.lower(), iso)

    alternatives = sorted(surfaces, key=lambda s: (-len(s), s))
    body = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in alternatives)
    surface_pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])")
    by_start: dict[str, list[str]] = {}
    for s in alternatives:  # keeps the longest-first order within each group
        by_start.setdefault(s[:2], []).append(re.escape(s).replace(r"\ ", r"\s+"))
    surface_groups = {c: re.compile(rf"(?:{'|'.join(alts)})(?![\w])") for c, alts in by_start.items()}
    seconds: dict[str, set[str]] = {}
    for c in by_start:
        seconds.setdefault(c[0], set()).add(r"\s" if c[1] == " " else re.escape(c[1]))
    # One branch per first character lets the regex engine skip ahead on that character.
    starts = "|".join(rf"{re.escape(c)}(?=[{''.join(sorted(s))}])" for c, s in sorted(seconds.items()))
    surface_starts = re.compile(rf"(?<![\w])(?:{starts or '(?!)'})")
    return _Tables(
        surfaces=surfaces,
        surface_pattern=surface_pattern,
        surface_starts=surface_starts,
        surface_groups=surface_groups,
        folded=folded,
        country_names=country_names,
        confirmed_names=confirmed_names,
        capitals=capitals,
        demonyms=demonyms,
        multiword_demonyms=re.compile(rf"(?<![\w-])(?:{_alternation(d for d in demonyms if ' ' in d)})(?![\w-])", re.IGNORECASE),
        prefixes=prefixes,
        events=tuple(events),
        event_pattern=event_pattern,
        stop_words=frozenset(fold(w) for w in str(events_data.get("stop_words") or "").split()) | _calendar_words(code),
        cue_nouns=frozenset(fold(w) for w in events_data.get("cue_nouns") or []),
        naming_nouns=re.compile(
            rf"(?<![\w-])(?:{_alternation(str(w) for w in events_data['naming_nouns'])})[ ]+(?P<name>[{_UPPER}]{_LETTER}+)(?![\w-])",
            re.IGNORECASE,
        )
        if events_data.get("naming_nouns")
        else None,
        not_places=frozenset(places.get("not_places") or []),
        locative=tuple(sorted((places.get("locative") or []), key=len, reverse=True)),
        locative_before=re.compile(
            rf"(?:^|\W)(?:{'|'.join(re.escape(p) for p in sorted((places.get('locative') or []), key=len, reverse=True)) or '(?!)'})\s*$"
        ),
        # An elided article ("l'", "d'") needs no space after it; the others do.
        article=re.compile(rf"^(?:{_alternation(places.get('articles') or [])})(?:(?<=')\s*|\s+)", re.IGNORECASE),
        particles=frozenset(places.get("particles") or []),
        peoples_endings=tuple(places.get("peoples_endings") or []),
        language_before=re.compile(rf"(?<![\w])(?:{_alternation(places.get('language_prepositions') or [])})\s+$"),
        language_verb_before=re.compile(rf"(?<![\w])(?:{_alternation(places.get('language_verbs') or [])})\s+$", re.IGNORECASE),
        street_words=frozenset(fold(str(w)) for w in places.get("street_words") or []),
        kind_words=frozenset(fold(str(w)) for w in places.get("kind_words") or []),
    )


_LEXICONS = ("countries", "organisations", "places", "events", "dates")
# The loaded lexicons are kept with the tables built from them: comparing identities is then
# safe (an id could be reused once an object is freed). lexicon.set_extra_dirs clears the
# lexicon cache, so new objects mean the user's files changed and the tables are rebuilt.
_memo: dict[str, tuple[tuple[Any, ...], _Tables]] = {}


def _tables(code: str) -> _Tables:
    raws = tuple(lang.get(code).data(n) for n in _LEXICONS)
    held = _memo.get(code)
    if held is not None and all(a is b for a, b in zip(held[0], raws, strict=True)):
        return held[1]
    tables = _build(code)
    _memo[code] = (raws, tables)
    return tables


# ---------------------------------------------------------------------------------------
# Look-ups used by the other extractors


def country_of_name(code: str, name: str) -> str | None:
    """ISO code of a country name or country acronym in language `code` ("Biélorussie" -> "BY"), any case."""
    tables = _tables(code)
    text = _clean(name)
    return tables.country_names.get(fold(text)) or tables.country_names.get(fold(tables.article.sub("", text)))


def country_of_capital(code: str, name: str) -> str | None:
    """ISO code of a capital or seat of government ("Washington", "Kremlin" -> "RU"), any case."""
    tables = _tables(code)
    text = _clean(name)
    return tables.capitals.get(fold(text)) or tables.capitals.get(fold(tables.article.sub("", text)))


def country_of_demonym(code: str, word: str) -> str | None:
    """ISO code of a demonym in any gender, number and case ("américains" -> "US")."""
    return _tables(code).demonyms.get(_clean(word).lower())


def countries_of_adjective(code: str, word: str) -> list[str]:
    """ISO codes of a plain or compound demonym ("russo-biélorusse" -> ["RU", "BY"]); [] if unknown."""
    parts = _split_compound(_clean(word).lower(), _tables(code))
    return [code for _, _, code in parts] if parts else []


def is_street_name(code: str, text: str) -> bool:
    """Whether `text` is a proper name led or closed by a street word ("Place Vendôme",
    "Rue de Castiglione", "Baker Street"): a place, whatever the model tagged it."""
    words = _clean(text).split()
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in _tables(code).particles for w in words):
        return False
    streets = _tables(code).street_words
    return fold(words[0]) in streets or fold(words[-1]) in streets


def is_place_name(code: str, text: str) -> bool:
    """Whether `text` names a country, capital, known place, organisation or event.

    Meant for the people extractor, to drop spaCy PER mistakes such as "Washington" or
    "Zapad". Demonyms are not place names.
    """
    text = _clean(text)
    if not text:
        return False
    tables = _tables(code)
    if text in tables.surfaces:
        return True
    bare = tables.article.sub("", text)
    if bare in tables.surfaces or fold(bare) in tables.folded or country_of_name(code, text) or country_of_capital(code, text):
        return True
    m = tables.event_pattern.fullmatch(bare)
    if m and (m.group("num") or not _event_of(tables, m.group("name")).needs_number):
        return True
    if is_street_name(code, bare):
        return True
    m = _GENERIC_EVENT.fullmatch(bare)
    return bool(m and fold(m.group("name")) not in tables.stop_words)


# ---------------------------------------------------------------------------------------
# Extraction


def extract(doc: Document) -> Iterator[EntityClaim]:
    """Entity mentions of `doc`, in text order; also stored in `doc.entities`."""
    tables = _tables(doc.lang.code)
    # An agency's credit in a dateline ("(AFP) -") says who wrote the article: no entity of its story.
    blocked = _person_spans(doc) + dateline_credits(doc.text)
    candidates = [
        *_event_candidates(doc, tables),
        *_surface_candidates(doc, tables),
        *_demonym_candidates(doc, tables),
    ]
    kept = _resolve(candidates, blocked)
    kept = _resolve([*kept, *_bare_event_candidates(doc, tables, kept)], blocked)
    kept = _resolve([*kept, *_ner_candidates(doc, tables, kept, blocked)], blocked)
    kept = _resolve([*kept, *_street_candidates(doc, tables)], blocked)
    claims = [_claim(doc, c) for c in sorted(kept, key=lambda c: (c.start, c.end))]
    doc.entities = claims
    return iter(claims)


def _claim(doc: Document, c: _Candidate) -> EntityClaim:
    span = doc.span(c.start, c.end)
    return EntityClaim(
        source=doc.source,
        span=span,
        sentence=doc.sentence_span(c.start),
        entity_type=c.entity_type,
        name=span.text,
        key=c.key,
        form=c.form,  # type: ignore[arg-type]
    )


def _resolve(candidates: list[_Candidate], blocked: list[tuple[int, int]]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, outside person names."""
    ordered = sorted(set(candidates), key=lambda c: (-(c.end - c.start), c.rank, c.start, c.key))
    kept: list[_Candidate] = []
    taken = _Taken(blocked, (c.end for c in ordered))
    for c in ordered:
        if taken.overlaps(c.start, c.end):
            continue
        taken.add(c.start, c.end)
        kept.append(c)
    return kept


class _Taken:
    """Spans already taken; an overlap test costs one scan of a byte mask, not a loop over spans."""

    def __init__(self, spans: Iterable[tuple[int, int]], ends: Iterable[int] = ()) -> None:
        spans = list(spans)
        self._spans: list[tuple[int, int]] = []  # for empty candidates, which a mask cannot test
        # An empty span marks no offset in a mask yet overlaps what strictly contains it.
        self._points: list[int] = []
        self._mask = bytearray(max((*ends, *(e for _, e in spans)), default=0) + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        if start >= end:
            bisect.insort(self._points, start)
            return
        if end >= len(self._mask):
            self._mask.extend(bytes(end + 1 - len(self._mask)))
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a taken span (as `start < e and s < end`)."""
        if start >= end:
            return any(start < e and s < end for s, e in self._spans)
        if self._mask.find(1, max(start, 0), end) >= 0:
            return True
        if self._points:
            i = bisect.bisect_right(self._points, start)
            return i < len(self._points) and self._points[i] < end
        return False


def normalised_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Normalised offsets of the original-text span [start, end) (the inverse of `doc.span`)."""
    return doc.norm.from_original(start, end)


def _person_spans(doc: Document) -> list[tuple[int, int]]:
    return [normalised_span(doc, p.span.start, p.span.end) for p in doc.people]


def _surface_candidates(doc: Document, tables: _Tables) -> Iterator[_Candidate]:
    text = doc.text
    groups = tables.surface_groups
    pos = 0
    for start in tables.surface_starts.finditer(text):
        if start.start() < pos:
            continue  # inside the previous match, as finditer over the whole alternation
        at = start.start()
        pair = text[at : at + 2]
        # A cleaned surface has single spaces: "X\n" is in the group "X " (matched as \s+).
        group = groups.get(pair) or groups[pair[0] + " "]
        m = group.match(text, at)
        if m is None:
            continue
        pos = m.end()
        entry = tables.surfaces.get(re.sub(r"\s+", " ", m.group()))
        if entry is None:
            continue
        yield _Candidate(m.start(), m.end(), _RANK_SURFACE, entry.key, entry.entity_type, entry.form)


def _split_compound(lower: str, tables: _Tables) -> list[tuple[int, int, str]] | None:
    """(start, end, code) of each part of a demonym token, or None when it is not one.

    A token is a demonym as a whole ("nord-coréen") or a chain of compound prefixes ending
    in a demonym ("russo-biélorusse", "sino-américains"); anything else ("latino-américain",
    "pro-russe") is no demonym at all.
    """
    if lower in tables.demonyms:
        return [(0, len(lower), tables.demonyms[lower])]
    parts: list[tuple[int, int, str]] = []
    pos = 0
    pieces = lower.split("-")
    for i, piece in enumerate(pieces):
        rest = "-".join(pieces[i:])
        if i > 0 and rest in tables.demonyms:
            parts.append((pos, len(lower), tables.demonyms[rest]))
            return parts
        if piece not in tables.prefixes:
            return None
        parts.append((pos, pos + len(piece), tables.prefixes[piece]))
        pos += len(piece) + 1
    return None


def _demonym_candidates(doc: Document, tables: _Tables) -> Iterator[_Candidate]:
    text = doc.text
    for m in tables.multiword_demonyms.finditer(text):
        if m.group()[0].isupper() or m.group().islower():
            code = tables.demonyms.get(re.sub(r"\s+", " ", m.group().lower()))
            if code is not None and not _a_language(text, m, tables):
                yield _Candidate(m.start(), m.end(), _RANK_DEMONYM, code, EntityType.country, "demonym")
    for m in _demonym_words(text, tables):
        word = m.group()
        parts = _split_compound(word.lower(), tables)
        if not parts:
            continue
        if len(parts) == 1 and _a_language(text, m, tables):
            continue  # "en russe", "in Russian,", "speaks Russian": the language
        for s, e, code in parts:
            yield _Candidate(m.start() + s, m.start() + e, _RANK_DEMONYM, code, EntityType.country, "demonym")


def _a_language(text: str, m: re.Match[str], tables: _Tables) -> bool:
    """Whether a demonym names a language: after a verb of speech ("speaks Russian"), or after
    a language preposition when it is lower case ("en russe") or ends its phrase ("in Russian,")."""
    before = text[max(0, m.start() - 16) : m.start()]
    if tables.language_verb_before.search(before):
        return True
    if not tables.language_before.search(before):
        return False
    after = text[m.end() : m.end() + 2].lstrip(" ")
    return m.group().islower() or not after or not after[0].isalnum()


def _demonym_words(text: str, tables: _Tables) -> list[re.Match[str]]:
    """The matches of `_WORD` in `text` that may be demonyms, in text order.

    Only the distinct words are tested, then the few that pass are looked for: a Python step
    per word of the text cost more than all the rest of the extractor.
    """
    demonyms, prefixes = tables.demonyms, tables.prefixes
    found: list[re.Match[str]] = []
    for word in set(_WORD.findall(text)):
        lower = word.lower()
        if lower not in demonyms and lower.partition("-")[0] not in prefixes:
            continue  # what _split_compound rejects at once
        at = text.find(word)
        while at >= 0:
            m = _WORD_START.match(text, at)
            if m is not None and m.end() - at == len(word):
                found.append(m)
            at = text.find(word, at + 1)
    found.sort(key=lambda m: m.start())
    return found


def _event_of(tables: _Tables, name: str) -> _Event:
    name = re.sub(r"\s+", " ", name)
    return next(e for e in tables.events if e.name == name)


def _event_candidates(doc: Document, tables: _Tables) -> Iterator[_Candidate]:
    text = doc.text
    for m in tables.event_pattern.finditer(text):
        event = _event_of(tables, m.group("name"))
        num, sep = m.group("num"), m.group("sep")
        if num and not event.numbered and not (sep and re.fullmatch(r"(?:19|20)\d\d", num)):
            num = None  # "Zapad 12 septembre" is the bare name followed by a date
        if num is None and event.needs_number:
            continue
        end = m.end() if num else m.end("name")
        key = f"event:{event.key}-{int(num)}" if num else f"event:{event.key}"
        yield _Candidate(m.start(), end, _RANK_EVENT, key, EntityType.event, "name")
    if tables.naming_nouns is not None:
        names = set()
        for m in tables.naming_nouns.finditer(text):
            before = re.search(rf"({_LETTER}+)[ ]+$", text[max(0, m.start() - 30) : m.start()])
            if before and before.group(1)[0].isupper() and not _sentence_initial(doc, m.start() - len(before.group(0))):
                continue  # a word of a longer name: "the National Hurricane Center"
            if m.group("name")[0].isupper() and fold(m.group("name")) not in tables.stop_words:
                names.add(m.group("name"))
                yield _Candidate(m.start(), m.end(), _RANK_EVENT, f"event:{key_part(m.group('name'))}", EntityType.event, "name")
        for name in sorted(names):  # later "Milton" alone is the storm too
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                yield _Candidate(m.start(), m.end(), _RANK_EVENT, f"event:{key_part(name)}", EntityType.event, "name")
    for m in _GENERIC_EVENT.finditer(text):
        name = m.group("name")
        if fold(name) in tables.stop_words or name in tables.surfaces or fold(name) in tables.folded:
            continue
        if m.group("sep") == " " and not _event_context(doc, tables, m.start()):
            continue
        key = f"event:{key_part(name)}-{m.group('num')}"
        yield _Candidate(m.start(), m.end(), _RANK_EVENT, key, EntityType.event, "name")


def _event_context(doc: Document, tables: _Tables, start: int) -> bool:
    """Whether "Name 2025" (space form) at `start` reads as an event name.

    It does after an event noun or an opening quote ("les manœuvres Zapad 2025",
    "« Intervision 2025 »"), or inside a sentence after an ordinary word; a capitalised
    word opening a sentence before a year is usually an adverbial ("Depuis 2022").
    """
    s_start, _ = doc.sentence_bounds(start)
    before = doc.text[s_start:start]
    if re.search(r"[«\"]\s*$", before):
        return True
    words = re.findall(rf"{_LETTER}+", before[-60:])
    if any(fold(w) in tables.cue_nouns for w in words[-3:]):
        return True
    return bool(before.strip()) and not re.search(r"[:;.!?•\-–—(]\s*$", before)


def _bare_event_candidates(doc: Document, tables: _Tables, kept: list[_Candidate]) -> Iterator[_Candidate]:
    """Event names without a number, keyed to the article's only edition when there is one."""
    editions: dict[str, set[str]] = {}
    names: dict[str, str] = {}  # base key -> surface name to look for
    for c in kept:
        if c.entity_type is not EntityType.event:
            continue
        m = re.fullmatch(r"event:(.+)-(\d+)", c.key)
        if m:
            editions.setdefault(m.group(1), set()).add(m.group(2))
            surface = re.match(rf"{_LETTER}+(?:[ -]{_LETTER}+)*?(?=[- ]?\d)", doc.text[c.start : c.end])
            if surface:
                names.setdefault(m.group(1), surface.group())
    for base, name in sorted(names.items()):
        if any(e.key == base for e in tables.events):
            continue  # listed events are found by the event pattern already
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s?\d)", doc.text):
            yield _Candidate(m.start(), m.end(), _RANK_EVENT, f"event:{base}", EntityType.event, "name")
    # Re-key bare mentions of any event to its single edition in this article.
    for c in kept:
        if c.entity_type is not EntityType.event or re.search(r"-\d+$", c.key):
            continue
        years = editions.get(c.key[len("event:") :], set())
        if len(years) == 1:
            yield _Candidate(c.start, c.end, _RANK_EVENT - 1, f"{c.key}-{next(iter(years))}", c.entity_type, c.form)


def _parsed(doc: Document) -> SpacyDoc | None:
    """The document's spaCy parse if one was already computed (never loads the model)."""
    return doc.parsed


def _ner_candidates(
    doc: Document, tables: _Tables, kept: list[_Candidate], blocked: list[tuple[int, int]]
) -> Iterator[_Candidate]:
    """spaCy ORG and LOC entities that the data did not resolve, kept conservatively."""
    parsed = _parsed(doc)
    if parsed is None:
        return
    taken = _Taken([(c.start, c.end) for c in kept] + blocked)
    from claimdiff.claims.syntax import syntax

    kinds = syntax(doc.lang.code)
    for ent in parsed.ents:
        kind = kinds.entity_kind(ent.label_)
        if is_street_name(doc.lang.code, ent.text):
            kind = "place"  # "Place Vendôme" tagged as a person or an organisation
        if kind not in ("organisation", "place"):
            continue
        start, end = ent.start_char, ent.end_char
        m = tables.article.match(doc.text[start:end])
        if m and m.end() < end - start:
            start += m.end()
        if kind == "organisation":
            # "groupe Renault", "le constructeur Renault": the kind of thing, then its name.
            lead = re.match(r"(?:[^\W\d_A-Z][\w'’-]*\s+)+(?=[A-Z])", doc.text[start:end])
            if lead:
                start += lead.end()
        text = doc.text[start:end]
        if not text or "\n" in text or re.search(r"\s[-–—]\s|[«»\"():;,]", text):
            continue
        if taken.overlaps(start, end):
            continue
        code = country_of_name(doc.lang.code, text) or (tables.confirmed_names.get(text) if kind == "place" else None)
        if code:
            yield _Candidate(start, end, _RANK_NER, code, EntityType.country, "name")
        elif kind == "organisation" and _looks_like_org(doc, tables, text, start):
            yield _Candidate(start, end, _RANK_NER, f"org:{key_part(_without_kind(tables, text))}", EntityType.organisation, "name")
        elif kind == "place" and (
            _looks_like_place(doc, tables, text, start) or _named_by_parse(doc, ent, tables, text) or is_street_name(doc.lang.code, text)
        ):
            yield _Candidate(start, end, _RANK_NER, f"place:{key_part(text)}", EntityType.place, "name")


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _street_candidates(doc: Document, tables: _Tables) -> Iterator[_Candidate]:
    """Streets and squares the model missed, read from the text alone: a capitalised street
    word and the names after it ("near the Place Vendome", "Rue de Castiglione"), or names
    and a street word closing them ("Baker Street")."""
    if not tables.street_words:
        return
    words = list(_WORD.finditer(doc.text))

    def joined(a: re.Match[str], b: re.Match[str]) -> bool:
        return doc.text[a.end() : b.start()] in (" ", "\u00a0")

    def capitalised(w: re.Match[str]) -> bool:
        return w.group()[:1].isupper()

    for i, w in enumerate(words):
        if not capitalised(w) or fold(w.group()) not in tables.street_words:
            continue
        j = i  # names after the street word, with particles between them
        while j + 1 < len(words) and joined(words[j], words[j + 1]):
            nxt = words[j + 1]
            if capitalised(nxt):
                j += 1
            elif nxt.group().lower() in tables.particles and j + 2 < len(words) and joined(nxt, words[j + 2]) and capitalised(words[j + 2]):
                j += 2
            else:
                break
        k = i  # names before a closing street word
        while j == i and k > 0 and joined(words[k - 1], words[k]) and capitalised(words[k - 1]) and not _sentence_initial(doc, words[k - 1].start()):
            k -= 1
        first, last = words[min(i, k)], words[j]
        if first is last:
            continue
        start, end = first.start(), last.end()
        if is_street_name(doc.lang.code, doc.text[start:end]):
            yield _Candidate(start, end, _RANK_NER, f"place:{key_part(doc.text[start:end])}", EntityType.place, "name")


def _named_by_parse(doc: Document, ent: Any, tables: _Tables, text: str) -> bool:
    """Whether the parse confirms a LOC entity names something: proper nouns introduced by a
    preposition or set beside a common noun ("le nord de Marseille", "le quotidien La
    Provence", "une cité du nord de Marseille, Fonscolombe")."""
    if text in tables.not_places or not _proper_words(tables, text) or country_of_demonym(doc.lang.code, text.split()[-1]):
        return False
    from claimdiff.claims.syntax import syntax

    syn = syntax(doc.lang.code)
    root = ent.root
    if root.pos_ != "PROPN" or root.i == root.sent.start:
        return False
    if syn.preposition(root) is not None:
        return True
    return root.head.pos_ == "NOUN" and any(syn.has(root, r) for r in ("apposition", "noun_modifier", "compound"))


def _proper_words(tables: _Tables, text: str) -> bool:
    """Whether every word but particles is capitalised ("Truth Social", "Parti de la Nation")."""
    words = re.findall(r"[\w-]+'?", text)
    return bool(words) and all(w.lower() in tables.particles or w[:1].isupper() for w in words)


def _sentence_initial(doc: Document, start: int) -> bool:
    s_start, _ = doc.sentence_bounds(start)
    return not doc.text[s_start:start].strip(" «\"'•-–—")


def _looks_like_org(doc: Document, tables: _Tables, text: str, start: int) -> bool:
    if not _proper_words(tables, text) or len(text) < 2:
        return False
    # A lone capitalised word opening a sentence or a heading is too often a common noun.
    return " " in text or not _sentence_initial(doc, start)


def _looks_like_place(doc: Document, tables: _Tables, text: str, start: int) -> bool:
    if text in tables.not_places or not _proper_words(tables, text) or len(text) < 3:
        return False
    if country_of_demonym(doc.lang.code, text.split()[-1]) or text.endswith(tables.peoples_endings):
        return False  # "Européens", "Ukrainiens": peoples, not places
    before = doc.text[max(0, start - 12) : start].lower()
    return bool(tables.locative_before.search(before))
