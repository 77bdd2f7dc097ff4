"""Loading of the knowledge that lives in YAML data files.

Language knowledge lives in one folder per language (`lang/fr/numbers.yaml`); what holds
for every language lives in the `data/` folder of the stage that uses it
(`alignment/data/transliteration.yaml`). A user extends any file by placing a file of the
same name in a directory listed in `CLAIMDIFF_LEXICON_PATH` (os.pathsep-separated) or in
the `lexicon_dirs` configuration key, in a sub-folder named after the language for
language files (`lexicon/fr/numbers.yaml`): mappings are merged key by key (lists are
extended), so a user adds words without copying ours.
"""

from __future__ import annotations

import functools
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimdiff.base.errors import ConfigError

_extra_dirs: tuple[Path, ...] = ()


class _LexiconLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML 1.2-style booleans: only true/false. YAML 1.1 also reads on/off/yes/no/y/n as
    booleans, and "on", "non", "y" are French words a vocabulary file must keep as text.
    libyaml's parser when PyYAML has it: the vocabularies are large and every worker reads them.
    A key written twice in one mapping is an error: YAML keeps the last silently, and a
    vocabulary edited in two places loses one of them."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} written twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_LexiconLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LexiconLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def set_extra_dirs(dirs: list[str | Path]) -> None:
    """Register user lexicon directories (from configuration); clears the cache."""
    global _extra_dirs
    _extra_dirs = tuple(Path(d) for d in dirs)
    load.cache_clear()


def extra_dirs() -> tuple[Path, ...]:
    """The user lexicon directories set from the configuration (worker processes need them)."""
    return _extra_dirs


def _user_dirs() -> tuple[Path, ...]:
    env = os.environ.get("CLAIMDIFF_LEXICON_PATH", "")
    return _extra_dirs + tuple(Path(p) for p in env.split(os.pathsep) if p)


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return extra


def _read(path: Path | Any, label: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LexiconLoader)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{label}: cannot read lexicon file: {exc}".replace("\n", " ")) from None


@functools.cache
def load(name: str, lang: str | None = None, *, package: str | None = None) -> Any:
    """The parsed content of a data file, extended by the user files of that name.

    With `lang`: `claimdiff/lang/<lang>/<name>.yaml`, extended by `<dir>/<lang>/<name>.yaml`.
    Otherwise: `<package>/data/<name>.yaml`, extended by `<dir>/<name>.yaml`.
    """
    if lang is not None:
        own, label, user = resources.files(f"claimdiff.lang.{lang}").joinpath(f"{name}.yaml"), f"lang/{lang}/{name}.yaml", Path(lang, f"{name}.yaml")
    elif package is not None:
        own, label, user = resources.files(package).joinpath("data", f"{name}.yaml"), f"{package}/data/{name}.yaml", Path(f"{name}.yaml")
    else:
        raise TypeError("lexicon.load needs a language or a package")
    data = _read(own, label)
    for directory in _user_dirs():
        path = directory / user
        if path.is_file():
            data = _merge(data, _read(path, str(path)))
    return data
