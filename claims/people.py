"""People extractor: person mentions with their name parts, title and nationality.

Runs first: later extractors and alignment read `doc.people`. spaCy's PER entities are the
base; they are cleaned (honorifics and titles trimmed, places and things dropped) and
completed by rules for what the model misses: "M./Mme + Name", "<title> + Name" (also
inside MISC spans such as "Défense Iounous-bek Evkourov"), and surnames already seen in the
article with a first name, honorific or title. Titles are read before the name ("le
vice-ministre russe de la Défense Iounous-bek Evkourov") or in an apposition after it
("John Coale, représentant de Donald Trump,"), and normalised ("vice-ministre de la
défense", nationality "RU").

Language knowledge lives in claims/data: titles.yaml (roles, their classes and exclusive
groups), person_names.yaml (honorifics, particles, words that are never names). Countries,
demonyms, capitals and known organisations come from the places extractor's look-ups
(claims/places.py over countries.yaml...); without them nationalities are None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from claimdiff import lang
from claimdiff.base.text import fold
from claimdiff.claims import units
from claimdiff.claims.document import Document
from claimdiff.claims.models import PersonClaim
from claimdiff.base.errors import ConfigError

# ---------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class TitleInfo:
    """What a canonical title is: its head role, class and exclusive group."""

    title: str
    head: str
    cls: str | None
    exclusive_group: str | None
    qualified: bool  # the title has a complement ("président de la commission européenne")
    modifier: str | None = None  # "ancien", "futur": not the role held now
    generic: bool = False  # a vague word ("dirigeant") compatible with any role of its holder


@dataclass(frozen=True)
class _Title:
    canonical: str
    cls: str | None
    generic: bool = False


def _modified(title: _Title, modifier: str) -> _Title:
    return _Title(f"{modifier} {title.canonical}" if modifier else title.canonical, title.cls, title.generic)


@dataclass(frozen=True)
class _Lexicon:
    honorifics: frozenset[tuple[str, ...]]
    plural_honorifics: frozenset[tuple[str, ...]]
    honorific_lengths: tuple[int, ...]
    honorific_firsts: frozenset[str]  # first token of each honorific: most tokens start none
    particles: frozenset[str]
    prefix_particles: tuple[str, ...]
    suffixes: frozenset[str]
    family_name_first: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    thing_nouns: frozenset[str]
    byline_markers: frozenset[tuple[str, ...]]
    byline_marker_length: int  # tokens of the longest marker
    not_names: frozenset[str]
    titles: dict[tuple[str, ...], _Title]
    title_lengths: tuple[int, ...]
    # First word of a title -> (length, other words, title), longest first: one dict look-up
    # per token instead of one probe per title length.
    titles_by_first: dict[str, tuple[tuple[int, tuple[str, ...], _Title], ...]]
    exclusive: dict[str, str]
    preps: frozenset[str]
    articles: frozenset[str]
    adjectives: frozenset[str]
    modifiers: dict[str, str]
    genitives: frozenset[str]  # complements after which a country is the title's nationality
    compound_preps: dict[str, frozenset[str]]  # "auprès" -> the genitives it needs after it
    demonym_shape: re.Pattern[str] | None  # lower-case demonyms the countries lexicon lacks
    apposition_closers: frozenset[str]  # words after which an apposition has ended ("qui")
    name_coordinators: frozenset[str]  # between names after a plural honorific ("et")
    code: str


# The raw lexicons are kept with the built tables so that their ids cannot be reused.
_memo: dict[str, tuple[tuple[Any, ...], _Lexicon]] = {}


def _lexicon(code: str) -> _Lexicon:
    raws = (lang.get(code).data("person_names"), lang.get(code).data("titles"))
    # lexicon.load caches its results: the same objects mean nothing changed.
    held = _memo.get(code)
    if held is not None and all(a is b for a, b in zip(held[0], raws)):
        return held[1]
    built = _build_lexicon(*raws, code=code)
    _memo[code] = (raws, built)
    return built


def _build_lexicon(names: dict, titles: dict, code: str) -> _Lexicon:
    honorifics = frozenset(_raw_tokens(str(h)) for h in names.get("honorifics", []))
    plurals = frozenset(_raw_tokens(str(h)) for h in names.get("plural_honorifics", []))
    title_map: dict[tuple[str, ...], _Title] = {}
    for canonical, entry in (titles.get("titles") or {}).items():
        entry = entry or {}
        info = _Title(str(canonical).lower(), entry.get("class"), bool(entry.get("generic")))
        for form in [canonical, *entry.get("forms", [])]:
            title_map[_fold_tokens(str(form))] = info
    by_first: dict[str, list[tuple[int, tuple[str, ...], _Title]]] = {}
    for key, info in title_map.items():
        if key:
            by_first.setdefault(key[0], []).append((len(key), key[1:], info))
    markers = frozenset(_fold_tokens(str(w)) for w in names.get("byline_markers", []))
    exclusive = {
        str(t).lower(): group for group, members in (titles.get("exclusive") or {}).items() for t in members or []
    }

    def folded(key: str, source: dict) -> frozenset[str]:
        return frozenset(_fold(str(w)) for w in source.get(key, []))

    return _Lexicon(
        honorifics=honorifics | plurals,
        plural_honorifics=plurals,
        honorific_lengths=tuple(sorted({len(h) for h in honorifics | plurals}, reverse=True)),
        honorific_firsts=frozenset(h[0] for h in honorifics | plurals if h),
        particles=folded("particles", names),
        prefix_particles=tuple(sorted(folded("prefix_particles", names), key=len, reverse=True)),
        suffixes=frozenset(w.rstrip(".") for w in folded("name_suffixes", names)),
        family_name_first=folded("family_name_first", names),
        determiners=folded("determiners", names),
        function_words=folded("function_words", names),
        thing_nouns=folded("thing_nouns", names),
        byline_markers=markers,
        byline_marker_length=max(map(len, markers), default=0),
        not_names=folded("not_person_names", names),
        titles=title_map,
        title_lengths=tuple(sorted({len(k) for k in title_map}, reverse=True)),
        titles_by_first={w: tuple(sorted(c, key=lambda e: -e[0])) for w, c in by_first.items()},
        exclusive=exclusive,
        preps=folded("complement_prepositions", titles),
        articles=folded("complement_articles", titles),
        adjectives=folded("adjectives", titles),
        modifiers={_fold(str(k)): str(v or "").lower() for k, v in (titles.get("modifiers") or {}).items()},
        genitives=folded("genitive_prepositions", titles),
        compound_preps={
            _fold(str(k)): frozenset(_fold(str(w)) for w in v or []) for k, v in (titles.get("compound_prepositions") or {}).items()
        },
        demonym_shape=re.compile(str(titles["demonym_shape"])) if titles.get("demonym_shape") else None,
        apposition_closers=folded("apposition_closers", names),
        name_coordinators=folded("name_coordinators", names),
        code=code,
    )


# ---------------------------------------------------------------------------- countries
# Country knowledge belongs to the places extractor (claims/places.py, countries.yaml); these
# wrappers degrade to "unknown" when its look-ups or data are missing.


def _places_lookup(name: str) -> Any | None:
    try:
        from claimdiff.claims import places
    except ImportError:  # pragma: no cover - places is part of the package
        return None
    return getattr(places, name, None)


def _ask(name: str, code: str, text: str) -> Any:
    lookup = _places_lookup(name)
    if lookup is None:
        return None
    try:
        return lookup(code, text)
    except ConfigError:  # countries.yaml or another lexicon not installed
        return None


def demonym_code(code: str, word: str) -> str | None:
    """ISO 3166 alpha-2 code of a demonym in any gender, number and case; None if unknown."""
    return _ask("country_of_demonym", code, word)


def country_code(code: str, name: str) -> str | None:
    """ISO code of a country name ("Bélarus", "des États-Unis"); None if unknown."""
    return _ask("country_of_name", code, name)


def capital_code(code: str, name: str) -> str | None:
    """ISO code of a capital or seat of government ("Moscou", "Kremlin"); None if unknown."""
    return _ask("country_of_capital", code, name)


def _is_place(text: str, lex: _Lexicon) -> bool:
    """Whether `text` names a place, organisation, event or nationality rather than a person."""
    if _fold(text) in lex.not_names:
        return True
    return bool(_ask("is_place_name", lex.code, text) or demonym_code(lex.code, text))


# ---------------------------------------------------------------------------- tokens


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """Tokens: elided words of any language pack ("l'", "qu'", "jusqu'"), words (with inner
    apostrophes and hyphens: "O'Brien", "Picano-Nacci"), an English-style clitic ("'s" of
    "Hiller's"), numbers, punctuation."""
    elided = sorted(
        {str(e).rstrip("'") for code in lang.codes() for e in (lang.get(code).data("grammar").get("elisions") or {}).values()},
        key=len,
        reverse=True,
    )
    alt = "|".join(f"{re.escape(e[:1].upper())}{re.escape(e[1:])}|{re.escape(e)}" for e in elided if e) or "(?!)"
    return re.compile(
        rf"(?P<elision>(?:{alt})'(?=[^\W\d_]))"
        r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+|'(?!s(?![^\W\d_]))[^\W\d_]+)*)"
        r"|(?P<clitic>'s(?![^\W\d_]))"
        r"|(?P<number>\d+(?:[.,]\d+)*)"
        r"|(?P<punct>\S)"
    )


class _Tok:
    """A token as spelled, with its shape tests: one object per spelling, shared by all its
    occurrences (their offsets are in `_Text.starts` and `_Text.ends`), so that a word is
    folded and tested once however often it is written."""

    __slots__ = ("text", "kind", "fold", "is_word", "is_cap", "is_lower")

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind  # elision, word, number, punct
        self.fold = _fold(text)
        self.is_word = kind == "word"
        # A capitalised word of two letters or more ("D es" is a scraping artefact).
        self.is_cap = self.is_word and len(text) > 1 and text[0].isupper()
        self.is_lower = kind in ("word", "elision") and text[0].islower()


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form used for every lexicon comparison."""
    return " ".join(fold(text).split())


# Spellings already met. With the token pattern the kind of a token follows from its spelling ("l'" is
# always an elision, "l" a word), so the spelling is the whole key; a context-dependent kind
# would have to join the key.
_spellings: dict[str, _Tok] = {}
_MAX_SPELLINGS = 200_000  # a long-running process reads many articles: bound the memory


_KINDS = {"elision": "elision", "word": "word", "number": "number", "clitic": "punct", "punct": "punct"}


def _tokenize(text: str) -> tuple[list[_Tok], list[int], list[int]]:
    """Tokens of `text` with their start and end offsets."""
    if len(_spellings) > _MAX_SPELLINGS:
        _spellings.clear()
    matches = list(_token_pattern().finditer(text))
    get = _spellings.get
    toks = [
        get(m.group()) or _spellings.setdefault(m.group(), _Tok(m.group(), _KINDS.get(m.lastgroup or "", "punct")))
        for m in matches
    ]
    return toks, [m.start() for m in matches], [m.end() for m in matches]


def _raw_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokenize(text)[0])


@lru_cache(maxsize=1 << 14)
def _fold_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.fold for t in _tokenize(text)[0])


class _Text:
    """Tokens of one text with the lookups the rules need.

    The rules ask the same questions of every token many times (is it joined to the previous
    one, does a title start here): the answers are computed once, when the text is read or
    on first use.
    """

    def __init__(self, text: str, lex: _Lexicon, bounds: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self.lex = lex
        self.toks, self.starts, self.ends = toks, starts, ends = _tokenize(text)
        self.folds = [t.fold for t in toks]
        # Sentence index of each token, so that no rule reaches across a sentence.
        sentence_starts = sorted(s for s, _ in bounds) or [0]
        self.sentence: list[int] = []
        sentence = self.sentence
        k = 0
        for start in starts:  # bisect_right of each token start, in one sweep of sorted starts
            while k < len(sentence_starts) and sentence_starts[k] <= start:
                k += 1
            sentence.append(k)
        # joined(i), and the end of the run of joined tokens from i: every rule asks them.
        self._joined = joined = [False] * len(toks)
        for i in range(1, len(toks)):
            gap = starts[i] - ends[i - 1]
            joined[i] = (
                gap <= 2
                and (gap == 0 or "\n" not in text[ends[i - 1] : starts[i]])
                and sentence[i] == sentence[i - 1]
            )
        self._run_end = run_end = [len(toks)] * len(toks)
        for i in range(len(toks) - 2, -1, -1):
            run_end[i] = run_end[i + 1] if joined[i + 1] else i + 1
        self.lower_words = frozenset(t.fold for t in toks if t.is_word and t.text[0].islower())
        self._demonyms: dict[str, str | None] = {}
        self._places: dict[tuple[int, int], bool] = {}
        self._place_names: dict[str, bool] = {}
        self._countries: dict[int, tuple[int, str] | None] = {}
        self._title_at: dict[int, tuple[int, _Title] | None] = {}
        self.titles = self._find_titles()

    def __len__(self) -> int:
        return len(self.toks)

    def joined(self, i: int) -> bool:
        """Whether token i follows token i-1 on the same line, in the same sentence."""
        return 0 < i < len(self.toks) and self._joined[i]

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [i, j) of the tokens inside character range [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        while j > i and self.ends[j - 1] > end:
            j -= 1
        return i, j

    def fold_at(self, i: int, n: int) -> tuple[str, ...] | None:
        """Folded tokens [i, i+n) if they are joined, else None."""
        if i + n > len(self.toks) or (n > 1 and self._run_end[i] < i + n):
            return None
        return tuple(self.folds[i : i + n])

    def positions(self, fold: str) -> Iterator[int]:
        """Indices of the tokens whose folded form is `fold`, in text order."""
        i = -1
        while True:
            try:
                i = self.folds.index(fold, i + 1)
            except ValueError:
                return
            yield i

    def honorific_at(self, i: int) -> int:
        """Length in tokens of an honorific starting at token i (0 if none)."""
        if i >= len(self.toks) or self.toks[i].text not in self.lex.honorific_firsts:
            return 0
        for n in self.lex.honorific_lengths:
            if (
                i + n <= len(self.toks)
                and (n <= 1 or self._run_end[i] >= i + n)
                and tuple(t.text for t in self.toks[i : i + n]) in self.lex.honorifics
            ):
                return n
        return 0

    def title_at(self, i: int) -> tuple[int, _Title] | None:
        """(length in tokens, title) of a title starting at token i, with its modifier if any."""
        if i in self._title_at:
            return self._title_at[i]
        hit = self._title_at[i] = self._read_title_at(i)
        return hit

    def _read_title_at(self, i: int) -> tuple[int, _Title] | None:
        if i >= len(self.toks):
            return None
        word = self.folds[i]
        hit = self._plain_title_at(i, word)
        if hit is not None:
            return hit
        modifier, _, rest = word.partition("-")
        if rest and modifier in self.lex.modifiers:  # "ex-président"
            hit = self._plain_title_at(i, rest)
            return None if hit is None else (hit[0], _modified(hit[1], self.lex.modifiers[modifier]))
        if word in self.lex.modifiers and self.joined(i + 1):  # "l'ancien Premier ministre"
            hit = self._plain_title_at(i + 1, self.toks[i + 1].fold)
            return None if hit is None else (hit[0] + 1, _modified(hit[1], self.lex.modifiers[word]))
        return None

    def _plain_title_at(self, i: int, first: str) -> tuple[int, _Title] | None:
        """The longest title whose first word is `first` and whose other words are the
        joined tokens after token i."""
        candidates = self.lex.titles_by_first.get(first)
        if not candidates or i >= len(self.toks):
            return None
        count, reach, folds = len(self.toks), self._run_end[i], self.folds
        for n, rest, title in candidates:
            if i + n <= count and (n == 1 or (reach >= i + n and tuple(folds[i + 1 : i + n]) == rest)):
                return n, title
        return None

    def country_at(self, i: int) -> tuple[int, str] | None:
        """(length in tokens, code) of a country name starting at token i."""
        if i not in self._countries:
            self._countries[i] = self._read_country_at(i)
        return self._countries[i]

    def _read_country_at(self, i: int) -> tuple[int, str] | None:
        for n in range(min(_MAX_COUNTRY_TOKENS, len(self.toks) - i), 0, -1):
            if not self.toks[i + n - 1].is_word or self.fold_at(i, n) is None:
                continue
            code = country_code(self.lex.code, self.text[self.starts[i] : self.ends[i + n - 1]])
            if code:
                return n, code
        return None

    def demonym(self, i: int) -> str | None:
        """ISO code of a demonym at token i (lower case, or capitalised as a noun)."""
        t = self.toks[i]
        if not t.is_word:
            return None
        if t.fold not in self._demonyms:
            self._demonyms[t.fold] = demonym_code(self.lex.code, t.text)
        return self._demonyms[t.fold]

    def is_place(self, i: int, j: int) -> bool:
        key = (i, j)
        if key not in self._places:
            self._places[key] = self.is_place_name(self.text[self.starts[i] : self.ends[j - 1]])
        return self._places[key]

    def is_place_name(self, text: str) -> bool:
        """`_is_place(text)`, asked once per text."""
        if text not in self._place_names:
            self._place_names[text] = _is_place(text, self.lex)
        return self._place_names[text]

    def looks_like_demonym(self, i: int) -> bool:
        t = self.toks[i]
        shape = self.lex.demonym_shape
        return shape is not None and t.is_word and t.text[0].islower() and bool(shape.search(t.fold))

    def _find_titles(self) -> list[tuple[int, int, _Title]]:
        lex = self.lex
        found = []
        free = 0  # first token not inside a title already found
        for i, word in enumerate(self.folds):
            # Only a title's first word, a modifier or a hyphenated word can start a title.
            if i < free or (word not in lex.titles_by_first and word not in lex.modifiers and "-" not in word):
                continue
            hit = self.title_at(i)
            if hit is None or (i > 0 and self.joined(i) and self.folds[i - 1] in lex.thing_nouns):
                continue  # "le navire amiral Moskva": an adjective, not a role
            found.append((i, i + hit[0], hit[1]))
            free = i + hit[0]
        return found


_MAX_COUNTRY_TOKENS = 5  # "République démocratique du Congo"
_MAX_PREMODIFIERS = 3  # words between an apposition's article and its title ("the U.S. special envoy")


# ---------------------------------------------------------------------------- names


def split_name(name: str, code: str) -> tuple[str | None, str]:
    """(given names, surname) of a name as written, without honorific.

    "Iounous-bek Evkourov" -> ("Iounous-bek", "Evkourov"); "Ursula von der Leyen" ->
    ("Ursula", "von der Leyen"); "Emmanuel MACRON" -> ("Emmanuel", "MACRON");
    "Loukachenko" -> (None, "Loukachenko").
    """
    return _split_words(name.split(), _lexicon(code))


def _split_words(words: list[str], lex: _Lexicon) -> tuple[str | None, str]:
    core = len(words)
    while core > 1 and _is_suffix(words[core - 1], lex):
        core -= 1  # "Trump Jr.", "Charles III": the suffix stays with the surname
    head, tail = words[:core], words[core:]
    if len(head) <= 1:
        return None, " ".join(words)
    if len(head) == 2 and _fold(head[0]) in lex.family_name_first and not any(map(_is_all_caps, head)):
        return head[1], " ".join([head[0], *tail])  # "Kim Jong-un", "Xi Jinping"
    caps = [i for i, w in enumerate(head) if _is_all_caps(w)]
    at = len(head) - 1
    if caps and len(caps) < len(head) and caps[-1] == len(head) - 1:
        # French convention "Prénom NOM": the surname is what is written in capitals.
        at = caps[-1]
        while at > 0 and _is_all_caps(head[at - 1]):
            at -= 1
    else:
        at = next((i for i in range(1, len(head) - 1) if _is_particle(head[i], lex)), at)
    # A particle that starts a mention makes it all surname ("de Villepin", "Le Pen").
    if _is_particle(head[0], lex) and not _is_all_caps(head[0]):
        at = 0
    return " ".join(head[:at]) or None, " ".join([*head[at:], *tail])


_ROMAN = re.compile(r"^[IVXL]{1,5}$")


def _is_suffix(word: str, lex: _Lexicon) -> bool:
    return _fold(word).rstrip(".") in lex.suffixes or bool(_ROMAN.match(word))


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()


def _is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _is_particle(word: str, lex: _Lexicon) -> bool:
    f = _fold(word)
    elided = re.match(r"^(\w+')\w", f)
    return f in lex.particles or bool(elided and elided.group(1) in lex.particles) or _is_prefixed(word, lex)


def _is_prefixed(word: str, lex: _Lexicon) -> bool:
    f = _fold(word)
    return any(f.startswith(p) and len(f) > len(p) for p in lex.prefix_particles)


# ---------------------------------------------------------------------------- titles


@dataclass(frozen=True)
class _Phrase:
    """A title with the complements read after it, ending at token `end` (exclusive)."""

    start: int
    head_end: int
    end: int
    title: _Title
    kept: tuple[int, ...]  # complement tokens that stay in the canonical title
    nationality: str | None
    proper_complement: bool  # a multi-word proper name was read as a complement

    def canonical(self, tx: _Text) -> str:
        words = [self.title.canonical]
        previous_elided = False
        for i in self.kept:
            t = tx.toks[i]
            if previous_elided:
                words[-1] += t.text.lower()
            else:
                words.append(t.text.lower())
            previous_elided = t.kind == "elision"
        return " ".join(words)


def _phrases(tx: _Text, start: int, head_end: int, title: _Title, persons: frozenset[int]) -> list[_Phrase]:
    """Every reading of the title at [start, head_end) with zero or more complements."""
    lex = tx.lex
    out: list[_Phrase] = []

    def walk(j: int, kept: tuple[int, ...], nat: str | None, proper: bool, depth: int) -> None:
        out.append(_Phrase(start, head_end, j, title, kept, nat, proper))
        if depth > 6 or j >= len(tx) or not tx.joined(j):
            return
        t = tx.toks[j]
        code = tx.demonym(j) if (t.is_lower or t.is_cap) else None
        if code and (t.is_lower or not _starts_name(tx, j + 1)):
            walk(j + 1, kept, nat or code, proper, depth + 1)
            return
        if j == head_end and _is_acronym(t.text):
            code = country_code(tx.lex.code, t.text)  # "l'émissaire US", "le député LFI"
            walk(j + 1, kept if code else kept + (j,), nat or code, proper, depth + 1)
            return
        if t.is_lower and t.fold in lex.adjectives:
            walk(j + 1, kept + (j,), nat, proper, depth + 1)
            return
        if tx.looks_like_demonym(j):
            walk(j + 1, kept + (j,), nat, proper, depth + 1)
            return
        if not (t.is_lower and t.fold in lex.preps):
            return
        k = j + 1
        needed = lex.compound_preps.get(t.fold)
        if needed is not None:
            if k >= len(tx) or tx.toks[k].fold not in needed:
                return
            k += 1
        if k < len(tx) and tx.toks[k].fold in lex.articles and tx.joined(k):
            k += 1
        if k >= len(tx) or not tx.joined(k):
            return
        x = tx.toks[k]
        # Only a genitive: "ambassadeur de France" is French, "ambassadeur en Russie" is not Russian.
        of = t.fold in lex.genitives
        country = tx.country_at(k) if of else None
        if country is not None:
            # "président du Bélarus": the country is the nationality, not part of the role.
            walk(k + country[0], kept, nat or country[1], proper, depth + 1)
        if x.is_lower and x.is_word:
            inner = tx.title_at(k)
            if inner is not None:
                # "envoyé du président américain": the role of someone else, not part of this one.
                after = k + inner[0]
                code = tx.demonym(after) if after < len(tx) and tx.joined(after) else None
                walk(after + (1 if code else 0), kept, nat or code, proper, depth + 1)
            else:
                walk(k + 1, kept + tuple(range(j, k + 1)), nat, proper, depth + 1)
        elif x.is_cap:
            n = 1
            while k + n < len(tx) and n < 4 and tx.joined(k + n) and tx.toks[k + n].is_cap:
                n += 1
            for m in range(1, n + 1):
                if country is not None and m == country[0]:
                    continue
                if all(i in persons for i in range(k, k + m)):
                    walk(k + m, kept, nat, True, depth + 1)  # "représentant de Donald Trump"
                    continue
                # A capital or seat stays in the title but gives the nationality: "porte-parole du Kremlin".
                seat = capital_code(tx.lex.code, tx.text[tx.starts[k] : tx.ends[k + m - 1]]) if m == 1 and of else None
                walk(k + m, kept + tuple(range(j, k + m)), nat or seat, proper or m > 1, depth + 1)

    walk(head_end, (), None, False, 0)
    return out


def _clause_initial(tx: _Text, i: int) -> bool:
    """Whether a title at token i opens its clause ("Le porte-parole du Kremlin, Dmitri Peskov")."""
    if i > 0 and tx.toks[i - 1].fold in tx.lex.determiners and tx.joined(i):
        i -= 1
    return i == 0 or tx.sentence[i - 1] != tx.sentence[i] or tx.toks[i - 1].text in ',;:(—–-•«"' or not tx.joined(i)


_APPOSITION_END = frozenset(',.;:)—–-»"')


@dataclass
class _TitleIndex:
    """Title readings of a text, indexed by where they start and end."""

    tx: _Text
    persons: frozenset[int]
    by_end: dict[int, list[_Phrase]] = field(default_factory=dict)
    by_start: dict[int, list[_Phrase]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for start, head_end, title in self.tx.titles:
            for phrase in _phrases(self.tx, start, head_end, title, self.persons):
                self.by_end.setdefault(phrase.end, []).append(phrase)
                self.by_start.setdefault(phrase.start, []).append(phrase)

    def before(self, p: int) -> _Phrase | None:
        """The title read right before a name starting at token p."""
        tx = self.tx
        direct = [
            ph
            for ph in self.by_end.get(p, [])
            if not ph.proper_complement and tx.joined(p) and tx.sentence[ph.start] == tx.sentence[p]
        ]
        if direct:
            # Innermost: "le conseiller du président américain Donald Trump" -> président.
            return max(direct, key=lambda ph: (ph.start, -ph.end))
        if p >= 1 and tx.toks[p - 1].text == "," and tx.joined(p):
            framed = [
                ph
                for ph in self.by_end.get(p - 1, [])
                if tx.sentence[ph.start] == tx.sentence[p] and (_clause_initial(tx, ph.start) or self._framed(ph, p))
            ]
            if framed:
                return min(framed, key=lambda ph: (ph.start, -ph.end))
        return None

    def _framed(self, phrase: _Phrase, p: int) -> bool:
        """A title with its article, then a name closed by a comma or the end of the sentence:
        "le secrétaire général de l'Otan, Mark Rutte, et ..."."""
        tx = self.tx
        if phrase.start == 0 or tx.toks[phrase.start - 1].fold not in tx.lex.determiners:
            return False
        q = _name_end(tx, p)
        return q > p and _closes_apposition(tx, q, tx.sentence[p]) and (q >= len(tx) or tx.toks[q].text in ",.;")

    def after(self, q: int) -> _Phrase | None:
        """The title of an apposition after a name ending at token q: "X, représentant de Y,"."""
        tx = self.tx
        if q >= len(tx) or tx.toks[q].text != "," or q + 1 >= len(tx):
            return None
        k = q + 1
        if tx.toks[k].fold in tx.lex.determiners and k + 1 < len(tx):
            k += 1
        if tx.sentence[k] != tx.sentence[q]:
            return None
        nat: str | None = None
        for _ in range(_MAX_PREMODIFIERS + 1):
            closed = [ph for ph in self.by_start.get(k, []) if _closes_apposition(tx, ph.end, tx.sentence[q])]
            if closed:
                phrase = max(closed, key=lambda ph: ph.end)
                return replace(phrase, nationality=phrase.nationality or nat)
            # Words before the title inside the apposition: "X, the U.S. envoy,", "X, a police
            # spokesman,", "X, le nouveau porte-parole,"; a demonym or a country gives the nationality.
            if k + 1 >= len(tx) or not tx.joined(k + 1) or tx.sentence[k] != tx.sentence[q]:
                return None
            t = tx.toks[k]
            if not t.is_word or t.fold in tx.lex.apposition_closers:
                return None
            end = _dotted_end(tx, k)
            written = tx.text[tx.starts[k] : tx.ends[end - 1]]
            code = tx.demonym(k) if end == k + 1 else None
            nat = nat or code or (country_code(tx.lex.code, written) if written.isupper() or end > k + 1 else None)
            k = end
        return None


def _dotted_end(tx: _Text, k: int) -> int:
    """End of a dotted acronym starting at token k ("U.S.", "U.N."), else k + 1."""
    end = k
    while (
        end + 1 < len(tx)
        and len(tx.toks[end].text) == 1
        and tx.toks[end].text.isupper()
        and tx.toks[end + 1].text == "."
        and tx.starts[end + 1] == tx.ends[end]
    ):
        end += 2
        if end >= len(tx) or tx.starts[end] != tx.ends[end - 1]:
            break
    return max(end, k + 1)


def _closes_apposition(tx: _Text, end: int, sentence: int) -> bool:
    if end >= len(tx) or tx.sentence[end] != sentence:
        return True
    t = tx.toks[end]
    return t.text in _APPOSITION_END or t.fold in tx.lex.apposition_closers


def normalise_title(text: str, code: str) -> str | None:
    """The canonical form of a title as written ("Vice-ministre russe de la Défense" ->
    "vice-ministre de la défense"); None when it does not start with a known role."""
    tx = _Text(text, _lexicon(code))
    if not tx.titles or tx.titles[0][0] != 0:
        return None
    start, head_end, title = tx.titles[0]
    readings = [ph for ph in _phrases(tx, start, head_end, title, frozenset()) if ph.end == len(tx)]
    return readings[0].canonical(tx) if readings else title.canonical


def title_info(title: str, code: str) -> TitleInfo | None:
    """Class and exclusive group of a canonical title (as found in `PersonClaim.title`) of language `code`."""
    lex = _lexicon(code)
    tokens = _fold_tokens(title)
    modifier = None
    if len(tokens) > 1 and tokens[0] in {_fold(m) for m in lex.modifiers.values() if m}:
        modifier, tokens = title.split()[0].lower(), tokens[1:]
    for n in lex.title_lengths:
        entry = lex.titles.get(tokens[:n]) if n <= len(tokens) else None
        if entry is not None:
            return TitleInfo(
                title=title,
                head=entry.canonical,
                cls=entry.cls,
                exclusive_group=lex.exclusive.get(entry.canonical),
                qualified=n < len(tokens),
                modifier=modifier,
                generic=entry.generic,
            )
    return None


# ---------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int  # token indices [start, end) of the name, honorific excluded
    end: int
    support: set[str]  # how it was found: ner, honorific, title, propagated

    def overlaps(self, other: _Mention) -> bool:
        return self.start < other.end and other.start < self.end


def _starts_name(tx: _Text, i: int) -> bool:
    return i < len(tx) and (tx.toks[i].is_cap or _is_prefixed(tx.toks[i].text, tx.lex))


def _name_end(tx: _Text, i: int, limit: int | None = None) -> int:
    """End (exclusive) of the run of name words starting at token i; i when there is none."""
    lex = tx.lex
    stop = len(tx) if limit is None else limit
    j, end, words = i, i, 0
    while j < stop and words < 6:
        if j > i and not tx.joined(j):
            break
        t = tx.toks[j]
        if (
            t.kind == "word"
            and len(t.text) == 1
            and t.text.isupper()
            and j + 1 < len(tx)
            and tx.toks[j + 1].text == "."
            and tx.joined(j + 1)
        ):
            j += 2  # an initial, "J. D. Vance"
            if words:
                end = j  # a surname cut to its initial: "Boris P."
            continue
        if t.is_cap or (t.is_word and _is_prefixed(t.text, lex)):
            j += 1
            end, words = j, words + 1
            continue
        if words and t.fold.rstrip(".") in lex.suffixes and t.is_cap:
            j += 1
            end = j
            continue
        if (t.is_lower or t.kind == "elision") and t.fold in lex.particles:
            k = j + 1
            while k < stop and k - j < 3 and tx.joined(k) and tx.toks[k].is_lower and tx.toks[k].fold in lex.particles:
                k += 1
            # "Charles de Gaulle", but "Loukachenko de Minsk" is not one name.
            if k < stop and tx.joined(k) and tx.toks[k].is_cap and not tx.is_place(k, k + 1):
                j = k
                continue
        break
    return end


def _cap_extension(tx: _Text, end: int) -> int:
    """Extend a name with the capitals that follow ("Emmanuel" + "MACRON")."""
    while end < len(tx) and tx.joined(end) and _is_all_caps(tx.toks[end].text) and tx.toks[end].is_word:
        end += 1
    return end


def _skip_prefix(tx: _Text, i: int, end: int, support: set[str]) -> int:
    """Skip what precedes a name inside an entity: articles, honorifics, titles."""
    while i < end:
        t = tx.toks[i]
        h = tx.honorific_at(i)
        if h:
            support.add("honorific")
            i += h
            continue
        title = tx.title_at(i)
        if title is not None:
            # Skip the title with its complements, up to where a name starts; an entity
            # that is only a title ("président de la République") yields nothing.
            readings = _phrases(tx, i, i + title[0], title[1], frozenset())
            starts = [
                ph.end for ph in readings if not ph.proper_complement and ph.end < end and _starts_name(tx, ph.end)
            ]
            if starts:
                i = max(starts)
            elif any(ph.end >= end for ph in readings):
                i = end
            else:
                i += title[0]
            continue
        if t.is_lower or t.kind in ("punct", "number"):
            i += 1
            continue
        if t.fold in tx.lex.determiners and i + 1 < end and (tx.toks[i + 1].is_lower or tx.title_at(i + 1)):
            i += 1  # "Le président Erdogan" tagged whole
            continue
        break
    return i


def _from_entities(tx: _Text, ents: Iterable[tuple[int, int]]) -> list[_Mention]:
    found = []
    for start_char, end_char in ents:
        i, end = tx.tok_range(start_char, end_char)
        while i < end:
            support = {"ner"}
            i = _skip_prefix(tx, i, end, support)
            if i >= end:
                break
            j = _name_end(tx, i, end)
            if j == i:
                i += 1
                continue
            if j < end and all(tx.toks[k].fold in tx.lex.particles for k in range(j, end)):
                # The model cut the name inside its particles ("Ursula von" | "der Leyen").
                j = max(j, _name_end(tx, i))
            if j == end:
                j = _cap_extension(tx, j)
            found.append(_Mention(i, j, support))
            i = j
    return found


def _from_misc(doc: Document, tx: _Text, ents: list[Any]) -> list[_Mention]:
    """Names inside entities the model did not tag as people that the parse shows are: two
    or three capitalised proper nouns in apposition to a common noun ("la cousine de la
    mère, Khaldia Dussourt" tagged MISC; "la ministre de l'Économie Christine Lagarde" tagged
    ORG whole, where the noun must be a title)."""
    from claimdiff.claims.syntax import syntax

    syn = syntax(doc.lang.code)
    found = []
    for ent in ents:
        kind = syn.entity_kind(ent.label_)
        if kind not in ("other", "organisation") or not hasattr(ent, "root"):
            continue
        for token in ent:
            if not (syn.has(token, "apposition") and token.pos_ == "PROPN" and token.head.pos_ == "NOUN"):
                continue
            words = sorted([token, *(c for c in token.children if syn.has(c, "compound") and c.pos_ == "PROPN")], key=lambda t: t.i)
            if not 2 <= len(words) <= 3 or words[-1].i - words[0].i != len(words) - 1 or words[-1].i >= ent.end:
                continue
            if not all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in words):
                continue
            if kind == "organisation":
                k, _ = tx.tok_range(token.head.idx, token.head.idx + len(token.head))
                if tx.title_at(k) is None:
                    continue
            i, j = tx.tok_range(words[0].idx, words[-1].idx + len(words[-1]))
            if j > i:
                found.append(_Mention(i, j, {"ner"}))
    return found


def _from_ages(doc: Document, tx: _Text, blocked: frozenset[int]) -> list[_Mention]:
    """Names that an age set off right after them shows are people's, whatever the model
    tagged them ("Naïma, 34 ans, une femme de ménage", "Fatma (34 ans)"): one to three
    capitalised words, not the sentence's first, of no place or organisation entity."""
    ages = units.words(doc.lang.code)
    found = []
    toks = tx.toks
    for k, t in enumerate(toks):
        if t.kind != "number" or k < 3 or not t.text.isdecimal() or not 0 < int(t.text) < 120:  # not "¹"
            continue
        unit = ages.unit_after(tx.text, tx.ends[k])
        opener = toks[k - 1].text
        closer = tx.text[unit[1] : unit[1] + 1] if unit else ""
        if unit is None or unit[0].unit != "year" or (opener, closer) not in ((",", ","), ("(", ")")):
            continue
        end = start = k - 1
        while start > 0 and end - start < 3 and toks[start - 1].is_cap and tx.joined(start) and start - 1 not in blocked:
            start -= 1
        if start < end and tx.sentence[start - 1] == tx.sentence[start]:
            found.append(_Mention(start, end, {"age"}))
    return found


def _from_honorifics(tx: _Text) -> list[_Mention]:
    found = []
    firsts = tx.lex.honorific_firsts
    candidates = [i for i, t in enumerate(tx.toks) if t.text in firsts]  # few tokens can start one
    for i in candidates:
        h = tx.honorific_at(i)
        if not h or not tx.joined(i + h):
            continue
        if not (_starts_name(tx, i + h) or tx.toks[i + h].fold in tx.lex.particles):
            continue
        j = _name_end(tx, i + h)
        if j > i + h:
            found.append(_Mention(i + h, j, {"honorific"}))
            plural = tuple(t.text for t in tx.toks[i : i + h]) in tx.lex.plural_honorifics
            while plural and j + 1 < len(tx) and _joins_names(tx, j) and tx.joined(j + 1):
                k = _name_end(tx, j + 1)
                if k == j + 1:
                    break
                found.append(_Mention(j + 1, k, {"honorific"}))
                j = k
    return found


def _joins_names(tx: _Text, i: int) -> bool:
    """A comma or a coordinator between two names ("MM. Poutine et Loukachenko")."""
    return tx.toks[i].text == "," or tx.toks[i].fold in tx.lex.name_coordinators


def _entity_tokens(tx: _Text, ent: Any) -> range:
    """Tokens of an ORG or LOC entity that are not names, unless the entity holds a title
    ("ministre de la Culture Rachida Dati" is a misread person)."""
    i, j = tx.tok_range(ent.start_char, ent.end_char)
    if any(i <= start < j for start, _, _ in tx.titles):
        return range(0)
    return range(i, j)


def _from_titles(tx: _Text, titles: _TitleIndex, blocked: frozenset[int]) -> list[_Mention]:
    """Names right after a title that the model missed or wrapped in a MISC entity.

    Tokens `blocked` (inside ORG or LOC entities) are not read as names: in "correspondant du
    Wall Street Journal" the model is right and "Street Journal" is no person.
    """
    found = []
    ends = set(titles.by_end) | {e + 1 for e in titles.by_end if e < len(tx) and tx.toks[e].text == ","}
    for p in sorted(ends):
        if p >= len(tx) or not _starts_name(tx, p) or titles.before(p) is None:
            continue
        j = _name_end(tx, p)
        if j > p and not any(k in blocked for k in range(p, j)):
            found.append(_Mention(p, j, {"title"}))
    return found


def _merge(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per stretch of text: the longest wins and collects the others' support."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for m in ordered:
        clash = next((k for k in kept if k.overlaps(m)), None)
        if clash is None:
            kept.append(_Mention(m.start, m.end, set(m.support)))
        elif m.end - m.start > clash.end - clash.start:
            clash.start, clash.end = m.start, m.end
            clash.support |= m.support
        else:
            clash.support |= m.support
    return sorted(kept, key=lambda m: m.start)


def _is_byline(tx: _Text, m: _Mention) -> bool:
    """A line holding only a name (with capitals) or "Par <name>": a signature, not a mention."""
    line_start = tx.text.rfind("\n", 0, tx.starts[m.start]) + 1
    line_end = tx.text.find("\n", tx.ends[m.end - 1])
    line_end = len(tx.text) if line_end < 0 else line_end
    # Tokenized alone, the text before the name has at least the tokens the article has there
    # (only an elision just before the name can split): more than the longest marker is no
    # marker, and long lines are not tokenized again for every name they hold.
    words_before = m.start - bisect.bisect_left(tx.starts, line_start)
    if words_before > tx.lex.byline_marker_length:
        return False
    before = _fold_tokens(tx.text[line_start : tx.starts[m.start]]) if words_before else ()
    after = tx.text[tx.ends[m.end - 1] : line_end].strip(" .,;:()")
    if before and before in tx.lex.byline_markers:
        # "Par Jean Dupont, envoyé spécial à Kiev": a signature line has no final full stop.
        return not after or not tx.text[line_start:line_end].rstrip().endswith((".", "!", "?", "»", '"'))
    return not after and not before and any(_is_all_caps(t.text) for t in tx.toks[m.start : m.end])


def _names_a_thing(tx: _Text, i: int, end: int) -> bool:
    """Context showing that a lone capitalised word names a thing or an event."""
    lex = tx.lex
    before = tx.toks[i - 1] if i > 0 and tx.joined(i) else None
    after = tx.toks[end] if end < len(tx) and tx.joined(end) else None
    if before is not None and after is not None and before.text in '«"' and after.text in '»"':
        return True  # « Zapad »: a code name
    if after is not None and (
        after.kind == "number" or (after.text == "-" and end + 1 < len(tx) and tx.toks[end + 1].kind == "number")
    ):
        return True  # "Zapad 2025", "Zapad-2025"
    j, steps = i - 1, 0
    while j >= 0 and steps < 4 and tx.joined(j + 1):
        t = tx.toks[j]
        if t.text in '«"':
            j -= 1
            continue
        if not t.is_lower:
            break
        if t.fold in lex.thing_nouns:
            return True
        if t.fold in lex.function_words:
            break
        j, steps = j - 1, steps + 1
    # "Belavia, la compagnie aérienne nationale": an apposition naming what it is.
    k = end
    if k < len(tx) and tx.toks[k].text == "," and k + 1 < len(tx):
        k += 1
        if tx.toks[k].fold in lex.determiners and k + 1 < len(tx):
            k += 1
        return tx.toks[k].fold in lex.thing_nouns
    return False


def _keep(tx: _Text, m: _Mention) -> bool:
    """Whether a candidate mention is a person's name."""
    toks = tx.toks[m.start : m.end]
    words = [t for t in toks if t.is_word]
    if not words or not any(t.is_cap for t in words):
        return False
    if "honorific" not in m.support and tx.is_place(m.start, m.end):
        return False
    if all(tx.title_at(m.start + k) is not None or t.is_lower for k, t in enumerate(toks)):
        return False
    if _is_byline(tx, m):
        return False
    if len(words) == 1 and not (m.support & {"honorific", "title"}):
        word = words[0]
        if _is_all_caps(word.text) or word.fold in tx.lower_words:
            return False  # an acronym, or a common noun opening a sentence
        if _names_a_thing(tx, m.start, m.end):
            return False
    return True


def _surname_tokens(tx: _Text, m: _Mention) -> tuple[str, ...]:
    words = tx.text[tx.starts[m.start] : tx.ends[m.end - 1]].split()
    _, surname = _split_words(words, tx.lex)
    return _fold_tokens(surname)


def _propagate(tx: _Text, mentions: list[_Mention], titles: _TitleIndex) -> list[_Mention]:
    """Surnames written alone elsewhere in the article, once it has shown them as a person's."""
    known: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.end - m.start >= 2 or m.support & {"honorific", "title"} or titles.before(m.start):
            surname = _surname_tokens(tx, m)
            if surname and not tx.is_place_name(" ".join(surname)):
                known.add(surname)
    if not known:
        return mentions
    taken = [False] * len(tx)
    for m in mentions:
        for k in range(m.start, m.end):
            taken[k] = True
    extra = []
    for surname in sorted(known, key=lambda s: (-len(s), s)):
        n = len(surname)
        for i in tx.positions(surname[0]):
            if any(taken[i : i + n]) or tx.fold_at(i, n) != surname or not tx.toks[i].is_cap:
                continue
            if (i + n < len(tx) and tx.joined(i + n) and tx.toks[i + n].is_cap) or (
                i > 0 and tx.joined(i) and tx.toks[i - 1].is_cap and tx.sentence[i - 1] == tx.sentence[i]
            ):
                continue  # part of a longer name: maybe another person of that family
            extra.append(_Mention(i, i + n, {"propagated"}))
            for k in range(i, i + n):
                taken[k] = True
    return sorted(mentions + extra, key=lambda m: m.start)


# ---------------------------------------------------------------------------- extractor


def extract(doc: Document) -> Iterator[PersonClaim]:
    """Person mentions of `doc`, in text order; also stored in `doc.people`."""
    lex = _lexicon(doc.lang.code)
    tx = _Text(doc.text, lex, doc.sentences)
    from claimdiff.claims.syntax import syntax

    kinds = syntax(doc.lang.code)
    ents = list(doc.spacy_doc.ents)  # spaCy builds the tuple anew at each access
    per = [(e.start_char, e.end_char) for e in ents if kinds.entity_kind(e.label_) == "person"]
    from_model = _from_entities(tx, per)
    # Tokens of names the model found: a title complement made of them names another
    # person ("représentant de Donald Trump") rather than an institution.
    persons = frozenset(k for m in from_model for k in range(m.start, m.end))
    titles = _TitleIndex(tx, persons)
    blocked = frozenset(
        k for e in ents if kinds.entity_kind(e.label_) in ("organisation", "place") for k in _entity_tokens(tx, e)
    )
    candidates = (
        from_model + _from_honorifics(tx) + _from_titles(tx, titles, blocked) + _from_misc(doc, tx, ents) + _from_ages(doc, tx, blocked)
    )
    mentions = [m for m in _merge(candidates) if _keep(tx, m)]
    mentions = [m for m in _merge(_propagate(tx, mentions, titles)) if _keep(tx, m)]
    claims = [_claim(doc, tx, titles, m) for m in mentions]
    doc.people = claims
    return iter(claims)


def _claim(doc: Document, tx: _Text, titles: _TitleIndex, m: _Mention) -> PersonClaim:
    start, end = tx.starts[m.start], tx.ends[m.end - 1]
    name = doc.text[start:end]
    given, surname = _split_words(name.split(), tx.lex)
    phrase = titles.before(m.start) or titles.after(m.end)
    nationality = phrase.nationality if phrase else None
    if nationality is None and m.start > 0 and tx.joined(m.start):
        # "son homologue turc Hakan Fidan", "le Russe Vladimir Poutine"
        nationality = tx.demonym(m.start - 1)
    if nationality is None and phrase is not None and phrase.start > 0 and tx.joined(phrase.start):
        nationality = tx.demonym(phrase.start - 1)  # "Russian Foreign Minister Sergei Lavrov"
    title_span = None
    if phrase is not None:
        t_end = phrase.end - 1
        while t_end > phrase.start and tx.toks[t_end].kind == "punct":
            t_end -= 1
        title_span = doc.span(tx.starts[phrase.start], tx.ends[t_end])
    return PersonClaim(
        source=doc.source,
        span=doc.span(start, end),
        sentence=doc.sentence_span(start),
        name=name,
        given=given,
        surname=surname,
        short_form=given is None,
        title=phrase.canonical(tx) if phrase else None,
        title_span=title_span,
        nationality=nationality,
    )
