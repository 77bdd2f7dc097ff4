"""A rule-based French sentence splitter that keeps offsets.

spaCy's parser would split sentences too, but claimdiff runs only the NER component for
speed; news text is regular enough for punctuation rules plus an abbreviation list.
"""

from __future__ import annotations

import re

from claimdiff.base import lexicon

_BOUNDARY = re.compile(r"[.!?…]+[\"'»)\]]*(?=\s+[\"'«(\[•\-—–]?\s*[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n|\n(?=\s*[•\-—–*]\s)")


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) over `text`, stripped of surrounding white space."""
    abbreviations = _abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start(), abbreviations):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        # Single line breaks end a sentence too when the line has no final punctuation
        # (headlines, bullet points, titles).
        for piece in _split_lines(text, s, e):
            stripped = _strip(text, *piece)
            if stripped[1] > stripped[0]:
                out.append(stripped)
    return out


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    base = start
    for m in re.finditer(r"\n", text[base:end]):
        cut = base + m.start()
        before = text[start:cut].rstrip()
        if before and before[-1] not in ",;:(-–—" and text[cut + 1 : end].strip():
            pieces.append((start, cut))
            start = cut + 1
    pieces.append((start, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_with_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(«\"'":
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    # Initials ("J. Biden", "J.-C.") are abbreviations.
    return word in abbreviations or (len(word) == 1 and word.isupper())


def _abbreviations() -> frozenset[str]:
    return frozenset(lexicon.load("abbreviations", "fr"))
