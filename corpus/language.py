"""The language of an article: from its metadata, else detected from its text.

Detection is offline (lingua, restricted to the languages claimdiff has packs for) and
reads the first few thousand characters, which settles the language of a news article. A
text of a few words says too little: it gets the configured default instead.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from claimdiff import lang

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: Characters of the body the detector reads: enough for news prose, cheap on long files.
SAMPLE = 3000
#: Fewer words than this cannot tell a language ("OK", "Paris", "Bilan : 12 morts"): a
#: detector still answers, with a guess.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in lang.codes()]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str) -> str | None:
    """The code of the most likely supported language of `text`, or None when it has too few
    words to tell."""
    sample = text[:SAMPLE]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None
