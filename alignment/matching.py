"""Matching of claim frames across sources: blocking, pair features, and grouping.

Claims are compared only within a block (one story, one kind, one dimension; money in one
currency), so the cost grows with the size of the largest block, not with the corpus.
Within a block, every pair of items gets its features (alignment/features.py); items are
then grouped by average linkage: two groups merge while the average score of their pairs
is at least `features.WEAK`, never across a veto, and never so that one source gives two
different values unless a strong link says it contradicts itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claimdiff.alignment.features import WEAK, Features, Item, compare

#: Above this many items a block is split by head class: the pairs of one block are all scored.
MAX_BLOCK = 400


@dataclass
class Match:
    """Items that state one thing, and the features of each pair of them."""

    items: list[Item]
    links: dict[tuple[int, int], Features] = field(default_factory=dict)  # (id(claim a), id(claim b))

    def link(self, a: Item, b: Item) -> Features | None:
        return self.links.get((id(a.claim), id(b.claim))) or self.links.get((id(b.claim), id(a.claim)))


def match(
    items: Sequence[Item],
    idf: dict[str, float],
    same_value: Callable[[Item, Item], bool],
    specific: Callable[[Item], bool] = lambda item: False,
) -> tuple[list[Match], list[Item]]:
    """Groups of items from two sources or more, and the items that found no counterpart."""
    blocks: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
    for item in items:
        blocks[(item.story, item.kind, item.block)].append(item)
    matches: list[Match] = []
    alone: list[Item] = []
    for key in sorted(blocks):
        for block in _split(blocks[key]):
            found, left = _group(block, idf, same_value, specific)
            matches.extend(found)
            alone.extend(left)
    return matches, alone


def _split(block: list[Item]) -> list[list[Item]]:
    if len(block) <= MAX_BLOCK:
        return [block]
    parts: dict[str, list[Item]] = defaultdict(list)
    for item in block:
        parts[item.head_class or item.event or item.head or ""].append(item)
    return [parts[k][:MAX_BLOCK] for k in sorted(parts)]


def _group(
    block: list[Item], idf: dict[str, float], same_value: Callable[[Item, Item], bool], specific: Callable[[Item], bool]
) -> tuple[list[Match], list[Item]]:
    n = len(block)
    links: dict[tuple[int, int], Features] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = block[i], block[j]
            same = same_value(a, b)
            f = compare(a, b, idf, same, same and specific(a))
            if f.veto is None and f.caps and not same:
                # A cap (a part, a back-reference, a running total...) lets equal figures agree;
                # different ones are then not the same count at all.
                f = Features(veto=f"different figures: {f.caps[0]}")
            elif a.source == b.source and not (f.strength == "strong" or f.value):
                f = Features(veto="one source's two different figures, not tied strongly")
            links[(i, j)] = f
    clusters = _average_linkage(n, links)
    matches, alone = [], []
    for members in sorted(clusters, key=lambda c: c[0]):
        group = [block[i] for i in members]
        pair_links = {
            (id(block[i].claim), id(block[j].claim)): links[(i, j)] for i in members for j in members if i < j
        }
        # One source alone is kept only when it gives two strongly matched figures: it may
        # contradict itself ("lundi 19 décembre" ... "Ce 19 novembre", for one meeting).
        if len({item.source for item in group}) < 2 and not any(f.strength == "strong" and not f.value for f in pair_links.values()):
            alone.extend(group)
            continue
        matches.append(Match(group, pair_links))
    return matches, alone


def _average_linkage(n: int, links: dict[tuple[int, int], Features]) -> list[list[int]]:
    """Groups of item indices: merge the two groups of highest linkage while it is at least
    WEAK; a vetoed pair keeps its groups apart. The linkage is the average pair score, or the
    best pair score when every pair across the two groups states the same value: equal
    figures chain into one agreement, different ones need the whole group to match. Sums
    between groups are updated on each merge (Lance-Williams)."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)
    best_pair: dict[int, dict[int, float]] = defaultdict(dict)
    equal: dict[int, dict[int, bool]] = defaultdict(dict)
    barred: dict[int, set[int]] = defaultdict(set)
    for (i, j), f in links.items():
        if f.veto is not None:
            barred[i].add(j)
            barred[j].add(i)
        else:
            total[i][j] = total[j][i] = f.score
            best_pair[i][j] = best_pair[j][i] = f.score
            equal[i][j] = equal[j][i] = bool(f.value)
    while True:
        best: tuple[float, int, int] | None = None
        for x in sorted(members):
            for y, s in total[x].items():
                if y <= x or y in barred[x]:
                    continue
                linkage = best_pair[x][y] if equal[x][y] else s / (len(members[x]) * len(members[y]))
                if linkage >= WEAK and (best is None or linkage > best[0]):
                    best = (linkage, x, y)
        if best is None:
            break
        _, x, y = best
        members[x] = sorted(members[x] + members.pop(y))
        for table, combine in ((total, _add), (best_pair, max), (equal, _both)):
            row = table.pop(y)
            for z, v in row.items():
                if z == x:
                    continue
                table[z].pop(y, None)
                table[x][z] = table[z][x] = combine(table[x][z], v) if z in table[x] else v
            table[x].pop(y, None)
        for z in barred.pop(y, set()):
            barred[z].discard(y)
            if z != x:
                barred[x].add(z)
                barred[z].add(x)
    return [members[k] for k in sorted(members)]


def _add(a: float, b: float) -> float:
    return a + b


def _both(a: bool, b: bool) -> bool:
    return a and b
