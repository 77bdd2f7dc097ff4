"""Helpers shared by the places and sets extractor tests: YAML cases and hand-built documents."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff.claims.document import Document
from claimdiff.claims.extract import prepare
from claimdiff.claims.models import PersonClaim
from claimdiff.corpus.models import Article, Source

FIXTURES = Path(__file__).parent / "fixtures" / "extractors"
SEEDS = Path(__file__).parent.parent / "seeds"


def load_cases(name: str) -> list[Any]:
    """The cases of fixtures/extractors/<name>.yml as pytest params: slow ones marked, and a
    `known_gap` (a reading the extractor does not make yet) a strict xfail."""
    data = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    params = []
    for case in data["cases"]:
        marks = [pytest.mark.slow] if case.get("slow") else []
        if "known_gap" in case:
            marks.append(pytest.mark.xfail(reason=case["known_gap"], strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def make_doc(text: str, people: list[str] | tuple[str, ...] = (), parse: bool = False, language: str = "fr") -> Document:
    """A prepared document for `text`, with every occurrence of `people` as a person mention."""
    doc = prepare(Article(source=Source(id="case", path="case.txt", language=language), text=text))
    found = []
    for name in people:
        for m in re.finditer(re.escape(name), doc.text):
            found.append(
                PersonClaim(
                    source=doc.source,
                    span=doc.span(m.start(), m.end()),
                    sentence=doc.sentence_span(m.start()),
                    name=name,
                    surname=name.split()[-1],
                    given=" ".join(name.split()[:-1]) or None,
                    short_form=" " not in name,
                )
            )
    doc.people = sorted(found, key=lambda p: p.span.start)
    if parse:
        from claimdiff.claims.nlp import get_nlp

        doc.parsed = get_nlp(doc.lang.code)(doc.text)
    return doc


def seed_docs() -> dict[str, Document]:
    """The seed articles, prepared, by source id."""
    from claimdiff.corpus.reader import read_corpus

    articles, _ = read_corpus([str(SEEDS)])
    return {a.id: prepare(a) for a in articles}


def gold_items(kind: str) -> list[dict[str, Any]]:
    """The gold items of one kind from seeds/gold.yaml."""
    data = yaml.safe_load((SEEDS / "gold.yaml").read_text(encoding="utf-8"))
    return [item for item in data["items"] if item["kind"] == kind]


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
