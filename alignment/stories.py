"""Stories: which articles of a corpus tell the same story, so that their claims may be compared.

Articles published within a window of the first of a run (undated articles form a run of
their own) that share a pair of their most mentioned entities tell one story. Claims are
compared only within a story.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from claimdiff.base.unionfind import UnionFind
from claimdiff.claims.models import ArticleClaims

#: Articles published further apart than this are not assumed to tell the same story.
STORY_WINDOW_DAYS = 10
#: How many of an article's most mentioned entities say what its story is about; two
#: articles tell the same story when they share two of them.
TOPIC_SIZE = 6


def stories(
    extracted: Sequence[ArticleClaims],
    published: dict[str, dt.date | None],
    entity_of: dict[int, str],
    window_days: int = STORY_WINDOW_DAYS,
) -> dict[str, str]:
    """Source id -> story id (the smallest source id of the story).

    Articles linked by shared pairs of main entities form a group; a group's dated articles
    are cut into runs published within `window_days` of the run's first; an undated article
    joins the run it shares the most main entities with.
    """
    topics = _topics(extracted, entity_of)
    sources = sorted(a.source for a in extracted)
    story_of: dict[str, str] = {}
    for group in _by_shared_topics(sources, topics):
        dated = sorted((s for s in group if published.get(s)), key=lambda s: (published[s], s))
        runs: list[list[str]] = []
        anchor: dt.date | None = None
        for source in dated:
            when = published[source]
            assert when is not None
            if anchor is None or (when - anchor).days > window_days:
                runs.append([])
                anchor = when
            runs[-1].append(source)
        undated = [s for s in group if not published.get(s)]
        if not runs:
            runs = [undated]
        else:
            for source in undated:
                shared = [len(topics.get(source, frozenset()) & set().union(*(topics.get(m, frozenset()) for m in run))) for run in runs]
                runs[max(range(len(runs)), key=lambda i: (shared[i], -i))].append(source)
        for run in runs:
            story = min(run)
            for source in run:
                story_of[source] = story
    return _place_loners(story_of, extracted, published, entity_of, topics, window_days)


def _place_loners(
    story_of: dict[str, str],
    extracted: Sequence[ArticleClaims],
    published: dict[str, dt.date | None],
    entity_of: dict[int, str],
    topics: dict[str, frozenset[str]],
    window_days: int,
) -> dict[str, str]:
    """An article alone in its story joins the story, within the date window, whose articles
    name two of its main entities or more (the most of them): a live blog or a local angle
    ranks other names first, yet tells the same story."""
    members: dict[str, list[str]] = {}
    for source, story in story_of.items():
        members.setdefault(story, []).append(source)
    named: dict[str, set[str]] = {}
    for article in extracted:
        named[article.source] = {entity_of[id(c)] for c in article.claims if id(c) in entity_of}
    out = dict(story_of)
    for story, alone in sorted(members.items()):
        if len(alone) != 1:
            continue
        source = alone[0]
        when = published.get(source)
        best: tuple[int, str] | None = None
        for other, group in sorted(members.items()):
            if other == story or len(group) < 2:
                continue
            dates = [d for s in group if (d := published.get(s)) is not None]
            if when is not None and dates and min(abs((when - d).days) for d in dates) > window_days:
                continue
            shared = len(topics.get(source, frozenset()) & set().union(*(named.get(s, set()) for s in group)))
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, other)
        if best is not None:
            out[source] = best[1]
    return out


def _by_shared_topics(sources: list[str], topics: dict[str, frozenset[str]]) -> list[list[str]]:
    """Sources grouped by a shared pair of main entities (transitively)."""
    if len(sources) == 1:
        return [sources]
    uf = UnionFind()
    first_with_pair: dict[tuple[str, ...], str] = {}
    for source in sorted(sources):
        uf.find(source)
        topic = sorted(topics.get(source, ()))
        # An article that names a single main entity shares its story through that one.
        for pair in combinations(topic, 2) if len(topic) > 1 else [tuple(topic)] if topic else []:
            uf.union(source, first_with_pair.setdefault(pair, source))
    for source in sorted(sources):  # after every single is known, whatever the order of sources
        topic = sorted(topics.get(source, ()))
        if len(topic) > 1:
            for entity in topic:
                single = first_with_pair.get((entity,))
                if single is not None:
                    uf.union(source, single)
    groups: dict[str, list[str]] = {}
    for source in sorted(sources):
        groups.setdefault(uf.find(source), []).append(source)
    return [groups[k] for k in sorted(groups)]


def _topics(extracted: Sequence[ArticleClaims], entity_of: dict[int, str], size: int = TOPIC_SIZE) -> dict[str, frozenset[str]]:
    """Each article's most mentioned entities: who and what its story is about.

    At equal counts people, events and organisations say more about a story than the
    countries that most articles of a corpus mention.
    """
    out = {}
    for article in extracted:
        counts = Counter(entity_of[id(c)] for c in article.claims if id(c) in entity_of)
        out[article.source] = frozenset(sorted(counts, key=lambda e: (-counts[e], _is_place(e), e))[:size])
    return out


def _is_place(entity_id: str) -> bool:
    """Countries are keyed by their ISO code, places by "place:"."""
    return entity_id.startswith("place:") or (len(entity_id) == 2 and entity_id.isupper())
