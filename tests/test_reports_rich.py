"""The terminal report: layout, width, colour, trimming, and a snapshot of a hand-built report."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from test_reports_support import (
    TEXTS,
    assert_snapshot,
    ev,
    finding,
    make_findings,
    make_report,
    render,
)

from claimdiff.findings.models import Kind, Severity, Status
from claimdiff.reports import rich as rich_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    return ANSI.sub("", text)


@pytest.mark.parametrize("width", [100, 60])
def test_rich_snapshot(width):
    assert_snapshot(f"report.rich.{width}.txt", render("rich", make_report(), width=width, color=False))


@pytest.mark.parametrize("width", [120, 80, 72, 71, 60, 40])
@pytest.mark.parametrize("color", [False, True])
def test_rich_no_line_wider_than_width(width, color):
    out = render("rich", make_report(), width=width, color=color)
    lines = plain(out).splitlines()
    assert lines, "empty output"
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide[:3]


def test_rich_without_color_has_no_escape_codes():
    out = render("rich", make_report(), width=80, color=False)
    assert "\x1b" not in out


def test_rich_with_color_has_escape_codes_and_same_text():
    colored = render("rich", make_report(), width=100, color=True)
    assert "\x1b[" in colored
    # Emphasis markers are the only textual difference between the two modes.
    uncolored = render("rich", make_report(), width=100, color=False)
    assert "**" in uncolored and "**" not in plain(colored)


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({}, False, False),
        ({}, True, True),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
    ],
)
def test_rich_color_detection(monkeypatch, env, tty, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(rich_report.sys.stdout, "isatty", lambda: tty, raising=False)
    assert rich_report.resolve_color(None) is expected
    out = rich_report.RichFormatter().render(make_report(), _options(width=80))
    assert ("\x1b[" in out) is expected


def test_rich_explicit_color_wins_over_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert rich_report.resolve_color(True) is True
    monkeypatch.delenv("NO_COLOR")
    assert rich_report.resolve_color(False) is False


def test_rich_width_defaults_to_100_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(rich_report.sys.stdout, "isatty", lambda: False, raising=False)
    assert rich_report.resolve_width(None) == 100
    assert rich_report.resolve_width(57) == 57
    out = rich_report.RichFormatter().render(make_report(), _options(color=False))
    widths = [cell_len(line) for line in out.splitlines()]
    assert max(widths) <= 100 and max(widths) > 80


def _options(**kw):
    from test_reports_support import make_options

    return make_options(**kw)


def test_rich_long_passage_is_trimmed_around_the_value():
    text = (
        "Au terme d'une journée marquée par "
        + "de longues négociations entre les parties, " * 8
        + "les organisateurs ont compté 48 000 manifestants dans le cortège parisien, "
        + "selon un décompte transmis en fin d'après-midi, " * 8
        + "fin.\n"
    )
    texts = {"a": text, "b": "Les syndicats revendiquent 120 000 manifestants à Paris.\n"}
    report = make_report(
        [
            finding(
                Kind.quantity,
                Status.conflict,
                Severity.error,
                "CD201",
                "quantity-mismatch",
                "manifestants à Paris",
                [
                    ev("a", "48 000 manifestants", "48000", texts=texts),
                    ev("b", "120 000 manifestants", "120000", texts=texts),
                ],
            )
        ]
    )
    out = render("rich", report, width=60, color=False, texts=texts, paths={})
    quotes = stacked_passages(out)
    assert len(quotes) == 2
    assert re.fullmatch(r"…[^…]+ \*\*48 000 manifestants\*\* [^…]+…", quotes[0]), quotes[0]
    assert len(quotes[0]) < len(text) / 2
    assert quotes[1] == "Les syndicats revendiquent **120 000 manifestants** à Paris."


def stacked_passages(out: str) -> list[str]:
    """The passages of a narrow (stacked) report: the 4-space-indented lines under each source line."""
    quotes: list[str] = []
    current: list[str] | None = None
    for line in out.splitlines():
        if line.startswith("    ") and current is not None:
            current.append(line.strip())
            continue
        if current:
            quotes.append(" ".join(current))
        current = [] if re.match(r"  \d+ \S+:\d+  ", line) else None
    if current:
        quotes.append(" ".join(current))
    return quotes


def test_rich_quiet_prints_the_summary_only():
    out = render("rich", make_report(), width=100, color=False, quiet=True)
    assert "5 findings" in out
    assert "Sources" not in out and "CONFLICT" not in out and "passage" not in out


def test_rich_header_counts_baseline_and_waivers():
    out = render("rich", make_report(baseline_skipped=3, waived=2), width=100, color=False)
    assert "3 known findings (baseline)" in out
    assert "2 waived" in out
    out = render("rich", make_report(baseline_skipped=0, waived=0), width=100, color=False)
    assert "baseline" not in out and "waived" not in out


def test_rich_header_shows_input_notes():
    out = render("rich", make_report(), width=100, color=False)
    assert "warning corpus/ouest-france.txt: decoded as cp1252" in out


def test_rich_keeps_the_order_findings_arrive_in():
    findings = make_findings()
    reordered = [findings[4], findings[0], findings[2]]
    out = render("rich", make_report(reordered), width=100, color=False)
    titles = re.findall(r"^(\d+)\. (AGREE|CONFLICT|VARIANT|COMPATIBLE)", out, flags=re.M)
    assert titles == [("1", "AGREE"), ("2", "CONFLICT"), ("3", "VARIANT")]


def test_rich_name_variant_shows_the_differing_characters():
    out = render("rich", make_report(), width=300, color=False)
    assert re.search(r"Jean-Marc Lef\[è\]bvre +variant$", out, re.M)
    assert re.search(r"chef d'état-major\[ des armées\] +variant$", out, re.M)
    assert re.search(r"chef d'état-major +ref$", out, re.M)


def test_rich_matrix_marks_sources_stating_the_same_value():
    out = render("rich", make_report(), width=100, color=False)
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\s+\d+\s+\w+\s+(.+?)\s{2,}((?:[A-Z•·] ?)+)$", out, re.M)}
    assert rows["soldats déployés à la frontière orientale"].split() == ["A", "B", "A"]
    assert rows["rôle de Jean-Marc Lefebvre"].split() == ["A", "·", "B"]


def test_rich_matrix_splits_many_sources_into_groups_that_fit():
    texts = {f"s{i:02d}": f"Les pompiers ont secouru {i} personnes.\n" for i in range(40)}
    evidence = [ev(s, f"{i} personnes", str(i), texts=texts) for i, s in enumerate(sorted(texts))]
    report = make_report(
        [
            finding(
                Kind.quantity,
                Status.conflict,
                Severity.error,
                "CD201",
                "quantity-mismatch",
                "personnes secourues",
                evidence,
            )
        ]
    )
    out = render("rich", report, width=60, color=False, texts=texts, paths={})
    assert all(cell_len(line) <= 60 for line in out.splitlines())
    header_rows = [line for line in out.splitlines() if re.fullmatch(r"\s+(\d+\s+)+\d+", line)]
    assert len(header_rows) >= 2
    numbers = [int(n) for row in header_rows for n in row.split()]
    assert numbers == list(range(1, 41))
    assert "3 other sources cited by no finding" in out  # the report's own three sources


def test_rich_reports_no_findings():
    out = render("rich", make_report([]), width=80, color=False)
    assert "No findings." in out
    assert "0 findings" in out


def test_rich_output_is_deterministic():
    report = make_report()
    again = type(report).model_validate_json(report.model_dump_json())
    assert render("rich", report, width=90, color=True) == render("rich", again, width=90, color=True)


def test_rich_quotes_the_span_when_the_sentence_is_missing():
    e = ev("lemonde-0312", "12 000 soldats", "12000").model_copy(update={"sentence": None, "sentence_start": None})
    f = finding(Kind.quantity, Status.conflict, Severity.error, "CD201", "q", "soldats", [e])
    out = render("rich", make_report([f]), width=300, color=False, texts={})
    assert re.search(r":?\d*\s+\*\*12 000 soldats\*\* +12000 ", out)
    out = render("rich", make_report([f]), width=300, color=False)
    assert "déploiement de **12 000 soldats** le long" in out


def test_rich_markup_in_article_text_is_shown_literally():
    texts = {"x": "Le groupe [bold]Wagner[/bold] compterait 5 000 hommes.\n"}
    f = finding(
        Kind.quantity,
        Status.conflict,
        Severity.error,
        "CD201",
        "q",
        "hommes",
        [ev("x", "5 000 hommes", "5000", texts=texts)],
    )
    out = render("rich", make_report([f]), width=100, color=True, texts=texts)
    assert "[bold]Wagner[/bold]" in plain(out)


def test_rich_texts_fixture_has_a_line_with_astral_characters():
    # Guards the width tests above: the fixture must keep exercising wide characters.
    assert any(ord(ch) > 0xFFFF for ch in TEXTS["rfi-0313"])


def test_rich_matrix_one_letter_per_value_and_a_source_stating_two():
    texts = {
        "s1": "Les pompiers ont secouru 12 personnes.\n",
        "s2": "On compte 12 personnes secourues, puis 31 personnes.\n",
        "s3": "Enfin 31 personnes ont été secourues, dit-on, et 40 personnes.\n",
    }
    evidence = [
        ev("s1", "12 personnes", "12", texts=texts),
        ev("s2", "12 personnes", "12", texts=texts),
        ev("s2", "31 personnes", "31", texts=texts),
        ev("s3", "31 personnes", "31", texts=texts),
    ]
    f = finding(Kind.quantity, Status.conflict, Severity.warning, "CD201", "quantity-mismatch", "secourus", evidence)
    out = render("rich", make_report([f]), width=100, color=False, texts=texts, paths={})
    [row] = [line for line in out.splitlines() if line.strip().startswith("1  conflict")]
    assert row.split()[-3:] == ["A", "AB", "B"]
    assert "AB = a source stating two values" in out


def test_rich_color_name_diff_says_in_words_which_spelling_is_which():
    colored = plain(render("rich", make_report(), width=300, color=True))
    # The variant's own spelling, never the reference's letters struck through in it.
    assert re.search(r"Jean-Marc Lefèbvre +variant\s*$", colored, re.M)
    assert re.search(r"Jean-Marc Lefebvre +ref\s*$", colored, re.M)
    assert "vs Jean-Marc Lefebvre: 'è'" in colored  # the words wrap in the value column
    assert "vs chef d'état-major: adds" in colored


def test_diff_words():
    from claimdiff.reports.text import diff_words

    assert diff_words("Shoup", "Shoupe") == "vs Shoup: adds 'e'"
    assert diff_words("Shoupe", "Shoup") == "vs Shoupe: lacks 'e'"
    assert diff_words("Zelensky", "Zelenskyi") == "vs Zelensky: adds 'i'"
    assert diff_words("Lefebvre", "Lefèbvre") == "vs Lefebvre: 'è' for 'e'"
    assert diff_words("Macron", "Macron") == ""
    assert diff_words("Paris", "Oslo") == ""
