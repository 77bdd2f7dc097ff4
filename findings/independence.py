"""How independent the sources of each finding are, given the families of copies of one text.

Run by the pipeline after the rules. An agreement among three reprints of one dispatch is
one source repeated, not corroboration: every finding gets `independent_sources` (each
family counted once), and an agreement whose sources are fewer once families are counted
says so in its message ("(3 sources, 1 independent)"). A discrepancy between two copies of
one text is an edit of that text, not two sources disagreeing: it is labelled
(`same_text_edit`, and a message suffix).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimdiff.corpus.models import SourceFamily
from claimdiff.findings.models import Finding, Status

_AGREEMENTS = (Status.agree, Status.compatible)


def apply(findings: Sequence[Finding], families: Sequence[SourceFamily]) -> list[Finding]:
    """The findings with their independence counts and same-text labels, in the same order."""
    family_of = {source: family.id for family in families for source in family.sources}
    return [_label(finding, family_of) for finding in findings]


def _label(finding: Finding, family_of: dict[str, str]) -> Finding:
    sources = finding.sources
    if not sources:
        return finding
    independent = len({family_of.get(source, f"source:{source}") for source in sources})
    update: dict[str, object] = {"independent_sources": independent}
    message = finding.message
    if finding.status in _AGREEMENTS:
        if independent < len(sources):
            message += f" ({len(sources)} sources, {independent} independent)"
    else:
        edited = _edited_families(finding, family_of)
        if edited:
            update["same_text_edit"] = edited
            message += f" — an edit of the same text (copies in {_names(edited)})"
    update["message"] = message
    return finding.model_copy(update=update)


def _edited_families(finding: Finding, family_of: dict[str, str]) -> list[str]:
    """Families with two members that state different values in the finding."""
    stated: dict[str, set[frozenset[str]]] = {}
    for source, values in finding.values.items():
        family = family_of.get(source)
        if family is not None and values:
            stated.setdefault(family, set()).add(frozenset(values))
    return sorted((family for family, versions in stated.items() if len(versions) > 1), key=_family_order)


def _family_order(family_id: str) -> tuple[int, str]:
    digits = family_id.lstrip("F")
    return (int(digits), family_id) if digits.isdigit() else (0, family_id)


def _names(families: list[str]) -> str:
    return ("family " if len(families) == 1 else "families ") + ", ".join(families)
