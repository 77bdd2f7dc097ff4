"""Configuration: files, rule selection, severities and tunable options."""

from __future__ import annotations

import pytest

from claimdiff.base.config import Config, load_config
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


# --- every value checked, with the file, the key and what was expected ----------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[rules.CD201]\napproximate_tolerance = "lots"\n', "rules.CD201.approximate_tolerance: expects a number, got 'lots'"),
        ("[rules.CD201]\napproximate_tolerance = true\n", "rules.CD201.approximate_tolerance: expects a number, got True"),
        ("[rules.quantity-mismatch]\nround_tolerance = [1]\n", "rules.quantity-mismatch.round_tolerance: expects a number"),
        ('[rules.CD201]\nenabled = "no"\n', "rules.CD201.enabled: expects true or false, got 'no'"),
        ('[rules.CD201]\nseverity = "loud"\n', 'rules.CD201.severity: expects "info", "warning" or "error", got \'loud\''),
        ("[rules.CD201]\nseverity = 3\n", "rules.CD201.severity: expects"),
        ("[rules.CD201]\ntolerance = 3\n", "rules.CD201.tolerance: is not an option of this rule (did you mean 'round_tolerance'?)"),
        ("[rules.CD2011]\nenabled = false\n", "rules.CD2011: unknown rule 'CD2011' (did you mean CD201?"),
        ("[rules]\nCD201 = 3\n", "rules.CD201: Input should be a valid dictionary, got 3"),
        ("rules = [1]\n", "rules: Input should be a valid dictionary, got a list"),
        ("fail_on = 3\n", "fail_on: Input should be 'info', 'warning', 'error' or 'never', got 3"),
        ('fial_on = "never"\n', "fial_on: unknown configuration key (did you mean 'fail_on'?)"),
        ('lexicon_dirs = "lexicon"\n', "lexicon_dirs: Input should be a valid list, got 'lexicon'"),
        ("lexicon_dirs = [1]\n", "lexicon_dirs.0: Input should be a valid string, got 1"),
        ('aliases = ["a.yaml"]\n', "aliases: Input should be a valid string, got a list"),
        ('[[waivers]]\nfingerprint = 3\nreason = "x"\n', "waivers.0.fingerprint: Input should be a valid string, got 3"),
        ('[[waivers]]\nfingerprint = "abc"\nreason = ""\n', "waivers.0.reason: String should have at least 1 character"),
        ('base_dir = "/"\n', "base_dir: unknown configuration key"),
        ('config_file = "x"\n', "config_file: unknown configuration key"),
        ("default_language = 2\n", "default_language: Input should be a valid string, got 2"),
        ('corpus = ["a"]\n', "corpus: Input should be a valid string, got a list"),
    ],
)
def test_config_wrong_type_names_file_key_and_expectation(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "claimdiff.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        configured_rules(load_config(str(path)))
    assert str(excinfo.value).startswith(f"{path}: ")
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value)


def test_config_pyproject_errors_name_the_tool_table(tmp_path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.claimdiff]\nfail_on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool\.claimdiff\.fail_on: Input should be"):
        load_config(start=tmp_path)
    path.write_text('[tool]\nclaimdiff = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool\.claimdiff: expected a table, got int"):
        load_config(start=tmp_path)


def test_config_an_int_is_a_valid_float_option(tmp_path) -> None:
    (tmp_path / "claimdiff.toml").write_text("[rules.CD201]\napproximate_tolerance = 1\n", encoding="utf-8")
    [rule] = [r for r in configured_rules(load_config(start=tmp_path)) if r.code == "CD201"]
    assert rule.options["approximate_tolerance"] == 1.0


def test_config_disabled_rule_is_still_validated(tmp_path) -> None:
    (tmp_path / "claimdiff.toml").write_text(
        '[rules.CD201]\nenabled = false\nround_tolerance = "x"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="round_tolerance: expects a number"):
        configured_rules(load_config(start=tmp_path))


def test_config_records_its_file(tmp_path) -> None:
    (tmp_path / "claimdiff.toml").write_text("", encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.config_file == str(tmp_path / "claimdiff.toml")
    assert config.origin == str(tmp_path / "claimdiff.toml")
    assert Config().origin == "configuration"
