"""Exit codes of `claimdiff check`: 0 = nothing at or above --fail-on, 1 = findings, 2 = error.

Findings are injected by replacing the rule engine, so these tests do not depend on what
the extractors find today; the `slow` tests run the real console script end to end.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status

ARTICLE_A = "Au moins 300 gendarmes ont été déployés mardi à Ajaccio."
ARTICLE_B = "Quelque 3 000 gendarmes ont été déployés mardi à Ajaccio."
SCRIPT = Path(sys.executable).with_name("claimdiff")


def _finding(status: str = "conflict", severity: str = "warning") -> Finding:
    return Finding(
        kind=Kind.quantity,
        status=Status(status),
        severity=Severity(severity),
        rule="CD999",
        rule_name="test-rule",
        subject="gendarmes déployés à Ajaccio",
        message="300 contre 3 000 gendarmes",
        values={"a": ["300"], "b": ["3000"]},
        evidence=[
            Evidence(source="a", start=9, end=12, text="300"),
            Evidence(source="b", start=8, end=13, text="3 000"),
        ],
        fingerprint=f"{status}-{severity}".ljust(16, "0")[:16],
    )


@pytest.fixture
def corpus(make_corpus) -> Path:
    return make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})


@pytest.fixture
def findings(monkeypatch, no_extraction) -> list[Finding]:
    """The findings the rule engine will return: append to the list."""
    from claimdiff.rules import engine

    found: list[Finding] = []
    monkeypatch.setattr(engine, "run", lambda alignment, rules: list(found))
    return found


def test_cli_exit_no_findings_is_0(cli, corpus, findings):
    run = cli("check", corpus, "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["findings"] == []


@pytest.mark.parametrize(
    "status, severity, args, code",
    [
        ("conflict", "warning", [], 1),  # default threshold: warning
        ("variant", "warning", [], 1),
        ("conflict", "error", [], 1),
        ("conflict", "info", [], 0),
        ("agree", "warning", [], 0),  # agreements never fail a run
        ("compatible", "error", [], 0),
        ("conflict", "warning", ["--fail-on", "never"], 0),
        ("conflict", "error", ["--fail-on", "never"], 0),
        ("conflict", "warning", ["--fail-on", "error"], 0),
        ("conflict", "error", ["--fail-on", "error"], 1),
        ("variant", "info", ["--fail-on", "info"], 1),
        ("conflict", "error", ["--no-exit"], 0),
    ],
)
def test_cli_exit_findings_against_threshold(cli, corpus, findings, status, severity, args, code):
    findings.append(_finding(status, severity))
    run = cli("check", corpus, "--format", "json", *args)
    assert run.code == code
    assert [f["status"] for f in json.loads(run.out)["findings"]] == [status]


def test_cli_exit_fail_on_from_configuration(cli, corpus, findings, tmp_path):
    findings.append(_finding("conflict", "error"))
    (tmp_path / "claimdiff.toml").write_text('fail_on = "never"\n', encoding="utf-8")  # cwd is tmp_path
    assert cli("check", corpus, "--format", "json").code == 0
    assert cli("check", corpus, "--format", "json", "--fail-on", "warning").code == 1


def test_cli_exit_input_error_wins_over_findings(cli, make_corpus, findings):
    root = make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "c.txt": b"\x00"})
    findings.append(_finding("conflict", "error"))
    run = cli("check", root, "--format", "json")
    assert run.code == 2
    assert len(json.loads(run.out)["findings"]) == 1


def test_cli_exit_warning_note_does_not_change_code(cli, make_corpus, findings):
    root = make_corpus({"a.txt": ARTICLE_A, "b.md": "---\ndate: demain\n---\n" + ARTICLE_B})
    assert cli("check", root, "--format", "json").code == 0
    findings.append(_finding())
    assert cli("check", root, "--format", "json").code == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "pdf"],
        ["check", "--fail-on", "sometimes"],
        ["check", "--no-such-option"],
        ["check", "--jobs", "many"],
    ],
    ids=["no-command", "unknown-command", "bad-format", "bad-fail-on", "unknown-option", "bad-int"],
)
def test_cli_exit_usage_error_is_2(cli, no_extraction, argv):
    run = cli(*argv)
    assert run.code == 2
    assert "Traceback" not in run.err
    assert "claimdiff: error:" in run.err
    assert no_extraction == []


def test_cli_exit_missing_path_is_2(cli, tmp_path, no_extraction):
    run = cli("check", tmp_path / "nowhere", "--format", "json")
    assert run.code == 2
    assert run.err == f"claimdiff: error: {tmp_path / 'nowhere'}: no such file or directory\n"


@pytest.mark.parametrize("target", ["a.txt", "c.jsonl"])
def test_cli_exit_output_onto_input_is_refused(cli, make_corpus, findings, target):
    root = make_corpus({"a.txt": ARTICLE_A, "c.jsonl": json.dumps({"id": "j", "text": ARTICLE_B}) + "\n"})
    before = (root / target).read_bytes()
    findings.append(_finding())
    run = cli("check", root, "--format", "json", "--output", root / target)
    assert run.code == 2
    assert run.err.strip().endswith("refusing to overwrite an input file")
    assert (root / target).read_bytes() == before
    assert sorted(p.name for p in root.iterdir()) == ["a.txt", "c.jsonl"]  # no temporary file left


def test_cli_exit_output_onto_input_through_another_spelling(cli, make_corpus, findings, tmp_path):
    root = make_corpus({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    before = (root / "a.txt").read_bytes()
    run = cli("check", "corpus", "--format", "json", "-o", "corpus/../corpus/a.txt")  # cwd is tmp_path
    assert run.code == 2
    assert (root / "a.txt").read_bytes() == before


def test_cli_exit_output_onto_skipped_input_is_refused(cli, make_corpus, findings):
    root = make_corpus({"a.txt": ARTICLE_A, "empty.txt": b""})
    run = cli("check", root / "a.txt", root / "empty.txt", "--format", "json", "-o", root / "empty.txt")
    assert run.code == 2
    assert (root / "empty.txt").read_bytes() == b""


# --- the installed command, in a subprocess ------------------------------------------------


def _env(tmp_path: Path, seed: str = "0") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDIFF_")}
    env.update(CLAIMDIFF_CACHE_DIR=str(tmp_path / ".cache"), PYTHONHASHSEED=seed, NO_COLOR="1")
    return env


@pytest.mark.parametrize("command", [[str(SCRIPT)], [sys.executable, "-m", "claimdiff"]], ids=["script", "module"])
def test_cli_exit_subprocess_missing_path_and_usage(tmp_path, command):
    missing = subprocess.run(
        [*command, "check", str(tmp_path / "absent"), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
        timeout=120,
    )
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr == f"claimdiff: error: {tmp_path / 'absent'}: no such file or directory\n"
    usage = subprocess.run(
        [*command, "check", "--format", "pdf"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


@pytest.mark.slow
def test_cli_exit_subprocess_real_run(tmp_path, corpus):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    proc = subprocess.run(
        [str(SCRIPT), "check", str(corpus), "--format", "json", "--fail-on", "never", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert [s["id"] for s in report["sources"]] == ["a", "b"]
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


@pytest.mark.slow
def test_cli_exit_two_runs_give_identical_json(tmp_path, make_corpus):
    root = make_corpus(
        {
            "lemonde.txt": " date 2025-06-03 Emmanuel Macron a reçu mardi à l'Élysée 27 chefs d'État européens.",
            "afp.txt": "PARIS (AFP) - Le président Emmanuel Macron a reçu mardi 26 dirigeants européens à l'Élysée.",
            "ouest.md": "---\nsource: Ouest-France\ndate: 2025-06-04\n---\n"
            "Emmanuel Macron a accueilli 25 dirigeants à Paris.\n",
        }
    )
    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [str(SCRIPT), "check", str(root), "--format", "json", "--no-cache", "--fail-on", "never"],
            capture_output=True,
            cwd=tmp_path,
            env=_env(tmp_path, seed),
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.append(proc.stdout)
    if outputs[0] != outputs[1]:
        diff = difflib.unified_diff(outputs[0].decode().splitlines(), outputs[1].decode().splitlines(), lineterm="")
        pytest.fail("two runs differ:\n" + "\n".join(list(diff)[:60]))
    assert json.loads(outputs[0])["summary"]["sources"] == 3
