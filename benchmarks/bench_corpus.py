"""Deterministic benchmark corpora made of real French news-style sentences.

Sentences come from the seed articles (seeds/*.txt), from benchmarks/data/sentences_fr.txt
and from the extractor test cases (any sentence found in tests/fixtures/extractors/**/*.yaml).
Each article recombines sentences drawn with a fixed seed, then varies them so that claims
do not trivially repeat across articles: numbers are redrawn (same order of magnitude, days
of the month stay valid), and names, cities, countries, weekdays and months are swapped
within their groups (benchmarks/data/substitutions.yaml), consistently within the article.

Article i depends only on (seed, i), so a corpus of 1000 articles is the first 1000 of a
corpus of 8000.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"

_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«A-ZÀ-ÝŒ])")
_SEED_HEADER = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2}\s*")
_NUMBER = re.compile(r"(?<![\w,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?![\w])")
_BEFORE_MONTH = re.compile(
    r"(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b"
)


def _split(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out += [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if len(s.split()) >= 5]
    return out


def _fixture_strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _fixture_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _fixture_strings(value)


@cache
def sentence_pool() -> tuple[str, ...]:
    """Every distinct sentence available, in a fixed order."""
    sentences: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        sentences += _split(_SEED_HEADER.sub("", path.read_text(encoding="utf-8")))
    for line in (DATA / "sentences_fr.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentences.append(line.strip())
    for path in sorted((REPO / "tests" / "fixtures" / "extractors").rglob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for text in _fixture_strings(data):
            if len(text.split()) >= 6 and text.rstrip()[-1:] in ".!?»":
                sentences += _split(text)
    return tuple(dict.fromkeys(sentences))


@cache
def _groups() -> tuple[tuple[str, ...], ...]:
    data = yaml.safe_load((DATA / "substitutions.yaml").read_text(encoding="utf-8"))
    return tuple(tuple(values) for values in data.values())


@cache
def _group_pattern() -> re.Pattern[str]:
    forms = sorted({f for group in _groups() for f in group}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def _swapper(rng: random.Random) -> dict[str, str]:
    """One article's consistent replacement of every listed form by another of its group."""
    mapping: dict[str, str] = {}
    for group in _groups():
        shuffled = list(group)
        rng.shuffle(shuffled)
        mapping.update(zip(group, shuffled))
    return mapping


def _redraw(match: re.Match[str], rng: random.Random) -> str:
    written = match.group(1)
    digits = re.sub(r"\D", "", written)
    n = int(digits)
    if _BEFORE_MONTH.match(match.string, match.end()) and n <= 31:  # a day of the month: stay valid
        return str(rng.randint(1, 28))
    if len(digits) == 4 and 1900 <= n <= 2100:  # a year: stay close
        return str(n + rng.randint(-2, 2))
    if n < 10:
        value = rng.randint(2, 9)
    else:
        value = rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1)
    grouped = not written.isdigit()  # keep the source's "12 500" or "12500" style
    return f"{value:,}".replace(",", " ") if grouped else str(value)


def vary(sentence: str, rng: random.Random, mapping: dict[str, str]) -> str:
    """The sentence with its numbers redrawn and its listed forms swapped."""
    sentence = _NUMBER.sub(lambda m: _redraw(m, rng), sentence)
    return _group_pattern().sub(lambda m: mapping.get(m.group(1), m.group(1)), sentence)


def article(i: int, seed: int = 2025) -> tuple[str, str]:
    """(id, file text) of article i: a `date` header line, then paragraphs of varied sentences."""
    rng = random.Random(f"{seed}:{i}")
    pool = sentence_pool()
    mapping = _swapper(rng)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
    target = rng.randint(250, 650)  # words, around the seeds' 300-500
    words, paragraphs, current = 0, [], []
    for index in rng.sample(range(len(pool)), k=len(pool)):
        sentence = vary(pool[index], rng, mapping)
        current.append(sentence)
        words += len(sentence.split())
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
        if words >= target:
            break
    if current:
        paragraphs.append(" ".join(current))
    return f"bench-{seed}-{i:05d}", f"date {date.isoformat()}\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path, n: int, seed: int = 2025) -> tuple[int, int]:
    """Write articles 0..n-1 as .txt files in `directory`; (articles, words of article bodies)."""
    directory.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        name, text = article(i, seed)
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
        words += len(text.split()) - 2  # minus the header line
    return n, words


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-corpus")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print(write_corpus(out, n), "articles, words ->", out)
