"""The language of an article: from its metadata, else detected from its text.

Detection is offline (lingua, restricted to the languages claimdiff has packs for) and
reads the first few thousand characters, which settles the language of a news article.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from claimdiff import lang

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: Characters of the body the detector reads: enough for news prose, cheap on long files.
SAMPLE = 3000


@functools.cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in lang.codes()]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str) -> str | None:
    """The code of the most likely supported language of `text`, or None when it has no words."""
    sample = text[:SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None
