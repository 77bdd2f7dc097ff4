"""Tests of number parsing per language (claims/numbers.py): digits, words, phrases, figures."""

from __future__ import annotations

import re

import pytest

from claimdiff.claims import numbers

FR = numbers.grammar("fr")
EN = numbers.grammar("en")


@pytest.mark.parametrize(
    "text,value",
    [
        ("52", 52),
        ("100 000", 100000),
        ("1 500 000", 1500000),
        ("1.500", 1500),
        ("13.000.000", 13000000),
        ("4,6", 4.6),
        ("38,5", 38.5),
        ("2.5", 2.5),
        ("1 234,5", 1234.5),
    ],
)
def test_numbers_parse_digits(text: str, value: float) -> None:
    assert re.fullmatch(FR.digits, text)
    assert FR.parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text,first",
    [
        ("2022 52", "2022"),  # a year never starts a digit group
        ("12 3456", "12"),  # groups after the first have exactly three digits
        ("100 000", "100 000"),
        ("3.14159", "3"),  # a dot then more than three digits is no thousands group
    ],
)
def test_numbers_digit_groups_are_three_digits(text: str, first: str) -> None:
    assert FR.digits.match(text).group() == first  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text,value",
    [
        ("deux", 2),
        ("Deux", 2),
        ("onze", 11),
        ("dix-sept", 17),
        ("vingt et un", 21),
        ("vingt-et-une", 21),
        ("cinquante-deux", 52),
        ("soixante-dix", 70),
        ("soixante et onze", 71),
        ("soixante-dix-neuf", 79),
        ("quatre-vingts", 80),
        ("quatre-vingt-un", 81),
        ("quatre-vingt-dix-sept", 97),
        ("cent", 100),
        ("cent deux", 102),
        ("trois cents", 300),
        ("deux cent cinquante", 250),
        ("mille", 1000),
        ("deux mille trois cents", 2300),
        ("cent mille", 100000),
        ("deux cent mille", 200000),
        ("un million", 1000000),
        ("trois millions deux cent mille", 3200000),
        ("deux milliards", 2000000000),
        ("mille milliards", 1e12),
        ("septante-cinq", 75),
        ("nonante", 90),
    ],
)
def test_numbers_parse_words(text: str, value: float) -> None:
    parsed = FR.parse_words(text)
    assert parsed is not None
    assert parsed[0] == pytest.approx(value)
    assert parsed[1] == len(text)


@pytest.mark.parametrize(
    "text,value,consumed",
    [
        ("deux trois", 2, "deux"),  # two units in a row: the first one only
        ("vingt dix", 20, "vingt"),
        ("trois soldats", 3, "trois"),
        ("cent cent", 100, "cent"),
    ],
)
def test_numbers_parse_words_stops_at_invalid_sequences(text: str, value: float, consumed: str) -> None:
    parsed = FR.parse_words(text)
    assert parsed == (value, len(consumed))


@pytest.mark.parametrize("text", ["", "soldats", "premier", "deuxième", "quelques"])
def test_numbers_parse_words_rejects_non_numbers(text: str) -> None:
    assert FR.parse_words(text) is None


@pytest.mark.parametrize(
    "text,found",
    [
        ("il y a vingt-deux soldats", ["vingt-deux"]),
        ("l'un des deux", ["deux"]),  # "l'un" is a pronoun
        ("près d'un millier", ["un"]),  # elided "d'" is fine
        ("les deux-roues et trois-quarts", []),  # hyphenated compounds are not numbers
        ("dix-huitième", []),  # ordinals
        ("deux et trois", ["deux", "trois"]),  # "et" joins only "vingt et un"
        ("trente et un jours", ["trente et un"]),
    ],
)
def test_numbers_words_regex_boundaries(text: str, found: list[str]) -> None:
    assert [m.group() for m in FR.words_regex.finditer(text)] == found


@pytest.mark.parametrize("word,folded", [("États", "etats"), ("Déplacés", "deplaces"), ("km²", "km²")])
def test_numbers_fold(word: str, folded: str) -> None:
    assert numbers.fold(word) == folded


@pytest.mark.parametrize(
    "phrase,text,matches",
    [
        ("plus de", "plus de ", True),
        ("plus de", "plus d'", True),
        ("près de", "près   d'", True),
        ("environ", "environ", True),
        ("au moins", "au-moins", False),
    ],
)
def test_numbers_phrase_pattern(phrase: str, text: str, matches: bool) -> None:
    assert bool(re.fullmatch(FR.phrase(phrase), text)) is matches


@pytest.mark.parametrize(
    "text,value",
    [("52", 52), ("20,000", 20000), ("1,000,000", 1000000), ("2.6", 2.6), ("1,234.5", 1234.5), ("0.5", 0.5)],
)
def test_numbers_parse_digits_english(text: str, value: float) -> None:
    assert re.fullmatch(EN.digits, text)
    assert EN.parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text,value",
    [
        ("seven", 7),
        ("twenty-one", 21),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("two million", 2000000),
        ("one", 1),
    ],
)
def test_numbers_parse_words_english(text: str, value: float) -> None:
    assert EN.parse_words(text) == (pytest.approx(value), len(text))


@pytest.mark.parametrize("text", ["and", "a", "hundreds", "twentieth"])
def test_numbers_parse_words_english_rejects_non_numbers(text: str) -> None:
    assert EN.parse_words(text) is None


def test_numbers_english_and_joins_only_after_a_multiplier() -> None:
    text = "five and six, two hundred and five"
    assert [text[f.start : f.end] for f in numbers.figures(text, EN)] == ["five", "six", "two hundred and five"]


@pytest.mark.parametrize(
    "code,text,expected",
    [
        ("fr", "plus de 100 000 soldats", [("plus de 100 000", 100000, None, "lower_bound")]),
        ("fr", "une vingtaine de pays", [("une vingtaine", 20, 20, "approximate")]),
        ("fr", "entre 2 et 3 millions", [("entre 2 et 3 millions", 2000000, 3000000, "exact")]),
        ("fr", "des dizaines de milliers", [("des dizaines de milliers", 20000, 99000, "approximate")]),
        ("fr", "5 M€", [("5 M€", 5000000, 5000000, "exact")]),
        ("en", "at least 12 people", [("at least 12", 12, None, "lower_bound")]),
        ("en", "about 20,000", [("about 20,000", 20000, 20000, "approximate")]),
        ("en", "$2.6 million", [("$2.6 million", 2600000, 2600000, "exact")]),
        ("en", "£1.7m", [("£1.7m", 1700000, 1700000, "exact")]),
        ("en", "a dozen", [("a dozen", 12, 12, "approximate")]),
        ("en", "hundreds of thousands", [("hundreds of thousands", 200000, 999000, "approximate")]),
        ("en", "between 10 and 20", [("between 10 and 20", 10, 20, "exact")]),
        ("en", "10-15", [("10-15", 10, 15, "exact")]),
        ("en", "won 3-1", []),  # a score
        ("en", "6 m", [("6", 6, 6, "exact")]),  # a one-letter abbreviation is a scale only glued
    ],
)
def test_numbers_figures(code: str, text: str, expected: list) -> None:
    g = numbers.grammar(code)
    found = [(text[f.start : f.end], f.low, f.high, f.qualifier.value) for f in numbers.figures(text, g)]
    assert found == [(t, pytest.approx(lo) if lo is not None else None, pytest.approx(hi) if hi is not None else None, q)
                     for t, lo, hi, q in expected]


def test_numbers_change_makes_a_previous_figure() -> None:
    g = numbers.grammar("en")
    (fig,) = numbers.figures("the toll rose from 12 to 15", g)
    assert (fig.value, fig.previous.value if fig.previous else None) == (15, 12)
