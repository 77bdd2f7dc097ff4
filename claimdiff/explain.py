"""`claimdiff explain`: why claims were, or were not, compared, and what the rule made of it.

Given a finding's fingerprint, or passages of the articles, it prints each claim's frame as
the extractor read it and as alignment resolved it, the features of every pair of them
(each with its weight, the caps and vetoes), the group each claim landed in, and the
findings about them.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.alignment.align import same_value, specific_value
from claimdiff.alignment.features import STRONG, WEAK, Item, compare
from claimdiff.alignment.models import Alignment
from claimdiff.base.errors import ClaimdiffError
from claimdiff.claims.show import frame_summary, summary
from claimdiff.findings.models import Finding
from claimdiff.pipeline import CheckResult


@dataclass(frozen=True)
class Passage:
    """A piece of one article: `source` id and the exact `text` it contains."""

    source: str
    text: str

    @classmethod
    def parse(cls, spec: str) -> Passage:
        source, sep, text = spec.partition(":")
        if not sep or not source or not text:
            raise ClaimdiffError(f"--passage {spec!r}: expected SOURCE:TEXT (a source id, a colon, words of its text)")
        return cls(source, text)


def explain(result: CheckResult, passages: Sequence[Passage] = (), fingerprint: str | None = None) -> str:
    """The explanation, as plain text."""
    alignment = result.alignment
    assert alignment is not None
    texts = {a.id: a.text for a in result.articles}
    findings = result.report.findings
    if fingerprint is not None:
        finding = next((f for f in findings if f.fingerprint.startswith(fingerprint)), None)
        if finding is None:
            raise ClaimdiffError(f"no finding has fingerprint {fingerprint!r} (see the JSON report's `fingerprint`)")
        spans = [(e.source, e.start, e.end) for e in finding.evidence]
        lines = [f"finding {finding.fingerprint}: {finding.status.value} {finding.severity.value} {finding.rule} — {finding.message}"]
    else:
        spans = []
        for p in passages:
            text = texts.get(p.source)
            if text is None:
                raise ClaimdiffError(f"--passage: no source {p.source!r} in the corpus")
            # Any run of spaces matches any other: articles write "24 000" with no-break spaces.
            pattern = r"\s+".join(re.escape(word) for word in p.text.split())
            found = re.search(pattern, text) if pattern else None
            if found is None:
                raise ClaimdiffError(f"--passage: {p.text!r} is not in {p.source}")
            spans.append((p.source, found.start(), found.end()))
        lines = []
    items = _items_at(alignment, spans)
    if not items:
        lines.append("no quantity, date or time claim was compared at these passages")
        lines += [f"  {s}:{a}-{b} {texts.get(s, '')[a:b]!r}" for s, a, b in spans]
        return "\n".join(lines) + "\n"
    lines.append("claims:")
    for n, item in enumerate(items, start=1):
        lines.append(f"  [{n}] {item.source} {item.claim.span.text!r} — {summary(item.claim)}")
        lines.append(f"      frame: {frame_summary(item.claim.frame)}")
        resolved = ", ".join(
            f"{k}={v}" for k, v in (("story", item.story), ("block", item.block), ("anchor", item.anchor)) if v
        )
        lines.append(f"      as aligned: {resolved}; {len(item.context)} context words")
    lines.append(f"pairs (weak link from {WEAK}, strong from {STRONG} with two kinds of agreement):")
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            same = same_value(a, b)
            f = compare(a, b, alignment.rarity, same, same and specific_value(a))
            lines.append(f"  [{i + 1}]~[{j + 1}] score {f.score:.2f} (frames {f.frame_score:.2f}): {f.strength or 'no link'}")
            lines += [f"        {line}" for line in f.explain()]
    lines.append("groups:")
    for n, item in enumerate(items, start=1):
        group = next((g for g in alignment.groups if any(c is item.claim or c.span == item.claim.span for c in g.claims)), None)
        if group is None:
            lines.append(f"  [{n}] no group: no counterpart in another source")
        else:
            members = ", ".join(f"{c.source}:{c.span.text!r}" for c in group.claims)
            lines.append(f"  [{n}] {group.subject} ({group.key}): {members}")
    lines.append("findings:")
    related = _findings_at(findings, [(i.source, i.claim.span.start, i.claim.span.end) for i in items])
    lines += [f"  {f.status.value} {f.severity.value} {f.rule} {f.fingerprint} — {f.message}" for f in related] or ["  none"]
    return "\n".join(lines) + "\n"


def _items_at(alignment: Alignment, spans: list[tuple[str, int, int]]) -> list[Item]:
    found = []
    for source, start, end in spans:
        for item in alignment.items:
            c = item.claim
            if item.source == source and c.span.start < end and start < c.span.end and all(x is not item for x in found):
                found.append(item)
    return found


def _findings_at(findings: Sequence[Finding], spans: list[tuple[str, int, int]]) -> list[Finding]:
    out = []
    for f in findings:
        if any(e.source == s and e.start < b and a < e.end for e in f.evidence for s, a, b in spans):
            out.append(f)
    return out
