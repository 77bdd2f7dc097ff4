"""Read a corpus (directories, .txt/.md files, JSON Lines) into articles. MINIMAL: to be hardened."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from claimdiff.corpus.models import Article, InputNote, Source
from claimdiff.errors import InputError

_SEED_HEADER = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2})\s*")


def read_corpus(paths: list[str]) -> tuple[list[Article], list[InputNote]]:
    """Articles from `paths` (files or directories), plus notes about what could not be read."""
    articles: list[Article] = []
    notes: list[InputNote] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or directory")
        files = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".md")) if path.is_dir() else [path]
        for file in files:
            text = file.read_text(encoding="utf-8")
            m = _SEED_HEADER.match(text)
            date = dt.date.fromisoformat(m.group(1)) if m else None
            source = Source(
                id=file.stem,
                path=str(file),
                date=date,
                date_origin="metadata" if date else None,
                body_start=m.end() if m else 0,
            )
            articles.append(Article(source=source, text=text))
    return articles, notes
