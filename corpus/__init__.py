"""Stage 1: read a corpus of articles into decoded text with metadata."""

from claimdiff.corpus.models import Article, InputNote, Source

__all__ = ["Article", "InputNote", "Source"]
