"""How each passage of a finding compares with the others: the reference value and row verdicts.

The reference is the value stated by the most sources (the first one, in evidence order,
on a tie). A passage stating it reads `ref` when the finding has several values, `agree`
when it has one; any other passage carries the finding's status (`compatible`, `variant`,
`conflict`). Every format uses these so that they point at the same odd one out.
"""

from __future__ import annotations


from claimdiff.findings.models import Evidence, Finding, Status

REF = "ref"


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
    """Source id -> a letter shared by the sources stating the same values (A, B, …).

    Sources with evidence but no value get "•". Letters follow `source_order`.
    """
    keys: dict[str, tuple[str, ...]] = {}
    for ev in finding.evidence:
        keys.setdefault(ev.source, ())
    for source, values in finding.values.items():
        keys[source] = tuple(sorted(values))
    order = {s: i for i, s in enumerate(source_order)}
    letters: dict[tuple[str, ...], str] = {}
    out: dict[str, str] = {}
    for source in sorted(keys, key=lambda s: (order.get(s, len(order)), s)):
        key = keys[source]
        if not key:
            out[source] = "•"
            continue
        if key not in letters:
            letters[key] = _letter(len(letters))
        out[source] = letters[key]
    return out


def _letter(i: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return alphabet[i] if i < len(alphabet) else "+"
