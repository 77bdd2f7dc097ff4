"""Matching of claim frames across sources: blocking, pair features, and grouping.

Claims are compared only within a block (one story, one kind, one dimension; money in one
currency), so the cost grows with the size of the largest block, not with the corpus.
Items are grouped by average linkage: two groups merge while the average score of their
pairs is at least `features.WEAK`, never across a veto, and never so that one source gives
two different values unless a strong link says it contradicts itself. Since a merge needs
a pair that links, a cheap screen of every pair (`features.may_link`) first splits a block
into the parts that links can join; only the pairs within a part get their features
(alignment/features.py), and only those within a group are kept.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claimdiff.alignment.features import WEAK, Features, Item, compare, may_link
from claimdiff.base.unionfind import UnionFind

#: Above this many items a block is split by head class: the pairs of one block are all screened.
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
    found: list[tuple[int, list[Item], dict[tuple[int, int], Features]]] = []
    for part in _reachable(block, idf, same_value, specific):
        items = [block[i] for i in part]
        if len(items) == 1:
            found.append((part[0], items, {}))
            continue
        links = _score(items, idf, same_value, specific)
        for members in _average_linkage(len(items), links):
            pair_links = {
                (id(items[i].claim), id(items[j].claim)): links[(i, j)] for i in members for j in members if i < j
            }
            found.append((part[members[0]], [items[i] for i in members], pair_links))
        del links  # only the pairs inside a group are kept
    matches, alone = [], []
    for _, group, pair_links in sorted(found, key=lambda f: f[0]):
        # One source alone is kept only when it gives two strongly matched figures: it may
        # contradict itself ("lundi 19 décembre" ... "Ce 19 novembre", for one meeting).
        if len({item.source for item in group}) < 2 and not any(f.strength == "strong" and not f.value for f in pair_links.values()):
            alone.extend(group)
            continue
        matches.append(Match(group, pair_links))
    return matches, alone


def _reachable(
    block: list[Item], idf: dict[str, float], same_value: Callable[[Item, Item], bool], specific: Callable[[Item], bool]
) -> list[list[int]]:
    """The block's items (indices, ascending) split into parts that no link can join.

    Two groups merge only through a pair that links (average and best pair score are at most
    the best pair's), so the groups of a block are those of each part, where every pair is
    scored. A pair joins its parts unless `features.may_link` rules the link out, which is
    cheaper than scoring it; a pair already in one part is not looked at.
    """
    n = len(block)
    uf = UnionFind()
    for i in range(n):
        a = block[i]
        for j in range(i + 1, n):
            if uf.find(i) != uf.find(j) and may_link(a, block[j], idf, same_value, specific):
                uf.union(i, j)
    parts: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        parts[uf.find(i)].append(i)
    return [parts[r] for r in sorted(parts)]


def _score(
    items: list[Item], idf: dict[str, float], same_value: Callable[[Item, Item], bool], specific: Callable[[Item], bool]
) -> dict[tuple[int, int], Features]:
    """The features of every pair (i < j) of `items`, as grouping reads them."""
    n = len(items)
    links: dict[tuple[int, int], Features] = {}
    for i in range(n):
        a = items[i]
        for j in range(i + 1, n):
            b = items[j]
            same = same_value(a, b)
            f = compare(a, b, idf, same, same and specific(a))
            if f.veto is None and f.caps and not same:
                # A cap (a part, a back-reference, a running total...) lets equal figures agree;
                # different ones are then not the same count at all.
                f = Features(veto=f"different figures: {f.caps[0]}")
            elif a.source == b.source and not (f.strength == "strong" or f.value):
                f = Features(veto="one source's two different figures, not tied strongly")
            links[(i, j)] = f
    return links


def _average_linkage(n: int, links: dict[tuple[int, int], Features]) -> list[list[int]]:
    """Groups of item indices: merge the two groups of highest linkage while it is at least
    WEAK; a vetoed pair keeps its groups apart. The linkage is the average pair score, or the
    best pair score when every pair across the two groups states the same value: equal
    figures chain into one agreement, different ones need the whole group to match. Sums
    between groups are updated on each merge (Lance-Williams).

    A group is named by its smallest index. Of equal linkages, the pair of groups (x, y),
    x < y, that comes first wins. Candidate merges wait in a heap; an entry is stale once
    either group has merged since it was pushed (its version has moved on).
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # Per group, the other groups it may merge with: [sum of pair scores, best pair score,
    # every pair states the same value]. A group barred by a veto has no entry.
    across: dict[int, dict[int, list]] = {i: {} for i in range(n)}
    barred: dict[int, set[int]] = {i: set() for i in range(n)}
    for (i, j), f in links.items():
        if f.veto is not None:
            barred[i].add(j)
            barred[j].add(i)
    for (i, j), f in links.items():
        if f.veto is None and j not in barred[i]:
            across[i][j] = [f.score, f.score, bool(f.value)]
            across[j][i] = across[i][j]
    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        total, best, equal = across[x][y]
        linkage = best if equal else total / (len(members[x]) * len(members[y]))
        if linkage >= WEAK:
            lo, hi = (x, y) if x < y else (y, x)
            heapq.heappush(heap, (-linkage, lo, hi, version[lo], version[hi]))

    for x in range(n):
        for y in across[x]:
            if x < y:
                push(x, y)
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if version[x] != vx or version[y] != vy or y not in members or x not in members:
            continue
        members[x] = sorted(members[x] + members.pop(y))
        version[x] += 1
        row_x, row_y = across[x], across.pop(y)
        del row_x[y]
        for z in barred.pop(y):
            barred[z].discard(y)
            if z != x:
                barred[x].add(z)
                barred[z].add(x)
        for z in list(row_x):
            if z in barred[x]:
                del row_x[z]
                del across[z][x]
        for z, (total, best, equal) in row_y.items():
            if z == x:
                continue
            del across[z][y]
            if z in barred[x]:
                continue
            # Both rows hold z: neither x nor y is barred from it (else z would be in barred[x]).
            mine = row_x[z]
            row_x[z] = across[z][x] = [mine[0] + total, max(mine[1], best), mine[2] and equal]
        for z in row_x:
            push(x, z)
    return [members[k] for k in sorted(members)]
