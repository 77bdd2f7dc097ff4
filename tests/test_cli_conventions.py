"""Linter conventions of the command line: rule selection, --only, `rules` as configured,
inline waivers, "did you mean", help texts, --width, a single file against its corpus, the
default corpus, the progress bar. Extraction is stubbed: what is under test is the CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from claimdiff import cli as cli_module
from claimdiff import progress
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status
from claimdiff.rules.engine import all_rules

ARTICLE_A = "Au moins 300 gendarmes ont été déployés mardi à Ajaccio."
ARTICLE_B = "Quelque 3 000 gendarmes ont été déployés mardi à Ajaccio."


def _finding(source_a: str = "a", source_b: str = "b", status: str = "conflict", rule: str = "CD201",
             text_a: str = ARTICLE_A, text_b: str = ARTICLE_B, needle_a: str = "300", needle_b: str = "3 000") -> Finding:
    sa, sb = text_a.index(needle_a), text_b.index(needle_b)
    name = {"CD201": "quantity-mismatch", "CD101": "name-variant"}[rule]
    return Finding(
        kind=Kind.quantity,
        status=Status(status),
        severity=Severity.warning,
        rule=rule,
        rule_name=name,
        subject="gendarmes déployés",
        message="300 vs 3 000",
        values={source_a: ["300"], source_b: ["3000"]},
        evidence=[
            Evidence(source=source_a, start=sa, end=sa + len(needle_a), text=needle_a),
            Evidence(source=source_b, start=sb, end=sb + len(needle_b), text=needle_b),
        ],
        fingerprint=f"{status}-{rule}-{source_a}".ljust(16, "0")[:16],
    )


@pytest.fixture
def engine_calls(monkeypatch, no_extraction):
    """The rule engine replaced: records the codes of the rules it is given, returns `found`."""
    from claimdiff.rules import engine

    state: dict = {"codes": [], "found": []}

    def run(alignment, rules):
        state["codes"].append(sorted(r.code for r in rules))
        return list(state["found"])

    monkeypatch.setattr(engine, "run", run)
    return state


@pytest.fixture
def corpus(make_corpus) -> Path:
    return make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})


ALL = sorted(r.code for r in all_rules())


# --- --select / --ignore ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], ALL),
        (["--select", "CD201"], ["CD201"]),
        (["--select", "CD201,name-variant"], ["CD101", "CD201"]),
        (["--select", "CD201", "--select", "CD101"], ["CD101", "CD201"]),
        (["--select", "CD3"], [c for c in ALL if c.startswith("CD3")]),
        (["--select", "ALL", "--ignore", "CD3"], [c for c in ALL if not c.startswith("CD3")]),
        (["--ignore", "quantity-mismatch"], [c for c in ALL if c != "CD201"]),
        (["--select", "cd201"], ["CD201"]),
    ],
)
def test_cli_select_and_ignore_choose_the_rules_that_run(cli, corpus, engine_calls, args, expected):
    run = cli("check", corpus, "--format", "json", *args)
    assert run.code == 0, run.err
    assert engine_calls["codes"] == [expected]


def test_cli_select_runs_a_rule_the_configuration_disables(cli, corpus, engine_calls, tmp_path):
    (tmp_path / "claimdiff.toml").write_text("[rules.role-variant]\nenabled = false\n", encoding="utf-8")
    cli("check", corpus, "--format", "json")
    cli("check", corpus, "--format", "json", "--select", "CD501")
    assert "CD501" not in engine_calls["codes"][0]
    assert engine_calls["codes"][1] == ["CD501"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--select", "CD2011"], "--select: no rule 'CD2011' (did you mean CD201?)"),
        (["--ignore", "quantity-mismatsh"], "--ignore: no rule 'quantity-mismatsh' (did you mean quantity-mismatch?)"),
        (["--select", "XX9"], "--select: no rule 'XX9'"),
    ],
)
def test_cli_select_unknown_rule_is_a_usage_error_before_any_work(cli, corpus, engine_calls, args, message):
    run = cli("check", corpus, *args)
    assert run.code == 2
    assert run.err == f"claimdiff: error: {message}; see `claimdiff rules`\n"
    assert engine_calls["codes"] == []


# --- --only filters what is reported, and so what fails ---------------------------------------


def test_cli_only_filters_what_is_reported_and_what_fails(cli, corpus, engine_calls):
    engine_calls["found"] = [_finding(status="conflict")]
    assert cli("check", corpus, "--format", "json").code == 1
    run = cli("check", corpus, "--format", "json", "--only", "agree,compatible")
    assert run.code == 0
    report = json.loads(run.out)
    assert report["findings"] == [] and report["summary"]["findings"] == 1
    assert cli("check", corpus, "--format", "json", "--only", "conflict").code == 1


def test_cli_only_unknown_status_suggests_one(cli, corpus, engine_calls):
    run = cli("check", corpus, "--only", "conflict,varient")
    assert run.code == 2
    assert "--only: no status 'varient' (did you mean 'variant'?" in run.err
    assert engine_calls["codes"] == []


# --- claimdiff rules, as configured --------------------------------------------------------


def test_cli_rules_honours_the_configuration(cli, tmp_path):
    config = tmp_path / "custom.toml"
    config.write_text(
        '[rules.CD201]\nseverity = "error"\napproximate_tolerance = 0.25\n[rules.role-variant]\nenabled = false\n',
        encoding="utf-8",
    )
    listing = cli("rules", "--config", config)
    assert listing.code == 0
    rows = {line.split()[0]: line.split() for line in listing.out.splitlines() if line.startswith("CD")}
    assert rows["CD201"][3:5] == ["error", "on"]
    assert rows["CD501"][4] == "off"
    assert str(config) in listing.out
    one = cli("rules", "CD201", "--config", config)
    assert "severity: error (default warning)" in one.out
    assert "approximate_tolerance = 0.25    (default 0.1)" in one.out


def test_cli_rules_json(cli, tmp_path):
    config = tmp_path / "claimdiff.toml"
    config.write_text("[rules.CD201]\napproximate_tolerance = 0.25\n[rules.CD501]\nenabled = false\n", encoding="utf-8")
    run = cli("rules", "--format", "json", "--config", config)
    assert run.code == 0
    data = {r["code"]: r for r in json.loads(run.out)}
    assert set(data) == set(ALL)
    assert data["CD201"]["options"]["approximate_tolerance"] == {"value": 0.25, "default": 0.1}
    assert data["CD501"]["enabled"] is False and data["CD201"]["enabled"] is True
    assert data["CD101"]["summary"] and data["CD101"]["documentation"]
    one = json.loads(cli("rules", "quantity-mismatch", "--format", "json").out)
    # found from the working directory, as `check` finds it
    assert one["code"] == "CD201" and one["options"]["approximate_tolerance"]["value"] == 0.25


def test_cli_rules_with_a_bad_configuration_is_an_error(cli, tmp_path):
    config = tmp_path / "claimdiff.toml"
    config.write_text('[rules.CD201]\napproximate_tolerance = "lots"\n', encoding="utf-8")
    run = cli("rules", "--config", config)
    assert run.code == 2
    assert run.err == f"claimdiff: error: {config}: rules.CD201.approximate_tolerance: expects a number, got 'lots'\n"


# --- inline waivers --------------------------------------------------------------------------

WAIVED_A = (
    "Un premier paragraphe sans chiffre.\n\n"
    "<!-- claimdiff: ignore CD201 -- le chiffre de la préfecture, confirmé -->\n"
    "Au moins 300 gendarmes ont été déployés mardi à Ajaccio.\n"
)


def test_cli_inline_waiver_waives_and_counts(cli, make_corpus, engine_calls):
    root = make_corpus({"a.md": WAIVED_A, "b.txt": ARTICLE_B})
    engine_calls["found"] = [_finding(text_a=WAIVED_A)]
    run = cli("check", root, "--format", "json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["findings"] == []
    assert report["summary"]["waived"] == 1
    assert report["notes"] == []


def test_cli_inline_waiver_of_another_rule_or_paragraph_waives_nothing(cli, make_corpus, engine_calls):
    other_rule = WAIVED_A.replace("CD201", "name-variant")
    other_paragraph = WAIVED_A.replace("-->\nAu moins", "-->\nRien ici.\n\nAu moins")
    for text in (other_rule, other_paragraph):
        root = make_corpus({"a.md": text, "b.txt": ARTICLE_B}, name=f"c{hash(text) % 1000}")
        engine_calls["found"] = [_finding(text_a=text)]
        run = cli("check", root, "--format", "json")
        assert run.code == 1
        assert json.loads(run.out)["summary"]["waived"] == 0


def test_cli_inline_waiver_in_plain_text_and_on_the_same_line(cli, make_corpus, engine_calls):
    plain_line = "claimdiff: ignore quantity-mismatch -- accepted by the desk\nAu moins 300 gendarmes.\n"
    same_line = "Au moins 300 gendarmes. <!-- claimdiff: ignore CD201 -- accepted -->\n"
    for i, text in enumerate((plain_line, same_line)):
        root = make_corpus({"a.txt" if i == 0 else "a.md": text, "b.txt": ARTICLE_B}, name=f"p{i}")
        engine_calls["found"] = [_finding(text_a=text)]
        run = cli("check", root, "--format", "json")
        assert (run.code, json.loads(run.out)["summary"]["waived"]) == (0, 1), text


@pytest.mark.parametrize(
    "directive, problem",
    [
        ("<!-- claimdiff: ignore CD201 -->", "inline waiver gives no reason"),
        ("<!-- claimdiff: ignore CD999 -- because -->", "inline waiver unknown rule 'CD999'"),
        ("<!-- claimdiff: ignore -- because -->", "inline waiver names no rule"),
        ("<!-- claimdiff: disable CD201 -- because -->", "inline waiver unknown directive 'disable'"),
    ],
)
def test_cli_invalid_inline_waiver_is_a_warning_and_waives_nothing(cli, make_corpus, engine_calls, directive, problem):
    text = f"{directive}\nAu moins 300 gendarmes ont été déployés mardi à Ajaccio.\n"
    root = make_corpus({"a.md": text, "b.txt": ARTICLE_B})
    engine_calls["found"] = [_finding(text_a=text)]
    run = cli("check", root, "--format", "json")
    assert run.code == 1
    assert f"claimdiff: {root / 'a.md'}:1: warning: {problem}" in run.err
    assert json.loads(run.out)["summary"]["waived"] == 0


def test_inline_waiver_text_is_not_read_by_extraction():
    from claimdiff.corpus.boilerplate import blank_regions
    from claimdiff.corpus.models import Article, Source

    article = Article(source=Source(id="a", path="a.md"), text=WAIVED_A)
    start = WAIVED_A.index("<!--")
    end = WAIVED_A.index("-->") + 3
    assert (start, end) in blank_regions(article)


# --- "did you mean", help, --width ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["chek"], "invalid command 'chek' (did you mean 'check'?"),
        (["check", "--format", "jsno"], "invalid choice 'jsno' (did you mean 'json'?"),
        (["check", "--fail-on", "warn"], "invalid choice 'warn' (did you mean 'warning'?"),
        (["check", "--formt", "json"], "unrecognized option '--formt' (did you mean --format?)"),
        (["rules", "--formta", "json"], "unrecognized option '--formta' (did you mean --format?)"),
        (["baseline", "creat"], "invalid command 'creat' (did you mean 'create'?"),
        (["check", "--width", "10"], f"--width: must be at least {cli_module.MIN_WIDTH} columns, not 10"),
        (["check", "--width", "wide"], "--width: must be a whole number of columns"),
        (["check", "--jobs", "-1"], "--jobs/-j: must be 0 (automatic) or more, not -1"),
    ],
)
def test_cli_usage_errors_say_what_was_meant(cli, no_extraction, argv, fragment):
    run = cli(*argv)
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith("claimdiff: error: ") and fragment in line
    assert no_extraction == []


def _subparsers(parser: argparse.ArgumentParser, prefix: str = "claimdiff"):
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subparsers(sub, f"{prefix} {name}")


def test_cli_every_option_has_help_and_every_command_its_exit_codes_and_an_example():
    parsers = list(_subparsers(cli_module._parser()))
    assert len(parsers) >= 9
    for name, parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"
        if name in ("claimdiff baseline", "claimdiff cache"):
            continue  # groups of actions: their actions carry the details
        epilog = parser.epilog or ""
        assert "exit codes:" in epilog and "example" in epilog, name


def test_cli_help_shows_exit_codes(cli):
    run = cli("check", "--help")
    assert run.code == 0
    assert "exit codes:" in run.out and "  1  a discrepancy" in run.out and "examples:" in run.out


def test_cli_width_at_the_minimum_is_accepted(cli, corpus, engine_calls):
    engine_calls["found"] = [_finding()]
    run = cli("check", corpus, "--width", str(cli_module.MIN_WIDTH), "--color", "never")
    assert run.code == 1
    assert max(len(line) for line in run.out.splitlines()) <= cli_module.MIN_WIDTH


# --- a single file against its corpus; the default corpus -------------------------------------


def test_cli_single_file_is_checked_against_its_corpus(cli, make_corpus, engine_calls):
    root = make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "c.txt": "Trois pompiers blessés à Lyon."})
    engine_calls["found"] = [_finding("a", "b")]
    alone = cli("check", root / "c.txt", "--format", "json")
    assert [s["id"] for s in json.loads(alone.out)["sources"]] == ["c"]
    run = cli("check", "--corpus", root, root / "b.txt", "--format", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert [s["id"] for s in report["sources"]] == ["a", "b", "c"]  # the whole corpus was read
    assert len(report["findings"]) == 1  # a finding citing b.txt
    other = cli("check", "--corpus", root, root / "c.txt", "--format", "json")
    assert other.code == 0
    assert json.loads(other.out)["findings"] == [] and json.loads(other.out)["summary"]["findings"] == 0


def test_cli_corpus_from_the_configuration(cli, make_corpus, engine_calls, tmp_path):
    root = make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "notes.yaml": "x: 1\n"})
    (tmp_path / "claimdiff.toml").write_text('corpus = "corpus"\n', encoding="utf-8")
    engine_calls["found"] = [_finding("a", "b")]
    whole = cli("check", "--format", "json")
    assert whole.code == 1
    assert [s["id"] for s in json.loads(whole.out)["sources"]] == ["a", "b"]
    assert "notes.yaml: note: unsupported file type" in whole.err
    one = cli("check", "corpus/a.txt", "--format", "json")
    assert one.code == 1 and len(json.loads(one.out)["findings"]) == 1
    assert "notes.yaml" not in one.err  # a check of one article speaks of that article


def test_cli_no_corpus_is_a_clear_message(cli, engine_calls):
    run = cli("check")
    assert run.code == 2
    assert run.err == (
        "claimdiff: error: no corpus to check: name files or directories, pass --corpus DIR,"
        " or set `corpus` in claimdiff.toml\n"
    )


def test_pre_commit_hook_passes_files_to_check():
    import yaml

    repo = Path(__file__).resolve().parents[1]
    [hook] = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "claimdiff check" and hook["pass_filenames"] is True
    assert "corpus" in hook["description"]


# --- progress bar -------------------------------------------------------------------------------


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(
    "n, tty, env, quiet, expected",
    [
        (500, True, {}, False, True),
        (500, False, {}, False, False),
        (progress.MIN_ARTICLES - 1, True, {}, False, False),
        (500, True, {"CI": "true"}, False, False),
        (500, True, {"TERM": "dumb"}, False, False),
        (500, True, {}, True, False),
    ],
)
def test_progress_bar_only_on_a_terminal(monkeypatch, n, tty, env, quiet, expected):
    for name in ("CI", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(progress.sys, "stderr", _Tty(tty))
    assert progress.wanted(n, quiet) is expected


def test_progress_advances_through_the_whole_corpus(make_corpus, no_extraction):
    from claimdiff.base.config import Config
    from claimdiff.pipeline import check

    files = {f"a{i:03d}.txt": f"Article {i} : {i + 2} pompiers mobilisés à Lyon." for i in range(120)}
    root = make_corpus(files)
    seen: list[int] = []
    result = check([str(root)], Config(), use_cache=False, progress=lambda total: seen.append(total) or seen.append)
    assert seen[0] == 120 and sum(seen[1:]) == 120 and len(seen) > 2
    assert len(result.articles) == 120
    assert sum(len(call) for call in no_extraction) == 120
