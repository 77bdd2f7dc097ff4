"""Parallel extraction: how many processes, in which order results come back, determinism."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from claimdiff import extraction
from claimdiff.claims.models import ArticleClaims
from claimdiff.corpus.models import Article, Source
from claimdiff.base.errors import ClaimdiffError
from claimdiff.extraction import PARALLEL_THRESHOLD, extract_all, resolve_jobs
from claimdiff.timing import StageTimes

OPENINGS = [
    "Le gouvernement italien a annoncé lundi l'envoi de 250 soldats en Lettonie.",
    "Selon la police, près de 12 000 personnes ont manifesté samedi à Marseille.",
    "Emmanuel Macron recevra jeudi à l'Élysée le chancelier allemand Olaf Scholz.",
    "Au moins 17 migrants sont morts dans le naufrage d'une embarcation au large de Lampedusa.",
    "La Commission européenne a infligé mardi une amende de 1,8 milliard d'euros à Apple.",
]
FOLLOW_UPS = [
    "Le ministre de la Défense, Guido Crosetto, a précisé que le déploiement durerait six mois.",
    "La Pologne, la Lituanie et l'Estonie ont salué cette décision, a indiqué l'Otan à Bruxelles.",
    "Les syndicats réclament une hausse de 3 % des salaires d'ici au 1er janvier 2025.",
    "D'après l'agence Reuters, une vingtaine de pays ont envoyé des observateurs.",
]


def corpus(n: int) -> list[Article]:
    return [
        Article(
            source=Source(id=f"doc{i:03d}", path=f"doc{i:03d}.txt"),
            text=f"{OPENINGS[i % len(OPENINGS)]} {FOLLOW_UPS[(i * 3) % len(FOLLOW_UPS)]} Mise à jour n° {i}.",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("jobs", "n", "expected"),
    [
        (None, 5, 1),
        (None, PARALLEL_THRESHOLD - 1, 1),
        (None, PARALLEL_THRESHOLD, min(2, os.cpu_count() or 1)),
        (0, 5000, min(2, os.cpu_count() or 1)),
        (1, 5000, 1),
        (4, 3, 3),  # never more processes than articles
        (3, 500, 3),
    ],
)
def test_pipeline_resolve_jobs(jobs, n, expected):
    assert resolve_jobs(jobs, n) == expected


def test_pipeline_resolve_jobs_rejects_negative():
    with pytest.raises(ClaimdiffError, match="--jobs"):
        resolve_jobs(-2, 100)


@pytest.mark.parametrize(("n", "jobs"), [(1, 2), (9, 2), (100, 2), (1000, 2), (5000, 3)])
def test_pipeline_chunks_cover_the_corpus_in_order(n, jobs):
    articles = corpus(n)
    chunks = extraction._chunks(articles, jobs)
    assert [a.id for c in chunks for a in c] == [a.id for a in articles]
    assert len(chunks) >= min(n, jobs)
    assert all(len(c) <= 128 for c in chunks)


def test_pipeline_extract_all_empty():
    times = StageTimes()
    assert extract_all([], timings=times) == []
    assert times.extracted == 0


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to inherit the fakes")
def test_pipeline_parallel_keeps_corpus_order(monkeypatch):
    """Workers (with a fake extractor inherited through fork) return chunks in corpus order."""

    def fake_chunk(articles):
        return [ArticleClaims(source=a.id, claims=[]) for a in articles], 0.5, 0.25

    monkeypatch.setattr(extraction, "_extract_chunk", fake_chunk)
    monkeypatch.setattr("claimdiff.claims.nlp.get_nlp", lambda code: None)
    articles = corpus(61)
    times = StageTimes()
    out = extract_all(articles, jobs=2, timings=times)
    assert [c.source for c in out] == [a.id for a in articles]
    chunks = len(extraction._chunks(articles, 2))
    assert times.jobs == 2 and times.extracted == 61
    assert times.seconds["nlp"] == pytest.approx(0.5 * chunks)
    assert times.seconds["extract"] == pytest.approx(0.25 * chunks)


@pytest.mark.slow
def test_pipeline_jobs_do_not_change_results():
    articles = corpus(40)
    one = extract_all(articles, jobs=1)
    two = extract_all(articles, jobs=2)
    assert [c.source for c in two] == [a.id for a in articles]
    assert two == one


@pytest.mark.slow
def test_pipeline_stage_times_are_recorded():
    times = StageTimes()
    extract_all(corpus(6), jobs=1, timings=times)
    assert {"load", "nlp", "extract"} <= set(times.seconds)
    assert times.seconds["nlp"] > 0 and times.jobs == 1


@pytest.mark.slow
def test_pipeline_packed_claims_round_trip_exactly():
    """What workers send and the parent holds until they exit reads back as the same claims,
    sentences shared as extraction's own results share them."""
    extracted = extract_all(corpus(12), jobs=1)
    assert sum(len(e.claims) for e in extracted) > 12
    packed = [extraction.pack(e) for e in extracted]
    assert all(isinstance(p, bytes) and len(p) < len(e.model_dump_json()) for p, e in zip(packed, extracted))
    again = extraction._unpack_all(packed)
    assert again == extracted
    assert [e.model_dump_json() for e in again] == [e.model_dump_json() for e in extracted]
    assert packed == [b""] * len(extracted)  # each entry is dropped once read
    for article in again:
        by_sentence: dict[tuple[int, int], object] = {}
        for claim in article.claims:
            shared = by_sentence.setdefault((claim.sentence.start, claim.sentence.end), claim.sentence)
            assert claim.sentence is shared


def test_pipeline_unpack_reads_what_pack_wrote_with_every_claim_type():
    from claimdiff.claims.models import EntityClaim, EntityType, PersonClaim, QuantityClaim, SetClaim, SetMember, Span

    text = "Trois pays, la Pologne, la Lituanie et l'Estonie, et M. Dupont : 250 soldats."
    sentence = Span(source="a", start=0, end=len(text), text=text)

    def span(word: str) -> Span:
        start = text.index(word)
        return Span(source="a", start=start, end=start + len(word), text=word)

    members = [SetMember(key=k, name=n, span=span(n)) for k, n in (("PL", "Pologne"), ("LT", "Lituanie"), ("EE", "Estonie"))]
    claims = ArticleClaims(
        source="a",
        claims=[
            QuantityClaim(source="a", span=span("250 soldats"), sentence=sentence, value=250.0, low=250.0, high=None, noun="soldats"),
            PersonClaim(source="a", span=span("Dupont"), sentence=sentence, name="Dupont", surname="Dupont", short_form=True),
            EntityClaim(source="a", span=span("Pologne"), sentence=sentence, entity_type=EntityType.country, name="Pologne", key="PL"),
            SetClaim(source="a", span=span("Pologne"), sentence=sentence, members=members, exhaustive=True, stated_count=3, count_span=span("Trois")),
        ],
    )
    again = extraction.unpack(extraction.pack(claims))
    assert again == claims and again.model_dump_json() == claims.model_dump_json()
    assert len({id(c.sentence) for c in again.claims}) == 1
