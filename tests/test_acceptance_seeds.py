"""The seed corpus through the real CLI: what a fact-checker and a CI job see.

The seeds are the acceptance yardstick of the issues; these tests run the whole pipeline
(spaCy included) and check behaviour, never hard-coded extraction results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_reports_support import assert_snapshot

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.slow


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the seed corpus (the CLI runs from tmp_path)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def test_acceptance_seeds_fail_on_warning_names_the_discrepancies(cli, seeds: Path) -> None:
    run = cli("check", "seeds", "--fail-on", "warning", "--width", "100")
    assert run.code == 1
    assert "Shoupe" in run.out and "Shoup" in run.out
    assert "observer countries" in run.out
    assert max(len(line) for line in run.out.splitlines()) <= 100


def test_acceptance_seeds_baseline_makes_the_same_run_pass(cli, seeds: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert cli("baseline", "create", "seeds", "--output", baseline).code == 0
    run = cli("check", "seeds", "--fail-on", "warning", "--baseline", baseline, "--quiet")
    assert run.code == 0
    # A new discrepancy still fails the run: the baseline hides only the known ones.
    article = seeds / "002_f5f3b48e4ddd07e8.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("52 prisonniers", "25 prisonniers"), encoding="utf-8")
    run = cli("check", "seeds", "--fail-on", "warning", "--baseline", baseline, "--width", "100")
    assert run.code == 1
    assert "prisoners (release)" in run.out and "25" in run.out


def test_acceptance_seeds_rich_report_snapshot(cli, seeds: Path) -> None:
    run = cli("check", "seeds", "--width", "100", "--color", "never", "--fail-on", "never")
    assert run.code == 0
    assert_snapshot("seeds.rich.txt", run.out)


def test_acceptance_seeds_eval_meets_every_gold_item(cli, seeds: Path) -> None:
    run = cli("eval", "seeds", "--gold", seeds / "gold.yaml", "--min-score", "1.0")
    assert run.code == 0, run.out + run.err
    assert "false alarms 0" in run.out.replace("false_alarms", "false alarms")


def test_acceptance_seeds_json_is_byte_identical_across_runs(cli, seeds: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    cli("check", "seeds", "--format", "json", "--output", first, "--fail-on", "never", "--no-cache")
    cli("check", "seeds", "--format", "json", "--output", second, "--fail-on", "never")  # from the cache
    assert first.read_bytes() == second.read_bytes()
