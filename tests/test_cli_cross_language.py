"""One story told in French and in English, through the real CLI: the corpus
tests/fixtures/corpora/autocar (three French and two English reports of one invented crash).

Claims of the two languages meet through language-neutral values, classes and entity keys;
the findings are read from the JSON report by the languages of their sources, not by text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_corpora_end_to_end import FLOORS

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "fixtures" / "corpora" / "autocar"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cross-language-cache")


@pytest.fixture
def report(cli: Callable[..., Any], shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(shared_cache))
    result = cli("check", CORPUS, "--format", "json", "--no-exit")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _languages(report: dict[str, Any], finding: dict[str, Any]) -> set[str]:
    language = {s["id"]: s["language"] for s in report["sources"]}
    return {language[e["source"]] for e in finding["evidence"]}


def test_cross_language_sources_are_read_in_their_language(report: dict[str, Any]) -> None:
    languages = sorted(s["language"] for s in report["sources"])
    assert languages == ["en", "en", "fr", "fr", "fr"]
    origins = {s["language_origin"] for s in report["sources"]}
    assert origins == {"metadata", "detected"}  # some articles say, the others are detected


@pytest.mark.parametrize("kind", ["name", "quantity", "date"])
def test_cross_language_agreement_of_each_kind(report: dict[str, Any], kind: str) -> None:
    agreements = [f for f in report["findings"] if f["kind"] == kind and f["status"] in ("agree", "compatible")]
    across = [f for f in agreements if _languages(report, f) == {"fr", "en"}]
    assert across, [f["message"] for f in agreements]
    # An agreement across languages gives each source one value (a headline and a body
    # stating it are two passages of that source, not two sources).
    for finding in across:
        assert {e["source"] for e in finding["evidence"]} == set(finding["values"])
        assert all(len(values) == 1 for values in finding["values"].values()), finding["values"]
        assert len({v for values in finding["values"].values() for v in values}) == 1, finding["values"]


def test_cross_language_exactly_one_conflict(report: dict[str, Any]) -> None:
    conflicts = [f for f in report["findings"] if f["status"] == "conflict"]
    assert [_languages(report, f) for f in conflicts] == [{"fr", "en"}], [f["message"] for f in conflicts]
    (conflict,) = conflicts
    assert conflict["severity"] == "warning" and conflict["kind"] == "quantity"
    alarms = [f for f in report["findings"] if f["status"] in ("variant", "conflict") and f["severity"] != "info"]
    assert alarms == [conflict]


def test_cross_language_no_alarm_is_raised_between_agreeing_sources(report: dict[str, Any]) -> None:
    alarms = [f for f in report["findings"] if f["status"] in ("variant", "conflict") and f["severity"] != "info"]
    assert all(_languages(report, f) == {"fr", "en"} for f in alarms), [f["message"] for f in alarms]
    assert len(alarms) <= 1


def test_cross_language_eval_meets_the_gold_items_but_the_floor(
    cli: Callable[..., Any], shared_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(shared_cache))
    total = len(yaml.safe_load((CORPUS / "gold.yaml").read_text(encoding="utf-8"))["items"])
    least, _ = FLOORS.get(CORPUS.name, (total, 0))
    result = cli("eval", CORPUS, "--gold", CORPUS / "gold.yaml", "--min-score", str(least / total))
    assert result.code == 0, result.out + result.err
    assert "false alarms 0" in result.out
