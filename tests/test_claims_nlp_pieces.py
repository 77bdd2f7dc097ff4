"""The spaCy pipeline wrapper: texts longer than spaCy's max_length are parsed in pieces."""

from __future__ import annotations

import pytest

from claimdiff.claims import nlp, sentences

TEXT = (
    "Le préfet a annoncé mardi l'envoi de 300 gendarmes à Ajaccio. "
    "Selon la police, près de 2 000 personnes ont manifesté samedi à Rennes.\n\n"
    "« Nous resterons mobilisés », a déclaré M. Durand, le porte-parole du syndicat. "
    "Au moins 17 personnes ont été blessées dans l'explosion survenue à Lyon."
)


def _starts(text: str) -> list[int]:
    return [start for start, _ in sentences.split(text, "fr")]


def _check_cover(text: str, spans: list[tuple[int, int]], size: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))  # consecutive, nothing lost or repeated
    assert all(0 < end - start <= size for start, end in spans)


def test_nlp_pieces_short_text_is_one_piece():
    assert nlp.pieces(TEXT, _starts(TEXT), size=len(TEXT)) == [(0, len(TEXT))]
    assert nlp.pieces("", [], size=10) == [(0, 0)]


@pytest.mark.parametrize("size", [90, 120, 150, 200])
def test_nlp_pieces_end_where_a_sentence_starts(size):
    starts = _starts(TEXT)
    spans = nlp.pieces(TEXT, starts, size=size)
    _check_cover(TEXT, spans, size)
    assert len(spans) > 1
    for start, end in spans[1:]:
        assert start in starts  # no sentence is cut
    for (start, end), (_, after) in zip(spans, spans[1:]):
        # The cut is the last sentence start that fits: the next one would not have.
        later = [s for s in starts if end < s <= start + size]
        assert later == []


def test_nlp_pieces_cut_a_long_sentence_after_white_space():
    text = "mot " * 50 + "fin"
    spans = nlp.pieces(text, _starts(text), size=30)
    _check_cover(text, spans, 30)
    assert all(text[end - 1] == " " for _, end in spans[:-1])  # never inside a word
    assert [text[a:b] for a, b in spans[:2]] == ["mot " * 7, "mot " * 7]


def test_nlp_pieces_line_breaks_count_as_white_space():
    text = "a\n" * 40
    spans = nlp.pieces(text, [], size=9)
    _check_cover(text, spans, 9)
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])


def test_nlp_pieces_a_run_without_white_space_is_cut_at_the_size():
    text = "x" * 95
    assert nlp.pieces(text, [0], size=30) == [(0, 30), (30, 60), (60, 90), (90, 95)]


def test_nlp_pieces_sentence_start_wins_over_white_space():
    text = "Une phrase assez longue ici. Deux mots"
    spans = nlp.pieces(text, _starts(text), size=35)
    assert spans == [(0, 29), (29, len(text))]


@pytest.mark.slow
def test_nlp_pipe_in_pieces_gives_the_parse_of_the_whole(monkeypatch):
    """With max_length lowered, a text is parsed in pieces and joined: same text, same offsets,
    and (the pieces ending where sentences do) the same tokens, sentences, parse and entities."""
    text = (TEXT + "\n\n") * 12
    whole = nlp.parse(text, "fr")
    monkeypatch.setattr(nlp.get_nlp("fr"), "max_length", 500)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 400)
    assert len(nlp.pieces(text, _starts(text), 400)) > 3
    joined, context = next(nlp.pipe("fr", [(text, "ctx")], batch_size=4))
    assert context == "ctx" and joined.text == text

    def view(doc):
        return [(t.idx, t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]

    assert view(joined) == view(whole)
    assert [(e.start_char, e.end_char, e.label_) for e in joined.ents] == [(e.start_char, e.end_char, e.label_) for e in whole.ents]


@pytest.mark.slow
def test_nlp_pipe_keeps_order_between_long_and_short_texts(monkeypatch):
    monkeypatch.setattr(nlp.get_nlp("fr"), "max_length", 300)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 200)
    texts = [TEXT, "Un texte court.", TEXT * 3, "Un autre."]
    out = list(nlp.pipe("fr", [(t, i) for i, t in enumerate(texts)], batch_size=2))
    assert [i for _, i in out] == [0, 1, 2, 3]
    assert [doc.text for doc, _ in out] == texts
