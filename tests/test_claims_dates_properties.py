"""Property tests of the dates extractor: robustness on any text, and French round trips."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.claims import dates
from claimdiff.claims.extract import prepare
from claimdiff.claims.models import DateClaim
from claimdiff.corpus.models import Article, Source

# Words that make the scanner work hard: date vocabulary, numbers, punctuation, and the
# characters the normaliser maps or deletes (apostrophes, no-break spaces, soft hyphens).
TOKENS = [
    "lundi", "Mardi", "vendredi", "dimanche", "janvier", "février", "août", "sept.", "décembre", "Mars",
    "1er", "12", "16", "31", "32", "0", "2025", "1994", "1500", "99", "2025-09-12", "12/09/2025", "31/02/2024",
    "le", "Le", "ce", "du", "au", "les", "et", "entre", "en", "de", "depuis", "jusqu'à", "jusqu’à", "à partir du",
    "hier", "Hier,", "aujourd'hui", "avant-hier", "demain", "fin", "début", "mi-", "mi", "courant",
    "la semaine dernière", "ce week-end", "l'an dernier", "il y a", "trois", "jours", "ans", "dernier", "prochain",
    "printemps", "l'été", "hiver", "années", "90", "la nuit", "dans la nuit du", "(AFP) -", "PARIS,", "(Reuters)",
    "a", "ont", "sera", "doivent", "débuté", "achevé", "libéré", "sommet", "d'ici", "Zapad-2025", "Covid-19",
    ",", ".", ";", ":", "(", ")", "«", "»", "\n", "\n\n", "\u00a0", "\u00ad", "\u200b", "’", "-", "—",
]

texts = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=40).map(" ".join)
publications = st.one_of(st.none(), st.dates())
years = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def _run(text: str, published: dt.date | None = None, body_start: int = 0) -> tuple[Article, list[DateClaim]]:
    article = Article(source=Source(id="p", path="p.txt", date=published, body_start=body_start), text=text)
    return article, list(dates.extract(prepare(article)))


@settings(max_examples=300, deadline=None)
@given(texts, publications, st.integers(min_value=0, max_value=20))
def test_claims_dates_any_text_gives_exact_spans(text: str, published: dt.date | None, header: int) -> None:
    article, claims = _run(text, published, body_start=min(header, len(text)))
    for claim in claims:
        assert article.text[claim.span.start : claim.span.end] == claim.span.text
        assert article.text[claim.sentence.start : claim.sentence.end] == claim.sentence.text
        assert claim.span.start >= article.source.body_start
        assert (claim.start is None) == (claim.end is None) == (claim.precision == "unknown")
        if claim.start is not None and claim.end is not None:
            assert claim.start <= claim.end


@settings(max_examples=200, deadline=None)
@given(years, st.sampled_from(["weekday", "plain", "numeric", "iso"]))
def test_claims_dates_french_round_trip(date: dt.date, style: str) -> None:
    written = {
        "weekday": "le " + dates.format_date(date, code="fr"),
        "plain": "le " + dates.format_date(date, weekday=False, code="fr"),
        "numeric": "le " + date.strftime("%d/%m/%Y"),
        "iso": "le " + date.isoformat(),
    }[style]
    text = f"Le traité a été signé {written} à Genève."
    _, claims = _run(text)
    assert [(c.span.text, c.start, c.end, c.precision, c.weekday_mismatch) for c in claims] == [
        (written, date, date, "day", False)
    ]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(min_value=0, max_value=40))
def test_claims_dates_yearless_weekday_date_round_trip(date: dt.date, days_later: int) -> None:
    published = date + dt.timedelta(days=days_later)
    written = dates.format_date(date, year=False, code="fr")
    _, claims = _run(f"La réunion s'est tenue {written} à Vienne.", published)
    assert [(c.start, c.weekday_mismatch) for c in claims] == [(date, False)]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(min_value=0, max_value=6))
def test_claims_dates_bare_weekday_is_the_latest_on_or_before_publication(published: dt.date, back: int) -> None:
    day = published - dt.timedelta(days=back)
    weekday = dates.format_date(day, code="fr").split()[0]
    _, claims = _run(f"Les négociations ont repris {weekday} à Doha.", published)
    assert [(c.span.text, c.start, c.relative) for c in claims] == [(weekday, day, True)]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_claims_dates_month_year_round_trip(date: dt.date) -> None:
    month = dates.format_date(date, weekday=False, code="fr").split()[-2]
    _, claims = _run(f"L'accord a été conclu en {month} {date.year}, selon Kiev.")
    (claim,) = claims
    assert claim.start == date.replace(day=1)
    assert claim.end is not None and claim.end.month == date.month and (claim.end + dt.timedelta(days=1)).day == 1
