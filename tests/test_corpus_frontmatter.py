"""read_header: YAML front matter and the ` date YYYY-MM-DD` header, and their problems."""

from __future__ import annotations

import datetime as dt

import pytest

from claimdiff.corpus.frontmatter import clean_metadata, parse_date, read_header

BODY = "Plus de 200 pompiers luttent contre l'incendie près de Marseille."


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_frontmatter_fields_and_body_start(newline):
    block = [
        "---",
        "source: La Provence",
        "date: 2025-07-14",
        "url: https://example.org/feu",
        "title: Incendie",
        "language: fr",
        "---",
    ]
    text = newline.join(block) + newline + BODY
    header = read_header(text)
    assert text[header.end :] == BODY
    assert header.fields == {
        "outlet": "La Provence",
        "date": dt.date(2025, 7, 14),
        "url": "https://example.org/feu",
        "title": "Incendie",
        "language": "fr",
    }
    assert header.problems == ()


def test_frontmatter_after_bom_and_yaml_end_marker():
    text = "\ufeff---\noutlet: Nice-Matin\n...\n" + BODY
    header = read_header(text)
    assert header.fields == {"outlet": "Nice-Matin"}
    assert text[header.end :] == BODY


@pytest.mark.parametrize(
    "line, fields",
    [
        (
            "published: 2025-07-14T08:30:00+02:00",
            {"date": dt.date(2025, 7, 14), "time": dt.time(8, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))},
        ),
        ("date: '2025-07-14 08:30'", {"date": dt.date(2025, 7, 14), "time": dt.time(8, 30)}),
        ("date: 2025-07-14T00:00:00Z", {"date": dt.date(2025, 7, 14)}),  # midnight: a date without a time
        ("lang: EN-gb", {"language": "en"}),
        ("publisher: 20 Minutes", {"outlet": "20 Minutes"}),
        ("link: https://example.org/a", {"url": "https://example.org/a"}),
        ("author: Jean Dupont", {}),
        ("title: 2025", {"title": "2025"}),
        ("title: Non", {"title": "Non"}),
        ("title: 007", {"title": "007"}),
        ("date:", {}),
    ],
)
def test_frontmatter_key_aliases_and_values(line, fields):
    header = read_header(f"---\n{line}\n---\n{BODY}")
    assert header.fields == fields
    assert header.problems == ()


@pytest.mark.parametrize(
    "block, problem",
    [
        ("date: 14/07/2025", "bad date"),
        ("date: 2025-02-30", "bad date"),
        ("language: français", "not a language code"),
        ("title: [a, b]", "expected text"),
        ("source: {nom: x}", "expected text"),
    ],
)
def test_frontmatter_bad_value_dropped_with_problem(block, problem):
    header = read_header(f"---\n{block}\nsource2: ignoré\n---\n{BODY}")
    assert len(header.problems) == 1
    assert problem in header.problems[0]
    assert header.problems[0].startswith("front matter:")
    assert header.end > 0


def test_frontmatter_invalid_yaml_names_the_line():
    header = read_header(f"---\nsource: Le Point\ntitle: [non fermé\n---\n{BODY}")
    assert header.fields == {}
    [problem] = header.problems
    assert "invalid YAML" in problem and "line" in problem
    assert "\n" not in problem


def test_frontmatter_unterminated_is_no_header():
    header = read_header(f"---\nsource: Le Point\n{BODY}\n")
    assert (header.end, header.fields) == (0, {})
    assert "no closing" in header.problems[0]


def test_frontmatter_empty_block():
    header = read_header(f"---\n---\n{BODY}")
    assert (header.fields, header.problems) == ({}, ())
    assert header.end == len("---\n---\n")


@pytest.mark.parametrize(
    "text",
    [BODY, "-- pas un bloc\n" + BODY, "----\n" + BODY, "Titre\n---\nsource: x\n---\n" + BODY],
)
def test_frontmatter_absent(text):
    assert read_header(text).end == 0


@pytest.mark.parametrize(
    "text, date, body",
    [
        (" date 2025-09-15 " + BODY, dt.date(2025, 9, 15), BODY),
        ("date 2024-02-29\n\n" + BODY, dt.date(2024, 2, 29), BODY),
        ("\ufeff date 2025-01-01 " + BODY, dt.date(2025, 1, 1), BODY),
    ],
)
def test_frontmatter_date_header(text, date, body):
    header = read_header(text)
    assert header.fields == {"date": date}
    assert text[header.end :] == body


def test_frontmatter_date_header_invalid_date():
    text = " date 2025-02-30 " + BODY
    header = read_header(text)
    assert header.fields == {}
    assert text[header.end :] == BODY
    assert "bad date" in header.problems[0]


def test_frontmatter_date_word_in_prose_is_not_a_header():
    assert read_header("date limite 2025-09-15 pour les candidatures.").end == 0


def test_frontmatter_clean_metadata_alias_choice_ignores_key_order():
    assert clean_metadata({"source": "A", "outlet": "B"}) == ({"outlet": "B"}, [])
    assert clean_metadata({"outlet": "B", "source": "A"}) == ({"outlet": "B"}, [])


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
        (dt.datetime(2025, 1, 2, 23, 59), dt.date(2025, 1, 2)),
        ("2025-01-02", dt.date(2025, 1, 2)),
        ("2025-01-02T10:00:00Z", dt.date(2025, 1, 2)),
        ("2 janvier 2025", None),
        (20250102.5, None),
    ],
)
def test_frontmatter_parse_date(value, expected):
    date, problem = parse_date(value)
    assert date == expected
    assert (problem is None) == (expected is not None)


# --- untrusted YAML -----------------------------------------------------------------------


def test_frontmatter_aliases_are_refused_so_a_billion_laughs_cannot_hang():
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    text = "---\n" + "\n".join(levels) + "\ntitle: *i\n---\n" + BODY
    header = read_header(text)
    assert header.fields == {}
    [problem] = header.problems
    assert "aliases (*name) are not allowed" in problem and "(line 3)" in problem
    assert text[header.end :] == BODY


def test_frontmatter_anchor_without_alias_is_fine():
    assert read_header(f"---\ntitle: &t Incendie\n---\n{BODY}").fields == {"title": "Incendie"}


def test_frontmatter_over_the_size_cap_is_not_parsed_but_still_skipped():
    from claimdiff.corpus.frontmatter import MAX_FRONT_MATTER_CHARS

    text = "---\ntitle: " + "x" * MAX_FRONT_MATTER_CHARS + "\n---\n" + BODY
    header = read_header(text)
    assert header.fields == {}
    [problem] = header.problems
    assert "over the limit of 65,536" in problem
    assert text[header.end :] == BODY  # the body is still the article alone


def test_frontmatter_duplicated_key_is_reported():
    header = read_header(f"---\ndate: 2025-07-13\ntitle: a\ndate: 2025-07-14\n---\n{BODY}")
    assert header.fields["date"] == dt.date(2025, 7, 14)
    assert header.problems == ("front matter: key 'date' given twice (lines 2 and 4); the last value is used",)


@pytest.mark.parametrize("value", ["20250714", "2025-W29-1", "2025"])
def test_frontmatter_date_must_be_written_yyyy_mm_dd(value):
    header = read_header(f"---\ndate: {value}\n---\n{BODY}")
    assert header.fields == {}
    assert header.problems == (f"front matter: date: bad date '{value}' (expected YYYY-MM-DD); date left unknown",)


def test_frontmatter_integer_date_gets_the_same_problem_as_in_jsonl():
    assert parse_date(20250714)[1] == parse_date("20250714")[1].replace("'", "")


def test_frontmatter_long_bad_value_is_quoted_short():
    header = read_header("---\nlanguage: " + "z" * 5000 + "\n---\n" + BODY)
    [problem] = header.problems
    assert len(problem) < 200 and "…" in problem
