"""Extractor stub: replaced by the real people extractor."""

from __future__ import annotations

from collections.abc import Iterator

from claimdiff.claims.document import Document
from claimdiff.claims.models import Claim


def extract(doc: Document) -> Iterator[Claim]:
    """Claims of this type found in `doc`."""
    return iter(())
