"""A normalised view of an article's text whose offsets map back to the original.

Extractors read the normalised text (straight apostrophes, plain spaces, no soft hyphens,
header and boilerplate blanked out) but every span they report must index the original
decoded file. Most replacements are one character for one, so offsets are shared; the few
characters that are deleted (soft hyphens, zero-width marks) are tracked in an index map.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable

# One character for one: offsets do not move.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual French apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00a0": " ",  # no-break space, e.g. inside "100 000" or before ":"
        "\u202f": " ",  # narrow no-break space, French typography before ; : ! ?
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2008": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
    }
)
# Invisible characters that break words apart for a tokenizer; they are removed.
_DELETED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


class NormText:
    """Normalised text plus the map from its offsets to the original text's offsets."""

    __slots__ = ("text", "original", "_index")

    def __init__(self, original: str, blank: Iterable[tuple[int, int]] = ()) -> None:
        """Normalise `original`; character ranges in `blank` (original offsets) become spaces."""
        self.original = original
        chars = list(original.translate(_SAME_LENGTH))
        for start, end in blank:
            for i in range(max(0, start), min(end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        if any(c in _DELETED for c in original):
            kept = [i for i, c in enumerate(original) if c not in _DELETED]
            self.text = "".join(chars[i] for i in kept)
            self._index: array | None = array("l", kept)
            self._index.append(len(original))
        else:
            self.text = "".join(chars)
            self._index = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the matching span of the original text."""
        if self._index is None:
            return start, end
        if end <= start:
            pos = self._index[start]
            return pos, pos
        return self._index[start], self._index[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span [start, end) to normalised offsets (inverse of `to_original`)."""
        if self._index is None:
            return start, end
        return bisect.bisect_left(self._index, start), bisect.bisect_left(self._index, end)

    def __len__(self) -> int:
        return len(self.text)
