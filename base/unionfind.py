"""Union-find over hashable, orderable items, with deterministic representatives."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class UnionFind:
    """Disjoint sets; the smallest item of a set is its representative, whatever the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Hashable) -> Any:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> Any:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = sorted((ra, rb))
        self.parent[hi] = lo
        return lo
