"""The spaCy pipeline of each language, loaded once per process, lazily, on first use.

A run over French articles never loads the English pipeline, and a run whose claims all
come from the cache loads none. Before the parser runs, the pipeline is given claimdiff's
own sentences (claims/sentences.py), so that spaCy's parse and every extractor agree on
where sentences end.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from claimdiff import lang
from claimdiff.base.errors import ClaimdiffError

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc

#: Components claimdiff never reads: sentences are set before the parser.
_EXCLUDE = ["senter"]
_SENTENCES = "claimdiff_sentences"
_pipelines: dict[str, SpacyLanguage] = {}


def get_nlp(code: str) -> SpacyLanguage:
    """The spaCy pipeline of language `code` (tagger, parser, lemmatizer, NER)."""
    nlp = _pipelines.get(code)
    if nlp is None:
        nlp = _pipelines[code] = _load(code)
    return nlp


def _load(code: str) -> SpacyLanguage:
    language = lang.get(code)
    try:
        import spacy

        _register()
        nlp = spacy.load(language.spacy_model, exclude=_EXCLUDE)
    except OSError as exc:  # model package missing
        message = f"the spaCy model {language.spacy_model!r} is not installed: pip install {language.spacy_distribution} ({exc})"
        raise ClaimdiffError(message.replace("\n", " ")) from None
    nlp.add_pipe(_SENTENCES, before="parser", config={"code": code})
    # A model is hundreds of thousands of long-lived objects: keep the garbage collector
    # from re-scanning them on every collection of the extractors' short-lived ones.
    gc.collect()
    gc.freeze()
    return nlp


def _register() -> None:
    from spacy.language import Language as SpacyLanguage

    if SpacyLanguage.has_factory(_SENTENCES):
        return

    @SpacyLanguage.factory(_SENTENCES, default_config={"code": "xx"})
    def _make(nlp: SpacyLanguage, name: str, code: str) -> _SentenceSetter:
        return _SentenceSetter(code)


class _SentenceSetter:
    """Marks the first token of each of claimdiff's sentences, and no other, as a sentence start."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __call__(self, doc: Doc) -> Doc:
        from claimdiff.claims import sentences

        starts = {start for start, _ in sentences.split(doc.text, self.code)}
        for token in doc:
            token.is_sent_start = token.i == 0 or token.idx in starts
        return doc


def loaded() -> list[str]:
    """Codes of the languages whose pipeline this process has loaded."""
    return sorted(_pipelines)
