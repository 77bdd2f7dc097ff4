"""Stage 1: read a corpus of articles into decoded text with metadata."""

from claimdiff.corpus.boilerplate import blank_regions
from claimdiff.corpus.models import Article, InputNote, Source
from claimdiff.corpus.reader import read_corpus

__all__ = ["Article", "InputNote", "Source", "blank_regions", "read_corpus"]
