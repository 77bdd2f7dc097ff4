"""`claimdiff extract` and `claimdiff rules` through the real CLI."""

from __future__ import annotations

import json

import pytest

from claimdiff.rules.engine import all_rules

ARTICLE = (
    "---\nsource: Test\ndate: 2024-03-12\n---\n"
    "Le ministre de la Défense Pål Jonson s’est rendu mardi à Oslo, où environ 20\u00a0000 soldats "
    "participent à l’exercice Rempart-2024 aux côtés de la Norvège, de la Suède et de la Finlande.\n"
)


@pytest.mark.slow
def test_cli_extract_json_spans_index_the_file(cli, make_corpus) -> None:
    root = make_corpus({"a.md": ARTICLE.encode("utf-8")})
    run = cli("extract", root / "a.md", "--format", "json")
    assert run.code == 0, run.err
    (article,) = json.loads(run.out)
    text = (root / "a.md").read_text(encoding="utf-8")
    types = {c["type"] for c in article["claims"]}
    assert {"person", "entity", "quantity", "date", "set"} <= types
    for claim in article["claims"]:
        span = claim["span"]
        assert text[span["start"] : span["end"]] == span["text"]
    quantity = next(c for c in article["claims"] if c["type"] == "quantity")
    assert (quantity["value"], quantity["qualifier"], quantity["frame"]["head_class"]) == (20000, "approximate", "troops")


@pytest.mark.slow
def test_cli_extract_rich_lists_every_claim(cli, make_corpus) -> None:
    root = make_corpus({"a.md": ARTICLE.encode("utf-8")})
    run = cli("extract", root / "a.md")
    assert run.code == 0
    assert "Pål Jonson" in run.out and "event:rempart-2024" in run.out


def test_cli_rules_lists_every_rule(cli) -> None:
    run = cli("rules")
    assert run.code == 0
    for rule in all_rules():
        assert rule.code in run.out and rule.name in run.out


@pytest.mark.parametrize("name", ["CD201", "cd201", "quantity-mismatch"])
def test_cli_rules_explains_one_rule_with_its_options(cli, name: str) -> None:
    run = cli("rules", name)
    assert run.code == 0
    assert run.out.startswith("CD201 quantity-mismatch")
    assert "approximate_tolerance" in run.out and "Example" in run.out


def test_cli_rules_unknown_rule_is_a_usage_error(cli) -> None:
    run = cli("rules", "CD999")
    assert run.code == 2
    assert "CD999" in run.err and len(run.err.strip().splitlines()) == 1
