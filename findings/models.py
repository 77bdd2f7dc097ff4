"""The finding and report models: the contract of the JSON output.

`Report.model_json_schema()` is the published JSON Schema (docs/report.schema.json).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from claimdiff.alignment.models import Kind
from claimdiff.corpus.models import InputNote, Source, SourceFamily

SCHEMA_VERSION = "1.0"


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Status(str, Enum):
    agree = "agree"  # same value everywhere
    compatible = "compatible"  # values differ in precision but do not exclude each other
    variant = "variant"  # the same thing written differently (names)
    conflict = "conflict"  # values that exclude each other

    @property
    def rank(self) -> int:
        """Reports list conflicts first, agreements last."""
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.conflict: 0, Status.variant: 1, Status.compatible: 2, Status.agree: 3}


class Evidence(BaseModel):
    """One passage a finding rests on. `text == file_text[start:end]`."""

    model_config = ConfigDict(frozen=True)

    source: str
    start: int
    end: int
    text: str
    value: str | None = Field(default=None, description="The normalised value this passage states.")
    sentence: str | None = Field(default=None, description="The sentence around the passage, for context.")
    sentence_start: int | None = Field(default=None, description="Offset of `sentence` in the file text.")


class TimelineEntry(BaseModel):
    """One report of a figure that changed over time: what it states, and when it was published."""

    model_config = ConfigDict(frozen=True)

    source: str
    values: list[str] = Field(description="The normalised values this report states (as in the finding's `values`).")
    date: dt.date | None = Field(description="Publication date, known or inferred (see `sources`); None for an undated report.")
    time: dt.time | None = Field(default=None, description="Publication time of day, when the metadata gives one.")
    update_of: str | None = Field(
        default=None,
        description="Id of the earlier report of the same outlet (or family of copies) whose different figure "
        "this one updates.",
    )


class Finding(BaseModel):
    """An agreement or a discrepancy between claims about one subject."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    status: Status
    severity: Severity
    rule: str = Field(description="Code of the rule that made the finding, e.g. CD101.")
    rule_name: str
    subject: str = Field(description='What the claims are about: "observer countries of Zapad-2025".')
    message: str = Field(description="One line a fact-checker understands.")
    values: dict[str, list[str]] = Field(description="Normalised values stated per source id.")
    evidence: list[Evidence]
    fingerprint: str = Field(description="Stable id: survives edits that do not change the finding.")
    independent_sources: int | None = Field(
        default=None,
        description="How many independent sources the finding rests on: its sources, counting each family of "
        "copies of one text (see `families`) once.",
    )
    same_text_edit: list[str] = Field(
        default_factory=list,
        description="Ids of the families whose copies state different values here: the discrepancy is an edit "
        "of one text, not two sources disagreeing.",
    )
    clashes: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Pairs of values (as in `values`) that exclude each other, each pair and the list sorted. "
        "Empty when no two values conflict, and for a conflict about one passage alone (a weekday that fits "
        "no date).",
    )
    timeline: list[TimelineEntry] = Field(
        default_factory=list,
        description="Set when the figure changed over time (two reports published at different moments state "
        "different values): every report in time order, undated ones last. Empty otherwise; the status still "
        "says what the values are.",
    )

    @property
    def sources(self) -> list[str]:
        """Ids of the sources the finding rests on (that state a value or give a passage), sorted."""
        return sorted({*self.values, *(ev.source for ev in self.evidence)})

    def fails_at(self, threshold: str) -> bool:
        """Whether this finding fails a run with `--fail-on threshold`: a discrepancy (variant
        or conflict) at or above that severity; "never" fails nothing. Agreements never fail."""
        if threshold == "never" or self.status not in (Status.variant, Status.conflict):
            return False
        return self.severity.rank >= Severity(threshold).rank

    @property
    def is_alarm(self) -> bool:
        """A discrepancy at warning or above: what the gold-file rules call an alarm."""
        return self.fails_at(Severity.warning.value)


class DraftLabel(str, Enum):
    """How the sources bear out one claim of a draft."""

    supported = "supported"  # a source states the same or a compatible value
    contradicted = "contradicted"  # a passage states a value that excludes it, or spells it otherwise
    not_found = "not_found"  # no source states it


class DraftClaim(BaseModel):
    """One claim of a draft, labelled from the findings that compare it with its sources."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    label: DraftLabel
    severity: Severity = Field(
        default=Severity.info,
        description="For a contradicted claim, the highest severity of the findings that contradict it; else info.",
    )
    subject: str | None = Field(default=None, description="What the claim is about, as its finding says; none when not found.")
    rule: str | None = Field(default=None, description="Code of the rule whose finding the label rests on; none when not found.")
    passage: Evidence = Field(description="The claim in the draft; `value` is set when a finding compared it.")
    contradicted_by: list[Evidence] = Field(
        default_factory=list,
        description="Passages whose value excludes the claim's (or spells it otherwise): of the sources, or of the "
        "draft itself when it contradicts itself.",
    )
    supported_by: list[Evidence] = Field(
        default_factory=list, description="Passages of the sources that state the same or a compatible value."
    )
    findings: list[str] = Field(default_factory=list, description="Fingerprints of the findings the label rests on.")

    def fails_at(self, threshold: str) -> bool:
        """Whether this claim fails a run with `--fail-on threshold`: contradicted at or above it."""
        if threshold == "never" or self.label is not DraftLabel.contradicted:
            return False
        return self.severity.rank >= Severity(threshold).rank


class DraftReview(BaseModel):
    """A draft checked against its sources: every claim of the draft, labelled."""

    draft: str = Field(description="Source id of the draft.")
    against: list[str] = Field(description="Source ids of the sources it was checked against.")
    claims: list[DraftClaim] = Field(description="The draft's claims, in the order of its text.")
    counts: dict[str, int] = Field(description="Claims per label.")


class Summary(BaseModel):
    sources: int
    claims: int
    findings: int
    by_status: dict[str, int]
    by_severity: dict[str, int]
    baseline_skipped: int = 0
    waived: int = 0
    compared: int = Field(default=0, description="Quantity, date and time claims considered for comparison.")
    unmatched: dict[str, int] = Field(
        default_factory=dict, description="Of those, claims that found no counterpart in another source, per kind: what was not compared."
    )

    @staticmethod
    def counts(findings: Sequence[Finding]) -> dict[str, Any]:
        """The summary fields that depend on the findings alone."""
        return {
            "findings": len(findings),
            "by_status": dict(sorted(Counter(f.status.value for f in findings).items())),
            "by_severity": dict(sorted(Counter(f.severity.value for f in findings).items())),
        }


class RuleInfo(BaseModel):
    """A rule as a report describes it to formats that list their rules (SARIF): the app fills
    it, so that formatters read rules from the report, never from the rules package."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    kind: str
    summary: str
    documentation: str
    default_severity: Severity


class Report(BaseModel):
    """The whole result of a `claimdiff check` run."""

    schema_version: str = SCHEMA_VERSION
    tool: str = "claimdiff"
    tool_version: str
    sources: list[Source]
    findings: list[Finding]
    notes: list[InputNote] = Field(default_factory=list, description="Input problems (skipped files, encodings).")
    families: list[SourceFamily] = Field(
        default_factory=list, description="Groups of articles that reprint one text (one dispatch): not independent sources."
    )
    summary: Summary
    draft: DraftReview | None = Field(
        default=None,
        description="Set by `check DRAFT --against SOURCES...`: the draft's claims as the sources bear them out. "
        "`findings` are then those that cite the draft.",
    )
    rules: list[RuleInfo] = Field(
        default_factory=list, exclude=True, description="Every rule the run knew, for formats that describe them; not in the JSON."
    )
