"""Shared helpers of the formats: passages, character diffs, locations, verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reports_support import TEXTS, ev, finding, make_findings

from claimdiff.corpus.models import Source
from claimdiff.findings.models import Evidence, Kind, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.text import ELLIPSIS, char_diff, diff_plain, passage, trim
from claimdiff.reports.verdicts import primary, reference_value, value_letters, verdict

LONG_BEFORE = "Selon un bilan provisoire communiqué dimanche soir par la préfecture du Rhône, "
LONG_AFTER = " ont été évacuées après l'effondrement partiel d'un immeuble du quartier de la Guillotière."


@pytest.mark.parametrize("max_chars", [20, 40, 60, 100, 400])
def test_text_trim_keeps_the_value_and_fits(max_chars):
    p = trim(LONG_BEFORE, "quarante-deux personnes", LONG_AFTER, max_chars)
    assert p.value == "quarante-deux personnes"
    assert len(p.text) <= max(max_chars, len(p.value) + 2)
    if max_chars >= len(LONG_BEFORE) + len(p.value) + len(LONG_AFTER):
        assert p.text == (LONG_BEFORE + p.value + LONG_AFTER).strip()
    else:
        assert p.before.startswith(ELLIPSIS) or p.after.endswith(ELLIPSIS)


def test_text_trim_cuts_on_word_boundaries():
    p = trim(LONG_BEFORE, "42", LONG_AFTER, 60)
    assert p.before.startswith(ELLIPSIS) and p.after.endswith(ELLIPSIS)
    first_word = p.before[1:].split(" ")[0]
    last_word = p.after[:-1].split(" ")[-1]
    assert f" {first_word} " in f" {LONG_BEFORE} "
    assert f" {last_word} " in f" {LONG_AFTER} "


def test_text_trim_gives_unused_room_to_the_other_side():
    p = trim("Hier, ", "trois blessés", " " + "x" * 10 + " et bien d'autres détails encore " * 6, 80)
    assert p.before == "Hier, "
    assert len(p.after) > 40


def test_text_trim_collapses_whitespace():
    p = trim("Le bilan\n  fait état de ", "12\nmorts", " selon\tla police.", 200)
    assert p.text == "Le bilan fait état de 12 morts selon la police."


def test_text_trim_never_cuts_the_value():
    p = trim("Avant ", "x" * 50, " après", 10)
    assert (p.before, p.value, p.after) == (ELLIPSIS, "x" * 50, ELLIPSIS)
    assert trim("", "x" * 50, "", 10).text == "x" * 50


def test_text_passage_uses_the_sentence():
    e = ev("lemonde-0312", "12 000 soldats", "12000")
    p = passage(e, max_chars=1000)
    assert p.text == e.sentence.strip()
    assert p.value == "12 000 soldats"


def test_text_passage_falls_back_on_the_file_text_then_the_span():
    e = ev("afp-0312", "32 blessés", "32").model_copy(update={"sentence": None, "sentence_start": None})
    p = passage(e, TEXTS["afp-0312"], max_chars=60)
    assert p.value == "32 blessés" and p.before and p.after
    assert passage(e, None).text == "32 blessés"
    # A file text that does not hold the span is not trusted.
    assert passage(e, "autre texte " * 40).text == "32 blessés"


def test_text_passage_ignores_a_sentence_that_does_not_hold_the_span():
    e = Evidence(source="s", start=10, end=12, text="42", value="42", sentence="Rien à voir.", sentence_start=0)
    assert passage(e).text == "42"


@pytest.mark.parametrize(
    ("reference", "value", "expected"),
    [
        ("Shoup", "Shoupe", "Shoup[e]"),
        ("Shoupe", "Shoup", "Shoup[-e]"),
        ("Lefebvre", "Lefèbvre", "Lef[è]bvre"),
        ("Zelensky", "Zelenskyy", "Zelensky[y]"),
        ("Khrenine", "Khrenin", "Khrenin[-e]"),
        ("Dupont", "Martin", "Martin"),
        ("Macron", "Macron", "Macron"),
    ],
)
def test_text_char_diff(reference, value, expected):
    assert diff_plain(char_diff(reference, value)) == expected


def test_text_char_diff_segments_rebuild_the_value():
    for reference, value in [("Mohammed", "Mohamed"), ("Tchernychenko", "Tchernichenko"), ("abc", "abd")]:
        segments = char_diff(reference, value)
        assert "".join(piece for tag, piece in segments if tag != "delete") == value
        assert "".join(piece for tag, piece in segments if tag != "insert") != "" or reference == ""


def test_locations_region_counts_lines_and_utf16_columns():
    text = TEXTS["rfi-0313"]
    e = ev("rfi-0313", "Jean-Marc Lefebvre", "Jean-Marc Lefebvre")
    region = locations.region(e, text)
    line_start = text.rfind("\n", 0, e.start) + 1
    assert region.start_line == text[: e.start].count("\n") + 1 == 4
    assert region.start_column == e.start - line_start + 1
    # The flag emoji is two astral characters: two code points, four UTF-16 units.
    assert region.start_column_utf16 == len(text[line_start : e.start].encode("utf-16-le")) // 2 + 1
    assert region.start_column_utf16 == region.start_column + 2
    assert region.end_line == 4 and region.end_column - region.start_column == len(e.text)


def test_locations_region_of_a_span_across_lines():
    text = "Première ligne\nle 3\nmars 2025 au soir\n"
    e = Evidence(source="s", start=text.index("le 3"), end=text.index("2025") + 4, text="le 3\nmars 2025")
    region = locations.region(e, text)
    assert (region.start_line, region.start_column, region.end_line, region.end_column) == (2, 1, 3, 10)


def test_locations_region_of_a_jsonl_article_is_its_line():
    source = Source(id="a", path="corpus.jsonl", line=7)
    region = locations.region(ev("afp-0312", "32 blessés", "32"), TEXTS["afp-0312"], source)
    assert (region.start_line, region.end_line, region.start_column) == (7, 7, None)


def test_locations_region_unknown_without_text():
    assert locations.region(ev("afp-0312", "32 blessés", "32"), None) is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("corpus/afp.txt", "corpus/afp.txt"),
        ("./corpus/afp.txt", "corpus/afp.txt"),
        ("corpus/dépêche AFP.txt", "corpus/d%C3%A9p%C3%AAche%20AFP.txt"),
        ("corpus/a#b?.txt", "corpus/a%23b%3F.txt"),
    ],
)
def test_locations_uri_is_relative_and_encoded(path, expected):
    assert locations.uri(path) == expected


def test_locations_absolute_paths_under_the_cwd_become_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locations.display_path(str(tmp_path / "corpus" / "a.txt")) == "corpus/a.txt"
    outside = Path("/elsewhere/a b.txt")
    assert locations.uri(str(outside)) == "file:///elsewhere/a%20b.txt"


def _f(values: list[tuple[str, str | None]], status: Status = Status.conflict):
    texts = {s: f"Le texte {s} annonce {v or 'rien'} morts.\n" for s, v in values}
    evidence = [ev(s, v or "rien", v, texts=texts) for s, v in values]
    return finding(Kind.quantity, status, Severity.warning, "CD201", "q", "morts", evidence)


@pytest.mark.parametrize(
    ("values", "reference"),
    [
        ([("a", "12"), ("b", "15"), ("c", "15")], "15"),
        ([("a", "12"), ("b", "15")], "12"),
        ([("a", None), ("b", "15")], "15"),
        ([("a", None)], None),
    ],
)
def test_verdicts_reference_is_the_most_stated_value(values, reference):
    assert reference_value(_f(values)) == reference


def test_verdicts_rows():
    f = _f([("a", "12"), ("b", "15"), ("c", "15")])
    ref = reference_value(f)
    assert [verdict(f, e, ref) for e in f.evidence] == ["conflict", "ref", "ref"]
    assert primary(f).source == "a"
    agree = _f([("a", "12"), ("b", "12")], status=Status.agree)
    assert [verdict(agree, e, "12") for e in agree.evidence] == ["agree", "agree"]
    assert primary(agree).source == "a"
    assert value_letters(f, ["c", "b", "a"]) == {"c": "A", "b": "A", "a": "B"}


def test_verdicts_letters_mark_sources_without_values():
    f = _f([("a", None), ("b", "15")])
    assert value_letters(f, ["a", "b"]) == {"a": "•", "b": "A"}


def test_verdicts_primary_of_the_fixture_points_at_the_odd_one_out():
    conflict, name_variant, role_variant, compatible, agree = make_findings()
    assert primary(conflict).source == "afp-0312"
    assert primary(name_variant).text == "Jean-Marc Lefèbvre"
    assert primary(role_variant).source == "rfi-0313"
