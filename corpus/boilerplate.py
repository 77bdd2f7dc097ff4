"""Regions of an article that are not article prose: header, boilerplate, bylines, note references,
URLs, claimdiff's own inline directives.

Extractors never read these regions (NormText blanks them with spaces, so offsets do not
move). The patterns live in corpus/data/boilerplate.yaml; this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimdiff import lang
from claimdiff.base import lexicon
from claimdiff.corpus.agencies import agency_credits
from claimdiff.corpus.directives import directive_regions
from claimdiff.corpus.models import Article
from claimdiff.base.errors import ConfigError

_LINES = re.compile(r"[^\r\n\u2028\u2029]+")
# Bullets and dashes that lead a boilerplate line ("• Partager", "> Lire aussi").
_LEAD = " \t\u00a0\u202f•·*>-–—|"
_NAME_SEPARATORS = re.compile("[-'’]")


@dataclass(frozen=True)
class _Rules:
    lines: tuple[re.Pattern[str], ...]
    max_line_chars: int
    spans: tuple[re.Pattern[str], ...]
    prefixes: tuple[tuple[str, ...], ...]  # byline prefixes, as word tuples, longest first
    particles: frozenset[str]
    joiners: frozenset[str]
    min_words: int
    max_words: int
    max_lines: int
    start_needs_marker: bool
    after_quote: re.Pattern[str]
    after_word: re.Pattern[str]
    anywhere: tuple[re.Pattern[str], ...]
    not_after: frozenset[str]


_compiled: tuple[object, str, _Rules] | None = None


def _rules() -> _Rules:
    """The compiled rules, rebuilt when the lexicon data changes (user lexicon directories)."""
    global _compiled
    data = lexicon.load("boilerplate", package="claimdiff.corpus")
    credits = agency_credits()
    if _compiled is None or _compiled[0] is not data or _compiled[1] != credits:
        _compiled = (data, credits, _compile(data, credits))
    return _compiled[2]


def _compile(data: dict, credits: str) -> _Rules:
    lines = [*data["lines"], *(p.replace("{agency}", credits) for p in data.get("credit_lines", []))]
    byline, notes = data["byline"], data["footnotes"]
    return _Rules(
        lines=tuple(_regex(p, re.IGNORECASE) for p in lines),
        max_line_chars=int(data.get("max_line_chars", 300)),
        spans=tuple(_regex(p, re.IGNORECASE) for p in data.get("spans", [])),
        prefixes=tuple(sorted((tuple(p.split()) for p in byline["prefixes"]), key=lambda p: (-len(p), p))),
        particles=frozenset(byline["particles"]),
        joiners=frozenset(byline["joiners"]),
        min_words=int(byline["min_words"]),
        max_words=int(byline["max_words"]),
        max_lines=int(byline["max_lines"]),
        start_needs_marker=bool(byline.get("start_needs_marker", True)),
        after_quote=_regex(notes["after_quote"]),
        after_word=_regex(notes["after_word"]),
        anywhere=tuple(_regex(p) for p in notes.get("anywhere", [])),
        not_after=_not_before_a_reference(),
    )


def _regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except (re.error, TypeError) as exc:
        raise ConfigError(f"boilerplate.yaml: bad pattern {pattern!r}: {exc}") from None


def blank_regions(article: Article) -> list[tuple[int, int]]:
    """Original-text ranges that extractors must not read, sorted and merged."""
    text, start = article.text, article.source.body_start
    regions: list[tuple[int, int]] = [(0, start)] if start else []
    lines = list(_body_lines(text, start))
    furniture = {i for i, (s, e) in enumerate(lines) if is_boilerplate_line(text[s:e])}
    furniture |= _bylines(text, lines, furniture)
    regions += [_content(text, *lines[i]) for i in sorted(furniture)]
    prose = [span for i, span in enumerate(lines) if i not in furniture]
    regions += _footnotes(text, prose)
    regions += _spans(text, prose)
    regions += directive_regions(article)
    return _merge(regions)


def is_boilerplate_line(line: str) -> bool:
    """Whether a whole line is page furniture (share buttons, comment counts, cookie notices...)."""
    rules = _rules()
    stripped = line.strip(_LEAD)
    if not stripped or len(stripped) > rules.max_line_chars:
        return False
    return any(p.fullmatch(stripped) for p in rules.lines)


def is_byline(line: str, at_start: bool = False) -> bool:
    """Whether a line is only a byline: "Par Jean Dupont", "Amaryllis BECAM", "J. DUPONT et M. Durand"."""
    rules = _rules()
    words = line.split()
    prefixed = False
    for prefix in rules.prefixes:
        if tuple(words[: len(prefix)]) == prefix:
            words, prefixed = words[len(prefix) :], True
            break
    if not words or not _is_name(words[0]) or not _is_name(words[-1]):
        return False
    names = 0
    for i, word in enumerate(words):
        if _is_name(word):
            names += 1
        elif word not in rules.particles and word not in rules.joiners:
            return False
        elif not (_is_name(words[i + 1]) or words[i + 1] in rules.particles):
            return False  # "de" and "et" lead to a name: "Charles de Gaulle", "Jean et Marie Dupont"
    if not rules.min_words <= names <= rules.max_words:
        return False
    if at_start and rules.start_needs_marker:
        return prefixed or any(_is_upper_name(w) for w in words)
    return True


def _not_before_a_reference() -> frozenset[str]:
    """Words after which a number ending a line is no note reference, in every language pack
    (an article's language is not known yet): months, weekdays and the pack's own list."""
    words: set[str] = set()
    for code in lang.codes():
        pack = lang.get(code)
        dates = pack.data("dates")
        for key in ("months", "month_abbreviations", "weekdays"):
            words.update(str(w) for w in dates.get(key) or {})
        words.update(str(w) for w in pack.data("grammar").get("not_before_a_reference") or [])
    return frozenset(w.lower() for w in words)


def _elided_words() -> frozenset[str]:
    """Elided words of every language pack without their apostrophe ("d" of "d'Ormesson"): a
    name keeps its elision whatever the language of the article that signs it."""
    return frozenset(
        str(e).rstrip("'’") for code in lang.codes() for e in (lang.get(code).data("grammar").get("elisions") or {}).values()
    )


def _is_name(word: str) -> bool:
    """A capitalised or upper-case name word (Jean, Jean-Pierre, d'Ormesson, BECAM) or an initial (J.)."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    parts = _NAME_SEPARATORS.split(word)
    if not all(p.isalpha() for p in parts):
        return False
    if len(parts) > 1 and parts[0] in _elided_words():
        parts = parts[1:]
    return all(p[0].isupper() for p in parts)


def _is_upper_name(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _body_lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line after the header."""
    for m in _LINES.finditer(text, start):
        if m.group().strip():
            yield m.start(), m.end()


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """The line without the surrounding whitespace (so a blanked line keeps its indentation)."""
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip())


def _bylines(text: str, lines: list[tuple[int, int]], furniture: set[int]) -> set[int]:
    """Indexes of byline lines at the very start or end of the body (other furniture set aside)."""
    rules = _rules()
    found: set[int] = set()
    for order, at_start in ((range(len(lines)), True), (range(len(lines) - 1, -1, -1), False)):
        taken = 0
        for i in order:
            if i in furniture:
                continue
            if taken >= rules.max_lines or not is_byline(text[slice(*lines[i])].strip(), at_start=at_start):
                break
            found.add(i)
            taken += 1
    # A body made only of bylines is an article we cannot judge: keep it readable.
    return set() if len(found) + len(furniture) >= len(lines) else found


def _footnotes(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Note reference digits at the end of lines ("l'invitation 1.", "à l'avenir » 4.")."""
    rules = _rules()
    regions: list[tuple[int, int]] = []
    expected = 1  # references of an article are numbered 1, 2, 3... in reading order
    for start, end in lines:
        line = text[start:end]
        for pattern in rules.anywhere:
            regions += [(start + m.start(), start + m.end()) for m in pattern.finditer(line)]
        m = rules.after_quote.search(line)
        if m:
            regions.append((start + m.start("ref"), start + m.end("ref")))
            expected = int(m.group("num")) + 1
            continue
        m = rules.after_word.search(line)
        if m and m.group("word").lower() not in rules.not_after:
            number = int(m.group("num"))
            # One reference the patterns missed may sit in between ("1." ... "3.").
            if number == expected or (expected > 1 and number == expected + 1):
                regions.append((start + m.start("ref"), start + m.end("ref")))
                expected = number + 1
    return regions


def _spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Web addresses, e-mail addresses and HTML tags inside prose lines."""
    found: list[tuple[int, int]] = []
    for pattern in _rules().spans:
        for start, end in lines:
            found += [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
    return found


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in regions if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
