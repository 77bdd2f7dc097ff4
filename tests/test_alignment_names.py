"""Spelling comparison: folding, transliteration, gendered surnames, numbers."""

from __future__ import annotations

import pytest

from claimdiff.alignment import names
from claimdiff.alignment.names import Difference


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Etats-Unis", "États-Unis", Difference.none),
        ("Otan", "OTAN", Difference.none),
        ("Zapad-2025", "Zapad 2025", Difference.none),
        ("Khrenine", "Khrenin", Difference.transliteration),
        ("Loukachenko", "Lukachenko", Difference.transliteration),
        ("Loukachenko", "Lukashenko", Difference.transliteration),
        ("Poutine", "Putin", Difference.transliteration),
        ("Zelensky", "Zelenski", Difference.transliteration),
        ("Tchernychenko", "Chernyshenko", Difference.transliteration),
        ("Shoup", "Shoupe", Difference.spelling),
        ("Macron", "Macronn", Difference.spelling),
        ("Trump", "Tusk", Difference.spelling),
    ],
)
def test_names_difference(a: str, b: str, expected: Difference) -> None:
    assert names.difference(a, b) is expected
    assert names.difference(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "gendered"),
    [
        ("Tikhanovski", "Tikhanovskaïa", True),
        ("Navalny", "Navalnaïa", False),
        ("Ivanov", "Ivanova", True),
        ("Poutine", "Poutina", True),
        ("Ivanov", "Petrova", False),
        ("Shoup", "Shoupe", False),
    ],
)
def test_names_gendered_forms(a: str, b: str, gendered: bool) -> None:
    assert names.gendered_forms(a, b) is gendered


def test_names_numbers_inside_names() -> None:
    assert names.numbers("Zapad-2025") == ("2025",)
    assert names.numbers("Zapad-2021") != names.numbers("Zapad 2025")

