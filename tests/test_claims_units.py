"""Unit conversion (claims/units.py): the factors alignment and CD201 compare measures with."""

from __future__ import annotations

import pytest

from claimdiff.claims import units


@pytest.mark.parametrize(
    ("unit", "to", "expected"),
    [
        ("mile", "kilometer", 1.609344),
        ("square_kilometer", "hectare", 100.0),
        ("decade", "year", 10.0),  # a unit defined with a factor ("10 * year")
        ("year", "decade", 0.1),
        ("century", "month", 1200.0),
        ("hour", "minute", 60.0),
    ],
)
def test_units_factor_converts_within_a_dimension(unit: str, to: str, expected: float) -> None:
    assert units.factor(unit, to) == pytest.approx(expected)


@pytest.mark.parametrize(("unit", "to"), [("year", "kilometer"), ("EUR", "USD"), ("hectare", "hour")])
def test_units_factor_is_none_across_dimensions_and_currencies(unit: str, to: str) -> None:
    assert units.factor(unit, to) is None
