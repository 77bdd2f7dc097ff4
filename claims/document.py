"""What every extractor reads: one article's normalised text, sentences and earlier results."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from claimdiff import lang
from claimdiff.claims import sentences
from claimdiff.claims.models import DateClaim, EntityClaim, PersonClaim, Span, TimeClaim
from claimdiff.corpus.models import Article
from claimdiff.corpus.normalize import NormText

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Document:
    """One article prepared for extraction.

    Extractors work in *normalised* offsets (`self.text`) and turn them into original-text
    spans with `span()`; they never index `article.text` themselves.
    """

    def __init__(
        self,
        article: Article,
        norm: NormText,
        nlp: Callable[[str], Doc] | None = None,
        spacy_doc: Doc | None = None,
    ) -> None:
        self.article = article
        self.lang = lang.get(article.source.language)
        self.norm = norm
        self.text = norm.text
        self._nlp = nlp
        self._spacy_doc = spacy_doc
        self.publication_date: dt.date | None = article.source.date
        # Filled by the extractors that run first, for those that read them.
        self.people: list[PersonClaim] = []
        self.entities: list[EntityClaim] = []
        self.dates: list[DateClaim] = []
        self.times: list[TimeClaim] = []
        #: Normalised spans of the numbers that dates are written with (days, years): no counts.
        self.date_numbers: list[tuple[int, int]] = []
        self.cache: dict[Any, Any] = {}  # per-document memo shared between extractors
        self._sentence_spans: dict[tuple[int, int], Span] = {}

    @property
    def source(self) -> str:
        return self.article.source.id

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in normalised offsets."""
        return sentences.split(self.text, self.lang.code)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @property
    def parsed(self) -> Doc | None:
        """The spaCy parse if one was already computed or given; never loads the model."""
        return self._spacy_doc

    @parsed.setter
    def parsed(self, value: Doc | None) -> None:
        self._spacy_doc = value

    @property
    def spacy_doc(self) -> Doc:
        """The spaCy parse of the normalised text, computed on first use."""
        if self._spacy_doc is None:
            if self._nlp is None:
                from claimdiff.claims.nlp import parse

                self._spacy_doc = parse(self.text, self.lang.code)
            else:
                self._spacy_doc = self._nlp(self.text)
        return self._spacy_doc

    def span(self, start: int, end: int) -> Span:
        """The original-text span for normalised offsets [start, end)."""
        s, e = self.norm.to_original(start, end)
        return Span(source=self.source, start=s, end=e, text=self.article.text[s:e])

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Normalised bounds of the sentence containing offset `pos`."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return (0, 0) if not self.sentences else self.sentences[0]
        return self.sentences[i]

    def sentence_span(self, pos: int) -> Span:
        """The original-text span of the sentence containing normalised offset `pos`.

        One Span object per sentence, shared by every claim read from it: a corpus holds
        hundreds of thousands of claims, and their sentences would otherwise be copied.
        """
        bounds = self.sentence_bounds(pos)
        span = self._sentence_spans.get(bounds)
        if span is None:
            span = self._sentence_spans[bounds] = self.span(*bounds)
        return span

    def entities_in(self, start: int, end: int) -> list[EntityClaim | PersonClaim]:
        """Entity and person mentions whose span lies in original offsets [start, end)."""
        found: list[EntityClaim | PersonClaim] = [*self.entities, *self.people]
        return sorted(
            (c for c in found if start <= c.span.start and c.span.end <= end),
            key=lambda c: c.span.start,
        )
