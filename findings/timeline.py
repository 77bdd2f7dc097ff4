"""Figures over time: a quantity or date finding whose value changes between reports
published at different moments, put in time order.

Run by the pipeline after the rules and before `independence`, with the sources'
publication dates (known or inferred). Reports are ordered by publication date and, within
one day, by publication time when both give one (in UTC when written with an offset). A
report without a date is never placed: it is listed after the others, as undated.

A finding changed over time when two reports published at different moments state
different values. It then gets a `timeline` (every report in time order) and its message
lists the values in that order: "dead changed over time: 1 (a, 2025-07-02) → 3 (b) → 24
(c, 2025-07-03)", a date being written when it changes. A report of the same outlet, or of
the same family of copies, as an earlier one that stated other values is marked as an
update of it ("24 (c updating a, ...)"). The status and severity stay what the values say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from claimdiff.corpus.models import Source, SourceFamily
from claimdiff.findings import lines
from claimdiff.findings.models import Finding, Kind, TimelineEntry

#: The kinds whose figures may change as a story unfolds (names and lists are not updated).
KINDS = (Kind.quantity, Kind.date)
#: Before any time of day: where a report of known day and unknown time sorts within its day.
_NO_TIME = -(10**6)

SameOutlet = Callable[[str, str], bool]


@dataclass(frozen=True)
class Moment:
    """When a report was published: its day and, when known, its time of day."""

    date: dt.date
    time: dt.time | None = None

    @property
    def minute(self) -> int | None:
        """The time in minutes after midnight, in UTC when its offset is written."""
        if self.time is None:
            return None
        offset = self.time.utcoffset()
        shift = int(offset.total_seconds()) // 60 if offset is not None else 0
        return self.time.hour * 60 + self.time.minute - shift

    def before(self, other: Moment) -> bool:
        """Whether this moment is known to come first: an earlier day, or an earlier time of one day."""
        if self.date != other.date:
            return self.date < other.date
        mine, theirs = self.minute, other.minute
        return mine is not None and theirs is not None and mine < theirs

    def sort_key(self) -> tuple[dt.date, int]:
        minute = self.minute
        return (self.date, _NO_TIME if minute is None else minute)

    def __str__(self) -> str:
        if self.time is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()} {self.time.isoformat(timespec='minutes')}"


def apply(
    findings: Sequence[Finding],
    sources: Sequence[Source],
    families: Sequence[SourceFamily],
    short_id: Callable[[str], str],
) -> list[Finding]:
    """The findings, those that changed over time with their timeline and message, in the same order.

    `short_id` gives the labels the rules' messages use for sources.
    """
    moments = {s.id: Moment(s.date, s.time) for s in sources if s.date is not None}
    same_outlet = outlet_relation(sources, families)
    out = []
    for finding in findings:
        entries = timeline(finding.values, moments, same_outlet) if finding.kind in KINDS else []
        if entries:
            finding = finding.model_copy(update={"timeline": entries, "message": _message(finding, entries, short_id)})
        out.append(finding)
    return out


def outlet_relation(sources: Sequence[Source], families: Sequence[SourceFamily]) -> SameOutlet:
    """Whether two sources are one outlet's: the same `outlet` (case and spacing aside), or one family of copies."""
    outlet = {s.id: " ".join(s.outlet.split()).casefold() for s in sources if s.outlet}
    family = {member: f.id for f in families for member in f.sources}

    def same(a: str, b: str) -> bool:
        return (a in outlet and outlet.get(b) == outlet[a]) or (a in family and family.get(b) == family[a])

    return same


def timeline(
    values: Mapping[str, Sequence[str]], moments: Mapping[str, Moment], same_outlet: SameOutlet
) -> list[TimelineEntry]:
    """Every report of `values` (source id -> values) in time order, the undated ones last,
    when two reports published at different moments state different values; else []."""
    if len({frozenset(v) for v in values.values()}) < 2:
        return []
    dated = sorted((s for s in values if s in moments), key=lambda s: (moments[s].sort_key(), s))
    if not _changed(dated, values, moments):
        return []
    entries = [
        TimelineEntry(
            source=source,
            values=list(values[source]),
            date=moments[source].date,
            time=moments[source].time,
            update_of=_updated(source, dated[:i], values, moments, same_outlet),
        )
        for i, source in enumerate(dated)
    ]
    entries += [TimelineEntry(source=s, values=list(values[s]), date=None) for s in values if s not in moments]
    return entries


def _changed(dated: Sequence[str], values: Mapping[str, Sequence[str]], moments: Mapping[str, Moment]) -> bool:
    return any(
        moments[a].before(moments[b]) and set(values[a]) != set(values[b])
        for i, a in enumerate(dated)
        for b in dated[i + 1 :]
    )


def _updated(
    source: str,
    earlier: Sequence[str],
    values: Mapping[str, Sequence[str]],
    moments: Mapping[str, Moment],
    same_outlet: SameOutlet,
) -> str | None:
    """The latest earlier report of the same outlet, when it stated other values."""
    own = [e for e in earlier if same_outlet(e, source) and moments[e].before(moments[source])]
    if not own or set(values[own[-1]]) == set(values[source]):
        return None
    return own[-1]


def describe(entries: Sequence[TimelineEntry], short_id: Callable[[str], str]) -> str:
    """ "1 (a, 2025-07-02) → 3 (b) → 24 (c updating a, 2025-07-03)", then "; undated: ..." for the rest.

    Consecutive reports of one value are one step; a moment is written when it changes.
    """
    steps: list[list[TimelineEntry]] = []
    for entry in entries:
        if entry.date is None:
            continue
        if steps and set(steps[-1][-1].values) == set(entry.values):
            steps[-1].append(entry)
        else:
            steps.append([entry])
    shown: Moment | None = None
    parts = []
    for step in steps:
        groups: list[tuple[Moment, list[str]]] = []
        for entry in step:
            assert entry.date is not None
            moment = Moment(entry.date, entry.time)
            label = short_id(entry.source) + (f" updating {short_id(entry.update_of)}" if entry.update_of else "")
            if groups and groups[-1][0] == moment:
                groups[-1][1].append(label)
            else:
                groups.append((moment, [label]))
        said = []
        for moment, labels in groups:
            said.append(", ".join(labels) if moment == shown else f"{', '.join(labels)}, {moment}")
            shown = moment
        parts.append(f"{_shown(step[0])} ({'; '.join(said)})")
    text = " → ".join(parts)
    undated = [(short_id(e.source), _shown(e)) for e in entries if e.date is None]
    return f"{text}; undated: {lines.comparison(undated, sep=', ')}" if undated else text


def _shown(entry: TimelineEntry) -> str:
    return " / ".join(entry.values)


def _message(finding: Finding, entries: Sequence[TimelineEntry], short_id: Callable[[str], str]) -> str:
    """The rule's message with its values in time order, keeping what the rule added after them.

    Rules that compare values write "subject: comparison{note}" (`Rule.compare`); any other
    message keeps its wording and gets the timeline at its end.
    """
    ordered = sorted(finding.evidence, key=lambda ev: (ev.source, ev.start))
    head = f"{finding.subject}: " + lines.comparison((short_id(ev.source), ev.value) for ev in ordered if ev.value is not None)
    if finding.message.startswith(head):
        return f"{finding.subject} changed over time: {describe(entries, short_id)}{finding.message[len(head):]}"
    return f"{finding.message} — changed over time: {describe(entries, short_id)}"
