"""The terminal report: a summary, a source-by-finding matrix, then one diff table per finding.

Findings keep the order they arrive in (conflicts, variants, then agreements). Each
finding shows one row per passage: where it is, the sentence trimmed around the value
(the value emphasised), the value, and how it compares with the reference value (see
`verdicts`). For name variants the characters that differ from the reference are
emphasised (`Shoup[e]` without colour; in colour, with the difference also said in words).
Below 72 columns the table becomes a stacked list. In the findings matrix each distinct
value of a finding has its letter, and a source stating two values shows both letters.

Without colour (not a terminal, NO_COLOR, TERM=dumb, or `options.color=False`) the output
is plain text: emphasis becomes `**value**` in passages and brackets in values.
"""

from __future__ import annotations

import io
import os
import sys

from rich import box
from rich.console import Console, Group, RenderableType
from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimdiff.findings.models import DraftClaim, DraftLabel, DraftReview, Evidence, Finding, Report, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.text import char_diff, diff_words, passage
from claimdiff.reports.verdicts import LABEL_TEXT, REF, grounds, in_time_order, reference_value, value_letters, verdict

DEFAULT_WIDTH = 100
#: Narrower than this, passages go on their own lines instead of a table column.
TABLE_MIN_WIDTH = 72

STATUS_STYLE = {
    Status.conflict.value: "bold red",
    Status.variant.value: "bold yellow",
    Status.compatible.value: "cyan",
    Status.agree.value: "green",
    REF: "bold",
}
SEVERITY_STYLE = {Severity.error.value: "red", Severity.warning.value: "yellow", Severity.info.value: "blue"}
NOTE_STYLE = {"error": "red", "warning": "yellow", "note": "blue"}
LABEL_STYLE = {DraftLabel.contradicted: "bold red", DraftLabel.supported: "green", DraftLabel.not_found: "dim"}
#: Source passages shown per claim of a draft, and their length.
_DRAFT_PASSAGES = 2
_DRAFT_QUOTE = 100
_STATUS_ORDER = sorted(Status, key=lambda s: s.rank)
_SEVERITY_ORDER = sorted(Severity, key=lambda s: -s.rank)


class RichFormatter(Formatter):
    name = "rich"
    terminal = True

    def render(self, report: Report, options: RenderOptions) -> str:
        width = resolve_width(options.width)
        color = resolve_color(options.color)
        console = Console(
            file=io.StringIO(),
            width=width,
            force_terminal=color,
            no_color=not color,
            # Named standard colours only, so the bytes do not depend on the terminal's colour depth.
            color_system="standard" if color else None,
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
            soft_wrap=False,
        )
        view = _View(report, options, width, color)
        for renderable in view.renderables():
            console.print(renderable)
        out = console.file.getvalue()
        return "".join(line.rstrip(" ") + "\n" for line in out.splitlines())


def resolve_width(width: int | None) -> int:
    """The requested width; else the terminal's when stdout is one; else 100."""
    if width is not None:
        return width
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def resolve_color(color: bool | None) -> bool:
    """The requested colour mode; else colour on a terminal unless NO_COLOR or TERM=dumb."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):
        return False


class _View:
    """The renderables of one report at one width."""

    def __init__(self, report: Report, options: RenderOptions, width: int, color: bool) -> None:
        self.report = report
        self.options = options
        self.width = width
        self.color = color
        self.sources = locations.sources_by_id(report)
        cited = {ev.source for f in report.findings for ev in f.evidence}
        if report.draft is not None:
            cited |= {ev.source for c in report.draft.claims for ev in (c.passage, *c.contradicted_by, *c.supported_by)}
        # Numbered: the cited sources in corpus order, then any the report does not list.
        self.order = [s.id for s in report.sources if s.id in cited]
        self.order += sorted(cited - set(self.order))
        self.uncited = sum(s.id not in cited for s in report.sources)
        self.number = {source: i for i, source in enumerate(self.order, start=1)}

    def renderables(self) -> list[RenderableType]:
        out: list[RenderableType] = [self.header()]
        if self.options.quiet:
            return out
        if self.report.draft is not None:
            out += [Text(""), self.draft(self.report.draft)]
        if not self.report.findings:
            out.append(Text("No findings.", style="bold"))
            return out
        out += [Text(""), self.matrix()]
        for n, finding in enumerate(self.report.findings, start=1):
            out += [Text(""), self.finding(n, finding)]
        return out

    # -- header ---------------------------------------------------------------------------

    def header(self) -> RenderableType:
        r, s = self.report, self.report.summary
        title = Text.assemble(
            (f"{r.tool} {r.tool_version}", "bold"),
            f" — {_plural(s.sources, 'source')} read, {_plural(s.claims, 'claim')} extracted, "
            f"{_plural(s.findings, 'finding')}",
        )
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        grid.add_row("status", _counts(s.by_status, [st.value for st in _STATUS_ORDER], STATUS_STYLE))
        grid.add_row("severity", _counts(s.by_severity, [sv.value for sv in _SEVERITY_ORDER], SEVERITY_STYLE))
        skipped = []
        if s.baseline_skipped:
            skipped.append(f"{_plural(s.baseline_skipped, 'known finding')} (baseline)")
        if s.waived:
            skipped.append(f"{s.waived} waived (configuration)")
        if skipped:
            grid.add_row("skipped", Text(" · ".join(skipped)))
        if r.draft is not None:
            grid.add_row("draft", self.draft_counts(r.draft))
        shown = len(r.findings)
        if shown != s.findings and not self.options.quiet:
            grid.add_row("shown", Text(f"{shown} of {_plural(s.findings, 'finding')}"))
        for i, note in enumerate(r.notes):
            grid.add_row(
                "notes" if i == 0 else "",
                Text.assemble((note.level, NOTE_STYLE.get(note.level, "")), f" {note.path}: {note.message}"),
            )
        return Group(title, Padding(grid, (0, 0, 0, 2)))

    # -- a draft against its sources -----------------------------------------------------

    def draft_counts(self, review: DraftReview) -> Text:
        out = Text(f"{review.draft} against {_plural(len(review.against), 'source')}: ")
        for i, label in enumerate(DraftLabel):
            n = review.counts.get(label.value, 0)
            out.append(" · " if i else "")
            out.append(f"{LABEL_TEXT[label]} {n}", style=LABEL_STYLE[label] if n else "dim")
        return out

    def draft(self, review: DraftReview) -> RenderableType:
        """Every claim of the draft: its label, its passage, and the source passages the label rests on."""
        parts: list[RenderableType] = [Text(f"Claims of the draft {review.draft}", style="bold")]
        if not review.claims:
            parts.append(Padding(Text("No claim extracted from the draft.", style="dim"), (0, 0, 0, 2)))
            return Group(*parts)
        rows = [self.draft_row(claim) for claim in review.claims]
        if self.width < TABLE_MIN_WIDTH:
            for n, (label, quote, value, sources) in enumerate(rows, start=1):
                parts.append(Padding(Text.assemble(f"{n}. ", label, "  ", value), (0, 0, 0, 2)))
                parts += [Padding(quote, (0, 0, 0, 4)), Padding(sources, (0, 0, 0, 4))]
            return Group(*parts)
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("label", no_wrap=True, min_width=len("contradicted"))
        table.add_column("line: claim", overflow="fold", ratio=1)
        table.add_column("value", overflow="fold", max_width=max(8, self.width // 6))
        table.add_column("in the sources", overflow="fold", ratio=1)
        for n, row in enumerate(rows, start=1):
            table.add_row(str(n), *row)
        return Group(*parts, table)

    def draft_row(self, claim: DraftClaim) -> tuple[Text, Text, Text, Text]:
        label = Text(LABEL_TEXT[claim.label], style=LABEL_STYLE[claim.label])
        if claim.label is DraftLabel.contradicted:
            label.append(f"\n{claim.severity.value}", style=SEVERITY_STYLE[claim.severity.value])
        text = self.options.texts.get(claim.passage.source)
        where = locations.region(claim.passage, text, self.sources.get(claim.passage.source))
        quote = Text(f"{where.start_line}: " if where is not None else "", style="dim")
        quote.append_text(self.passage(claim.passage, text, _DRAFT_QUOTE))
        value = Text(claim.passage.value or "")
        sources = Text()
        shown = grounds(claim)
        for i, ev in enumerate(shown[:_DRAFT_PASSAGES]):
            if i:
                sources.append("\n")
            sources.append_text(self.located(ev))
            sources.append(f" {ev.value}" if ev.value is not None else "", style="bold")
            quote_of = passage(ev, self.options.texts.get(ev.source), max_chars=_DRAFT_QUOTE)
            sources.append(f" «{quote_of.text}»")
        if len(shown) > _DRAFT_PASSAGES:
            sources.append(f"\n+{len(shown) - _DRAFT_PASSAGES} more", style="dim")
        if not shown:
            sources.append("not found" if claim.label is DraftLabel.not_found else "(the draft alone)", style="dim")
        elif claim.label is DraftLabel.contradicted and claim.supported_by:
            backing = sorted({self.number[ev.source] for ev in claim.supported_by})
            sources.append(f"\nsupported by {', '.join(map(str, backing))}", style="dim")
        return label, quote, value, sources

    def located(self, ev: Evidence) -> Text:
        """ "3 002_f5f3…:12": the source's number, id and line."""
        out = Text(f"{self.number.get(ev.source, '?')} ", style="dim")
        out.append(ev.source)
        where = locations.region(ev, self.options.texts.get(ev.source), self.sources.get(ev.source))
        if where is not None:
            out.append(f":{where.start_line}", style="dim")
        return out

    # -- corpus overview ------------------------------------------------------------------

    def matrix(self) -> RenderableType:
        """Sources legend, then findings (rows) by sources (columns), in groups that fit."""
        parts: list[RenderableType] = [Text("Sources cited", style="bold")]
        num_w = len(str(len(self.order)))
        for source in self.order:
            meta = self.sources.get(source)
            details = (
                [x for x in (meta.outlet, meta.date.isoformat() if meta.date else None, meta.title) if x]
                if meta
                else []
            )
            line = Text.assemble(f"  {self.number[source]:>{num_w}}  ", (source, "bold"))
            if details:
                line.append("  " + " · ".join(details), style="dim")
            line.truncate(self.width, overflow="ellipsis")
            parts.append(line)
        if self.uncited:
            others = Text(f"{_plural(self.uncited, 'other source')} cited by no finding", style="dim")
            parts.append(Padding(others, (0, 0, 0, 2)))
        parts += [Text(""), Text("Findings by source", style="bold")]
        letters = [value_letters(f, self.order) for f in self.report.findings]
        several = any(len(mark) > 1 for marks in letters for mark in marks.values())
        legend = "one letter per value (same letter = same value); "
        legend += "AB = a source stating two values, A+ = more; " if several else ""
        legend += "• = passage without a value; · = not cited"
        parts.append(Padding(Text(legend, style="dim"), (0, 0, 0, 2)))
        n_w = len(str(len(self.report.findings)))
        fixed = 2 + n_w + 2 + len("compatible") + 2
        col_w = max(num_w, 2 if several else 1) + 1
        room = self.width - fixed - 12
        per_group = max(1, room // col_w) if room > 0 else 1
        groups = [self.order[i : i + per_group] for i in range(0, len(self.order), per_group)]
        for g, group in enumerate(groups):
            if g:
                parts.append(Text(""))
            longest = max(cell_len(f.subject) for f in self.report.findings) + 2
            subject_w = max(3, min(longest, self.width - fixed - col_w * len(group)))
            head = Text(" " * (fixed + subject_w))
            for source in group:
                head.append(f"{self.number[source]:>{col_w}}", style="bold")
            head.truncate(self.width)
            parts.append(head)
            for n, (finding, marks) in enumerate(zip(self.report.findings, letters, strict=True), start=1):
                line = Text(f"  {n:>{n_w}}  ")
                line.append(f"{finding.status.value:<10}", style=STATUS_STYLE[finding.status.value])
                subject = Text(finding.subject)
                subject.truncate(subject_w - 2, overflow="ellipsis", pad=True)
                line.append("  ")
                line.append_text(subject)
                line.append("  ")
                for source in group:
                    mark = marks.get(source, "·")
                    line.append(f"{mark:>{col_w}}", style="bold" if mark != "·" else "dim")
                line.truncate(self.width)
                parts.append(line)
        return Group(*parts)

    # -- one finding ----------------------------------------------------------------------

    def finding(self, n: int, finding: Finding) -> RenderableType:
        style = STATUS_STYLE[finding.status.value]
        title = Text.assemble((finding.status.value.upper(), style), "  ", (finding.message, "bold"))
        meta = Text(f"{finding.rule} {finding.rule_name} · {finding.kind.value} · ", style="dim")
        meta.append(finding.severity.value, style=SEVERITY_STYLE[finding.severity.value])
        meta.append(f" · fingerprint {finding.fingerprint}", style="dim")
        head = Table.grid(padding=(0, 1, 0, 0))
        head.add_column(no_wrap=True)
        head.add_column(overflow="fold")
        head.add_row(Text(f"{n}.", style="bold"), Group(title, meta))
        reference = reference_value(finding)
        rows = [self.row(finding, ev, reference) for ev in in_time_order(finding)]
        body = self.table(rows) if self.width >= TABLE_MIN_WIDTH else self.stacked(rows)
        return Group(head, body)

    def row(self, finding: Finding, ev: Evidence, reference: str | None) -> tuple[Text, Text, Text, Text]:
        text = self.options.texts.get(ev.source)
        place = Text(f"{self.number.get(ev.source, '?')} ", style="dim")
        place.append(ev.source)
        where = locations.region(ev, text, self.sources.get(ev.source))
        if where is not None:
            place.append(f":{where.start_line}", style="dim")
        row_verdict = verdict(finding, ev, reference)
        diff_against = reference if finding.status is Status.variant and row_verdict != REF else None
        return (
            place,
            self.passage(ev, text),
            self.value(ev, diff_against),
            Text(row_verdict, style=STATUS_STYLE.get(row_verdict, "")),
        )

    def passage_budget(self) -> int:
        """Characters of passage: about three lines of the passage column."""
        if self.width >= TABLE_MIN_WIDTH:
            column = self.width - max(8, self.width // 5) - max(8, self.width // 5) - 10 - 6
        else:
            column = self.width - 4
        return max(30, min(240, 3 * column))

    def passage(self, ev: Evidence, text: str | None, max_chars: int | None = None) -> Text:
        p = passage(ev, text, max_chars=max_chars or self.passage_budget())
        out = Text(p.before)
        if self.color:
            out.append(p.value, style="bold underline")
        else:
            out.append(f"**{p.value}**")
        out.append(p.after)
        return out

    def value(self, ev: Evidence, reference: str | None) -> Text:
        """The value; for a variant, the letters that differ from the reference marked.

        Without colour the marks are brackets (`Shoup[e]`, `Shoup[-e]`). In colour the value
        is spelt exactly as the source spells it, the differing letters highlighted, and a
        line below says in words how it differs from the reference: a terminal without
        strikethrough or colour still tells which spelling is which.
        """
        value = ev.value if ev.value is not None else ev.text
        if reference is None:
            return Text(value)
        segments = char_diff(reference, value)
        out = Text()
        for tag, piece in segments:
            if tag == "equal":
                out.append(piece)
            elif self.color:
                if tag != "delete":
                    out.append(piece, style="bold reverse yellow")
            else:
                out.append(f"[-{piece}]" if tag == "delete" else f"[{piece}]")
        words = diff_words(reference, value) if self.color else ""
        if words:
            out.append(f"\n{words}", style="dim")
        return out

    def table(self, rows: list[tuple[Text, Text, Text, Text]]) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, padding=(0, 1), header_style="bold")
        side = max(8, self.width // 5)
        table.add_column("source", overflow="fold", max_width=side)
        table.add_column("passage", overflow="fold", ratio=1)
        table.add_column("value", overflow="fold", max_width=side)
        table.add_column("verdict", no_wrap=True, min_width=len("compatible"))
        for row in rows:
            table.add_row(*row)
        return table

    def stacked(self, rows: list[tuple[Text, Text, Text, Text]]) -> Group:
        parts: list[RenderableType] = []
        for place, quote, value, row_verdict in rows:
            parts.append(Padding(Text.assemble(place, "  ", value, "  ", row_verdict), (0, 0, 0, 2)))
            parts.append(Padding(quote, (0, 0, 0, 4)))
        return Group(*parts)


def _counts(counts: dict[str, int], names: list[str], styles: dict[str, str]) -> Text:
    out = Text()
    for i, name in enumerate(names):
        n = counts.get(name, 0)
        out.append(" · " if i else "")
        out.append(f"{name} {n}", style=styles[name] if n else "dim")
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
