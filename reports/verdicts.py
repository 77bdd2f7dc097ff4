"""How each passage of a finding compares with the others: the reference value and row verdicts.

The reference is the value stated by the most sources (the first one, in evidence order,
on a tie). A passage stating it reads `ref` when the finding has several values, `agree`
when it has one; any other passage carries the finding's status (`compatible`, `variant`,
`conflict`). Every format uses these so that they point at the same odd one out, show
passages in the same order, and quote the same passages for a claim of a draft.
"""

from __future__ import annotations

from claimdiff.findings.models import DraftClaim, DraftLabel, Evidence, Finding, Status

REF = "ref"
#: How each label of a draft's claim reads in a report.
LABEL_TEXT = {DraftLabel.contradicted: "contradicted", DraftLabel.supported: "supported", DraftLabel.not_found: "not found"}


def reference_value(finding: Finding) -> str | None:
    """The value most sources state, or None when no passage carries a value."""
    firsts: dict[str, int] = {}
    sources: dict[str, set[str]] = {}
    for i, ev in enumerate(finding.evidence):
        if ev.value is None:
            continue
        firsts.setdefault(ev.value, i)
        sources.setdefault(ev.value, set()).add(ev.source)
    if not firsts:
        return None
    return min(firsts, key=lambda v: (-len(sources[v]), firsts[v]))


def distinct_values(finding: Finding) -> list[str]:
    """The passages' values, each once, in evidence order."""
    return list(dict.fromkeys(ev.value for ev in finding.evidence if ev.value is not None))


def verdict(finding: Finding, evidence: Evidence, reference: str | None) -> str:
    """`agree`, `ref`, or the finding's status, for one passage."""
    if finding.status is Status.agree:
        return Status.agree.value
    if evidence.value is None or reference is None:
        return finding.status.value
    if evidence.value == reference:
        return REF if len(distinct_values(finding)) > 1 else Status.agree.value
    return finding.status.value


def in_time_order(finding: Finding) -> list[Evidence]:
    """The passages in the order of the finding's timeline (reports by publication, undated
    last) when its figure changed over time; else as the finding lists them."""
    if not finding.timeline:
        return list(finding.evidence)
    rank = {entry.source: i for i, entry in enumerate(finding.timeline)}
    return sorted(finding.evidence, key=lambda ev: rank.get(ev.source, len(rank)))


def primary(finding: Finding) -> Evidence | None:
    """The passage to point at first: the first one that departs from the reference."""
    if not finding.evidence:
        return None
    reference = reference_value(finding)
    for ev in finding.evidence:
        if ev.value is not None and reference is not None and ev.value != reference:
            return ev
    return finding.evidence[0]


def value_letters(finding: Finding, source_order: list[str]) -> dict[str, str]:
    """Source id -> its mark in the findings matrix.

    One letter per distinct value (A, B, … in `source_order`, then in the order each source
    states them): a source stating one value shows its letter, a source stating two shows
    both ("AB"), more than two its first letter and "+" ("A+"). Sources with evidence but no
    value get "•".
    """
    stated: dict[str, list[str]] = {}
    for ev in finding.evidence:
        stated.setdefault(ev.source, [])
    for source, values in finding.values.items():
        stated[source] = list(dict.fromkeys(values))
    order = {s: i for i, s in enumerate(source_order)}
    letters: dict[str, str] = {}
    out: dict[str, str] = {}
    for source in sorted(stated, key=lambda s: (order.get(s, len(order)), s)):
        values = stated[source]
        if not values:
            out[source] = "•"
            continue
        for value in values:
            if value not in letters:
                letters[value] = _letter(len(letters))
        marks = [letters[v] for v in values]
        out[source] = "".join(marks) if len(marks) <= 2 else marks[0] + "+"
    return out


def _letter(i: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return alphabet[i] if i < len(alphabet) else "+"


def grounds(claim: DraftClaim) -> list[Evidence]:
    """The passages a draft claim's label rests on: those that contradict it, else those that support it."""
    return claim.contradicted_by if claim.label is DraftLabel.contradicted else claim.supported_by
