"""GitHub Actions workflow commands: one annotation per passage of each discrepancy.

`::error` / `::warning` / `::notice` for findings of severity error / warning / info
whose status is variant or conflict; agreements print nothing. For a draft checked against
its sources, one annotation per contradicted claim, on the draft. Properties and message
are escaped as GitHub's toolkit does (`%`, CR and LF everywhere; `:` and `,` in
properties too). GitHub shows a limited number of annotations per step: upload the SARIF
report as well to see every finding (docs/ci.md).
"""

from __future__ import annotations

from claimdiff.corpus.models import Source
from claimdiff.findings.models import DraftClaim, DraftLabel, Evidence, Finding, Report, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.text import passage
from claimdiff.reports.verdicts import reference_value, verdict

COMMANDS = {Severity.info: "notice", Severity.warning: "warning", Severity.error: "error"}
_ANNOTATED = (Status.variant, Status.conflict)


class GithubFormatter(Formatter):
    name = "github"

    def render(self, report: Report, options: RenderOptions) -> str:
        paths = locations.source_paths(report, options)
        sources = locations.sources_by_id(report)
        if report.draft is not None:
            lines = [
                draft_annotation(c, paths, sources, options.texts)
                for c in report.draft.claims
                if c.label is DraftLabel.contradicted
            ]
        else:
            lines = [
                line
                for f in report.findings
                if f.status in _ANNOTATED
                for line in annotations(f, paths, sources, options.texts)
            ]
        return "".join(line + "\n" for line in lines)


def annotations(
    finding: Finding, paths: dict[str, str], sources: dict[str, Source], texts: dict[str, str]
) -> list[str]:
    """The workflow-command lines for one finding, one per passage."""
    reference = reference_value(finding)
    command = COMMANDS[finding.severity]
    title = f"{finding.rule} {finding.rule_name}"
    out = []
    for ev in finding.evidence:
        value = ev.value if ev.value is not None else ev.text
        quote = passage(ev, texts.get(ev.source), max_chars=200).text
        message = f"{finding.message}\n{ev.source}: {value} ({verdict(finding, ev, reference)}): «{quote}»"
        out.append(_command(command, ev, title, message, paths, sources, texts))
    return out


def draft_annotation(claim: DraftClaim, paths: dict[str, str], sources: dict[str, Source], texts: dict[str, str]) -> str:
    """The workflow-command line for a contradicted claim of a draft: on the draft, with the passages against it."""
    value = claim.passage.value if claim.passage.value is not None else claim.passage.text
    lines = [f"contradicted: {claim.subject or claim.passage.text}: the draft says {value}"]
    for ev in claim.contradicted_by:
        quote = passage(ev, texts.get(ev.source), max_chars=200).text
        lines.append(f"{ev.source}: {ev.value if ev.value is not None else ev.text}: «{quote}»")
    title = f"{claim.rule} contradicted" if claim.rule else "contradicted"
    return _command(COMMANDS[claim.severity], claim.passage, title, "\n".join(lines), paths, sources, texts)


def _command(
    command: str, ev: Evidence, title: str, message: str, paths: dict[str, str], sources: dict[str, Source], texts: dict[str, str]
) -> str:
    """One workflow command, located at the passage `ev`."""
    props = [("file", locations.display_path(paths.get(ev.source, ev.source)))]
    where = locations.region(ev, texts.get(ev.source), sources.get(ev.source))
    if where is not None:
        props += [("line", str(where.start_line)), ("endLine", str(where.end_line))]
        if where.start_column_utf16 is not None and where.start_line == where.end_line:
            props += [("col", str(where.start_column_utf16)), ("endColumn", str(where.end_column_utf16))]
    props.append(("title", title))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{command} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
