"""No French grammar word in shared code: language knowledge lives in lang/<code>/ data.

The words come from the French pack's own vocabularies (articles, prepositions, conjunctions,
month and weekday names, number words), less those another pack lists in the same place
("million", "via") and the packs' codes ("en" is also a preposition). Every string literal
of the library outside lang/ is scanned, except documentation: docstrings and the
`description`, `help` and `epilog` texts, whose examples quote articles.
"""

from __future__ import annotations

import ast
import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff import lang

ROOT = Path(__file__).resolve().parents[1]
#: The library's folders outside lang/ (pyproject.toml maps each to claimdiff.<name>).
SHARED = ("base", "corpus", "claims", "alignment", "findings", "rules", "reports", "claimdiff")
#: Vocabulary file -> the keys that hold grammar words, month and weekday names, number words.
GRAMMAR_KEYS = {
    "grammar": ["elisions"],
    "dates": ["months", "month_abbreviations", "weekdays", "articles", "prepositions", "year_prepositions", "clause_words"],
    "numbers": [
        "units", "tens", "hundreds", "thousands", "scales", "collectives", "collective_plurals", "months", "weekdays",
        "indefinite_articles", "definite_determiners", "complement_words", "elided_before_numbers", "coordinators",
        "range_connectors",
    ],
    "places": ["articles", "locative"],
    "sets": ["prepositions", "articles", "genitive", "locative"],
    "syntax": ["possessive_determiners", "genitive_prepositions", "partitive_prepositions", "agent_prepositions"],
    "person_names": ["determiners"],
    "titles": ["complement_prepositions", "complement_articles"],
    "times": ["prepositions"],
}
#: Documentation arguments: their text explains, it is never matched against articles.
DOC_KEYWORDS = frozenset({"description", "help", "epilog"})
# A word, glued to an apostrophe when it is elided ("l'", "qu'"); words inside identifiers
# ("un_count", "y1", "%02d") are not words.
_TOKEN = re.compile(r"(?<![\w])[^\W\d_]+(?![\w])['’]?")
_REGEX_ESCAPE = re.compile(r"\\[A-Za-z]")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _words(text: str) -> Iterator[str]:
    """Folded words of a text. Left out: one ASCII letter alone (format codes, regex groups)
    unless elided ("l'"), and capitals (tags and acronyms: "AUX", "UN")."""
    for token in _TOKEN.findall(_REGEX_ESCAPE.sub(" ", text)):
        word = token.rstrip("'’")
        if word.isupper() and len(word) > 1:
            continue
        if len(word) > 1 or not token.isascii() or word != token:
            yield _fold(token)


def _vocabulary(code: str) -> set[str]:
    words: set[str] = set()
    for name, keys in GRAMMAR_KEYS.items():
        path = ROOT / "lang" / code / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
        for key in keys:
            for text in _strings((data or {}).get(key)):
                words.update(_words(text))
    return words


@functools.cache
def french_words() -> frozenset[str]:
    others = set().union(*(_vocabulary(code) for code in lang.codes() if code != "fr"))
    return frozenset(_vocabulary("fr") - others - set(lang.codes()))


def _documentation(tree: ast.AST) -> set[int]:
    """ids of the string nodes that document: docstrings and documentation arguments."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                skip.add(id(first.value))
        elif isinstance(node, ast.keyword) and node.arg in DOC_KEYWORDS:
            skip.update(id(n) for n in ast.walk(node.value))
    return skip


def french_in(source: str, words: frozenset[str]) -> list[tuple[int, str, str]]:
    """(line, word, literal) for each French word of a string literal of `source`."""
    tree = ast.parse(source)
    skip = _documentation(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            for word in _words(node.value):
                if word in words or (word.endswith("'") and word.rstrip("'") in words):
                    found.append((node.lineno, word, node.value))
    return sorted(found)


def _shared_files() -> list[Path]:
    return sorted(p for folder in SHARED for p in (ROOT / folder).rglob("*.py"))


def test_lang_french_word_list_comes_from_the_french_pack() -> None:
    words = french_words()
    for word in ("le", "les", "des", "du", "de", "d'", "qu'", "dont", "janvier", "aout", "lundi", "vingt", "mille", "a"):
        assert word in words, word  # folded: "a" is "à"
    for word in ("million", "via", "en", "fr", "start", "forms"):
        assert word not in words, word


@pytest.mark.parametrize(
    ("snippet", "hits"),
    [
        ('x = t.fold in ("de", "du", "des")', ["de", "des", "du"]),
        ('PATTERN = re.compile(r"(?:à|vers|at|around)\\s+$")', ["a", "vers"]),
        ("ELIDED = (\"l'\", \"qu'\")", ["l'", "qu'"]),
        ('m = f"{day} janvier"', ["janvier"]),
        ('def f():\n    """Reads "le 12 mars" and "vingt-deux"."""\n    return 1', []),
        ('parser.add_argument("--x", help="a passage, e.g. \'une vingtaine de pays\'")', []),
        ('FORMAT = "%02d:%02d"; KEY = "un_count_markers"; HTML = \'<html lang="en">\'; POS = "AUX"; A = "a"', []),
        ('MESSAGE = "no language pack for {code!r} (like \'fr\' or \'en\')"', []),
    ],
)
def test_lang_scan_finds_french_words_in_literals_only(snippet: str, hits: list[str]) -> None:
    assert sorted(word for _, word, _ in french_in(snippet, french_words())) == sorted(hits)


def test_lang_shared_code_has_no_french_words() -> None:
    words = french_words()
    found = [
        f"{path.relative_to(ROOT)}:{line}: {word!r} in {literal[:60]!r}"
        for path in _shared_files()
        for line, word, literal in french_in(path.read_text(encoding="utf-8"), words)
    ]
    assert found == [], "French words in shared code (move them to lang/<code>/ data):\n" + "\n".join(found)
