"""The pipeline's use of the extraction cache: what is re-extracted, and what is never loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff.base.config import Config
from claimdiff.pipeline import check
from claimdiff.timing import StageTimes

from test_cache import claims_for  # tests/ is on sys.path (rootdir-relative imports)

TEXTS = {
    "lemonde-01": "Plus de 300 manifestants ont été interpellés samedi à Lyon, selon la préfecture du Rhône.",
    "afp-02": "Le Portugal et l'Espagne ont signé jeudi à Porto un accord sur le partage de l'eau du Tage.",
    "ouest-03": "Environ 40 pays participeront au sommet de Séville, a annoncé vendredi le gouvernement espagnol.",
    "lci-04": "La ministre de l'Agriculture a reçu mardi les représentants de 12 syndicats agricoles.",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH", raising=False)
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / f"{name}.txt").write_text(f"date 2025-06-0{len(name) % 9 + 1}\n{text}\n", encoding="utf-8")
    return root


@pytest.fixture
def extracted(monkeypatch) -> list[list[str]]:
    """Record the article ids each extraction call received; spaCy must never be asked for."""
    calls: list[list[str]] = []

    def fake_extract_all(articles, jobs=None, *, timings=None):
        calls.append([a.id for a in articles])
        return [claims_for(a) for a in articles]

    def no_spacy(code):
        pytest.fail("the spaCy model was requested")

    monkeypatch.setattr("claimdiff.extraction.extract_all", fake_extract_all)
    monkeypatch.setattr("claimdiff.claims.nlp.get_nlp", no_spacy)
    return calls


def run(corpus: Path, config: Config | None = None, **kwargs) -> tuple[list, StageTimes]:
    times = StageTimes()
    result = check([str(corpus)], config or Config(base_dir=str(corpus.parent)), timings=times, **kwargs)
    return result.extracted, times


def test_pipeline_cache_warm_run_extracts_nothing(corpus, extracted):
    cold, _ = run(corpus)
    warm, times = run(corpus)
    assert extracted == [sorted(TEXTS)]
    assert warm == cold
    assert times.cache_hits == len(TEXTS)


def test_pipeline_cache_edit_reextracts_only_that_article(corpus, extracted):
    run(corpus)
    path = corpus / "afp-02.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("jeudi", "mercredi"), encoding="utf-8")
    result, times = run(corpus)
    assert extracted[1] == ["afp-02"]
    assert times.cache_hits == len(TEXTS) - 1
    assert [c.source for c in result] == sorted(TEXTS)  # corpus order kept
    assert "mercredi" in result[0].claims[0].sentence.text


def test_pipeline_cache_moved_corpus_stays_cached(corpus, extracted):
    run(corpus)
    moved = corpus.rename(corpus.parent / "moved")
    run(moved)
    assert extracted == [sorted(TEXTS)]


def test_pipeline_cache_no_cache_neither_reads_nor_writes(corpus, extracted):
    run(corpus, use_cache=False)
    assert not (corpus.parent / "cache").exists()
    run(corpus)
    run(corpus, use_cache=False)
    assert extracted == [sorted(TEXTS)] * 3


def test_pipeline_cache_user_lexicon_change_invalidates(corpus, extracted):
    lex = corpus.parent / "lexicon"
    (lex / "fr").mkdir(parents=True)
    (lex / "fr" / "nouns.yaml").write_text("troops: [légionnaires]\n", encoding="utf-8")
    config = Config(base_dir=str(corpus.parent), lexicon_dirs=["lexicon"])
    run(corpus, config)
    run(corpus, config)
    (lex / "fr" / "nouns.yaml").write_text("troops: [légionnaires, tirailleurs]\n", encoding="utf-8")
    run(corpus, config)
    assert extracted == [sorted(TEXTS), sorted(TEXTS)]


def test_pipeline_cache_damaged_file_still_gives_results(corpus, extracted, capsys):
    first, _ = run(corpus)
    cache_file = corpus.parent / "cache" / "claims.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    cache_file.write_bytes(b"\x00\x01 not sqlite " * 500)
    second, _ = run(corpus)
    assert second == first
    assert "rebuilding the extraction cache" in capsys.readouterr().err
    run(corpus)
    assert extracted == [sorted(TEXTS), sorted(TEXTS)]


_WARM_PROBE = """
import json, sys
from claimdiff.claims import nlp
from claimdiff.base.config import Config
from claimdiff.pipeline import check
from claimdiff.timing import StageTimes
times = StageTimes()
result = check([sys.argv[1]], Config(), timings=times)
print(json.dumps({"loaded": bool(nlp.loaded()), "hits": times.cache_hits, "claims": result.report.summary.claims}))
"""


@pytest.mark.slow
def test_pipeline_cache_warm_run_never_loads_spacy(corpus):
    env = {**os.environ, "CLAIMDIFF_CACHE_DIR": os.environ["CLAIMDIFF_CACHE_DIR"]}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _WARM_PROBE, str(corpus)], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0]["loaded"] is True and runs[0]["hits"] == 0
    assert runs[1] == {"loaded": False, "hits": len(TEXTS), "claims": runs[0]["claims"]}
