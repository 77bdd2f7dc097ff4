"""GitHub workflow commands: grammar, escaping, one line per passage of each discrepancy."""

from __future__ import annotations

import re

import pytest
from test_reports_support import ev, finding, make_findings, make_report, render

from claimdiff.findings.models import Kind, Severity, Status
from claimdiff.reports.github import escape_data, escape_property

# ::command key=value,key=value::message  (values and message escaped: no raw CR/LF, no raw , or : in values)
COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$")
KEYS = {"file", "line", "endLine", "col", "endColumn", "title"}


def _commands(report=None, **options):
    out = render("github", report or make_report(), **options)
    assert out.endswith("\n")
    commands = []
    for line in out.splitlines():
        m = COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert set(props) <= KEYS
        commands.append((m.group(1), props, m.group(3)))
    return commands


def test_github_one_annotation_per_passage_of_each_discrepancy():
    commands = _commands()
    discrepancies = [f for f in make_findings() if f.status in (Status.variant, Status.conflict)]
    assert len(commands) == sum(len(f.evidence) for f in discrepancies) == 8
    assert [c[0] for c in commands] == ["error"] * 3 + ["warning"] * 3 + ["notice"] * 2


def test_github_annotation_properties():
    level, props, message = _commands()[0]
    e = make_findings()[0].evidence[0]
    assert props["file"] == "corpus/afp-0312.txt"
    assert props["line"] == props["endLine"] == "4"
    assert int(props["endColumn"]) - int(props["col"]) == len(e.text)
    assert props["title"] == "CD201 quantity-mismatch"
    first, second = message.split("%0A")
    assert first == make_findings()[0].message
    assert second.startswith("afp-0312: 15000 (conflict): «")


def test_github_escapes_properties_and_message():
    texts = {"x": "Bilan : 7 morts, 100 % des secours mobilisés.\n", "y": "Bilan : 9 morts.\n"}
    f = finding(
        Kind.quantity,
        Status.conflict,
        Severity.warning,
        "CD201",
        "count:mismatch,x",
        "morts",
        [ev("x", "7 morts", "7", texts=texts), ev("y", "9 morts", "9", texts=texts)],
        message="morts: 7 vs 9 (100 %)\r\nsecond line",
    )
    commands = _commands(make_report([f]), texts=texts, paths={"x": "a,b:c.txt", "y": "y.txt"})
    props, message = commands[0][1], commands[0][2]
    assert props["file"] == "a%2Cb%3Ac.txt"
    assert props["title"] == "CD201 count%3Amismatch%2Cx"
    assert message.startswith("morts: 7 vs 9 (100 %25)%0D%0Asecond line%0A")


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("50%", "50%25", "50%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\rb", "a%0Db", "a%0Db"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escaping_rules(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_agreements_print_nothing():
    agree, compatible = make_findings()[4], make_findings()[3]
    assert render("github", make_report([agree, compatible])) == ""


def test_github_without_text_annotates_the_file():
    commands = _commands(texts={})
    assert commands and all(set(c[1]) == {"file", "title"} for c in commands)
