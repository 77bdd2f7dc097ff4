"""Parsing of French number expressions: digits ("100 000", "1.500", "38,5") and words
("cinquante-deux", "trois cents", "vingt et un", "deux millions").

The vocabulary is in claims/data/numbers.yaml. This module knows nothing about what a
number counts: claims/quantities.py decides that.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from claimdiff.base import lexicon
from claimdiff.base.errors import ConfigError

# Digit groups: "100 000" / "1.500" (groups of exactly three after the first), a decimal
# part after a comma ("38,5"), or after a dot when it is not a thousands group ("2.5").
# A four-digit year never starts a group, so "en 2022 52 prisonniers" stays two numbers.
DIGITS = r"(?:\d{1,3}(?:[ .]\d{3})+(?!\d)|\d+)(?:,\d+|\.\d{1,2}(?!\d))?"


def fold(word: str) -> str:
    """Lower case without accents, for number and unit look-ups ("États" -> "etats").

    Unlike `lexicon.fold` (NFKD), compatibility characters stay: "km²" is a unit, not "km2"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_pattern(phrase: str) -> str:
    """A regex for a lexicon phrase: spaces match runs of spaces, a final "de" matches "d'"."""
    words = phrase.split()
    if len(words) > 1 and words[-1] == "de":
        head = r"\s+".join(re.escape(w) for w in words[:-1])
        return head + r"\s+(?:de\s+|d')"
    return r"\s+".join(re.escape(w) for w in words)


def alternation(phrases: Any) -> str:
    """A non-capturing alternation of lexicon phrases, longest first."""
    unique = sorted({str(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_pattern(p) for p in unique) + ")"


@dataclass(frozen=True)
class Vocabulary:
    """The cardinal words of numbers.yaml, indexed for the parser."""

    small: dict[str, int]  # units and tens
    compound_tens: dict[tuple[str, str], int]
    hundreds: frozenset[str]
    thousands: frozenset[str]
    scales: dict[str, float]
    words_regex: re.Pattern[str]


@functools.cache
def vocabulary() -> Vocabulary:
    """The parser's vocabulary; a malformed numbers.yaml raises ConfigError."""
    try:
        return _build_vocabulary()
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise ConfigError(f"numbers.yaml: malformed number vocabulary ({type(exc).__name__}: {exc})") from None


def _build_vocabulary() -> Vocabulary:
    data = lexicon.load("numbers", "fr")
    small = {fold(k): int(v) for k, v in {**data["units"], **data["tens"]}.items()}
    compounds = {}
    for phrase, value in data.get("compound_tens", {}).items():
        first, second = fold(phrase).split()
        compounds[(first, second)] = int(value)
    hundreds = frozenset(fold(w) for w in data["hundreds"])
    thousands = frozenset(fold(w) for w in data["thousands"])
    scales = {fold(k): float(v) for k, v in data["scales"].items()}
    words = [*data["units"], *data["tens"], *data["hundreds"], *data["thousands"], *data["scales"]]
    word = "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"
    # "vingt et un", "trente-et-une", "soixante et onze": "et" only before these.
    et_next = "|".join(re.escape(w) for w in ("une", "un", "onze"))
    sep = rf"(?:-|[ ]+|[ -]et[ -](?=(?:{et_next})(?![\w-])))"
    # Left: not inside a word nor after a hyphen; after an apostrophe only when elided "d'"/"qu'".
    left = r"(?<![\w-])(?:(?<=d')|(?<=qu')|(?<!'))"
    regex = re.compile(rf"{left}{word}(?:{sep}{word})*(?![\w-])", re.IGNORECASE)
    return Vocabulary(small, compounds, hundreds, thousands, scales, regex)


def parse_digits(text: str) -> float | None:
    """The value of a digit expression matched by DIGITS: "100 000", "1.500", "38,5", "2.5"."""
    s = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


_TOKEN = re.compile(r"[^\s-]+")


def _small_allowed(small: int, value: int) -> bool:
    """Whether a unit/ten `value` may follow the units-and-tens part `small` already read."""
    if small == 0:
        return True
    if small >= 20 and small % 10 == 0 and value < 10:
        return True  # vingt-deux, trente et un
    if small in (60, 80) and value < 20:
        return True  # soixante-douze, quatre-vingt-onze
    if small % 20 == 10 and small in (10, 70, 90) and 7 <= value <= 9:
        return True  # dix-sept, soixante-dix-huit, quatre-vingt-dix-neuf
    return False


def parse_words(text: str) -> tuple[float, int] | None:
    """The value of the longest valid number-word prefix of `text`, and where it ends.

    "trois cent mille soldats" -> (300000, 16). Returns None when `text` does not start
    with a number word.
    """
    vocab = vocabulary()
    tokens = [(fold(m.group()), m.end()) for m in _TOKEN.finditer(text)]
    total = 0.0  # completed thousands/millions
    group = 0  # hundreds part of the current group
    small = 0  # units-and-tens part of the current group
    end = 0
    seen = False
    i = 0
    while i < len(tokens):
        word, word_end = tokens[i]
        if word == "et":
            i += 1
            continue
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else None
        if nxt is not None and (word, nxt) in vocab.compound_tens:
            value = vocab.compound_tens[(word, nxt)]
            if not _small_allowed(small, value) or small:
                break
            small = value
            word_end = tokens[i + 1][1]
            i += 1
        elif word in vocab.small:
            value = vocab.small[word]
            if not _small_allowed(small, value):
                break
            small += value
        elif word in vocab.hundreds:
            if group:
                break
            group = (small or 1) * 100
            small = 0
        elif word in vocab.thousands:
            part = group + small
            if total and total < 1000:
                break
            total += (part or 1) * 1000
            group = small = 0
        elif word in vocab.scales:
            scale = vocab.scales[word]
            part = group + small
            if part == 0 and total and total < scale:
                total *= scale  # "mille milliards"
            else:
                total += (part or 1) * scale
            group = small = 0
        else:
            break
        seen = True
        end = word_end
        i += 1
    if not seen:
        return None
    return total + group + small, end
