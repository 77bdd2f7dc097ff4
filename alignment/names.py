"""Comparing spellings of names: folding, transliteration correspondences, gendered forms."""

from __future__ import annotations

import enum
import functools
import re

from claimdiff.base import lexicon
from claimdiff.base.text import fold as text_fold

_PACKAGE = "claimdiff.alignment"
_DIGITS = re.compile(r"\d+")


class Difference(enum.Enum):
    """How two spellings of one name differ."""

    none = "none"  # identical once case, accents and hyphens are folded
    transliteration = "transliteration"  # explained by a known correspondence (ou/u, ch/sh...)
    spelling = "spelling"  # anything else: a likely misspelling


@functools.cache
def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, single spaces."""
    return " ".join(re.sub(r"[-‐‑'’_.]+", " ", text_fold(text)).split())


@functools.cache
def _correspondences() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = lexicon.load("transliteration", package=_PACKAGE)
    return tuple((re.compile(r["pattern"]), r["canonical"]) for r in data["correspondences"])


@functools.cache
def _gendered() -> tuple[tuple[str, str], ...]:
    data = lexicon.load("transliteration", package=_PACKAGE)
    return tuple((a, b) for a, b in data["gendered_endings"])


@functools.cache
def canonical(text: str) -> str:
    """A spelling-independent skeleton: folded, then rewritten word by word by the correspondences."""
    words = []
    for word in fold(text).split():
        for pattern, replacement in _correspondences():
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


def difference(a: str, b: str) -> Difference:
    """Classify how two spellings differ."""
    if fold(a) == fold(b):
        return Difference.none
    if canonical(a) == canonical(b):
        return Difference.transliteration
    return Difference.spelling


def numbers(text: str) -> tuple[str, ...]:
    """The numbers written inside a name ("Zapad-2025" -> ("2025",))."""
    return tuple(_DIGITS.findall(text))


def gendered_forms(a: str, b: str) -> bool:
    """Whether two surnames are the masculine and feminine forms of one family name."""
    fa, fb = canonical(a).replace(" ", ""), canonical(b).replace(" ", "")
    for masc, fem in _gendered():
        masc, fem = canonical(masc), canonical(fem)
        for x, y in ((fa, fb), (fb, fa)):
            if x.endswith(masc) and y.endswith(fem) and x[: -len(masc)] == y[: -len(fem)]:
                return True
    return False

