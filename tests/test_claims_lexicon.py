"""Lexicon loading: YAML booleans, user extensions."""

from __future__ import annotations

from claimdiff.base import lexicon


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
