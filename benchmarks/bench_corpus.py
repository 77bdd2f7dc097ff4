"""Deterministic benchmark corpora made of news-style sentences, in French or in English.

French sentences come from the seed articles (seeds/*.txt), from
benchmarks/data/sentences_fr.txt and from the extractor test cases in French
(tests/fixtures/extractors/*.yml, cases without `language` or with `language: fr`).
English ones come from benchmarks/data/sentences_en.txt and the extractor test cases with
`language: en`. Each article recombines sentences drawn with a fixed seed, then varies them
so that claims do not trivially repeat across articles: numbers are redrawn (same order of
magnitude, days of the month stay valid), and names, cities, countries, weekdays and months
are swapped within their groups (benchmarks/data/substitutions.yaml, substitutions_en.yaml),
consistently within the article.

French articles start with the seeds' `date YYYY-MM-DD` header (their language is detected);
English ones with a front matter that states `language: en` and the date.

Article i depends only on (seed, language, i), so a corpus of 1000 articles is the first
1000 of a corpus of 8000.
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
LANGUAGES = ("fr", "en")

_SENTENCE_END = {
    "fr": re.compile(r"(?<=[.!?»])\s+(?=[«A-ZÀ-ÝŒ])"),
    "en": re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z])"),
}
_SENTENCE_CLOSE = {"fr": ".!?»", "en": ".!?\"”"}
_SEED_HEADER = re.compile(r"\A\s*date \d{4}-\d{2}-\d{2}\s*")
#: A written number: digits, grouped by spaces (French) or commas (English), or not at all;
#: not part of a time ("3:40"), an ISO date ("2025-09-16") or, in English, a decimal ("2.4").
_NUMBER = {
    "fr": re.compile(r"(?<![\w,:/-])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?![\w]|[:/-]\d)"),
    "en": re.compile(r"(?<![\w,.:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[,.:/-]\d)"),
}
_GROUP_SEPARATOR = {"fr": " ", "en": ","}
_FR_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: What follows a day of the month ("14 octobre", "14 October").
_BEFORE_MONTH = {
    "fr": re.compile(rf"(?:er)? (?:{_FR_MONTHS})\b"),
    "en": re.compile(rf" (?:{_EN_MONTHS})\b"),
}
#: What precedes a day of the month in English ("October 14").
_AFTER_MONTH_EN = re.compile(rf"(?:{_EN_MONTHS}) \Z")


def _split(text: str, language: str = "fr") -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out += [s.strip() for s in _SENTENCE_END[language].split(paragraph.strip()) if len(s.split()) >= 5]
    return out


def _fixture_texts(node: object, language: str = "fr") -> Iterator[tuple[str, str]]:
    """(language, string) of every string in a fixture file; a case's `language` (default
    French) applies to every string inside it."""
    if isinstance(node, str):
        yield language, node
    elif isinstance(node, dict):
        language = str(node.get("language", language))
        for key, value in node.items():
            if key != "language":
                yield from _fixture_texts(value, language)
    elif isinstance(node, list):
        for value in node:
            yield from _fixture_texts(value, language)


@cache
def sentence_pool(language: str = "fr", fixtures: bool = False) -> tuple[str, ...]:
    """Every distinct sentence available in `language`, in a fixed order; with `fixtures`,
    also those of the extractor test cases (see README: they make stories merge)."""
    sentences: list[str] = []
    if language == "fr":
        for path in sorted((REPO / "seeds").glob("*.txt")):
            sentences += _split(_SEED_HEADER.sub("", path.read_text(encoding="utf-8")), language)
    for line in (DATA / f"sentences_{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentences.append(line.strip())
    cases = REPO / "tests" / "fixtures" / "extractors"
    for path in sorted([*cases.rglob("*.yml"), *cases.rglob("*.yaml")]) if fixtures else []:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for case_language, text in _fixture_texts(data):
            if case_language == language and len(text.split()) >= 6 and text.rstrip()[-1:] in _SENTENCE_CLOSE[language]:
                sentences += _split(text, language)
    return tuple(dict.fromkeys(sentences))


@cache
def _groups(language: str = "fr") -> tuple[tuple[str, ...], ...]:
    name = "substitutions.yaml" if language == "fr" else f"substitutions_{language}.yaml"
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return tuple(tuple(values) for values in data.values())


@cache
def _group_pattern(language: str = "fr") -> re.Pattern[str]:
    forms = sorted({f for group in _groups(language) for f in group}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def _swapper(rng: random.Random, language: str = "fr") -> dict[str, str]:
    """One article's consistent replacement of every listed form by another of its group."""
    mapping: dict[str, str] = {}
    for group in _groups(language):
        shuffled = list(group)
        rng.shuffle(shuffled)
        mapping.update(zip(group, shuffled))
    return mapping


def _is_day(match: re.Match[str], language: str) -> bool:
    if _BEFORE_MONTH[language].match(match.string, match.end()):
        return True
    return language == "en" and bool(_AFTER_MONTH_EN.search(match.string, 0, match.start()))


def _redraw(match: re.Match[str], rng: random.Random, language: str = "fr") -> str:
    written = match.group(1)
    digits = re.sub(r"\D", "", written)
    n = int(digits)
    if n <= 31 and _is_day(match, language):  # a day of the month: stay valid
        return str(rng.randint(1, 28))
    if len(digits) == 4 and 1900 <= n <= 2100:  # a year: stay close
        return str(n + rng.randint(-2, 2))
    if n < 10:
        value = rng.randint(2, 9)
    else:
        value = rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1)
    grouped = not written.isdigit()  # keep the source's "12 500" or "12500" style
    return f"{value:,}".replace(",", _GROUP_SEPARATOR[language]) if grouped else str(value)


def vary(sentence: str, rng: random.Random, mapping: dict[str, str], language: str = "fr") -> str:
    """The sentence with its numbers redrawn and its listed forms swapped."""
    sentence = _NUMBER[language].sub(lambda m: _redraw(m, rng, language), sentence)
    return _group_pattern(language).sub(lambda m: mapping.get(m.group(1), m.group(1)), sentence)


def article(i: int, seed: int = 2025, language: str = "fr", fixtures: bool = False) -> tuple[str, str, int]:
    """(id, file text, words of the body) of article i in `language`: a header (a `date`
    line in French, a front matter with `language: en` in English), then paragraphs of
    varied sentences."""
    rng = random.Random(f"{seed}:{i}" if language == "fr" else f"{seed}:{language}:{i}")
    pool = sentence_pool(language, fixtures)
    mapping = _swapper(rng, language)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
    target = rng.randint(250, 650)  # words, around the seeds' 300-500
    words, paragraphs, current = 0, [], []
    for index in rng.sample(range(len(pool)), k=len(pool)):
        sentence = vary(pool[index], rng, mapping, language)
        current.append(sentence)
        words += len(sentence.split())
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
        if words >= target:
            break
    if current:
        paragraphs.append(" ".join(current))
    body = "\n\n".join(paragraphs) + "\n"
    if language == "fr":
        return f"bench-{seed}-{i:05d}", f"date {date.isoformat()}\n" + body, len(body.split())
    header = f"---\nlanguage: {language}\ndate: {date.isoformat()}\n---\n"
    return f"bench-{language}-{seed}-{i:05d}", header + body, len(body.split())


def write_corpus(directory: Path, n: int, seed: int = 2025, language: str = "fr", fixtures: bool = False) -> tuple[int, int]:
    """Write articles 0..n-1 in `language` as .txt files in `directory`; (articles, words of
    article bodies)."""
    directory.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        name, text, body_words = article(i, seed, language, fixtures)
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
        words += body_words
    return n, words


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-corpus")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    language = sys.argv[3] if len(sys.argv) > 3 else "fr"
    print(write_corpus(out, n, language=language), "articles, words ->", out)
