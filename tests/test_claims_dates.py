"""Tests of the dates extractor: calendar arithmetic, YAML cases, provenance, seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff.claims import calendar as cal
from claimdiff.base import lexicon
from claimdiff.claims import dates
from claimdiff.claims.extract import prepare
from claimdiff.claims.models import DateClaim
from claimdiff.corpus.models import Article, Source
from claimdiff.corpus.reader import read_corpus
from claimdiff.base.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests/fixtures/extractors/dates.yml").read_text(encoding="utf-8"))["cases"]
GOLD = yaml.safe_load((ROOT / "seeds/gold.yaml").read_text(encoding="utf-8"))
Seeds = dict[str, tuple[Article, list[DateClaim]]]
FIELDS = (
    "start", "end", "precision", "relative", "weekday_mismatch", "month", "month_days", "year_shift", "year_months",
    "head", "verb", "verb_class",
)
FRAME_FIELDS = ("head", "verb", "verb_class")


def _article(
    text: str, published: dt.date | None = None, body_start: int = 0, source_id: str = "case", language: str = "fr"
) -> Article:
    source = Source(id=source_id, path=f"{source_id}.txt", date=published, body_start=body_start, language=language)
    return Article(source=source, text=text)


def _extract(article: Article) -> tuple[list[DateClaim], dt.date | None]:
    doc = prepare(article)
    claims = list(dates.extract(doc))
    return claims, doc.publication_date


# ---------------------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("ref", "weekday", "on_or_before", "on_or_after", "before", "after"),
    [
        ("2025-09-15", 0, "2025-09-15", "2025-09-15", "2025-09-08", "2025-09-22"),  # a Monday, asked for Monday
        ("2025-09-15", 4, "2025-09-12", "2025-09-19", "2025-09-12", "2025-09-19"),
        ("2025-09-17", 1, "2025-09-16", "2025-09-23", "2025-09-16", "2025-09-23"),
    ],
)
def test_calendar_weekday_arithmetic(
    ref: str, weekday: int, on_or_before: str, on_or_after: str, before: str, after: str
) -> None:
    r = dt.date.fromisoformat(ref)
    assert cal.weekday_on_or_before(r, weekday).isoformat() == on_or_before
    assert cal.weekday_on_or_after(r, weekday).isoformat() == on_or_after
    assert cal.weekday_before(r, weekday).isoformat() == before
    assert cal.weekday_after(r, weekday).isoformat() == after


@pytest.mark.parametrize(
    ("ref", "direction", "expected"),
    [
        ("2025-09-17", -1, ("2025-09-13", "2025-09-14")),
        ("2025-09-17", -2, ("2025-09-13", "2025-09-14")),
        ("2025-09-17", 1, ("2025-09-20", "2025-09-21")),
        ("2025-09-13", -1, ("2025-09-13", "2025-09-14")),  # on a Saturday, "this weekend" is the current one
        ("2025-09-13", -2, ("2025-09-06", "2025-09-07")),
        ("2025-09-14", 2, ("2025-09-20", "2025-09-21")),
    ],
)
def test_calendar_weekend(ref: str, direction: int, expected: tuple[str, str]) -> None:
    start, end = cal.weekend(dt.date.fromisoformat(ref), direction)
    assert (start.isoformat(), end.isoformat()) == expected


def test_calendar_month_helpers() -> None:
    assert cal.shift_month(2025, 1, -1) == (2024, 12)
    assert cal.shift_month(2025, 12, 2) == (2026, 2)
    assert cal.month_interval(2024, 2, 21, 31) == (dt.date(2024, 2, 21), dt.date(2024, 2, 29))
    assert cal.week_of(dt.date(2025, 9, 15), -1) == (dt.date(2025, 9, 8), dt.date(2025, 9, 14))
    assert cal.safe_date(2023, 2, 29) is None


def test_calendar_years_matching_weekday() -> None:
    # 19 December is a Monday in 2016 and 2022, and in no other year of 2016..2028.
    assert cal.years_matching_weekday(12, 19, 0, 2022, 6) == [2016, 2022]
    assert cal.years_matching_weekday(2, 29, 3, 2024, 3) == [2024]  # a Thursday, the only leap day in range
    assert cal.years_matching_weekday(2, 29, 4, 2024, 3) == []


# ---------------------------------------------------------------------------- YAML cases


def _expected_value(field: str, value: Any) -> Any:
    if field in ("start", "end") and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if field in ("month_days", "year_months") and isinstance(value, list):
        return tuple(value)
    return value


def _case_params() -> list[Any]:
    """The cases; those of another language than French load its pipeline (slow), and a
    `known_gap` is a reading the extractor does not make yet (strict xfail)."""
    params = []
    for case in CASES:
        marks = [pytest.mark.slow] if case.get("language", "fr") != "fr" else []
        if "known_gap" in case:
            marks.append(pytest.mark.xfail(reason=case["known_gap"], strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _case_params())
def test_claims_dates_cases(case: dict[str, Any]) -> None:
    published = case.get("published")
    article = _article(case["text"], published, language=case.get("language", "fr"))
    claims, publication = _extract(article)
    got = [(c.span.text, {f: getattr(c.frame if f in FRAME_FIELDS else c, f) for f in FIELDS}) for c in claims]
    assert [g[0] for g in got] == [e["span"] for e in case["claims"]], got
    for (span, values), expected in zip(got, case["claims"], strict=True):
        for field, value in expected.items():
            if field == "span":
                continue
            assert values[field] == _expected_value(field, value), f"{span!r}.{field}: {values}"
    if "inferred" in case:
        assert publication == _expected_value("start", case["inferred"])
    if published is not None:
        assert publication == published


def test_claims_dates_fixture_has_enough_cases() -> None:
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["claims"]) >= 5


def test_claims_dates_fixture_has_english_cases() -> None:
    english = [c for c in CASES if c.get("language") == "en" and "known_gap" not in c]
    assert len(english) >= 15
    assert sum(1 for c in english if not c["claims"]) >= 3


# ---------------------------------------------------------------------------- provenance and inference


def test_claims_dates_spans_index_the_original_text_with_header_and_soft_hyphens() -> None:
    header = "date 2025-09-15\n"
    body = "Les ma\u00adnœuvres ont dé\u00adbuté ven\u00addredi et doivent se poursuivre jusqu\u2019à mardi."
    article = _article(header + body, dt.date(2025, 9, 15), body_start=len(header))
    claims, _ = _extract(article)
    assert [c.span.text for c in claims] == ["ven\u00addredi", "jusqu\u2019à mardi"]
    for claim in claims:
        assert article.text[claim.span.start : claim.span.end] == claim.span.text
        assert article.text[claim.sentence.start : claim.sentence.end] == claim.sentence.text
        assert claim.sentence.start >= len(header)
    assert [(c.start, c.frame.verb_class) for c in claims] == [
        (dt.date(2025, 9, 12), "start"),
        (dt.date(2025, 9, 16), "end"),
    ]


def test_claims_dates_header_is_never_read() -> None:
    header = "date 2025-09-15\n"
    article = _article(header + "Le ministre a démissionné.", dt.date(2025, 9, 15), body_start=len(header))
    claims, _ = _extract(article)
    assert claims == []


def test_claims_dates_inference_leaves_the_source_unchanged() -> None:
    article = _article("Le sommet, ouvert vendredi 12 septembre 2025, s'est achevé hier, mardi 16.")
    doc = prepare(article)
    list(dates.extract(doc))
    assert doc.publication_date == dt.date(2025, 9, 17)
    assert article.source.date is None


def test_claims_dates_known_publication_wins_over_inference() -> None:
    article = _article("PARIS, 3 mars 2024 (AFP) - Le ministre a démissionné hier.", dt.date(2024, 3, 10))
    claims, publication = _extract(article)
    assert publication == dt.date(2024, 3, 10)
    assert [(c.span.text, c.start) for c in claims] == [("hier", dt.date(2024, 3, 9))]


def test_claims_dates_dateline_is_not_an_event_date() -> None:
    claims, publication = _extract(_article("KIEV, 15 septembre 2025 (AFP) - Des frappes ont visé Kharkiv lundi."))
    assert publication == dt.date(2025, 9, 15)
    assert [c.span.text for c in claims] == ["lundi"]


def test_claims_dates_hedging_and_attribution_are_read() -> None:
    claims, _ = _extract(_article("Selon Reuters, les otages auraient été libérés jeudi.", dt.date(2025, 9, 17)))
    (claim,) = claims
    assert claim.hedged is True
    assert claim.attribution == "Reuters"
    assert claim.start == dt.date(2025, 9, 11)


def test_claims_dates_user_lexicon_extends_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "dates.yaml").write_text("relative_days:\n  ce jour: 0\n", encoding="utf-8")
    article = _article("Le traité entre en vigueur ce jour.", dt.date(2025, 9, 17))
    assert _extract(article)[0] == []
    lexicon.set_extra_dirs([tmp_path])
    try:
        claims, _ = _extract(article)
    finally:
        lexicon.set_extra_dirs([])
    assert [(c.span.text, c.start) for c in claims] == [("ce jour", dt.date(2025, 9, 17))]


def test_claims_dates_bad_user_lexicon_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir(exist_ok=True)
    (tmp_path / "fr" / "dates.yaml").write_text("weekdays:\n  lundi: x\n", encoding="utf-8")
    lexicon.set_extra_dirs([tmp_path])
    try:
        with pytest.raises(ConfigError, match="dates.yaml"):
            _extract(_article("Il est arrivé lundi.", dt.date(2025, 9, 17)))
    finally:
        lexicon.set_extra_dirs([])


@pytest.mark.parametrize(
    ("date", "weekday", "code", "expected"),
    [
        (dt.date(2024, 3, 1), True, "fr", "vendredi 1er mars 2024"),
        (dt.date(2025, 8, 15), False, "fr", "15 août 2025"),
        (dt.date(2022, 12, 19), True, "fr", "lundi 19 décembre 2022"),
    ],
)
def test_claims_dates_format_date(date: dt.date, weekday: bool, code: str, expected: str) -> None:
    assert dates.format_date(date, weekday=weekday, code=code) == expected


def test_claims_dates_format_date_needs_a_language() -> None:
    with pytest.raises(TypeError):
        dates.format_date(dt.date(2024, 3, 1))  # type: ignore[call-arg]


# ---------------------------------------------------------------------------- seeds


def _seed_claims() -> Seeds:
    articles, _ = read_corpus([str(ROOT / "seeds")])
    return {a.id: (a, _extract(a)[0]) for a in articles}


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    return _seed_claims()


def _claim_for(seeds: Seeds, evidence: dict[str, str]) -> DateClaim:
    """The date claim whose span holds the gold evidence text."""
    article, claims = seeds[evidence["source"]]
    text = article.text
    for claim in claims:
        start = text.find(evidence["text"], claim.span.start)
        if start != -1 and start + len(evidence["text"]) <= claim.span.end:
            return claim
    raise AssertionError(f"no date claim covers {evidence}")


DATE_ITEMS = [item for item in GOLD["items"] if item["kind"] == "date"]


@pytest.mark.parametrize("item", DATE_ITEMS, ids=[i["id"] for i in DATE_ITEMS])
def test_claims_dates_seed_gold_items(seeds: Seeds, item: dict[str, Any]) -> None:
    claims = [_claim_for(seeds, e) for e in item["evidence"]]
    intervals = {(c.start, c.end) for c in claims}
    assert all(c.start is not None for c in claims)
    if item["expect"] == "agree":
        assert len(intervals) == 1, intervals
        assert len({c.frame.verb_class for c in claims}) == 1
    elif item["expect"] == "flag":
        assert len(intervals) == len(claims), intervals
        assert len({c.frame.verb_class for c in claims}) == 1


@pytest.mark.parametrize(
    ("item_id", "expected"),
    [
        ("exercise-start", (dt.date(2025, 9, 12), "start")),  # the gold note: began Friday 12 September 2025
        ("exercise-end", (dt.date(2025, 9, 16), "end")),  # ended Tuesday 16 September 2025
    ],
)
def test_claims_dates_seed_exercise_dates(seeds: Seeds, item_id: str, expected: tuple[dt.date, str]) -> None:
    item = next(i for i in DATE_ITEMS if i["id"] == item_id)
    for evidence in item["evidence"]:
        claim = _claim_for(seeds, evidence)
        assert (claim.start, claim.frame.verb_class) == expected
        assert claim.end == claim.start


def test_claims_dates_seed_summit_dates_differ_within_one_article(seeds: Seeds) -> None:
    item = next(i for i in DATE_ITEMS if i["id"] == "summit-date-internal")
    first, second = (_claim_for(seeds, e) for e in item["evidence"])
    assert first.start == dt.date(2022, 12, 19) and not first.weekday_mismatch
    assert second.start is not None and second.start.month == 11 and second.start.year == 2022
    assert first.frame.verb_class == second.frame.verb_class == "meeting"


def test_claims_dates_seed_publication_inference() -> None:
    articles, _ = read_corpus([str(ROOT / "seeds")])
    inferred = {}
    for article in articles:
        doc = prepare(article)
        list(dates.extract(doc))
        inferred[article.id] = (article.source.date, doc.publication_date)
    headerless = {k: v[1] for k, v in inferred.items() if v[0] is None}
    assert headerless["002_f5f3b48e4ddd07e8"] == dt.date(2025, 9, 17)
    assert headerless["004_e15db3514e978ff6"] is not None and headerless["004_e15db3514e978ff6"].year == 2022
    for known, used in inferred.values():
        if known is not None:
            assert used == known
