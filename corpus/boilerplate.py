"""Regions of an article that are not article prose: the header, boilerplate, bylines."""

from __future__ import annotations

from claimdiff.corpus.models import Article


def blank_regions(article: Article) -> list[tuple[int, int]]:
    """Original-text ranges that extractors must not read."""
    return [(0, article.source.body_start)] if article.source.body_start else []
