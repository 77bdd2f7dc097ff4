"""The spaCy pipelines (claims/nlp.py) load per language, only for the languages a run reads.

Each run is a fresh interpreter: in the test process other tests may have loaded any pipeline.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff.corpus.reader import read_corpus

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "fixtures" / "corpora" / "autocar"
_RUN = """
import json, sys
from claimdiff.cli import main
from claimdiff.claims import nlp
code = main(["check", *sys.argv[1:], "--no-cache", "--no-exit", "--format", "json"])
print(json.dumps({"code": code, "loaded": nlp.loaded()}), file=sys.stderr)
"""


def _loaded_after_check(path: Path, tmp_path: Path) -> list[str]:
    env = {**os.environ, "CLAIMDIFF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLAIMDIFF_LEXICON_PATH", None)
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] is not None
    outcome = json.loads(done.stderr.strip().splitlines()[-1])
    assert outcome["code"] == 0
    return outcome["loaded"]


def _copy(codes: set[str], tmp_path: Path) -> Path:
    """The articles of the cross-language corpus in languages `codes`, in a folder of their own."""
    articles, _ = read_corpus([str(CORPUS)])
    target = tmp_path / "articles"
    target.mkdir()
    for article in articles:
        if article.source.language in codes:
            shutil.copy(article.source.path, target)
    assert len(list(target.iterdir())) >= 2
    return target


def test_nlp_french_only_run_never_loads_the_english_pipeline(tmp_path: Path) -> None:
    assert _loaded_after_check(_copy({"fr"}, tmp_path), tmp_path) == ["fr"]


def test_nlp_mixed_run_loads_each_language_it_reads(tmp_path: Path) -> None:
    assert _loaded_after_check(CORPUS, tmp_path) == ["en", "fr"]
