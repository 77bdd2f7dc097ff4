"""The gold scorer: reading gold files, judging items, and agreement with the shared script."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimdiff import cli
from claimdiff.evaluate import (
    Gold,
    GoldError,
    check_gold_texts,
    format_score,
    load_gold,
    parse_gold,
    score,
)
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status
from claimdiff.pipeline import CheckResult, build_report

REPO = Path(__file__).resolve().parents[1]
SCORE_SCRIPT = REPO.parent / "shared" / "tools" / "score_report.py"

TEXTS = {
    "a01": (
        "date 2024-03-05\nLe ministre Jean Dupont a annoncé mardi 4 mars que 120 soldats seront déployés "
        "en Roumanie et en Pologne. Jean Dupont a précisé que 120 soldats partiraient d'abord."
    ),
    "b02": (
        "date 2024-03-05\nLe ministre Jean Dupond a indiqué que 150 soldats seront envoyés en Roumanie "
        "et en Pologne, selon Paris. Le contingent comptera 150 soldats."
    ),
    "c03": (
        "date 2024-03-06\nSelon l'état-major, environ 150 soldats partiront le 4 mars vers la Pologne "
        "et la Roumanie. Le ministre Dupont doit s'exprimer jeudi."
    ),
}

GOLD = {
    "corpus": "test",
    "items": [
        {
            "id": "dupont-spelling",
            "kind": "name",
            "expect": "flag",
            "min_severity": "warning",
            "evidence": [{"source": "a01", "text": "Jean Dupont"}, {"source": "b02", "text": "Jean Dupond"}],
        },
        {
            "id": "minister-title",
            "kind": "name",
            "expect": "flag",
            "min_severity": "info",
            "evidence": [{"source": "b02", "text": "ministre Jean Dupond"}, {"source": "c03", "text": "ministre Dupont"}],
        },
        {
            "id": "troops-count",
            "kind": "quantity",
            "expect": "flag",
            "evidence": [{"source": "a01", "text": "120 soldats"}, {"source": "b02", "text": "150 soldats"}],
        },
        {
            "id": "troops-agree",
            "kind": "quantity",
            "expect": "agree",
            "evidence": [{"source": "b02", "text": "150 soldats"}, {"source": "c03", "text": "environ 150 soldats"}],
        },
        {
            "id": "departure-date",
            "kind": "date",
            "expect": "agree",
            "evidence": [{"source": "a01", "text": "mardi 4 mars"}, {"source": "c03", "text": "le 4 mars"}],
        },
        {
            "id": "countries",
            "kind": "set",
            "expect": "silent",
            "evidence": [
                {"source": "a01", "text": "en Roumanie et en Pologne"},
                {"source": "c03", "text": "la Pologne et la Roumanie"},
            ],
        },
        {
            "id": "one-entry",
            "kind": "name",
            "expect": "flag",
            "evidence": [{"source": "c03", "text": "Dupont"}],
        },
    ],
}


def ev(source: str, text: str, nth: int = 0, *, cut: tuple[int, int] | None = None) -> Evidence:
    """Evidence on the nth occurrence of `text` in `source` (optionally a sub-slice of it)."""
    full = TEXTS[source]
    start = -1
    for _ in range(nth + 1):
        start = full.index(text, start + 1)
    end = start + len(text)
    if cut is not None:
        start, end = start + cut[0], start + cut[1]
    return Evidence(source=source, start=start, end=end, text=full[start:end])


def make(kind: str, status: str, severity: str, *evidence: Evidence) -> Finding:
    return Finding(
        kind=Kind(kind),
        status=Status(status),
        severity=Severity(severity),
        rule="CD999",
        rule_name="test-rule",
        subject="test",
        message="test",
        values={},
        evidence=list(evidence),
        fingerprint=f"{kind}{status}{severity}{len(evidence)}",
    )


def gold() -> Gold:
    return parse_gold(GOLD)


def met(findings: list[Finding]) -> dict[str, bool]:
    return {r.item.id: r.met for r in score(findings, gold(), TEXTS).results}


# ---- reading gold -------------------------------------------------------------------------


def test_evaluate_parse_gold_reads_items():
    g = gold()
    assert [i.id for i in g.items][:2] == ["dupont-spelling", "minister-title"]
    assert g.items[1].min_severity is Severity.info
    assert g.items[2].min_severity is Severity.warning  # the default
    assert g.items[0].evidence[1].text == "Jean Dupond"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("items"), "missing key 'items'"),
        (lambda d: d["items"][2].pop("evidence"), "item 3 (troops-count): missing key 'evidence'"),
        (lambda d: d["items"][0].pop("id"), "item 1: missing key 'id'"),
        (lambda d: d["items"][1].update(kind="names"), "item 2 (minister-title): kind 'names'"),
        (lambda d: d["items"][3].update(expect="maybe"), "expect 'maybe'"),
        (lambda d: d["items"][0].update(min_severity="fatal"), "min_severity 'fatal'"),
        (lambda d: d["items"][0].update(evidence=[]), "non-empty list"),
        (lambda d: d["items"][0]["evidence"][0].pop("text"), "needs 'source' and 'text'"),
        (lambda d: d["items"][1].update(id="dupont-spelling"), "duplicate id 'dupont-spelling'"),
    ],
)
def test_evaluate_parse_gold_rejects_bad_structure(mutate, message):
    data = json.loads(json.dumps(GOLD))
    mutate(data)
    with pytest.raises(GoldError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        parse_gold(data, "g.yaml")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("items: [\n  - id: x\n    kind: [name\n", "not valid YAML (line"),
        ("- just\n- a list\n", "expected a mapping"),
        ("", "expected a mapping"),
    ],
)
def test_evaluate_load_gold_reports_unreadable_files(tmp_path, content, message):
    path = tmp_path / "gold.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message.replace("(", r"\(")) as info:
        load_gold(path)
    assert "\n" not in str(info.value)


def test_evaluate_load_gold_missing_file(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("source", "text", "message"),
    [
        ("b02", "Jean Dupont", "item dupont-spelling: text 'Jean Dupont' does not occur in b02"),
        ("z99", "Jean", "item dupont-spelling: source 'z99' is not in the corpus"),
    ],
)
def test_evaluate_check_gold_texts_names_the_item(source, text, message):
    data = json.loads(json.dumps(GOLD))
    data["items"][0]["evidence"][1] = {"source": source, "text": text}
    with pytest.raises(GoldError, match=message):
        check_gold_texts(parse_gold(data), TEXTS)


def test_evaluate_check_gold_texts_accepts_the_fixture():
    check_gold_texts(gold(), TEXTS)


# ---- judging ------------------------------------------------------------------------------


def test_evaluate_empty_report_meets_only_silent_items():
    result = score([], gold(), TEXTS)
    assert (result.met, result.total) == (1, 7)
    assert result.by_expect("silent") == (1, 1)
    assert result.by_expect("flag") == (0, 4)
    assert result.false_alarms == ()


@pytest.mark.parametrize(
    ("finding", "item", "expected"),
    [
        (make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")), "dupont-spelling", True),
        # the second occurrence of "Jean Dupont" in a01 is as good as the first
        (make("name", "variant", "warning", ev("a01", "Jean Dupont", 1), ev("b02", "Jean Dupond")), "dupont-spelling", True),
        # overlapping a part of the gold text is enough
        (make("name", "conflict", "error", ev("a01", "Jean Dupont", cut=(5, 11)), ev("b02", "Dupond")), "dupont-spelling", True),
        # covering only one of the two entries is not enough
        (make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "Le ministre")), "dupont-spelling", False),
        # adjacent but not overlapping
        (make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "ministre ")), "dupont-spelling", False),
        # right spans, wrong kind
        (make("quantity", "conflict", "error", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")), "dupont-spelling", False),
        # an info variant is below min_severity warning but meets min_severity info
        (make("name", "variant", "info", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")), "dupont-spelling", False),
        (make("name", "variant", "info", ev("b02", "Jean Dupond"), ev("c03", "Dupont")), "minister-title", True),
        # agreement status never meets a flag
        (make("name", "agree", "error", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")), "dupont-spelling", False),
        # a one-entry item is covered by a finding touching it
        (make("name", "variant", "warning", ev("c03", "Dupont")), "one-entry", True),
    ],
)
def test_evaluate_flag_items(finding, item, expected):
    assert met([finding])[item] is expected


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([make("quantity", "compatible", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats"))], True),
        ([make("quantity", "agree", "info", ev("b02", "150 soldats", 1), ev("c03", "environ"))], True),
        # an alarm covering the same item spoils the agreement
        (
            [
                make("quantity", "agree", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
                make("quantity", "conflict", "warning", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            ],
            False,
        ),
        # an info-level conflict is not an alarm
        (
            [
                make("quantity", "agree", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
                make("quantity", "conflict", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            ],
            True,
        ),
        # an alarm of another kind does not spoil it
        (
            [
                make("quantity", "agree", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
                make("name", "variant", "error", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            ],
            True,
        ),
        # agreement of the wrong kind
        ([make("date", "agree", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats"))], False),
        # partial coverage
        ([make("quantity", "agree", "info", ev("b02", "150 soldats"))], False),
    ],
)
def test_evaluate_agree_items(findings, expected):
    assert met(findings)["troops-agree"] is expected


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (make("set", "conflict", "warning", ev("a01", "Roumanie et en"), ev("c03", "la Pologne")), False),
        (make("set", "variant", "info", ev("a01", "Roumanie et en"), ev("c03", "la Pologne")), True),
        (make("set", "conflict", "error", ev("a01", "Roumanie et en")), True),  # covers one entry only
        (make("quantity", "conflict", "error", ev("a01", "Roumanie et en"), ev("c03", "la Pologne")), True),
    ],
)
def test_evaluate_silent_items(finding, expected):
    assert met([finding])["countries"] is expected


@pytest.mark.parametrize(
    ("finding", "false_alarm"),
    [
        (make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")), False),
        # explained by a flag item even when the kinds differ
        (make("date", "conflict", "warning", ev("a01", "120 soldats"), ev("b02", "150 soldats")), False),
        # two entries of one flag item, plus unrelated evidence
        (make("quantity", "conflict", "error", ev("a01", "120"), ev("b02", "150"), ev("c03", "jeudi")), False),
        # one entry each of two different flag items explains nothing
        (make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "150 soldats")), True),
        (make("set", "conflict", "warning", ev("a01", "Roumanie"), ev("c03", "Roumanie")), True),
        # one-entry flag item: one covered entry explains the alarm
        (make("name", "variant", "error", ev("c03", "Dupont")), False),
        # not alarms: never false alarms
        (make("set", "conflict", "info", ev("a01", "Roumanie"), ev("c03", "Roumanie")), None),
        (make("set", "agree", "error", ev("a01", "Roumanie"), ev("c03", "Roumanie")), None),
    ],
)
def test_evaluate_false_alarms(finding, false_alarm):
    result = score([finding], gold(), TEXTS)
    assert (finding in result.false_alarms) is bool(false_alarm)


def test_evaluate_evidence_named_by_file_name_counts():
    e1, e2 = ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")
    finding = make("name", "variant", "warning", e1.model_copy(update={"source": "a01.txt"}), e2)
    assert met([finding])["dupont-spelling"] is True


def test_evaluate_format_score_verbose_lists_items_and_false_alarms():
    alarm = make("set", "conflict", "warning", ev("b02", "Paris"), ev("c03", "jeudi"))
    text = format_score(score([alarm], gold(), TEXTS), verbose=True)
    assert "MISS flag   name     dupont-spelling" in text
    assert "ok   silent set      countries" in text
    assert "FALSE ALARM set conflict warning CD999" in text
    assert "b02:" in text and "'Paris'" in text and "'jeudi'" in text
    assert text.splitlines()[-1] == "met 1/7 flag 0/4 agree 0/2 silent 1/1 false_alarms 1 findings 1"


def _why(findings: list[Finding]) -> dict[str, str | None]:
    return {r.item.id: r.why for r in score(findings, gold(), TEXTS).results}


@pytest.mark.parametrize(
    "found, item, why",
    [
        ([], "troops-count", "no finding cites these passages (expected a variant or conflict at warning or above of kind quantity)"),
        (
            [make("quantity", "conflict", "info", ev("a01", "120 soldats"), ev("b02", "150 soldats"))],
            "troops-count",
            "nearest: CD999 quantity conflict info 'test'; its severity info is below warning",
        ),
        (
            [make("quantity", "agree", "info", ev("a01", "120 soldats"), ev("b02", "150 soldats"))],
            "troops-count",
            "nearest: CD999 quantity agree info 'test'; its status is agree, not variant or conflict",
        ),
        (
            [make("quantity", "conflict", "warning", ev("a01", "120 soldats"), ev("c03", "150 soldats"))],
            "troops-count",
            "nearest: CD999 quantity conflict warning 'test'; it covers 1 of 2 passages, not b02 '150 soldats'",
        ),
        (
            [make("name", "conflict", "warning", ev("a01", "120 soldats"), ev("b02", "150 soldats"))],
            "troops-count",
            "nearest: CD999 name conflict warning 'test'; it is about name, not quantity",
        ),
        (
            [make("quantity", "conflict", "warning", ev("b02", "150 soldats"), ev("c03", "environ 150 soldats"))],
            "troops-agree",
            "alarmed by CD999 quantity conflict warning 'test': the item expects agreement",
        ),
        (
            [make("set", "conflict", "warning", ev("a01", "en Roumanie et en Pologne"), ev("c03", "la Pologne et la Roumanie"))],
            "countries",
            "alarmed by CD999 set conflict warning 'test': the item expects silence",
        ),
    ],
)
def test_evaluate_miss_says_the_nearest_finding_and_why(found, item, why):
    assert _why(found)[item] == why


def test_evaluate_verbose_prints_why_under_each_miss():
    near = make("quantity", "conflict", "info", ev("a01", "120 soldats"), ev("b02", "150 soldats"))
    lines = format_score(score([near], gold(), TEXTS), verbose=True).splitlines()
    i = lines.index("MISS flag   quantity troops-count")
    assert lines[i + 1] == "    nearest: CD999 quantity conflict info 'test'; its severity info is below warning"
    assert all(r.why is None for r in score([near], gold(), TEXTS).results if r.met)


# ---- equivalence with the shared scoring script --------------------------------------------


def _scenarios() -> dict[str, list[Finding]]:
    fixed = {
        "empty": [],
        "perfect": [
            make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")),
            make("name", "variant", "info", ev("b02", "ministre Jean"), ev("c03", "ministre Dupont")),
            make("quantity", "conflict", "error", ev("a01", "120 soldats"), ev("b02", "150 soldats")),
            make("quantity", "compatible", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            make("date", "agree", "info", ev("a01", "4 mars"), ev("c03", "4 mars")),
            make("name", "variant", "warning", ev("c03", "Dupont")),
        ],
        "partial-coverage": [
            make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("a01", "Roumanie")),
            make("quantity", "conflict", "error", ev("a01", "120 soldats", cut=(0, 3))),
        ],
        "other-kind-alarms": [
            make("quantity", "conflict", "warning", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")),
            make("name", "variant", "error", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            make("date", "conflict", "warning", ev("a01", "Roumanie et"), ev("c03", "la Pologne")),
        ],
        "info-variants": [
            make("name", "variant", "info", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond")),
            make("name", "variant", "info", ev("b02", "Jean Dupond"), ev("c03", "Dupont")),
            make("set", "conflict", "info", ev("a01", "Pologne"), ev("c03", "Pologne")),
        ],
        "agree-plus-alarm": [
            make("quantity", "agree", "info", ev("b02", "150 soldats"), ev("c03", "150 soldats")),
            make("quantity", "conflict", "warning", ev("b02", "150 soldats", 1), ev("c03", "environ")),
            make("date", "compatible", "info", ev("a01", "mardi"), ev("c03", "le 4")),
            make("date", "variant", "warning", ev("a01", "mardi"), ev("c03", "4 mars")),
        ],
        "file-name-sources": [
            make("name", "variant", "warning", ev("a01", "Jean Dupont").model_copy(update={"source": "a01.txt"}),
                 ev("b02", "Jean Dupond")),
        ],
    }
    for seed in range(6):
        fixed[f"random-{seed}"] = _random_findings(random.Random(seed), 30)
    return fixed


def _random_findings(rng: random.Random, n: int) -> list[Finding]:
    out = []
    for _ in range(n):
        evidence = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.7:  # near a gold passage, so that items are often (partly) covered
                g = rng.choice(rng.choice(GOLD["items"])["evidence"])
                source, text = g["source"], TEXTS[g["source"]]
                anchor = text.index(g["text"]) + rng.randint(-5, len(g["text"]) + 2)
            else:
                source = rng.choice(sorted(TEXTS))
                text = TEXTS[source]
                anchor = rng.randrange(len(text))
            start = max(0, min(anchor, len(text)))
            end = min(len(text), start + rng.randint(0, 12))
            evidence.append(Evidence(source=source, start=start, end=end, text=text[start:end]))
        out.append(
            make(
                rng.choice(["name", "quantity", "date", "set"]),
                rng.choice(["agree", "compatible", "variant", "conflict"]),
                rng.choice(["info", "warning", "error"]),
                *evidence,
            )
        )
    return out


@pytest.mark.parametrize("name", sorted(_scenarios()))
def test_evaluate_score_matches_shared_script(tmp_path, name):
    if not SCORE_SCRIPT.is_file():
        pytest.skip(f"{SCORE_SCRIPT} is not present")
    findings = _scenarios()[name]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source, text in TEXTS.items():
        (corpus / f"{source}.txt").write_text(text, encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"findings": [f.model_dump(mode="json") for f in findings]}), encoding="utf-8")
    gold_path = tmp_path / "gold.yaml"
    gold_path.write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORE_SCRIPT), str(report), str(gold_path), str(corpus), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = run.stdout.splitlines()
    mine = score(findings, load_gold(gold_path), TEXTS)
    assert format_score(mine).splitlines()[-1] == theirs[-1]
    their_items = [line.split() for line in theirs if line.startswith(("ok", "MISS"))]
    assert [(r.item.id, r.met) for r in mine.results] == [(w[-1], w[0] == "ok") for w in their_items]


# ---- the command --------------------------------------------------------------------------


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source, text in TEXTS.items():
        (corpus / f"{source}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    return corpus


@pytest.fixture
def fake_check(monkeypatch):
    """Replace extraction, alignment and rules by a fixed list of findings."""
    findings: list[Finding] = []

    def check_articles(articles, notes, config, jobs=None, use_cache=True, **_):
        report = build_report(articles, [], list(findings), notes)
        return CheckResult(report, list(articles), [])

    monkeypatch.setattr("claimdiff.pipeline.check_articles", check_articles)
    return findings


@pytest.mark.parametrize(
    ("found", "min_score", "code"),
    [
        ([], None, 0),
        ([], 0.2, 1),
        ([], 0.1, 0),
        ([make("name", "variant", "warning", ev("a01", "Jean Dupont"), ev("b02", "Jean Dupond"))], 2 / 7, 0),
    ],
)
def test_evaluate_cli_exit_codes(corpus_dir, fake_check, capsys, found, min_score, code):
    fake_check.extend(found)
    argv = ["eval", str(corpus_dir), "--gold", str(corpus_dir.parent / "gold.yaml")]
    if min_score is not None:
        argv += ["--min-score", str(min_score)]
    assert cli.main(argv) == code
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith(f"met {1 + len(found)}/7 ")


def test_evaluate_cli_verbose(corpus_dir, fake_check, capsys):
    fake_check.append(make("set", "conflict", "error", ev("a01", "Roumanie"), ev("c03", "Roumanie")))
    assert cli.main(["eval", str(corpus_dir), "--gold", str(corpus_dir.parent / "gold.yaml"), "-v"]) == 0
    out = capsys.readouterr().out
    assert "MISS flag   quantity troops-count" in out
    assert "FALSE ALARM set conflict error" in out
    assert "false alarms 1 (of 1 findings)" in out


@pytest.mark.parametrize(
    ("gold_text", "message"),
    [
        (None, "no such gold file"),
        ("items: [", "not valid YAML"),
        ("items:\n  - {id: x, kind: name, expect: flag}\n", "item 1 (x): missing key 'evidence'"),
        (
            "items:\n  - id: ghost\n    kind: name\n    expect: silent\n    evidence:\n"
            "      - {source: a01, text: Pierre Martin}\n",
            "item ghost: text 'Pierre Martin' does not occur in a01",
        ),
    ],
)
def test_evaluate_cli_unreadable_gold_exits_2(corpus_dir, fake_check, capsys, tmp_path, gold_text, message):
    gold_path = tmp_path / "bad.yaml"
    if gold_text is not None:
        gold_path.write_text(gold_text, encoding="utf-8")
    assert cli.main(["eval", str(corpus_dir), "--gold", str(gold_path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_evaluate_cli_rejects_min_score_out_of_range(corpus_dir, fake_check, capsys):
    assert cli.main(["eval", str(corpus_dir), "--gold", str(corpus_dir.parent / "gold.yaml"), "--min-score", "80"]) == 2
    assert "--min-score" in capsys.readouterr().err


# ---- the seed corpus, end to end ------------------------------------------------------------


def _eval_seeds(capsys, monkeypatch, tmp_path) -> str:
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(REPO)
    code = cli.main(["eval", "seeds", "--gold", "seeds/gold.yaml", "--verbose"])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.slow
def test_evaluate_seeds_runs_and_counts_items(capsys, monkeypatch, tmp_path):
    out = _eval_seeds(capsys, monkeypatch, tmp_path)
    n_items = len(yaml.safe_load((REPO / "seeds" / "gold.yaml").read_text(encoding="utf-8"))["items"])
    last = out.splitlines()[-1].split()
    assert last[0] == "met" and last[1].endswith(f"/{n_items}")
    assert sum(line.startswith(("ok ", "MISS")) for line in out.splitlines()) == n_items


@pytest.mark.slow
def test_evaluate_seeds_full_score(capsys, monkeypatch, tmp_path):
    out = _eval_seeds(capsys, monkeypatch, tmp_path)
    assert out.splitlines()[-1].startswith("met 21/21 flag 5/5 agree 6/6 silent 10/10 false_alarms 0 ")

