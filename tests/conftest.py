"""Shared fixtures: hand-built corpora under tmp_path, and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's extraction cache."""
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "claimdiff-cache"))


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write `{relative path: str or bytes}` under tmp_path/<name> and return that folder.

    str content is written as UTF-8 bytes exactly (no newline translation).
    """

    def make(files: Mapping[str, str | bytes], name: str = "corpus") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return root

    return make


@dataclass
class CliRun:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., CliRun]:
    """Run `claimdiff.cli.main(argv)` in-process from tmp_path, with a private cache and no user lexicons."""
    from claimdiff.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("CLAIMDIFF_LEXICON_PATH", raising=False)

    def run(*argv: str | Path) -> CliRun:
        capsys.readouterr()
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse usage errors and --version exit this way
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


@pytest.fixture
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str]]:
    """Skip spaCy and the extractors: every article yields no claim. Records the ids extracted."""
    from claimdiff import extraction
    from claimdiff.claims.models import ArticleClaims

    calls: list[Sequence[str]] = []

    def extract_all(articles, jobs=None, **_):
        calls.append([a.id for a in articles])
        return [ArticleClaims(source=a.id, claims=[], publication_date=a.source.date) for a in articles]

    monkeypatch.setattr(extraction, "extract_all", extract_all)
    return calls
