"""SARIF 2.1.0, for code-scanning dashboards (GitHub's upload-sarif among them).

One run; the driver lists every rule. Only discrepancies (status variant or conflict)
become results: a code-scanning tool shows every result as an alert to triage, and an
agreement is not one; for a draft checked against its sources, its contradicted claims
are the results, located in the draft. Levels: info -> note, warning -> warning, error -> error.

The primary location is the first passage that departs from the reference value (see
`verdicts`); the other passages are related locations. Columns are counted in UTF-16 code
units, SARIF's default (`columnKind` says so explicitly). Articles read from a JSON Lines
file are located by line only: their offsets count characters of the decoded article,
not of the JSON text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from claimdiff.findings.models import DraftClaim, DraftLabel, Evidence, Finding, Report, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.verdicts import primary

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "claimdiff/v1"
LEVELS = {Severity.info: "note", Severity.warning: "warning", Severity.error: "error"}
_RESULT_STATUSES = (Status.variant, Status.conflict)


class SarifFormatter(Formatter):
    name = "sarif"

    def render(self, report: Report, options: RenderOptions) -> str:
        return json.dumps(sarif_log(report, options), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report, options: RenderOptions) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rules = _rule_descriptors(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    context = _Context(report, options)
    if report.draft is not None:
        contradicted = [c for c in report.draft.claims if c.label is DraftLabel.contradicted]
        results = [_draft_result(c, index, context) for c in contradicted]
    else:
        results = [_result(f, index, context) for f in report.findings if f.status in _RESULT_STATUSES]
    driver: dict[str, Any] = {
        "name": report.tool,
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "rules": rules,
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "utf16CodeUnits",
        "results": results,
        "properties": {"summary": report.summary.model_dump(mode="json")},
    }
    if report.draft is not None:
        run["properties"]["draft"] = report.draft.model_dump(mode="json", include={"draft", "against", "counts"})
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class _Context:
    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.texts = options.texts
        self.paths = locations.source_paths(report, options)
        self.sources = locations.sources_by_id(report)


def _rule_descriptors(report: Report) -> list[dict[str, Any]]:
    """Every rule the report describes, plus any rule a finding names that it does not."""
    descriptors: dict[str, dict[str, Any]] = {}
    for rule in report.rules:
        doc = rule.documentation or rule.summary or rule.name
        descriptors[rule.code] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
            "properties": {"kind": rule.kind or "unknown"},
        }
    for finding in report.findings:
        if finding.rule not in descriptors:
            descriptors[finding.rule] = {
                "id": finding.rule,
                "name": finding.rule_name,
                "shortDescription": {"text": finding.rule_name},
                "properties": {"kind": finding.kind.value},
            }
    return [descriptors[code] for code in sorted(descriptors)]


def _result(finding: Finding, rule_index: dict[str, int], context: _Context) -> dict[str, Any]:
    first = primary(finding)
    others = [ev for ev in finding.evidence if ev is not first]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(first, context)] if first is not None else [],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "kind": finding.kind.value,
            "status": finding.status.value,
            "subject": finding.subject,
            "values": dict(sorted(finding.values.items())),
        },
    }
    if others:
        result["relatedLocations"] = [_location(ev, context, location_id=i) for i, ev in enumerate(others, start=1)]
    return result


def _draft_result(claim: DraftClaim, rule_index: dict[str, int], context: _Context) -> dict[str, Any]:
    """A contradicted claim of a draft: located in the draft, the passages against it related."""
    assert claim.rule is not None
    value = claim.passage.value if claim.passage.value is not None else claim.passage.text
    material = "\x1f".join([claim.rule, claim.subject or "", claim.passage.text, value])
    result: dict[str, Any] = {
        "ruleId": claim.rule,
        "ruleIndex": rule_index[claim.rule],
        "level": LEVELS[claim.severity],
        "message": {"text": f"contradicted: {claim.subject or claim.passage.text}: the draft says {value}"},
        "locations": [_location(claim.passage, context)],
        "partialFingerprints": {FINGERPRINT_KEY: hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]},
        "properties": {"kind": claim.kind.value, "label": claim.label.value, "subject": claim.subject},
    }
    if claim.contradicted_by:
        result["relatedLocations"] = [
            _location(ev, context, location_id=i) for i, ev in enumerate(claim.contradicted_by, start=1)
        ]
    return result


def _location(evidence: Evidence, context: _Context, location_id: int | None = None) -> dict[str, Any]:
    path = context.paths.get(evidence.source) or evidence.source
    physical: dict[str, Any] = {"artifactLocation": {"uri": locations.uri(path)}}
    where = locations.region(evidence, context.texts.get(evidence.source), context.sources.get(evidence.source))
    region: dict[str, Any] = {}
    if where is not None:
        region = {"startLine": where.start_line, "endLine": where.end_line}
        if where.start_column_utf16 is not None:
            region |= {"startColumn": where.start_column_utf16, "endColumn": where.end_column_utf16}
    elif context.sources.get(evidence.source) is None or context.sources[evidence.source].line is None:
        # Text unknown: offsets in code points, exact for text without astral characters.
        region = {"charOffset": evidence.start, "charLength": evidence.end - evidence.start}
    if region:
        region["snippet"] = {"text": evidence.text}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if location_id is not None:
        location["id"] = location_id
    label = evidence.value if evidence.value is not None else evidence.text
    location["message"] = {"text": f"{evidence.source}: {label}"}
    return location
