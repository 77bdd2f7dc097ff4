"""Matching of frames (alignment/matching.py): blocking, average linkage, vetoes, and what
alignment reports it compared. Items are built by hand (tests/alignment_cases.py)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from claimdiff.alignment import features, matching
from claimdiff.alignment.align import align, same_value, specific_value
from claimdiff.alignment.features import Item

from alignment_cases import make_item
from rule_cases import build_corpus

#: A frame two sources share strongly: the same head lemma and the same event.
DEAD = {"head": "mort", "head_class": "dead", "event": "kill"}


def _items(*specs: dict[str, Any]) -> list[Item]:
    return [make_item(spec) for spec in specs]


def _match(items: list[Item], idf: dict[str, float] | None = None) -> tuple[list[list[Item]], list[Item]]:
    matches, alone = matching.match(items, idf or {}, same_value, specific_value)
    return [m.items for m in matches], alone


def _names(groups: list[list[Item]]) -> list[list[tuple[str, float]]]:
    """Each group as (source, value) pairs, to read failures."""
    return [[(i.source, i.claim.value) for i in g] for g in groups]  # type: ignore[union-attr]


@pytest.fixture
def compared_pairs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Item, Item]]:
    """Every pair matching scores, in order."""
    pairs: list[tuple[Item, Item]] = []
    real = matching.compare

    def spy(a: Item, b: Item, *args: Any, **kwargs: Any) -> features.Features:
        pairs.append((a, b))
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(matching, "compare", spy)
    return pairs


# ---------------------------------------------------------------------------- blocking


def test_matching_compares_only_items_of_one_block(compared_pairs: list[tuple[Item, Item]]) -> None:
    items = _items(
        {"source": "a", **DEAD, "value": 12},
        {"source": "b", **DEAD, "value": 12},
        {"source": "a", **DEAD, "block": "money:EUR", "value": 12},
        {"source": "b", **DEAD, "block": "money:USD", "value": 12},
        {"source": "c", **DEAD, "story": "other", "value": 12},
        {"source": "c", **DEAD, "kind": "date"},
    )
    groups, alone = _match(items)
    assert compared_pairs, "nothing was compared"
    for a, b in compared_pairs:
        assert (a.story, a.kind, a.block) == (b.story, b.kind, b.block)
    assert len(compared_pairs) == 1  # only the two counts of story s
    assert [[i.source for i in g] for g in groups] == [["a", "b"]]
    assert len(alone) == 4


def test_matching_splits_an_oversized_block_by_head_class(
    monkeypatch: pytest.MonkeyPatch, compared_pairs: list[tuple[Item, Item]]
) -> None:
    monkeypatch.setattr(matching, "MAX_BLOCK", 3)
    items = _items(
        *({"source": s, **DEAD, "value": 10} for s in "abcd"),
        {"source": "a", "head": "blessé", "head_class": "wounded", "value": 30},
        {"source": "b", "head": "blessé", "head_class": "wounded", "value": 30},
    )
    groups, _ = _match(items)
    assert all(a.head_class == b.head_class for a, b in compared_pairs)
    # Each part keeps at most MAX_BLOCK items: one of the four counts of the dead is left out.
    assert sorted(len(g) for g in groups) == [2, 3]


# ---------------------------------------------------------------------------- linkage


def test_matching_groups_one_fact_stated_by_three_sources() -> None:
    groups, alone = _match(_items({"source": "a", **DEAD, "value": 10}, {"source": "b", **DEAD, "value": 10}, {"source": "c", **DEAD, "value": 12}))
    assert _names(groups) == [[("a", 10), ("b", 10), ("c", 12)]]
    assert alone == []


def test_matching_keeps_two_facts_apart() -> None:
    delegations = {"head": "délégation", "head_class": "delegations", "event": "attend"}
    journalists = {"head": "journaliste", "head_class": "journalists", "event": "attend"}
    groups, alone = _match(
        _items(
            {"source": "a", **delegations, "value": 30},
            {"source": "a", "sentence": 2, **journalists, "value": 80},
            {"source": "b", **delegations, "value": 31},
            {"source": "b", "sentence": 2, **journalists, "value": 85},
        )
    )
    assert _names(groups) == [[("a", 30), ("b", 31)], [("a", 80), ("b", 85)]]
    assert alone == []


# Scores: a~b strong (head, event, anchor); a~c only through a rare context word (CONTEXT,
# a weak link); b~c nothing. With different values, c must match the whole group {a, b}.
_ANCHORED = {**DEAD, "anchor": "person:hiller", "anchor_close": True}
_AVERAGE = (
    {"source": "a", **_ANCHORED, "context": ["hiller"]},
    {"source": "b", **_ANCHORED},
    {"source": "c", "context": ["hiller"]},
)


def test_matching_average_linkage_needs_the_whole_group() -> None:
    idf = {"hiller": 1.0}
    a, b, c = (make_item({**spec, "value": v}) for spec, v in zip(_AVERAGE, (10, 12, 15)))
    assert matching.compare(a, c, idf, False).strength == "weak"
    groups, alone = _match([a, c], idf)
    assert _names(groups) == [[("a", 10), ("c", 15)]]  # alone with a, c would join it
    groups, alone = _match([a, b, c], idf)
    assert _names(groups) == [[("a", 10), ("b", 12)]]
    assert [i.source for i in alone] == ["c"]


def test_matching_equal_values_chain_into_one_agreement() -> None:
    items = [make_item({**spec, "value": 15}) for spec in _AVERAGE]
    groups, alone = _match(items, {"hiller": 1.0})
    assert _names(groups) == [[("a", 15), ("b", 15), ("c", 15)]]
    assert alone == []


def test_matching_a_veto_bars_a_merge() -> None:
    # a and b are both tied to c, but name two different places: they never share a group.
    groups, alone = _match(
        _items(
            {"source": "a", **DEAD, "place": "place:lyon", "context": ["gare"], "value": 10},
            {"source": "b", **DEAD, "place": "place:paris", "value": 11},
            {"source": "c", **DEAD, "context": ["gare"], "value": 12},
        ),
        {"gare": 1.0},
    )
    assert _names(groups) == [[("a", 10), ("c", 12)]]
    assert [i.source for i in alone] == ["b"]


def test_matching_a_cap_lets_only_equal_figures_agree() -> None:
    part = {**DEAD, "part": "subset"}
    groups, _ = _match(_items({"source": "a", **part, "value": 4}, {"source": "b", **DEAD, "value": 9}))
    assert groups == []
    groups, _ = _match(_items({"source": "a", **part, "value": 4}, {"source": "b", **DEAD, "value": 4}))
    assert _names(groups) == [[("a", 4), ("b", 4)]]


# ---------------------------------------------------------------------------- one source


def test_matching_one_sources_two_different_figures_are_kept_apart_unless_strongly_tied() -> None:
    weakly = {"head": "mort", "head_class": "dead"}  # a shared head alone: a weak link
    groups, _ = _match(
        _items(
            {"source": "a", **weakly, "value": 10},
            {"source": "a", "sentence": 2, **weakly, "value": 14},
            {"source": "b", **weakly, "value": 12},
        )
    )
    assert all(len([i for i in g if i.source == "a"]) <= 1 for g in groups), _names(groups)
    groups, _ = _match(
        _items(
            {"source": "a", **DEAD, "value": 10},
            {"source": "a", "sentence": 2, **DEAD, "value": 14},
            {"source": "b", **DEAD, "value": 12},
        )
    )
    assert _names(groups) == [[("a", 10), ("a", 14), ("b", 12)]]


def test_matching_one_source_contradicting_itself_is_kept() -> None:
    groups, alone = _match(_items({"source": "a", **DEAD, "value": 10}, {"source": "a", "sentence": 2, **DEAD, "value": 14}))
    assert _names(groups) == [[("a", 10), ("a", 14)]]
    assert alone == []


def test_matching_drops_a_group_of_one_source_repeating_itself() -> None:
    groups, alone = _match(_items({"source": "a", **DEAD, "value": 10}, {"source": "a", "sentence": 2, **DEAD, "value": 10}))
    assert groups == []
    assert len(alone) == 2


def test_matching_links_hold_the_features_of_every_pair_of_a_group() -> None:
    items = _items({"source": "a", **DEAD, "value": 10}, {"source": "b", **DEAD, "value": 10}, {"source": "c", **DEAD, "value": 12})
    (found,), _ = matching.match(items, {}, same_value, specific_value)
    assert len(found.links) == 3
    ab, ac = found.link(items[0], items[1]), found.link(items[2], items[0])
    assert ab is not None and ab.value == features.SAME_VALUE
    assert ac is not None and ac.value == 0 and ac.strength == "strong"


# ---------------------------------------------------------------------------- the Alignment summary


def test_alignment_counts_compared_and_unmatched_claims() -> None:
    sources, extracted = build_corpus(
        [
            {"source": "a", "type": "quantity", "text": "14 prisonniers", "value": 14, "head": "prisonnier", "head_class": "prisoners", "verb_class": "release"},
            {"source": "b", "type": "quantity", "text": "14 détenus", "value": 14, "head": "détenu", "head_class": "prisoners", "verb_class": "release"},
            {"source": "b", "type": "quantity", "text": "3 pays", "value": 3, "head": "pays", "head_class": "countries", "verb_class": "border"},
            {"source": "a", "type": "quantity", "text": "12 morts", "value": 12, "head": "mort", "head_class": "dead", "temporal": "previous"},
            {"source": "a", "type": "date", "text": "le 19 décembre", "start": "2022-12-19", "verb_class": "release"},
            {"source": "a", "type": "person", "text": "Alexandre Loukachenko"},
        ],
        published={"a": "2022-12-20", "b": "2022-12-20"},
        story=["Minsk", "Biélorussie"],
    )
    alignment = align(sources, extracted)
    # A superseded figure and a person are not compared; the prisoners found each other.
    assert alignment.compared == 4
    assert alignment.unmatched == {"date": 1, "quantity": 1}
    assert len(alignment.items) == alignment.compared
    matched = [g for g in alignment.groups if g.kind.value == "quantity"]
    assert [sorted(c.span.text for c in g.claims) for g in matched] == [["14 détenus", "14 prisonniers"]]


def test_alignment_counts_nothing_for_an_empty_corpus() -> None:
    sources, extracted = build_corpus([{"source": "a", "type": "person", "text": "Alexandre Loukachenko"}])
    alignment = align(sources, extracted)
    assert (alignment.compared, alignment.unmatched, alignment.items) == (0, {}, [])


# ---------------------------------------------------------------------------- the heap and the screen


def _rescanning_linkage(n: int, links: dict[tuple[int, int], features.Features]) -> list[list[int]]:
    """The reference: average linkage that rescans every pair of groups at each merge, taking
    the highest linkage and, of equal ones, the first pair (x, y) in order."""
    members = {i: [i] for i in range(n)}
    pairs = {k: f for k, f in links.items()}
    while True:
        best = None
        for x in sorted(members):
            for y in sorted(members):
                if y <= x:
                    continue
                cross = [pairs[(min(i, j), max(i, j))] for i in members[x] for j in members[y]]
                if any(f.veto is not None for f in cross):
                    continue
                if all(f.value for f in cross):
                    linkage = max(f.score for f in cross)
                else:
                    linkage = sum(f.score for f in cross) / len(cross)
                if linkage >= features.WEAK and (best is None or linkage > best[0]):
                    best = (linkage, x, y)
        if best is None:
            return [members[k] for k in sorted(members)]
        _, x, y = best
        members[x] = sorted(members[x] + members.pop(y))


def _random_links(rng: random.Random, n: int) -> dict[tuple[int, int], features.Features]:
    """Scores on a coarse grid (sums of one or two weights), so that ties are frequent."""
    links = {}
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < 0.2:
                links[(i, j)] = features.Features(veto="test")
            else:
                score = rng.choice([0.0, 1.0, 1.5, 2.0, 3.0, 3.0, 3.5, 4.0, 4.5, 6.0])
                links[(i, j)] = features.Features(head=score, value=features.SAME_VALUE if rng.random() < 0.3 else 0.0)
    return links


@pytest.mark.parametrize("seed", range(60))
def test_matching_heap_linkage_groups_as_rescanning_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 12)
    links = _random_links(rng, n)
    assert matching._average_linkage(n, links) == _rescanning_linkage(n, links)


def test_matching_equal_linkages_merge_the_first_pair_of_groups() -> None:
    # 0~1 and 1~2 are equally strong, 0 and 2 cannot share a group: the first pair, (0, 1), wins.
    link, veto = features.Features(head=4.0), features.Features(veto="test")
    assert matching._average_linkage(3, {(0, 1): link, (1, 2): link, (0, 2): veto}) == [[0, 1], [2]]
    assert matching._average_linkage(3, {(0, 1): veto, (1, 2): link, (0, 2): link}) == [[0, 2], [1]]
    assert matching._average_linkage(3, {(0, 1): link, (1, 2): link, (0, 2): link}) == [[0, 1, 2]]


_HEADS = [("mort", "dead"), ("victime", "dead"), ("blessé", "wounded"), ("personne", None), (None, None)]


def _random_item(rng: random.Random, n: int) -> Item:
    head, head_class = rng.choice(_HEADS)
    spec: dict[str, Any] = {
        "source": rng.choice("abc"),
        "sentence": n,
        "head": head,
        "head_class": head_class,
        "event": rng.choice([None, "kill", "kill", "wound", "attend"]),
        "verb": rng.choice([None, "tuer", "abattre"]),
        "anchor": rng.choice([None, "person:hiller", "org:nato"]),
        "anchor_close": rng.random() < 0.5,
        "entities": rng.sample(["person:hiller", "org:nato", "FR"], rng.randint(0, 2)),
        "place": rng.choice([None, None, None, "place:lyon", "place:paris"]),
        "part": rng.choice([None, None, None, "subset", "rest"]),
        "anaphoric": rng.random() < 0.1,
        "context": rng.sample(["gare", "attaque", "soir", "police", "jewellery", "jewelry"], rng.randint(0, 3)),
        "value": rng.choice([10, 10, 12, 30]),
    }
    return make_item(spec)


_IDF = {"gare": 2.0, "attaque": 1.0, "soir": 0.3, "police": 0.5, "jewellery": 1.5, "jewelry": 1.5}


@pytest.mark.parametrize("seed", range(40))
def test_matching_groups_as_if_every_pair_of_the_block_were_scored(seed: int) -> None:
    """The screen (features.may_link) never keeps apart what scoring every pair would group."""
    rng = random.Random(seed)
    block = [_random_item(rng, n) for n in range(rng.randint(2, 14))]
    links = matching._score(block, _IDF, same_value, specific_value)
    expected = [g for g in _rescanning_linkage(len(block), links) if len(g) > 1 and not _one_repeating_source(g, block, links)]
    found, alone = matching._group(block, _IDF, same_value, specific_value)
    index = {id(item): n for n, item in enumerate(block)}
    assert [[index[id(i)] for i in m.items] for m in found] == expected
    assert sorted(index[id(i)] for i in alone) == sorted(set(range(len(block))) - {i for g in expected for i in g})
    for m, g in zip(found, expected):
        assert m.links == {(id(block[i].claim), id(block[j].claim)): links[(i, j)] for i in g for j in g if i < j}


def _one_repeating_source(group: list[int], block: list[Item], links: dict[tuple[int, int], features.Features]) -> bool:
    """A group of one source without a strong clash: matching reports its items alone."""
    pairs = [links[(i, j)] for i in group for j in group if i < j]
    return len({block[i].source for i in group}) < 2 and not any(f.strength == "strong" and not f.value for f in pairs)


@pytest.mark.parametrize("seed", range(20))
def test_matching_screen_lets_every_linking_pair_through(seed: int) -> None:
    rng = random.Random(1000 + seed)
    block = [_random_item(rng, n) for n in range(12)]
    links = matching._score(block, _IDF, same_value, specific_value)
    for (i, j), f in links.items():
        if f.veto is None and f.score >= features.WEAK:
            assert features.may_link(block[i], block[j], _IDF, same_value, specific_value), (i, j, f)


def test_alignment_anchors_a_retyped_person_to_the_place() -> None:
    # b's model read "Kathmandu" as a person; the corpus writes it as a place, and so does
    # the anchor of b's time, so that both times are anchored to one place.
    sources, extracted = build_corpus(
        [
            {"source": "a", "type": "entity", "text": "Kathmandu", "key": "place:kathmandu", "entity_type": "place"},
            {"source": "a", "type": "time", "text": "10:33", "at": "10:33", "anchor": "place:kathmandu"},
            {"source": "b", "type": "person", "text": "Kathmandu"},
            {"source": "b", "type": "time", "text": "10:32", "at": "10:32", "anchor": "person:kathmandu"},
        ],
        published={"a": "2024-03-12", "b": "2024-03-12"},
        story=["Nepal", "Pokhara"],
    )
    alignment = align(sources, extracted)
    anchors = {i.source: i.anchor for i in alignment.items}
    assert anchors["a"] == anchors["b"]
    assert anchors["b"] is not None and anchors["b"].startswith("place:")


# ---------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"start": "2013-07-21", "end": "2013-07-31", "precision": "days"}, {"start": "2013-07-01", "end": "2013-07-31", "precision": "month"}, True),
        ({"start": "2013-07-01", "end": "2013-07-31", "precision": "month"}, {"start": "2013-01-01", "end": "2013-12-31", "precision": "year"}, True),
        ({"start": "2013-07-21", "end": "2013-08-02", "precision": "days"}, {"start": "2013-07-01", "end": "2013-07-31", "precision": "month"}, False),
        # A day inside a month is not the same value: "9 July" is no more "July" than "10 July".
        ({"start": "2013-07-09"}, {"start": "2013-07-01", "end": "2013-07-31", "precision": "month"}, False),
    ],
)
def test_align_same_value_a_period_inside_another(first: dict[str, Any], second: dict[str, Any], same: bool) -> None:
    a = make_item({"kind": "date", "block": "day", **first}, "a")
    b = make_item({"kind": "date", "block": "day", **second}, "b")
    assert same_value(a, b) is same
    assert same_value(b, a) is same
