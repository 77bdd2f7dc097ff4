"""`claimdiff check DRAFT --against SOURCES...`: usage, exit codes, and the seed gold read from one article's side."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

ARTICLE = "---\noutlet: {outlet}\ndate: 2025-07-02\n---\n{lead} Un glissement de terrain a tué {n} personnes à Belmonte.\n"


@pytest.fixture
def corpus(make_corpus) -> Path:
    return make_corpus(
        {
            "draft.md": ARTICLE.format(outlet="Brouillon", lead="Drame dans la vallée.", n=3),
            "sources/a.md": ARTICLE.format(outlet="A", lead="Mercredi matin.", n=3),
            "sources/b.md": ARTICLE.format(outlet="B", lead="Dernier bilan.", n=4),
        }
    )


# --- usage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["draft.md", "sources/a.md", "--against", "sources"], "--against checks one draft"),
        (["--against", "sources"], "--against checks one draft"),
        (["draft.md", "--against", "sources", "--corpus", "sources"], "leave out --corpus"),
        (["draft.md", "--against", "sources", "--only", "conflict"], "--only cannot be used with --against"),
        (["missing.md", "--against", "sources"], "missing.md: no such file or directory"),
        (["sources", "--against", "draft.md"], "sources: a draft is one article, not 2"),
        (["draft.md", "--against", "draft.md"], "no source to check the draft against"),
        (["draft.md", "--against", "nowhere"], "no source to check the draft against"),
    ],
)
def test_cli_against_bad_usage_is_one_line_and_exit_2_before_any_extraction(cli, corpus, no_extraction, monkeypatch, argv, says):
    monkeypatch.chdir(corpus)
    run = cli("check", *argv)
    assert run.code == 2, run.err
    assert says in run.err and len(run.err.strip().splitlines()) <= 2
    assert "Traceback" not in run.err
    assert no_extraction == []


def test_cli_against_reads_a_draft_inside_its_sources_once_as_the_draft(cli, corpus, no_extraction, monkeypatch):
    monkeypatch.chdir(corpus)
    shutil.copy("draft.md", "sources/draft.md")
    run = cli("check", "sources/draft.md", "--against", "sources", "--format", "json")
    assert run.code == 0, run.err
    review = json.loads(run.out)["draft"]
    assert review["draft"] == "draft" and review["against"] == ["a", "b"]
    assert review["claims"] == [] and review["counts"] == {"supported": 0, "contradicted": 0, "not_found": 0}


def test_cli_against_help_gives_the_option_its_exit_codes_and_an_example(cli):
    run = cli("check", "--help")
    assert run.code == 0
    text = " ".join(run.out.split())
    assert "--against SOURCE [SOURCE ...]" in text
    assert "with --against, 1 means a claim of the draft is contradicted at or above --fail-on" in text
    assert "claimdiff check draft.md --against sources/" in text


# --- the real pipeline --------------------------------------------------------------------


@pytest.mark.slow
def test_cli_against_exit_code_follows_contradictions_and_fail_on(cli, corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    run = cli("check", "draft.md", "--against", "sources", "--format", "json")
    review = json.loads(run.out)["draft"]
    contradicted = [c for c in review["claims"] if c["label"] == "contradicted"]
    worst = max((SEVERITY_RANK[c["severity"]] for c in contradicted), default=-1)
    assert run.code == (1 if worst >= SEVERITY_RANK["warning"] else 0), run.err
    assert cli("check", "draft.md", "--against", "sources", "--fail-on", "never").code == 0
    assert cli("check", "draft.md", "--against", "sources", "--no-exit").code == 0
    # A draft that agrees with its sources passes.
    Path("agreeing.md").write_text(ARTICLE.format(outlet="Brouillon", lead="Deuil à Belmonte.", n=3), encoding="utf-8")
    Path("sources/b.md").unlink()
    run = cli("check", "agreeing.md", "--against", "sources", "--format", "json")
    assert run.code == 0, run.err
    assert {c["label"] for c in json.loads(run.out)["draft"]["claims"]} <= {"supported", "not_found"}


def _covers(passage: dict, item_evidence: dict, texts: dict[str, str]) -> bool:
    """The gold file's rule: same source, and the span overlaps an occurrence of the gold text."""
    if passage["source"] != item_evidence["source"]:
        return False
    text, needle = texts[passage["source"]], item_evidence["text"]
    start = text.find(needle)
    while start != -1:
        if passage["start"] < start + len(needle) and start < passage["end"]:
            return True
        start = text.find(needle, start + 1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("draft", ["001_c973c108cbc49387", "002_f5f3b48e4ddd07e8"])
def test_cli_against_seed_article_meets_the_gold_items_it_is_in(cli, tmp_path, draft):
    """A seed article checked against the other four: its claims in the gold's flag items are
    contradicted by the other article's passage, those in agree items supported by it, and
    nothing else of it is contradicted at warning or above."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    run = cli("check", seeds / f"{draft}.txt", "--against", seeds, "--format", "json")
    assert run.code == 1, run.err  # the gold flags discrepancies at warning in these articles
    report = json.loads(run.out)
    texts = {s["id"]: Path(s["path"]).read_bytes().decode(s["encoding"]) for s in report["sources"]}
    review = report["draft"]
    assert review["draft"] == draft and draft not in review["against"] and len(review["against"]) == 4
    claims = review["claims"]
    gold = yaml.safe_load((SEEDS / "gold.yaml").read_text(encoding="utf-8"))["items"]
    items = [
        item
        for item in gold
        if item["expect"] in ("flag", "agree")
        and any(e["source"] == draft for e in item["evidence"])
        and any(e["source"] != draft for e in item["evidence"])
    ]
    assert {item["expect"] for item in items} == {"flag", "agree"}
    for item in items:
        mine = [e for e in item["evidence"] if e["source"] == draft]
        theirs = [e for e in item["evidence"] if e["source"] != draft]
        at_item = [c for c in claims if c["kind"] == item["kind"] and any(_covers(c["passage"], e, texts) for e in mine)]
        if item["expect"] == "flag":
            assert any(
                c["label"] == "contradicted"
                and SEVERITY_RANK[c["severity"]] >= SEVERITY_RANK[item["min_severity"]]
                and all(any(_covers(p, e, texts) for p in c["contradicted_by"]) for e in theirs)
                for c in at_item
            ), (item["id"], at_item)
        else:
            assert any(
                c["label"] == "supported" and all(any(_covers(p, e, texts) for p in c["supported_by"]) for e in theirs)
                for c in at_item
            ), (item["id"], at_item)
            assert not any(c["label"] == "contradicted" and c["severity"] != "info" for c in at_item), item["id"]
    # Every contradiction at warning or above is one of the gold's discrepancies.
    flags = [item for item in items if item["expect"] == "flag"]
    for claim in claims:
        if claim["label"] == "contradicted" and claim["severity"] != "info":
            assert any(
                any(_covers(claim["passage"], e, texts) for e in item["evidence"] if e["source"] == draft)
                and any(_covers(p, e, texts) for p in claim["contradicted_by"] for e in item["evidence"] if e["source"] != draft)
                for item in flags
            ), claim
    assert sum(review["counts"].values()) == len(claims)
    # Every format renders the review; the JSON is the same bytes on a second run.
    for fmt in ("rich", "sarif", "junit", "github", "markdown", "html"):
        other = cli("check", seeds / f"{draft}.txt", "--against", seeds, "--format", fmt)
        assert other.code == 1 and other.out, fmt
    assert cli("check", seeds / f"{draft}.txt", "--against", seeds, "--format", "json").out == run.out
