"""The language of an article (corpus/language.py, corpus/reader.py): metadata first, else
detected from the text, else the configured default; `Source.language_origin` says which."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimdiff.corpus import language
from claimdiff.corpus.reader import read_corpus

FRENCH = (
    "Le gouvernement a annoncé mardi une hausse des tarifs de l'électricité à partir du mois "
    "prochain, une décision vivement critiquée par les associations de consommateurs."
)
ENGLISH = (
    "The government announced on Tuesday that electricity prices would rise from next month, "
    "a decision sharply criticised by consumer groups."
)
#: Another French text: two articles with the same text are one article and its duplicate.
FRENCH_2 = (
    "Les pompiers sont intervenus dans la nuit de samedi à dimanche pour éteindre un incendie "
    "qui s'était déclaré dans un entrepôt de la zone industrielle."
)
TOO_SHORT = ["", "2025", "OK", "Paris", "12 morts.", "Bilan : 12 morts", "— 14:30 —"]


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (ENGLISH, "en")])
def test_language_detect_french_and_english(text: str, code: str) -> None:
    assert language.detect(text) == code


@pytest.mark.parametrize("text", TOO_SHORT)
def test_language_detect_too_short_text_is_none(text: str) -> None:
    assert language.detect(text) is None


def test_language_detect_reads_only_the_start_of_a_long_text() -> None:
    # Thousands of characters settle it; what follows them is not read.
    text = FRENCH + " " + "x" * language.SAMPLE + " " + ENGLISH * 50
    assert language.detect(text) == "fr"


def _sources(root: Path, default: str = "fr") -> dict[str, tuple[str, str]]:
    articles, _ = read_corpus([str(root)], default)
    return {a.id: (a.source.language, a.source.language_origin) for a in articles}


def test_language_reader_detects_each_article(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"fr.txt": FRENCH + "\n", "en.md": f"---\ntitle: Prices\n---\n{ENGLISH}\n"})
    assert _sources(root) == {"fr": ("fr", "detected"), "en": ("en", "detected")}
    assert _sources(root, default="en")["fr"] == ("fr", "detected")


@pytest.mark.parametrize(("stated", "text"), [("en", FRENCH), ("fr", ENGLISH), ("EN-gb", FRENCH)])
def test_language_reader_front_matter_wins_over_detection(make_corpus: Callable[..., Path], stated: str, text: str) -> None:
    root = make_corpus({"a.md": f"---\nlanguage: {stated}\n---\n{text}\n"})
    assert _sources(root) == {"a": (stated[:2].lower(), "metadata")}


def test_language_reader_jsonl_language_wins_over_detection(make_corpus: Callable[..., Path]) -> None:
    lines = [{"id": "x", "text": FRENCH, "language": "en"}, {"id": "y", "text": FRENCH_2}, {"id": "z", "text": "OK"}]
    root = make_corpus({"c.jsonl": "".join(json.dumps(line) + "\n" for line in lines)})
    assert _sources(root, default="en") == {"x": ("en", "metadata"), "y": ("fr", "detected"), "z": ("en", "default")}


@pytest.mark.parametrize("default", ["fr", "en"])
@pytest.mark.parametrize("text", ["OK", "Paris", "Bilan : 12 morts"])
def test_language_reader_too_short_text_gets_the_configured_default(
    make_corpus: Callable[..., Path], default: str, text: str
) -> None:
    root = make_corpus({"a.txt": text + "\n"})
    assert _sources(root, default) == {"a": (default, "default")}


def test_language_reader_unknown_stated_language_is_detected_with_a_warning(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"a.md": f"---\nlanguage: xx\n---\n{ENGLISH}\n"})
    articles, notes = read_corpus([str(root)], "fr")
    assert (articles[0].source.language, articles[0].source.language_origin) == ("en", "detected")
    assert [n.level for n in notes] == ["warning"] and "'xx'" in notes[0].message and "'en'" in notes[0].message


def test_language_check_report_shows_each_sources_language(
    cli: Callable[..., Any], make_corpus: Callable[..., Path], no_extraction: list, tmp_path: Path
) -> None:
    root = make_corpus({"fr.txt": FRENCH + "\n", "en.md": f"---\nlanguage: en\n---\n{FRENCH_2}\n", "short.txt": "Paris\n"})
    config = tmp_path / "claimdiff.toml"
    config.write_text('default_language = "en"\n', encoding="utf-8")
    result = cli("check", root, "--format", "json", "--config", config)
    assert result.code == 0, result.err
    sources = {s["id"]: (s["language"], s["language_origin"]) for s in json.loads(result.out)["sources"]}
    assert sources == {"en": ("en", "metadata"), "fr": ("fr", "detected"), "short": ("en", "default")}
