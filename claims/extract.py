"""Run every extractor over an article, in dependency order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from claimdiff.claims import dates, people, places, quantities, sets, times
from claimdiff.claims.document import Document
from claimdiff.claims.models import ArticleClaims, Claim
from claimdiff.corpus.boilerplate import blank_regions
from claimdiff.corpus.models import Article
from claimdiff.corpus.normalize import NormText

if TYPE_CHECKING:
    from spacy.tokens import Doc

# In dependency order: entities first (every frame reads them), then dates and times
# (their numbers are no counts, and they tie figures to another time), then the rest.
EXTRACTORS: dict[str, Callable[[Document], Iterable[Claim]]] = {
    "people": people.extract,
    "places": places.extract,
    "dates": dates.extract,
    "times": times.extract,
    "quantities": quantities.extract,
    "sets": sets.extract,
}
# Bump when extraction output changes: it is part of the cache key.
EXTRACTOR_VERSION = "8"


def prepare(article: Article, spacy_doc: Doc | None = None) -> Document:
    """Normalise an article's text, blanking its header and boilerplate; `spacy_doc` is its
    parse when the caller ran the NER in a batch."""
    doc = Document(article, NormText(article.text, blank_regions(article)))
    doc.parsed = spacy_doc
    return doc


def extract_document(doc: Document) -> ArticleClaims:
    """All claims of a prepared document, sorted by position then type."""
    claims: list[Claim] = []
    for run in EXTRACTORS.values():
        found = list(run(doc))
        claims.extend(found)
    claims.sort(key=lambda c: (c.span.start, c.span.end, c.type))
    return ArticleClaims(source=doc.source, claims=claims, publication_date=doc.publication_date)


def extract_article(article: Article, spacy_doc: Doc | None = None) -> ArticleClaims:
    """All claims of one article; `spacy_doc` lets a caller batch the NER with `nlp.pipe`."""
    return extract_document(prepare(article, spacy_doc))
