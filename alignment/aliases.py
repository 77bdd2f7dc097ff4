"""The user's alias file: names known to be the same entity, or known to be different.

Format (YAML)::

    same:        # spellings of one person (any accepted spelling is then not an alarm)
      - [Volodymyr Zelensky, Volodymyr Zelenskyy]
    distinct:    # look alike, but are different people
      - [Donald Trump, Donald Tusk]

Names are compared case-, accent- and hyphen-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimdiff.alignment import names
from claimdiff.base.errors import ConfigError


@dataclass(frozen=True)
class Aliases:
    same_pairs: frozenset[frozenset[str]] = field(default_factory=frozenset)
    distinct_pairs: frozenset[frozenset[str]] = field(default_factory=frozenset)

    def same(self, a: str, b: str) -> bool:
        return frozenset((names.fold(a), names.fold(b))) in self.same_pairs

    def distinct(self, a: str, b: str) -> bool:
        return frozenset((names.fold(a), names.fold(b))) in self.distinct_pairs

    def accepted(self, a: str, b: str) -> bool:
        """Whether the user declared these two spellings equivalent."""
        return self.same(a, b)


def load_aliases(path: str | None) -> Aliases:
    """The alias file at `path` (none: no aliases)."""
    if not path:
        return Aliases()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read alias file: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or set(data) - {"same", "distinct"}:
        raise ConfigError(f"{path}: alias file must be a mapping with keys 'same' and/or 'distinct'")

    def pairs(key: str) -> frozenset[frozenset[str]]:
        out = set()
        groups = data.get(key) or []
        if not isinstance(groups, list):
            raise ConfigError(f"{path}: '{key}' must be a list of name lists")
        for group in groups:
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(n, str) for n in group):
                raise ConfigError(f"{path}: every '{key}' entry must be a list of two or more names")
            folded = [names.fold(n) for n in group]
            out.update(frozenset((a, b)) for i, a in enumerate(folded) for b in folded[i + 1 :] if a != b)
        return frozenset(out)

    return Aliases(same_pairs=pairs("same"), distinct_pairs=pairs("distinct"))
