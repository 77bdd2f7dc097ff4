"""Alignment stub: replaced by entity resolution and claim keys."""

from __future__ import annotations

from claimdiff.alignment.models import Alignment
from claimdiff.claims.models import ArticleClaims
from claimdiff.corpus.models import Source


def align(sources: list[Source], extracted: list[ArticleClaims], aliases: str | None = None) -> Alignment:
    return Alignment(
        sources={s.id: s for s in sources},
        entities=[],
        groups=[],
        claim_count=sum(len(a.claims) for a in extracted),
    )
