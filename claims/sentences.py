"""A rule-based sentence splitter that keeps offsets.

News text is regular enough for punctuation rules plus each language's abbreviations
(`lang/<code>/abbreviations.yaml`) and quotation marks (`grammar.yaml`). The spaCy pipeline
is given these sentences before it parses (claims/nlp.py), so that every stage agrees on
where a sentence ends: headlines without a full stop, datelines and lists included.
"""

from __future__ import annotations

import functools
import re

from claimdiff import lang


@functools.cache
def _boundary(code: str) -> re.Pattern[str]:
    grammar = lang.get(code).data("grammar")
    opening = re.escape("".join(str(q) for q in grammar.get("opening_quotes", [])))
    closing = re.escape("".join(str(q) for q in grammar.get("closing_quotes", [])))
    return re.compile(
        rf"[.!?…]+[\"'{closing})\]]*(?=\s+[\"'{opening}(\[•\-—–]?\s*[^\W\d_a-zà-ÿ]|\s+\d)|\n\s*\n|\n(?=\s*[•\-—–*]\s)"
    )


def split(text: str, code: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) over `text` in language `code`, stripped of surrounding white space."""
    abbreviations = _abbreviations(code)
    opening = "".join(str(q) for q in lang.get(code).data("grammar").get("opening_quotes", []))
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _boundary(code).finditer(text):
        end = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start(), abbreviations, opening):
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


def _ends_with_abbreviation(text: str, dot: int, abbreviations: frozenset[str], opening: str) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"'" + opening:
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    # Initials ("J. Biden", "J.-C.") are abbreviations.
    return word in abbreviations or (len(word) == 1 and word.isupper())


def _abbreviations(code: str) -> frozenset[str]:
    return frozenset(str(a) for a in lang.get(code).data("abbreviations"))
