"""`claimdiff explain` through the real CLI, on the seeds: by fingerprint, by passages, and
its one-line errors. The finding explained is picked from `check --format json`, not named."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # the seeds are parsed by the French pipeline once per module

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One extraction cache for the module: the seeds are parsed once, explained many times."""
    return tmp_path_factory.mktemp("explain-cache")


@pytest.fixture
def run(cli: Callable[..., Any], shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(shared_cache))
    return cli


@pytest.fixture
def conflict(run: Callable[..., Any]) -> dict[str, Any]:
    """A quantity or date conflict of the seeds that rests on two passages of two sources."""
    result = run("check", SEEDS, "--format", "json", "--no-exit")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    found = [
        f
        for f in report["findings"]
        if f["kind"] in ("quantity", "date") and f["status"] == "conflict" and len({e["source"] for e in f["evidence"]}) == 2
    ]
    assert found, "the seeds have no cross-source conflict to explain"
    return found[0]


def _pair_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if re.match(r"\s*\[\d+\]~\[\d+\] score", line)]


def test_cli_explain_fingerprint_prints_frames_features_and_finding(run: Callable[..., Any], conflict: dict[str, Any]) -> None:
    result = run("explain", SEEDS, "--fingerprint", conflict["fingerprint"])
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith(f"finding {conflict['fingerprint']}: conflict {conflict['severity']} {conflict['rule']}")
    claims = out.split("claims:\n", 1)[1].split("pairs", 1)[0]
    for evidence in conflict["evidence"]:
        assert f"{evidence['source']} {evidence['text']!r}" in claims
    assert claims.count("frame: ") == len(conflict["evidence"]) == 2
    assert claims.count("as aligned: story=") == 2
    pairs = _pair_lines(out)
    assert len(pairs) == 1
    # A conflict at warning needs a strong link; its features are listed with their weights.
    assert pairs[0].endswith(": strong" if conflict["severity"] == "warning" else "")
    features = out.split(pairs[0], 1)[1].split("groups:", 1)[0]
    assert re.search(r"^\s+head\s+\+\d+\.\d\d$", features, re.MULTILINE), features
    assert "veto" not in features
    findings = out.split("findings:\n", 1)[1]
    assert f"conflict {conflict['severity']} {conflict['rule']} {conflict['fingerprint']} — {conflict['message']}" in findings


def test_cli_explain_fingerprint_prefix_is_enough(run: Callable[..., Any], conflict: dict[str, Any]) -> None:
    whole = run("explain", SEEDS, "--fingerprint", conflict["fingerprint"])
    prefix = run("explain", SEEDS, "--fingerprint", conflict["fingerprint"][:8])
    assert prefix.code == 0 and prefix.out == whole.out


def test_cli_explain_two_passages_give_the_pair_of_the_finding(run: Callable[..., Any], conflict: dict[str, Any]) -> None:
    by_fingerprint = run("explain", SEEDS, "--fingerprint", conflict["fingerprint"])
    passages = [arg for e in conflict["evidence"] for arg in ("--passage", f"{e['source']}:{e['text']}")]
    result = run("explain", SEEDS, *passages)
    assert result.code == 0, result.err
    assert not result.out.startswith("finding ")
    assert _pair_lines(result.out) == _pair_lines(by_fingerprint.out)
    assert conflict["fingerprint"] in result.out.split("findings:\n", 1)[1]


def test_cli_explain_passage_without_a_compared_claim_says_so(run: Callable[..., Any]) -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    extracted = json.loads(run("extract", path, "--format", "json").out)[0]
    taken = [(c["span"]["start"], c["span"]["end"]) for c in extracted["claims"] if c["type"] in ("quantity", "date", "time")]
    text = path.read_text(encoding="utf-8")
    body = extracted["source"]["body_start"]
    # A word of the body that no quantity, date or time claim covers.
    word = next(
        m for m in re.finditer(r"[^\W\d_]{6,}", text[body:])
        if text.count(m.group()) == 1 and not any(s < body + m.end() and body + m.start() < e for s, e in taken)
    ).group()
    result = run("explain", SEEDS, "--passage", f"{path.stem}:{word}")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "no quantity, date or time claim was compared at these passages"
    assert repr(word) in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fingerprint", "0000000000000000"), "no finding has fingerprint '0000000000000000'"),
        (("--passage", "no colon here"), "expected SOURCE:TEXT"),
        (("--passage", "nosuchsource:pays"), "no source 'nosuchsource' in the corpus"),
        (("--passage", "{first}:words that no article has"), "'words that no article has' is not in {first}"),
    ],
)
def test_cli_explain_bad_input_is_one_line_and_exit_2(run: Callable[..., Any], args: tuple[str, str], message: str) -> None:
    first = sorted(p.stem for p in SEEDS.glob("*.txt"))[0]
    result = run("explain", SEEDS, *(a.format(first=first) for a in args))
    assert result.code == 2
    assert result.out == ""
    errors = [line for line in result.err.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("claimdiff: error: "), result.err
    assert message.format(first=first) in errors[0]
    assert "Traceback" not in result.err


def test_cli_explain_needs_a_fingerprint_or_passages(run: Callable[..., Any]) -> None:
    result = run("explain", SEEDS)
    assert result.code == 2
    assert "--fingerprint" in result.err and "Traceback" not in result.err


def test_cli_check_json_summary_counts_what_was_compared(run: Callable[..., Any]) -> None:
    report = json.loads(run("check", SEEDS, "--format", "json", "--no-exit").out)
    summary = report["summary"]
    assert summary["compared"] > 0
    assert 0 < sum(summary["unmatched"].values()) < summary["compared"]
    assert set(summary["unmatched"]) <= {"quantity", "date", "time"}
