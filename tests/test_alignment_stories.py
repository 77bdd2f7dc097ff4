"""Stories (alignment/stories.py): which articles of a corpus are compared with each other."""

from __future__ import annotations

import datetime as dt

import pytest

from claimdiff.alignment.stories import stories
from claimdiff.claims.models import ArticleClaims, EntityClaim, EntityType, Span

DAY = dt.date(2025, 10, 13)


def _corpus(mentions: dict[str, list[str]]) -> tuple[list[ArticleClaims], dict[int, str]]:
    """Articles whose claims are mentions of the given entity keys (one mention per entry)."""
    extracted, entity_of = [], {}
    for source, keys in mentions.items():
        claims = []
        for i, key in enumerate(keys):
            span = Span(source=source, start=i * 10, end=i * 10 + 5, text=key[:5])
            claim = EntityClaim(source=source, span=span, sentence=span, entity_type=EntityType.place, name=key, key=key)
            claims.append(claim)
        article = ArticleClaims(source=source, claims=claims)
        entity_of.update({id(c): c.key for c in article.claims})
        extracted.append(article)
    return extracted, entity_of


# The story's main entities, and two it names less often.
MAIN = [f"place:town-{i}" for i in range(6) for _ in range(3)] + ["place:marches", "org:protection-civile"]


def test_stories_articles_sharing_a_pair_of_main_entities_are_one_story() -> None:
    extracted, entity_of = _corpus({"a": MAIN, "b": MAIN})
    assert stories(extracted, {"a": DAY, "b": DAY}, entity_of) == {"a": "a", "b": "a"}


@pytest.mark.parametrize(
    "loner, days_later, joins",
    [
        # its own names first, then two that the story's articles name: it joins
        (["place:visso"] * 3 + ["place:camerino"] * 3 + ["place:marches"] * 2 + ["org:protection-civile"] * 2, 1, True),
        # only one of the story's names: a story of its own
        (["place:visso"] * 3 + ["place:camerino"] * 3 + ["place:marches"], 1, False),
        # two of the story's names, but published a month later: another story
        (["place:visso"] * 3 + ["place:marches", "org:protection-civile"], 30, False),
    ],
    ids=["two-shared-names", "one-shared-name", "outside-the-window"],
)
def test_stories_an_article_alone_joins_the_story_naming_two_of_its_main_entities(
    loner: list[str], days_later: int, joins: bool
) -> None:
    extracted, entity_of = _corpus({"a": MAIN, "b": MAIN, "c": loner})
    published = {"a": DAY, "b": DAY, "c": DAY + dt.timedelta(days=days_later)}
    assert stories(extracted, published, entity_of)["c"] == ("a" if joins else "c")


@pytest.mark.parametrize("single", ["a", "z"])
def test_stories_an_article_naming_one_main_entity_joins_whatever_the_order_of_sources(single: str) -> None:
    # "z" sorts after the articles it shares its only main entity with, "a" before them.
    others = {"m": ["event:milton", "place:florida", "place:siesta-key"], "n": ["event:milton", "place:siesta-key"]}
    extracted, entity_of = _corpus({**others, single: ["event:milton"]})
    story_of = stories(extracted, {s: DAY for s in [*others, single]}, entity_of)
    assert len(set(story_of.values())) == 1, story_of
