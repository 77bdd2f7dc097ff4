"""The SQLite claims cache: location, keys, round trips, distrust of bad files, concurrency."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from claimdiff import cli
from claimdiff.cache import (
    CACHE_FILE,
    ClaimCache,
    article_key,
    cache_dir,
    cache_path,
    clear_cache,
    environment_fingerprint,
    spans_match,
)
from claimdiff.claims.models import (
    ArticleClaims,
    DateClaim,
    EntityClaim,
    EntityType,
    PersonClaim,
    Qualifier,
    QuantityClaim,
    SetClaim,
    SetMember,
    Span,
    Temporal,
)
from claimdiff.base.config import Config
from claimdiff.corpus.models import Article, Source

SENTENCES = [
    "Plus de 300 manifestants ont été interpellés samedi à Lyon, selon la préfecture.",
    "Le Portugal et l'Espagne ont signé jeudi un accord sur l'eau du Tage.",
    "Environ 40 pays participeront au sommet de Séville, a annoncé le gouvernement.",
    "La ministre a reçu mardi les représentants de 12 syndicats agricoles.",
]


def article(i: int, text: str | None = None, date: dt.date | None = dt.date(2024, 5, 2), path: str | None = None) -> Article:
    body = text if text is not None else f"{SENTENCES[i % len(SENTENCES)]} Dépêche numéro {i}."
    return Article(source=Source(id=f"art{i:03d}", path=path or f"corpus/art{i:03d}.txt", date=date), text=body)


def claims_for(a: Article) -> ArticleClaims:
    """Claims whose spans quote the article: its first word as an entity, its first number as a quantity."""
    text = a.text
    first = text.split()[0]
    sentence = Span(source=a.id, start=0, end=len(text), text=text)
    out: list = [
        EntityClaim(
            source=a.id,
            span=Span(source=a.id, start=0, end=len(first), text=first),
            sentence=sentence,
            entity_type=EntityType.place,
            name=first,
            key=f"place:{first.lower()}",
        )
    ]
    digits = next((w for w in text.split() if w.isdigit()), None)
    if digits:
        start = text.index(digits)
        out.append(
            QuantityClaim(
                source=a.id,
                span=Span(source=a.id, start=start, end=start + len(digits), text=digits),
                sentence=sentence,
                value=float(digits),
                low=float(digits),
                high=float(digits),
            )
        )
    return ArticleClaims(source=a.id, claims=out, publication_date=a.source.date)


@pytest.fixture
def config(tmp_path, monkeypatch) -> Config:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH", raising=False)
    return Config(base_dir=str(tmp_path))


def open_cache(config: Config) -> ClaimCache:
    cache = ClaimCache.open(config)
    assert cache is not None
    return cache


# ---- location ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "xdg", "configured", "expected"),
    [
        ("/srv/cd-cache", "/xdg", "rel/cache", "/srv/cd-cache"),
        (None, "/xdg", "rel/cache", "{base}/rel/cache"),
        (None, "/xdg", "/abs/cache", "/abs/cache"),
        (None, "/xdg", None, "/xdg/claimdiff"),
        (None, None, None, "{home}/.cache/claimdiff"),
    ],
)
def test_cache_dir_resolution_order(monkeypatch, tmp_path, env, xdg, configured, expected):
    for name, value in (("CLAIMDIFF_CACHE_DIR", env), ("XDG_CACHE_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config = Config(cache_dir=configured, base_dir=str(tmp_path / "proj"))
    want = Path(expected.format(base=tmp_path / "proj", home=tmp_path / "home"))
    assert cache_dir(config) == want
    assert cache_path(config) == want / CACHE_FILE


# ---- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (article(1, path="elsewhere/art001.txt"), True),
        (article(1, text=article(1).text + " "), False),
        (article(1, date=dt.date(2024, 5, 3)), False),
        (article(1, date=None), False),
        (Article(source=article(1).source.model_copy(update={"id": "renamed"}), text=article(1).text), False),
        (Article(source=article(1).source.model_copy(update={"body_start": 3}), text=article(1).text), False),
    ],
)
def test_cache_article_key_depends_on_content_not_location(other, same):
    assert (article_key(other, "env") == article_key(article(1), "env")) is same


def test_cache_article_key_depends_on_environment():
    assert article_key(article(1), "env-a") != article_key(article(1), "env-b")


def test_cache_environment_fingerprint_follows_lexicons(tmp_path, monkeypatch, config):
    base = environment_fingerprint(config)
    assert environment_fingerprint(config) == base
    lex = tmp_path / "lexicon"
    (lex / "fr").mkdir(parents=True)
    (lex / "fr" / "nouns.yaml").write_text("troops: [légionnaires]\n", encoding="utf-8")
    with_dir = config.model_copy(update={"lexicon_dirs": ["lexicon"]})
    first = environment_fingerprint(with_dir)
    assert first != base
    (lex / "fr" / "nouns.yaml").write_text("troops: [légionnaires, fantassins]\n", encoding="utf-8")
    assert environment_fingerprint(with_dir) != first
    (lex / "notes.txt").write_text("not a lexicon", encoding="utf-8")  # only YAML files count
    second = environment_fingerprint(with_dir)
    (lex / "notes.txt").write_text("changed", encoding="utf-8")
    assert environment_fingerprint(with_dir) == second
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(lex))
    assert environment_fingerprint(config) != base


def test_cache_environment_fingerprint_follows_extractor_version(monkeypatch, config):
    base = environment_fingerprint(config)
    monkeypatch.setattr("claimdiff.claims.extract.EXTRACTOR_VERSION", "test-bump")
    assert environment_fingerprint(config) != base


# ---- round trip and validation -----------------------------------------------------------------


def test_cache_round_trip(config):
    articles = [article(i) for i in range(6)]
    cache = open_cache(config)
    assert cache.get_many(articles) == {}
    cache.put_many((a, claims_for(a)) for a in articles[:4])
    again = open_cache(config).get_many(articles)
    assert sorted(again) == [0, 1, 2, 3]
    assert all(again[i] == claims_for(articles[i]) for i in again)


def every_claim_type(a: Article) -> ArticleClaims:
    """One claim of each type, with every optional span and enum set, quoting `a`."""
    text = a.text

    def span(word: str) -> Span:
        start = text.index(word)
        return Span(source=a.id, start=start, end=start + len(word), text=word)

    sentence = Span(source=a.id, start=0, end=len(text), text=text)
    common = {"source": a.id, "sentence": sentence, "attribution": "AFP", "hedged": True}
    claims = [
        QuantityClaim(
            **common, span=span("trois"), value=3, low=3, high=None, qualifier=Qualifier.lower_bound,
            noun="frégates", noun_class="ships", temporal=Temporal.announced, anaphoric=False,
        ),
        PersonClaim(
            **common, span=span("Inès Carvalho"), name="Inès Carvalho", given="Inès", surname="Carvalho",
            title="ministre de la Mer", title_span=span("ministre de la Mer"), nationality="PT",
        ),
        EntityClaim(**common, span=span("Lisbonne"), entity_type=EntityType.place, name="Lisbonne", key="place:lisbonne"),
        DateClaim(
            **common, span=span("3 juin"), start=dt.date(2024, 6, 3), end=dt.date(2024, 6, 3),
            precision="day", relative=False, event="livrer", event_class="release",
        ),
        SetClaim(
            **common, span=span("la Grèce et Chypre"), exhaustive=False, stated_count=2, count_span=span("deux"),
            members=[
                SetMember(key="GR", name="Grèce", span=span("Grèce")),
                SetMember(key="CY", name="Chypre", span=span("Chypre")),
            ],
            relation="buyers", qualifier="org:EU",
        ),
    ]
    return ArticleClaims(source=a.id, claims=claims, publication_date=a.source.date)


CLAIM_TEXT = (
    "Selon l'AFP, la ministre de la Mer Inès Carvalho a promis à Lisbonne que trois frégates "
    "seraient livrées le 3 juin à deux pays, la Grèce et Chypre."
)


def test_cache_round_trip_of_every_claim_type(config):
    a = article(9, text=CLAIM_TEXT)
    claims = every_claim_type(a)
    assert spans_match(claims, a)
    cache = open_cache(config)
    cache.put_many([(a, claims)])
    assert open_cache(config).get_many([a]) == {0: claims}


@pytest.mark.parametrize("field", ["title_span", "count_span", "member"])
def test_cache_spans_match_checks_nested_spans(field):
    a = article(9, text=CLAIM_TEXT)
    good = every_claim_type(a)
    wrong = Span(source=a.id, start=0, end=5, text="Autre")
    person, sets = good.claims[1], good.claims[4]
    if field == "title_span":
        person = person.model_copy(update={"title_span": wrong})
    elif field == "count_span":
        sets = sets.model_copy(update={"count_span": wrong})
    else:
        sets = sets.model_copy(update={"members": [sets.members[0].model_copy(update={"span": wrong}), sets.members[1]]})
    broken = good.model_copy(update={"claims": [good.claims[0], person, *good.claims[2:4], sets]})
    assert spans_match(good, a)
    assert not spans_match(broken, a)


def test_cache_other_environment_is_a_miss_and_is_pruned(config):
    a = article(1)
    old = open_cache(config)
    old.environment = "older-version"
    old.put_many([(a, claims_for(a))])
    cache = open_cache(config)
    assert cache.get_many([a]) == {}
    cache.put_many([(article(2), claims_for(article(2)))])
    with sqlite3.connect(cache.path) as db:
        assert db.execute("SELECT count(*) FROM claims WHERE environment = 'older-version'").fetchone() == (0,)


@pytest.mark.parametrize(
    "data",
    [
        b"garbage",
        zlib.compress(b'{"source": "art001", "claims": [{"type": "alien"}]}'),
        zlib.compress(b"not json"),
        "a text value",
    ],
)
def test_cache_garbage_rows_are_dropped_with_a_warning(config, capsys, data):
    a = article(1)
    cache = open_cache(config)
    cache.put_many([(a, claims_for(a))])
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE claims SET data = ?", (data,))
    assert cache.get_many([a]) == {}
    err = capsys.readouterr().err
    assert "1 cache entries were unreadable" in err and len(err.strip().splitlines()) == 1
    with sqlite3.connect(cache.path) as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone() == (0,)


def test_cache_rows_that_do_not_quote_the_article_are_rejected(config, capsys):
    a, b = article(1), article(2)
    cache = open_cache(config)
    cache.put_many([(a, claims_for(b).model_copy(update={"source": a.id}))])  # spans of another text
    assert cache.get_many([a]) == {}
    assert "did not match their article" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("good", "mutation"),
    [
        (True, {}),
        (False, {"source": "other"}),
        (False, {"text": "Autre"}),
        (False, {"end": 10_000}),
    ],
)
def test_cache_spans_match(good, mutation):
    a = article(2)
    claims = claims_for(a)
    first = claims.claims[0]
    span = first.span.model_copy(update=mutation)
    changed = claims.model_copy(update={"claims": [first.model_copy(update={"span": span}), *claims.claims[1:]]})
    assert spans_match(changed, a) is good


# ---- bad files -----------------------------------------------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE songs (title TEXT)")
        db.execute("INSERT INTO songs VALUES ('Le temps des cerises')")


def _wrong_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE claims (key TEXT PRIMARY KEY, data BLOB)")
        db.execute("INSERT INTO meta VALUES ('schema', 'claimdiff-claims/0')")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_bytes(b"This is not a database, just text.\n" * 200), "not a usable SQLite file"),
        (lambda p: p.write_bytes(os.urandom(8192)), "not a usable SQLite file"),
        (_foreign_sqlite, "not a claimdiff cache"),
        (_wrong_schema, "cache schema 'claimdiff-claims/0'"),
    ],
)
def test_cache_bad_file_is_rebuilt_with_one_warning(config, capsys, damage, message):
    path = cache_path(config)
    path.parent.mkdir(parents=True)
    damage(path)
    cache = open_cache(config)
    err = capsys.readouterr().err
    assert message in err and "rebuilding" in err
    assert len(err.strip().splitlines()) == 1
    a = article(3)
    cache.put_many([(a, claims_for(a))])
    assert open_cache(config).get_many([a]) == {0: claims_for(a)}
    assert capsys.readouterr().err == ""


def test_cache_empty_file_is_used_silently(config, capsys):
    path = cache_path(config)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    open_cache(config).put_many([(article(1), claims_for(article(1)))])
    assert open_cache(config).get_many([article(1)])
    assert capsys.readouterr().err == ""


def test_cache_file_damaged_after_opening_is_rebuilt(config, capsys):
    a = article(1)
    cache = open_cache(config)
    cache.put_many([(a, claims_for(a))])
    for suffix in ("-wal", "-shm"):
        Path(str(cache.path) + suffix).unlink(missing_ok=True)
    cache.path.write_bytes(b"\0garbage" * 1000)
    assert cache.get_many([a]) == {}
    assert "rebuilding" in capsys.readouterr().err
    cache.put_many([(a, claims_for(a))])
    assert open_cache(config).get_many([a]) == {0: claims_for(a)}


def test_cache_unusable_directory_disables_the_cache(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(blocker / "sub"))
    assert ClaimCache.open(Config()) is None
    err = capsys.readouterr().err
    assert "extraction cache disabled" in err and len(err.strip().splitlines()) == 1


# ---- concurrency and interruption -------------------------------------------------------------------


def _writer(cache_dir: str, worker: int) -> None:
    os.environ["CLAIMDIFF_CACHE_DIR"] = cache_dir
    config = Config()
    for round_ in range(5):
        cache = ClaimCache.open(config)
        assert cache is not None
        batch = [article(worker * 100 + round_ * 10 + k) for k in range(10)]
        cache.put_many((a, claims_for(a)) for a in batch)
        assert len(cache.get_many(batch)) == 10


def test_cache_concurrent_writers_do_not_corrupt_it(config, tmp_path, capsys):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path / "cache"), w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    every = [article(w * 100 + r * 10 + k) for w in range(4) for r in range(5) for k in range(10)]
    assert len(open_cache(config).get_many(every)) == 200
    assert "warning" not in capsys.readouterr().err


_KILLED_WRITER = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM claims")
db.execute("INSERT INTO claims VALUES ('k', 'e', 's', x'00')")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_cache_survives_a_run_killed_mid_write(config, capsys):
    articles = [article(i) for i in range(5)]
    cache = open_cache(config)
    cache.put_many((a, claims_for(a)) for a in articles)
    run = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(cache.path)], check=False)
    assert run.returncode != 0
    assert len(open_cache(config).get_many(articles)) == 5
    assert capsys.readouterr().err == ""


# ---- clearing --------------------------------------------------------------------------------------


def test_cache_clear_removes_the_file(config):
    cache = open_cache(config)
    cache.put_many([(article(1), claims_for(article(1)))])
    message = clear_cache(config)
    assert message.startswith(f"removed {cache.path}")
    assert not cache.path.exists()
    assert clear_cache(config) == f"nothing to remove at {cache.path}"


def test_cache_clear_command(config, capsys):
    open_cache(config).put_many([(article(1), claims_for(article(1)))])
    assert cli.main(["cache", "clear"]) == 0
    assert "cache cleared (removed" in capsys.readouterr().err
    assert not cache_path(config).exists()
