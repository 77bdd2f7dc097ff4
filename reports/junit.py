"""JUnit XML, for CI test-report views: one test case per finding, one suite per kind.

A finding fails when it would fail the run (a variant or conflict at or above
`--fail-on`, see `Finding.fails_at`); every other finding is a passing test case, so the counts
tell how many aligned claims were checked. The failure text lists each passage with its
place, value and verdict.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claimdiff.findings.models import DraftLabel, DraftReview, Evidence, Finding, Kind, Report, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.text import char_diff, diff_plain, passage
from claimdiff.reports.verdicts import REF, in_time_order, reference_value, verdict

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitFormatter(Formatter):
    name = "junit"

    def render(self, report: Report, options: RenderOptions) -> str:
        root = junit_tree(report, options)
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def junit_tree(report: Report, options: RenderOptions) -> ET.Element:
    """The <testsuites> element."""
    paths = locations.source_paths(report, options)
    sources = locations.sources_by_id(report)
    root = ET.Element("testsuites", name=report.tool)
    if report.draft is not None:
        return _draft_tree(root, report.draft, options, paths, sources)
    total = failed = 0
    for kind in Kind:
        findings = [f for f in report.findings if f.kind is kind]
        if not findings:
            continue
        n_failed = sum(f.fails_at(options.fail_on) for f in findings)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"{report.tool}.{kind.value}",
            tests=str(len(findings)),
            failures=str(n_failed),
            errors="0",
            skipped="0",
            time="0",
        )
        used: set[str] = set()
        for finding in findings:
            case = ET.SubElement(suite, "testcase", classname=kind.value, name=_clean(_unique(finding, used)), time="0")
            if finding.fails_at(options.fail_on):
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_clean(finding.message),
                    type=_clean(f"{finding.rule} {finding.rule_name}"),
                )
                failure.text = _clean(_details(finding, options, paths, sources))
        total += len(findings)
        failed += n_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    root.set("skipped", "0")
    root.set("time", "0")
    return root


def _draft_tree(
    root: ET.Element, review: DraftReview, options: RenderOptions, paths: dict[str, str], sources: dict
) -> ET.Element:
    """One suite for a draft checked against its sources: a test case per claim, failing when
    it is contradicted at or above `--fail-on`, skipped when the sources do not state it."""
    failed = sum(c.fails_at(options.fail_on) for c in review.claims)
    skipped = sum(c.label is DraftLabel.not_found for c in review.claims)
    counts = {"tests": str(len(review.claims)), "failures": str(failed), "errors": "0", "skipped": str(skipped), "time": "0"}
    suite = ET.SubElement(root, "testsuite", name=f"{root.get('name')}.draft", **counts)
    for number, claim in enumerate(review.claims, start=1):
        what = claim.subject or claim.passage.text
        case = ET.SubElement(suite, "testcase", classname=claim.kind.value, name=_clean(f"{number}. {what}"), time="0")
        if claim.label is DraftLabel.not_found:
            ET.SubElement(case, "skipped", message="not found in the sources")
        elif claim.fails_at(options.fail_on):
            failure = ET.SubElement(
                case, "failure", message=_clean(f"contradicted: {what}"), type=_clean(f"{claim.rule} contradicted")
            )
            lines = [f"{claim.rule} contradicted ({claim.severity.value})"]
            lines += [_passage_line(ev, options, paths, sources) for ev in (claim.passage, *claim.contradicted_by)]
            failure.text = _clean("\n".join(lines))
    for key, value in counts.items():
        root.set(key, value)
    return root


def _passage_line(ev: Evidence, options: RenderOptions, paths: dict[str, str], sources: dict) -> str:
    """ "  path:line:column: value «quotation»"."""
    value = ev.value if ev.value is not None else ev.text
    quote = passage(ev, options.texts.get(ev.source), max_chars=160).text
    return f"  {_place(ev, options, paths, sources)}: {value} «{quote}»"


def _place(ev: Evidence, options: RenderOptions, paths: dict[str, str], sources: dict) -> str:
    """ "path:line:column" of a passage, as far as it is known."""
    where = locations.region(ev, options.texts.get(ev.source), sources.get(ev.source))
    place = locations.display_path(paths.get(ev.source, ev.source))
    if where is not None:
        place += f":{where.start_line}"
        if where.start_column is not None:
            place += f":{where.start_column}"
    return place


def _unique(finding: Finding, used: set[str]) -> str:
    """The subject, made unique within its suite (CI views merge test cases with one name)."""
    candidate = finding.subject
    if candidate in used:
        candidate = f"{finding.subject} [{finding.rule}]"
    n = 2
    while candidate in used:
        candidate = f"{finding.subject} [{finding.rule}] #{n}"
        n += 1
    used.add(candidate)
    return candidate


def _details(finding: Finding, options: RenderOptions, paths: dict[str, str], sources: dict) -> str:
    lines = [f"{finding.rule} {finding.rule_name} ({finding.status.value}, {finding.severity.value})"]
    lines.append(finding.message)
    reference = reference_value(finding)
    for ev in in_time_order(finding):
        value = ev.value if ev.value is not None else ev.text
        row_verdict = verdict(finding, ev, reference)
        if finding.status is Status.variant and reference is not None and row_verdict != REF:
            value = diff_plain(char_diff(reference, value))
        quote = passage(ev, options.texts.get(ev.source), max_chars=160).text
        lines.append(f"  {_place(ev, options, paths, sources)}: {value} [{row_verdict}] «{quote}»")
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
