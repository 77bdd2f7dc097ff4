"""Markdown: summary table, one table per finding, escaping."""

from __future__ import annotations

import re

from test_reports_support import ev, finding, make_findings, make_report, render

from claimdiff.findings.models import Kind, Severity, Status

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(row: str) -> list[str]:
    assert row.startswith("|") and row.endswith("|"), row
    return [c.strip() for c in CELL_SPLIT.split(row)[1:-1]]


def _tables(out: str) -> list[list[list[str]]]:
    tables, current = [], None
    for line in out.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append(_cells(line))
        else:
            current = None
    return tables


def test_markdown_summary_table():
    out = render("markdown", make_report())
    summary = {row[0]: row[1] for row in _tables(out)[0][2:]}
    assert summary["sources"] == "3" and summary["findings"] == "5"
    assert summary["conflict"] == "1" and summary["variant"] == "2" and summary["agree"] == "1"
    assert summary["known findings skipped (baseline)"] == "2" and summary["waived"] == "1"


def test_markdown_one_table_per_finding_with_a_row_per_passage():
    out = render("markdown", make_report())
    tables = _tables(out)[1:]
    findings = make_findings()
    assert len(tables) == len(findings)
    for table, f in zip(tables, findings, strict=True):
        assert table[0] == ["source", "passage", "value", "verdict"]
        rows = table[2:]
        assert len(rows) == len(f.evidence)
        assert all(len(r) == 4 for r in rows)
    headings = re.findall(r"^### (\d+)\. (\w+): ", out, re.M)
    assert headings == [(str(i), f.status.value) for i, f in enumerate(findings, start=1)]


def test_markdown_value_in_bold_and_name_diff():
    out = render("markdown", make_report())
    rows = _tables(out)[2][2:]
    assert "**Jean-Marc Lefèbvre**" in rows[0][1]
    assert rows[0][2] == "Jean-Marc Lef**è**bvre" and rows[0][3] == "variant"
    assert rows[1][2] == "Jean-Marc Lefebvre" and rows[1][3] == "ref"
    role_rows = _tables(out)[3][2:]
    assert role_rows[1][2] == "chef d'état-major **des armées**"


def test_markdown_escapes_pipes_and_markup():
    texts = {
        "x": "Le collectif | Vérité_Paris | annonce 300 *participants* <b>inscrits</b>.\n",
        "y": "La police compte 120 participants.\n",
    }
    f = finding(
        Kind.quantity,
        Status.conflict,
        Severity.warning,
        "CD201",
        "quantity-mismatch",
        "participants | cortège",
        [ev("x", "300 *participants*", "300", texts=texts), ev("y", "120 participants", "120", texts=texts)],
    )
    out = render("markdown", make_report([f]), texts=texts)
    rows = _tables(out)[1][2:]
    assert len(rows) == 2 and all(len(r) == 4 for r in rows)
    assert r"Le collectif \| Vérité\_Paris \|" in rows[0][1]
    assert r"**300 \*participants\***" in rows[0][1]
    assert "<b>" not in out and r"\<b\>" in out
    assert "### 1. conflict: participants \\| cortège" in out


def test_markdown_shows_notes_and_empty_reports():
    out = render("markdown", make_report([]))
    assert "No findings." in out
    assert "- corpus/ouest-france.txt: warning: decoded as cp1252" in out
