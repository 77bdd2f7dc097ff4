"""Lexicon loading: YAML booleans, user extensions, keys written twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.base import lexicon
from claimdiff.base.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_lexicon_french_words_are_not_yaml_booleans(tmp_path, monkeypatch) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "abbreviations.yaml").write_text("- on\n- non\n- y\n- oui\n- true\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path))
    lexicon.load.cache_clear()
    try:
        words = lexicon.load("abbreviations", "fr")
    finally:
        lexicon.load.cache_clear()
    assert {"on", "non", "y", "oui"} <= set(words)
    assert True in words  # only true/false are booleans


def test_lexicon_user_files_extend_mappings_and_lists(tmp_path) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "cues.yaml").write_text("hedging:\n  - '\\bparaît-il\\b'\nextra_key: 1\n", encoding="utf-8")
    lexicon.set_extra_dirs([tmp_path])
    try:
        data = lexicon.load("cues", "fr")
    finally:
        lexicon.set_extra_dirs([])
    assert "\\bparaît-il\\b" in data["hedging"]
    assert len(data["hedging"]) > 1  # ours are kept
    assert data["extra_key"] == 1
    assert "attribution" in data


def test_lexicon_a_key_written_twice_is_an_error_naming_the_file(tmp_path) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    path = tmp_path / "fr" / "scope.yaml"
    path.write_text("earlier_occasion: [précédent]\nnested: {a: 1, b: 2}\nearlier_occasion: [ancien]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"scope\.yaml.*'earlier_occasion' written twice"):
        lexicon._read(path, str(path))


def test_lexicon_the_same_key_in_two_mappings_is_fine(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: {class: x}\nb: {class: y}\n", encoding="utf-8")
    assert lexicon._read(path, str(path)) == {"a": {"class": "x"}, "b": {"class": "y"}}


_SHIPPED = sorted(
    p for folder in ("lang", "alignment", "claims", "rules", "corpus") for p in (ROOT / folder).rglob("*.yaml")
)


@pytest.mark.parametrize("path", _SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_lexicon_shipped_data_files_have_no_key_twice(path: Path) -> None:
    lexicon._read(path, str(path))  # raises ConfigError on a duplicated key
