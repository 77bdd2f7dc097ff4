"""Pair features of alignment (alignment/features.py): weights, vetoes, caps and link strength.

The pair cases are YAML (tests/fixtures/alignment/pairs.yml, collected by one test); items
are built by hand (tests/alignment_cases.py), so no spaCy model is loaded.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff.alignment import features
from claimdiff.alignment.features import Features, compare, head_type, rarity

from alignment_cases import make_item, weight

CASES_FILE = Path(__file__).parent / "fixtures" / "alignment" / "pairs.yml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]
FEATURES = ("head", "event", "verb", "anchor", "arguments", "context", "trigger", "value")
TOTALS = ("frame_score", "score")


def _compare(case: dict[str, Any], swap: bool = False) -> Features:
    a, b = make_item(case["a"], "a"), make_item(case["b"], "b")
    if swap:
        a, b = b, a
    same = bool(case.get("same_value", False))
    return compare(a, b, case.get("idf", {}), same, bool(case.get("specific", False)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_alignment_features_pair_case(case: dict[str, Any]) -> None:
    f = _compare(case)
    expect = case["expect"]
    listed = [name for name in FEATURES if name in expect]
    for name in FEATURES + TOTALS:
        if name in expect:
            assert getattr(f, name) == pytest.approx(weight(expect[name])), f"{name}: {f}"
        elif listed and name in FEATURES:
            assert getattr(f, name) == 0, f"{name} should not count: {f}"
    if "strength" in expect:
        assert f.strength == expect["strength"], f
    if "veto" in expect:
        if expect["veto"] is None:
            assert f.veto is None, f.veto
        else:
            assert f.veto is not None and expect["veto"] in f.veto, f.veto
    if "caps" in expect:
        assert len(f.caps) == len(expect["caps"]), f.caps
        for words in expect["caps"]:
            assert any(words in cap for cap in f.caps), f"no cap says {words!r}: {f.caps}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_alignment_features_are_symmetric(case: dict[str, Any]) -> None:
    f, g = _compare(case), _compare(case, swap=True)
    assert [getattr(f, n) for n in FEATURES] == pytest.approx([getattr(g, n) for n in FEATURES])
    assert (f.strength, f.veto is None, len(f.caps)) == (g.strength, g.veto is None, len(g.caps))


#: Constants of alignment/features.py that are thresholds, not weights of a feature.
THRESHOLDS = ("STRONG", "WEAK", "SPELLING_SIMILARITY", "ROUNDING")


def test_alignment_features_cases_cover_every_weight() -> None:
    """Every weight of the module is exercised by some case, so a new feature needs one."""
    text = CASES_FILE.read_text(encoding="utf-8")
    weights = [n for n, v in vars(features).items() if n.isupper() and isinstance(v, float) and n not in THRESHOLDS]
    assert weights, "no weights found"
    assert [w for w in weights if w not in text] == []


@pytest.mark.parametrize(
    ("score", "frame", "caps", "kinds", "expected"),
    [
        (features.WEAK - 0.01, features.WEAK - 0.01, (), 2, None),
        (features.WEAK, features.WEAK, (), 2, "weak"),
        (features.STRONG, features.STRONG, (), 2, "strong"),
        (features.STRONG, features.STRONG, (), 1, "weak"),
        (features.STRONG, features.STRONG, ("a cap",), 2, "weak"),
    ],
)
def test_alignment_features_strength_thresholds(score: float, frame: float, caps: tuple, kinds: int, expected: str | None) -> None:
    # Split the frame score over the head and, for two kinds of agreement, the anchor.
    head = frame if kinds == 1 else frame / 2
    f = Features(head=head, anchor=frame - head, caps=caps, value=score - frame)
    assert f.kinds_agreeing == kinds
    assert f.strength == expected


def test_alignment_features_value_never_makes_a_link_strong() -> None:
    f = Features(head=features.HEAD_LEMMA, value=features.SAME_SPECIFIC_VALUE)
    assert f.score >= features.STRONG and f.frame_score < features.STRONG
    assert f.strength == "weak"


def test_alignment_features_explain_lists_what_counted() -> None:
    f = Features(head=3.0, context=1.25, caps=("a part against a total",), shared=("sommet",))
    lines = f.explain()
    assert lines[0].split() == ["head", "+3.00"]
    assert ["context", "+1.25"] in [line.split() for line in lines]
    assert not any(line.startswith(("event", "verb", "anchor")) for line in lines)
    assert "shared   sommet" in lines and "cap      a part against a total" in lines
    assert Features(veto="different block").explain() == ["veto     different block"]


@pytest.mark.parametrize(
    ("cls", "expected"),
    [("military_officers", "persons"), ("officials", "persons"), ("drones", "weapons"), ("countries", "countries"), (None, None)],
)
def test_alignment_features_head_type_of_class(cls: str | None, expected: str | None) -> None:
    assert head_type(cls) == expected


def test_alignment_features_rarity_is_per_source_document_frequency() -> None:
    contexts = [
        ("a", frozenset({"dire", "sommet"})),
        ("a", frozenset({"dire", "sommet"})),  # a word repeated in one source counts once
        ("b", frozenset({"dire", "port"})),
        ("c", frozenset({"dire"})),
    ]
    idf = rarity(contexts)
    assert idf["dire"] == pytest.approx(math.log(4 / 3.5))
    assert idf["sommet"] == pytest.approx(math.log(4 / 1.5)) == pytest.approx(idf["port"])
    assert idf["sommet"] > idf["dire"] > 0
    assert rarity([]) == {}
