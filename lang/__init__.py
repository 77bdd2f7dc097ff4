"""Language packs: one sub-package per language, on the model of spaCy's `spacy/lang/xx/`.

Each pack holds its vocabularies as YAML files (`lang/fr/numbers.yaml`) and an `__init__`
that defines `LANGUAGE`, a `Language` with the spaCy pipeline to use and the few hooks that
data cannot express. Shared code asks `get(code)` for the language of an article and never
names a language itself: adding a language is adding a folder.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from claimdiff.base.errors import ConfigError
from claimdiff.lang.language import Language

__all__ = ["Language", "codes", "get"]


@functools.cache
def codes() -> tuple[str, ...]:
    """The codes of the installed language packs, sorted."""
    import claimdiff.lang as package

    return tuple(sorted(info.name for info in pkgutil.iter_modules(package.__path__) if info.ispkg))


@functools.cache
def get(code: str) -> Language:
    """The language pack for an ISO 639-1 code ("fr", "en")."""
    if code not in codes():
        raise ConfigError(f"no language pack for {code!r} (available: {', '.join(codes())})")
    language = importlib.import_module(f"claimdiff.lang.{code}").LANGUAGE
    assert isinstance(language, Language) and language.code == code
    return language
