"""The interface of a language pack: what shared code may ask of a language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimdiff.base import lexicon


@dataclass(frozen=True)
class Language:
    """One language: its code, its spaCy pipeline and its vocabularies.

    Subclasses override the hooks where a language needs more than data.
    """

    code: str  # ISO 639-1
    name: str  # English name, as the language detector knows it ("French")
    spacy_model: str  # the installed spaCy package to load
    spacy_distribution: str  # the PyPI distribution that installs it (for error messages)

    def data(self, name: str) -> Any:
        """The vocabulary `<name>.yaml` of this language, with the user's extensions."""
        return lexicon.load(name, self.code)

    def demonym_forms(self, base: str) -> list[str]:
        """The written forms of a demonym listed in its base form (gender, number)."""
        return [base]
