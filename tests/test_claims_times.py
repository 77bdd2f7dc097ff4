"""Clock times (claims/times.py): the YAML cases of tests/fixtures/extractors/times.yml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdiff.claims.extract import extract_article
from claimdiff.claims.models import TimeClaim
from claimdiff.corpus.models import Article, Source

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/extractors/times.yml").read_text(encoding="utf-8"))["cases"]
pytestmark = pytest.mark.slow  # times take their frame from the parse


def _times(case: dict[str, Any]) -> list[TimeClaim]:
    published = case.get("published")
    date = published if isinstance(published, dt.date) or published is None else dt.date.fromisoformat(str(published))
    source = Source(id="case", path="case.txt", language=case.get("language", "fr"), date=date)
    return [c for c in extract_article(Article(source=source, text=case["text"])).claims if isinstance(c, TimeClaim)]


_FRAME = ("head", "verb", "verb_class")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claims_times_case(case: dict[str, Any]) -> None:
    claims = _times(case)
    expected = case["claims"] or []
    assert [c.span.text for c in claims] == [e["span"] for e in expected]
    for claim, want in zip(claims, expected, strict=True):
        for field, value in want.items():
            if field == "span":
                continue
            got = getattr(claim.frame, field) if field in _FRAME else getattr(claim, field)
            got = got.value if hasattr(got, "value") else got
            assert got == value, f"{field} of {claim.span.text!r}"
