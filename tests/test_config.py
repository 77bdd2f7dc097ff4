"""Configuration: files, rule selection, severities and tunable options."""

from __future__ import annotations

import pytest

from claimdiff.base.config import load_config
from claimdiff.base.errors import ConfigError
from claimdiff.rules.engine import configured_rules


def test_config_defaults_without_a_file(tmp_path) -> None:
    config = load_config(start=tmp_path)
    assert config.fail_on == "warning"
    assert {r.code for r in configured_rules(config)} >= {"CD101", "CD201", "CD301", "CD401"}


def test_config_claimdiff_toml_tunes_and_disables_rules(tmp_path) -> None:
    (tmp_path / "claimdiff.toml").write_text(
        'fail_on = "error"\n'
        "[rules.CD201]\nseverity = \"error\"\napproximate_tolerance = 0.25\n"
        "[rules.role-variant]\nenabled = false\n",
        encoding="utf-8",
    )
    config = load_config(start=tmp_path)
    rules = {r.code: r for r in configured_rules(config)}
    assert config.fail_on == "error"
    assert "CD501" not in rules
    assert rules["CD201"].severity.value == "error"
    assert rules["CD201"].options["approximate_tolerance"] == 0.25


def test_config_pyproject_tool_section_is_found_from_a_subdirectory(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimdiff]\nfail_on = "never"\n', encoding="utf-8")
    sub = tmp_path / "corpus" / "2025"
    sub.mkdir(parents=True)
    assert load_config(start=sub).fail_on == "never"


def test_config_pyproject_without_section_is_skipped(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(start=tmp_path).fail_on == "warning"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('fail_on = "sometimes"\n', "fail_on"),
        ("unknown_key = 1\n", "unknown_key"),
        ("[rules.CD999]\nseverity = \"info\"\n", "CD999"),
        ("[rules.CD201]\ntolerance = 3\n", "tolerance"),
        ("[rules.CD201]\nseverity = \"loud\"\n", "CD201"),
        ("[[waivers]]\nfingerprint = \"abc\"\n", "reason"),
        ("this is = not toml =\n", "cannot read"),
    ],
)
def test_config_errors_are_one_line_and_name_the_problem(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "claimdiff.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        configured_rules(load_config(str(path)))
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value)


def test_config_explicit_missing_file_is_an_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "nope.toml"))
