"""Text folding shared by every look-up: lexicons, names, alignment."""

from __future__ import annotations

import functools
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, apostrophes straightened, ligatures expanded: the form every
    lexicon look-up compares ("États-Unis" -> "etats-unis", "cœur" -> "coeur")."""
    if text.isascii():
        return text.casefold()
    return _fold_unicode(text)


@functools.lru_cache(maxsize=1 << 16)  # extractors fold the same words again and again
def _fold_unicode(text: str) -> str:
    text = text.replace("\u2019", "'").replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
