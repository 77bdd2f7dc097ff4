"""Tests of French number parsing (claims/numbers.py)."""

from __future__ import annotations

import re

import pytest

from claimdiff.claims import numbers


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
    assert re.fullmatch(numbers.DIGITS, text)
    assert numbers.parse_digits(text) == pytest.approx(value)


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
    assert re.match(numbers.DIGITS, text).group() == first  # type: ignore[union-attr]


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
    parsed = numbers.parse_words(text)
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
    parsed = numbers.parse_words(text)
    assert parsed == (value, len(consumed))


@pytest.mark.parametrize("text", ["", "soldats", "premier", "deuxième", "quelques"])
def test_numbers_parse_words_rejects_non_numbers(text: str) -> None:
    assert numbers.parse_words(text) is None


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
    assert [m.group() for m in numbers.vocabulary().words_regex.finditer(text)] == found


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
    assert bool(re.fullmatch(numbers.phrase_pattern(phrase), text)) is matches
