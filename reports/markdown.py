"""A Markdown report to paste in a pull request or a ticket (GitHub-flavoured tables)."""

from __future__ import annotations

import re

from claimdiff.findings.models import DraftLabel, DraftReview, Evidence, Finding, Report, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.text import char_diff, collapse, passage
from claimdiff.reports.verdicts import LABEL_TEXT, REF, grounds, in_time_order, reference_value, verdict

# Characters that would start Markdown or HTML syntax, or end a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


class MarkdownFormatter(Formatter):
    name = "markdown"

    def render(self, report: Report, options: RenderOptions) -> str:
        out = [f"# {report.tool} report", ""]
        out += _summary(report)
        if report.draft is not None:
            out += _draft(report.draft, report, options)
        if report.notes:
            out += ["## Input notes", ""]
            out += [f"- {escape(n.path)}: {n.level}: {escape(n.message)}" for n in report.notes]
            out.append("")
        if report.findings:
            out += ["## Findings", ""]
            for number, finding in enumerate(report.findings, start=1):
                out += _finding(number, finding, report, options)
        else:
            out += ["No findings.", ""]
        return "\n".join(out).rstrip("\n") + "\n"


def escape(text: str) -> str:
    """Text safe inside a table cell: one line, Markdown/HTML syntax and pipes escaped."""
    return _SPECIAL.sub(r"\\\1", collapse(text))


def _summary(report: Report) -> list[str]:
    s = report.summary
    rows = [("sources", s.sources), ("claims", s.claims), ("findings", s.findings)]
    rows += [(status.value, s.by_status.get(status.value, 0)) for status in _STATUS_ORDER]
    rows += [(f"severity {sev.value}", s.by_severity.get(sev.value, 0)) for sev in _SEVERITY_ORDER]
    if s.baseline_skipped:
        rows.append(("known findings skipped (baseline)", s.baseline_skipped))
    if s.waived:
        rows.append(("waived", s.waived))
    lines = [f"{report.tool} {escape(report.tool_version)}", "", "| | count |", "|---|---:|"]
    lines += [f"| {name} | {count} |" for name, count in rows]
    shown = len(report.findings)
    if shown != s.findings:
        lines += ["", f"Showing {shown} of {s.findings} findings."]
    return [*lines, ""]


_STATUS_ORDER = sorted(Status, key=lambda st: st.rank)
_SEVERITY_ORDER = sorted(Severity, key=lambda sv: -sv.rank)




def _draft(review: DraftReview, report: Report, options: RenderOptions) -> list[str]:
    """The draft's claims: label, passage, value and the source passages the label rests on."""
    counts = ", ".join(f"{review.counts.get(label.value, 0)} {LABEL_TEXT[label]}" for label in DraftLabel)
    n = len(review.against)
    lines = [
        "## Draft against its sources",
        "",
        f"{escape(review.draft)} checked against {n} source{'' if n == 1 else 's'}: {counts}.",
        "",
    ]
    if not review.claims:
        return [*lines, "No claim extracted from the draft.", ""]
    lines += ["| # | label | claim | value | in the sources |", "|---:|---|---|---|---|"]
    sources = locations.sources_by_id(report)
    for number, claim in enumerate(review.claims, start=1):
        label = LABEL_TEXT[claim.label]
        if claim.label is DraftLabel.contradicted:
            label += f" ({claim.severity.value})"
        text = options.texts.get(review.draft)
        where = locations.region(claim.passage, text, sources.get(review.draft))
        place = f"line {where.start_line}: " if where is not None else ""
        cited = [
            f"{escape(ev.source)}: {escape(ev.value) + ' ' if ev.value is not None else ''}"
            f"«{_passage(ev, options.texts.get(ev.source))}»"
            for ev in grounds(claim)
        ]
        if claim.label is DraftLabel.contradicted and claim.supported_by:
            backing = dict.fromkeys(ev.source for ev in claim.supported_by)
            cited.append("supported by " + ", ".join(escape(s) for s in backing))
        if not cited:
            cited.append("not found" if claim.label is DraftLabel.not_found else "the draft alone")
        value = escape(claim.passage.value or "")
        lines.append(f"| {number} | {label} | {place}{_passage(claim.passage, text)} | {value} | {'<br>'.join(cited)} |")
    return [*lines, ""]


def _finding(number: int, finding: Finding, report: Report, options: RenderOptions) -> list[str]:
    sources = locations.sources_by_id(report)
    reference = reference_value(finding)
    lines = [
        f"### {number}. {finding.status.value}: {escape(finding.subject)}",
        "",
        f"{escape(finding.message)}",
        "",
        f"`{finding.rule}` {escape(finding.rule_name)} · {finding.kind.value} · {finding.severity.value}"
        f" · fingerprint `{finding.fingerprint}`",
        "",
        "| source | passage | value | verdict |",
        "|---|---|---|---|",
    ]
    for ev in in_time_order(finding):
        text = options.texts.get(ev.source)
        where = locations.region(ev, text, sources.get(ev.source))
        place = escape(ev.source) + (f" (line {where.start_line})" if where is not None else "")
        row_verdict = verdict(finding, ev, reference)
        value = _value(ev, reference if finding.status is Status.variant and row_verdict != REF else None)
        lines.append(f"| {place} | {_passage(ev, text)} | {value} | {row_verdict} |")
    return [*lines, ""]


def _passage(ev: Evidence, text: str | None) -> str:
    p = passage(ev, text, max_chars=200)
    if not p.value.strip():
        return escape(p.text)
    return f"{escape(p.before)}{_emphasis(p.value, '**')}{escape(p.after)}"


def _value(ev: Evidence, reference: str | None) -> str:
    """The value; against the reference, inserted/changed characters in bold, missing ones struck."""
    value = ev.value if ev.value is not None else ev.text
    if reference is None:
        return escape(value)
    out = []
    for tag, piece in char_diff(reference, value):
        if tag == "equal":
            out.append(escape(piece))
        else:
            out.append(_emphasis(piece, "~~" if tag == "delete" else "**"))
    return "".join(out)


def _emphasis(piece: str, marker: str) -> str:
    """`piece` between markers, spaces kept outside (Markdown ignores `** x**`); bare spaces as ␣."""
    core = piece.strip()
    if not core:
        return f"{marker}{'␣' * len(piece)}{marker}"
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    return f"{escape(lead)}{marker}{escape(core)}{marker}{escape(trail)}"
