"""A self-contained HTML report to read in a browser: one file, no server, no network.

The page has the summary (counts, sources, families of copies, input notes), the findings
with their passages side by side and the value highlighted, filters by status, kind and
source (a few lines of inline JavaScript; without it every finding shows), and a reading
view of each article with the passages of the findings highlighted and linked to them.

Everything that comes from the corpus is untrusted and escaped; a Content-Security-Policy
forbids any request, so opening the file can fetch nothing. The output depends only on the
report and the render options.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from claimdiff.corpus.models import Source
from claimdiff.findings.models import DraftClaim, DraftLabel, Evidence, Finding, Kind, Report, Severity, Status
from claimdiff.reports import locations
from claimdiff.reports.base import Formatter, RenderOptions
from claimdiff.reports.text import char_diff, passage
from claimdiff.reports.verdicts import LABEL_TEXT, REF, in_time_order, reference_value, verdict

_STATUS_ORDER = sorted(Status, key=lambda s: s.rank)
_SEVERITY_ORDER = sorted(Severity, key=lambda s: -s.rank)
_PASSAGE_CHARS = 240
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


_RELATION_STYLE = {"contradicts": "contradicted", "supports": "supported"}


class HtmlFormatter(Formatter):
    name = "html"

    def render(self, report: Report, options: RenderOptions) -> str:
        page = _Page(report, options)
        return page.html()


def attr(text: str) -> str:
    """Text safe inside a double-quoted attribute or an element."""
    return escape(text, quote=True)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


class _Page:
    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.options = options
        self.sources = locations.sources_by_id(report)
        order = [s.id for s in report.sources]
        extra = sorted({s for f in report.findings for s in f.sources} - set(order))
        #: Source id -> a short key for ids and data attributes (ids may hold any character).
        self.keys = {source: f"s{i}" for i, source in enumerate([*order, *extra])}
        self.family_of = {m: fam.id for fam in report.families for m in fam.sources}

    # --- the page --------------------------------------------------------------------

    def html(self) -> str:
        r = self.report
        title = f"{r.tool} report: {r.summary.findings} findings, {r.summary.sources} sources"
        draft_link = '<a href="#draft">Draft</a> ' if r.draft is not None else ""
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{attr(title)}</title>",
            '<link rel="icon" href="data:,">',
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            f'<header class="top"><h1>{attr(r.tool)} report</h1>'
            f'<p class="tool">{attr(r.tool)} {attr(r.tool_version)} · schema {attr(r.schema_version)}</p>'
            f'<nav><a href="#summary">Summary</a> {draft_link}<a href="#findings">Findings</a> <a href="#articles">Articles</a></nav>'
            "</header>",
            "<main>",
            *self.summary(),
            *self.draft(),
            *self.findings(),
            *self.articles(),
            "</main>",
            f"<script>{_JS}</script>",
            "</body>",
            "</html>",
        ]
        return "\n".join(parts) + "\n"

    # --- summary ---------------------------------------------------------------------

    def summary(self) -> list[str]:
        s = self.report.summary
        rows = [("sources", s.sources), ("claims", s.claims), ("findings", s.findings)]
        rows += [(status.value, s.by_status.get(status.value, 0)) for status in _STATUS_ORDER]
        rows += [(f"severity {sev.value}", s.by_severity.get(sev.value, 0)) for sev in _SEVERITY_ORDER]
        if s.baseline_skipped:
            rows.append(("known findings skipped (baseline)", s.baseline_skipped))
        if s.waived:
            rows.append(("waived", s.waived))
        out = ['<section id="summary">', "<h2>Summary</h2>", '<table class="counts"><tbody>']
        out += [f'<tr><th scope="row">{attr(name)}</th><td>{count}</td></tr>' for name, count in rows]
        out.append("</tbody></table>")
        shown = len(self.report.findings)
        if shown != s.findings:
            out.append(f'<p class="partial">This report shows {shown} of {s.findings} findings.</p>')
        out += self.source_table()
        out += self.family_list()
        if self.report.notes:
            out += ["<h3>Input notes</h3>", '<ul class="notes">']
            out += [
                f'<li class="note-{attr(n.level)}"><code>{attr(n.path)}</code>: <b>{attr(n.level)}</b>: {attr(n.message)}</li>'
                for n in self.report.notes
            ]
            out.append("</ul>")
        out.append("</section>")
        return out

    def source_table(self) -> list[str]:
        if not self.report.sources:
            return []
        out = [
            "<h3>Sources</h3>",
            '<table class="sources"><thead><tr><th>source</th><th>outlet</th><th>date</th><th>language</th>'
            "<th>title</th><th>family</th></tr></thead><tbody>",
        ]
        for source in self.report.sources:
            key = self.keys[source.id]
            date = source.date.isoformat() if source.date else ""
            if source.date and source.date_origin == "inferred":
                date += ' <span class="muted">(inferred)</span>'
            family = self.family_of.get(source.id, "")
            out.append(
                f'<tr><td><a href="#article-{key}">{attr(source.id)}</a></td><td>{attr(source.outlet or "")}</td>'
                f"<td>{date}</td><td>{attr(source.language)}</td><td>{self.title_cell(source)}</td>"
                f"<td>{attr(family)}</td></tr>"
            )
        out.append("</tbody></table>")
        return out

    def title_cell(self, source: Source) -> str:
        title = attr(source.title or "")
        if source.url and urlsplit(source.url).scheme in ("http", "https"):
            link = f'<a class="url" href="{attr(source.url)}" rel="noopener noreferrer">{attr(source.url)}</a>'
            return f"{title}<br>{link}" if title else link
        if source.url:
            return f"{title}<br><code>{attr(source.url)}</code>" if title else f"<code>{attr(source.url)}</code>"
        return title

    def family_list(self) -> list[str]:
        if not self.report.families:
            return []
        out = ["<h3>Families of copies</h3>", '<ul class="families">']
        for family in self.report.families:
            members = ", ".join(
                f'<a href="#article-{self.keys[m]}">{attr(m)}</a>' if m in self.keys else attr(m) for m in family.sources
            )
            out.append(f'<li id="family-{attr(family.id)}"><b>{attr(family.id)}</b>: {members}. {attr(family.reason)}.</li>')
        out.append("</ul>")
        return out

    # --- a draft against its sources ---------------------------------------------------

    def draft(self) -> list[str]:
        review = self.report.draft
        if review is None:
            return []
        counts = " ".join(
            f'<span class="badge {label.value}">{review.counts.get(label.value, 0)} {LABEL_TEXT[label]}</span>'
            for label in DraftLabel
        )
        n = len(review.against)
        out = [
            '<section id="draft">',
            "<h2>Draft against its sources</h2>",
            f'<p><a href="#article-{self.keys[review.draft]}">{attr(review.draft)}</a> checked against {n} '
            f"source{'' if n == 1 else 's'}: {counts}</p>",
        ]
        if not review.claims:
            return [*out, '<p class="none">No claim extracted from the draft.</p>', "</section>"]
        numbers = {f.fingerprint: i for i, f in enumerate(self.report.findings, start=1)}
        out.append('<ol class="draft-claims">')
        for claim in review.claims:
            out.append(self.draft_claim(claim, numbers))
        out += ["</ol>", "</section>"]
        return out

    def draft_claim(self, claim: DraftClaim, numbers: dict[str, int]) -> str:
        label = claim.label.value
        head = [f'<span class="badge {label}">{LABEL_TEXT[claim.label]}</span>']
        if claim.label is DraftLabel.contradicted:
            head.append(f'<span class="severity {claim.severity.value}">{claim.severity.value}</span>')
        if claim.subject:
            head.append(f"<b>{attr(claim.subject)}</b>")
        head.append(attr(claim.kind.value))
        links = [f'<a href="#f{numbers[fp]}">finding {numbers[fp]}</a>' for fp in claim.findings if fp in numbers]
        if links:
            head.append(", ".join(links))
        grounds_of = "".join(self.ground(ev, "contradicts") for ev in claim.contradicted_by)
        grounds_of += "".join(self.ground(ev, "supports") for ev in claim.supported_by)
        return (
            f'<li class="draft-claim {label}" data-label="{label}"><p class="meta">{" · ".join(head)}</p>'
            f'<div class="passages">{self.ground(claim.passage)}{grounds_of}</div></li>'
        )

    def ground(self, ev: Evidence, relation: str = "") -> str:
        """One passage of a draft claim: where, the quotation with its value marked, the value and
        how it bears on the claim (`contradicts`, `supports`; none for the claim itself)."""
        text = self.options.texts.get(ev.source)
        source = self.sources.get(ev.source)
        where = locations.region(ev, text, source)
        place = f' <span class="muted">line {where.start_line}</span>' if where is not None else ""
        p = passage(ev, text, max_chars=_PASSAGE_CHARS)
        quote = f"{attr(p.before)}<mark>{attr(p.value)}</mark>{attr(p.after)}" if p.value.strip() else attr(p.text)
        key = self.keys.get(ev.source)
        name = f'<a href="#article-{key}">{attr(ev.source)}</a>' if key else attr(ev.source)
        value = f"<code>{attr(ev.value)}</code>" if ev.value is not None else ""
        badge = f' <span class="badge {_RELATION_STYLE[relation]}">{relation}</span>' if relation else ""
        return (
            f'<div class="passage"><div class="src">{name}{place}</div><blockquote>{quote}</blockquote>'
            f'<div class="value">{value}{badge}</div></div>'
        )

    # --- findings --------------------------------------------------------------------

    def findings(self) -> list[str]:
        findings = self.report.findings
        out = ['<section id="findings">', "<h2>Findings</h2>"]
        if not findings:
            out += ['<p class="none">No findings.</p>', "</section>"]
            return out
        out += self.filters()
        for number, finding in enumerate(findings, start=1):
            out += self.finding(number, finding)
        out.append("</section>")
        return out

    def filters(self) -> list[str]:
        findings = self.report.findings
        statuses = [s.value for s in _STATUS_ORDER if any(f.status is s for f in findings)]
        kinds = [k.value for k in Kind if any(f.kind is k for f in findings)]
        used = {s for f in findings for s in f.sources}
        sources = [s for s in self.keys if s in used]

        def boxes(name: str, items: Iterable[tuple[str, str, int]]) -> str:
            return "".join(
                f'<label><input type="checkbox" name="{name}" value="{attr(value)}" checked> {label} '
                f'<span class="count">{count}</span></label>'
                for value, label, count in items
            )

        status_boxes = boxes(
            "status",
            ((s, f'<span class="badge {s}">{s}</span>', sum(f.status.value == s for f in findings)) for s in statuses),
        )
        kind_boxes = boxes("kind", ((k, k, sum(f.kind.value == k for f in findings)) for k in kinds))
        source_boxes = boxes(
            "source", ((self.keys[s], attr(s), sum(s in f.sources for f in findings)) for s in sources)
        )
        return [
            '<form id="filters" class="filters" aria-label="Filter the findings">',
            f'<fieldset><legend>Status</legend>{status_boxes}</fieldset>',
            f'<fieldset><legend>Kind</legend>{kind_boxes}</fieldset>',
            f'<fieldset><legend>Source</legend>{source_boxes}</fieldset>',
            f'<p class="shown">Showing <span id="shown">{len(findings)}</span> of {len(findings)} findings '
            '<button type="button" id="show-all">Show all</button></p>',
            "</form>",
        ]

    def finding(self, number: int, finding: Finding) -> list[str]:
        sources = finding.sources
        data_sources = " ".join(self.keys[s] for s in sources)
        status = finding.status.value
        meta = [
            f"<code>{attr(finding.rule)}</code> {attr(finding.rule_name)}",
            attr(finding.kind.value),
            f'<span class="severity {finding.severity.value}">{finding.severity.value}</span>',
        ]
        if finding.independent_sources is not None and finding.independent_sources < len(sources):
            meta.append(f"{len(sources)} sources, {finding.independent_sources} independent")
        if finding.timeline:
            meta.append("changed over time")
        for family in finding.same_text_edit:
            meta.append(f'<a class="edit" href="#family-{attr(family)}">edit of the same text ({attr(family)})</a>')
        meta.append(f'fingerprint <code>{attr(finding.fingerprint)}</code>')
        out = [
            f'<article class="finding {status}" id="f{number}" data-status="{status}" '
            f'data-kind="{finding.kind.value}" data-sources="{data_sources}">',
            f'<h3><a class="num" href="#f{number}">{number}.</a> <span class="badge {status}">{status}</span> '
            f"{attr(finding.subject)}</h3>",
            f'<p class="message">{attr(finding.message)}</p>',
            f'<p class="meta">{" · ".join(meta)}</p>',
        ]
        if finding.evidence:
            reference = reference_value(finding)
            out.append('<div class="passages">')
            out += [self.passage(finding, ev, reference) for ev in in_time_order(finding)]
            out.append("</div>")
        out.append("</article>")
        return out

    def passage(self, finding: Finding, ev: Evidence, reference: str | None) -> str:
        text = self.options.texts.get(ev.source)
        source = self.sources.get(ev.source)
        where = locations.region(ev, text, source)
        place = f' <span class="muted">line {where.start_line}</span>' if where is not None else ""
        outlet = f' <span class="outlet">{attr(source.outlet)}</span>' if source and source.outlet else ""
        p = passage(ev, text, max_chars=_PASSAGE_CHARS)
        quote = f"{attr(p.before)}<mark>{attr(p.value)}</mark>{attr(p.after)}" if p.value.strip() else attr(p.text)
        row_verdict = verdict(finding, ev, reference)
        value = self.value(ev, reference if finding.status is Status.variant and row_verdict != REF else None)
        key = self.keys[ev.source]
        link = (
            f' <a class="read" href="#{_anchor(key, ev)}">in the article</a>'
            if _located(ev, text)
            else ""
        )
        return (
            f'<div class="passage verdict-{attr(row_verdict)}">'
            f'<div class="src"><a href="#article-{key}">{attr(ev.source)}</a>{outlet}{place}</div>'
            f"<blockquote>{quote}</blockquote>"
            f'<div class="value">{value} <span class="badge {attr(row_verdict)}">{attr(row_verdict)}</span>{link}</div>'
            "</div>"
        )

    @staticmethod
    def value(ev: Evidence, reference: str | None) -> str:
        """The value; against the reference, changed letters in <ins>, missing ones in <del>."""
        value = ev.value if ev.value is not None else ev.text
        if reference is None:
            return f"<code>{attr(value)}</code>"
        pieces = []
        for tag, piece in char_diff(reference, value):
            if tag == "equal":
                pieces.append(attr(piece))
            elif tag == "delete":
                pieces.append(f"<del>{attr(piece)}</del>")
            else:
                pieces.append(f"<ins>{attr(piece)}</ins>")
        return f"<code>{''.join(pieces)}</code>"

    # --- reading view ----------------------------------------------------------------

    def articles(self) -> list[str]:
        if not self.keys:
            return []
        spans = self.spans()
        out = ['<section id="articles">', "<h2>Articles</h2>"]
        for source_id, key in self.keys.items():
            source = self.sources.get(source_id)
            heading = attr(source_id)
            if source is not None and source.outlet:
                heading += f' <span class="outlet">{attr(source.outlet)}</span>'
            if source is not None and source.date:
                heading += f' <span class="muted">{source.date.isoformat()}</span>'
            out.append(f'<article class="reading" id="article-{key}">')
            out.append(f"<h3>{heading}</h3>")
            if source is not None and source.title:
                out.append(f'<p class="title">{attr(source.title)}</p>')
            text = self.options.texts.get(source_id)
            if text is None:
                out.append('<p class="muted">The text of this article is not in the report.</p>')
            else:
                body_start = source.body_start if source is not None else 0
                out.append(f'<div class="text">{_highlight(text, key, spans.get(source_id, {}), body_start)}</div>')
            out.append("</article>")
        out.append("</section>")
        return out

    def spans(self) -> dict[str, dict[_Span, list[int]]]:
        """Source id -> each passage that is where it says in the text -> the findings it is in."""
        found: dict[str, dict[_Span, list[int]]] = {}
        for number, finding in enumerate(self.report.findings, start=1):
            for ev in finding.evidence:
                if not _located(ev, self.options.texts.get(ev.source)) or ev.start == ev.end:
                    continue
                numbers = found.setdefault(ev.source, {}).setdefault(_Span(ev.start, ev.end), [])
                if number not in numbers:
                    numbers.append(number)
        return found


def _located(ev: Evidence, text: str | None) -> bool:
    """Whether the passage is at its offsets in the text (never highlight what is not there)."""
    return text is not None and 0 <= ev.start <= ev.end <= len(text) and text[ev.start : ev.end] == ev.text


def _anchor(key: str, ev: Evidence) -> str:
    return f"{key}-{ev.start}-{ev.end}"


def _highlight(text: str, key: str, spans: dict[_Span, list[int]], body_start: int) -> str:
    """The text with each passage marked, its anchor at its start and links to its findings at its end.

    Passages may overlap: the text is cut at every passage boundary, and each piece is
    marked with the findings of all the passages that cover it.
    """
    cuts = sorted({0, len(text), body_start, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[_Span]] = {}
    ending: dict[int, list[_Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        starting.setdefault(span.start, []).append(span)
        ending.setdefault(span.end, []).append(span)
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        for span in ending.get(lo, []):
            out.append(_refs(spans[span]))
        for span in starting.get(lo, []):
            out.append(f'<span class="anchor" id="{key}-{span.start}-{span.end}"></span>')
        piece = attr(text[lo:hi])
        covering = sorted({n for s, numbers in spans.items() if s.start <= lo and hi <= s.end for n in numbers})
        if hi <= body_start:
            out.append(f'<span class="header">{piece}</span>')
        elif covering:
            title = "finding " if len(covering) == 1 else "findings "
            title += ", ".join(str(n) for n in covering)
            out.append(f'<mark class="claim" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    for span in ending.get(len(text), []):
        out.append(_refs(spans[span]))
    return "".join(out)


def _refs(numbers: list[int]) -> str:
    links = ",".join(f'<a href="#f{n}">{n}</a>' for n in sorted(numbers))
    return f'<sup class="refs">{links}</sup>'


_CSS = """
:root{--fg:#1d1d1f;--bg:#fff;--muted:#6b6b70;--line:#d9d9de;--card:#f7f7f9;--mark:#fff0a8;--claim:#dcebff;
--conflict:#b3261e;--variant:#9a6700;--compatible:#0b6e99;--agree:#1a7f37;--ref:#444}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#17171a;--muted:#a0a0a8;--line:#3a3a40;--card:#222226;
--mark:#5a4b00;--claim:#1e3a5c;--conflict:#ff8a80;--variant:#f2c94c;--compatible:#6cc3e8;--agree:#7ee29b;--ref:#ccc}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:1rem 1.5rem;border-bottom:1px solid var(--line)}
header.top h1{margin:0;font-size:1.4rem}
header.top nav a{margin-right:1rem}
.tool,.muted{color:var(--muted)}
main{padding:0 1.5rem 3rem;max-width:90rem}
a{color:inherit}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
table.counts td{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 .45rem;border-radius:.7rem;font-size:.8rem;font-weight:600;border:1px solid currentColor}
.badge.conflict{color:var(--conflict)}.badge.variant{color:var(--variant)}.badge.compatible{color:var(--compatible)}
.badge.agree{color:var(--agree)}.badge.ref{color:var(--ref)}
.badge.contradicted{color:var(--conflict)}.badge.supported{color:var(--agree)}.badge.not_found{color:var(--muted)}
.draft-claims{padding-left:1.5rem}.draft-claim{margin:.6rem 0}
.severity.error{color:var(--conflict);font-weight:600}.severity.warning{color:var(--variant);font-weight:600}
.filters{position:sticky;top:0;z-index:1;background:var(--bg);padding:.5rem 0;border-bottom:1px solid var(--line);
display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-start}
.filters fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0;padding:.2rem .6rem}
.filters label{margin-right:.7rem;white-space:nowrap}
.filters .count{color:var(--muted);font-size:.8rem}
.shown{margin:.3rem 0}
.finding{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:.4rem;margin:1rem 0;padding:.6rem 1rem;background:var(--card)}
.finding.conflict{border-left-color:var(--conflict)}.finding.variant{border-left-color:var(--variant)}
.finding.compatible{border-left-color:var(--compatible)}.finding.agree{border-left-color:var(--agree)}
.finding h3{margin:.2rem 0;font-size:1.05rem}
.finding .num{text-decoration:none;color:var(--muted)}
.message{margin:.2rem 0;font-weight:500}
.meta{margin:.2rem 0;color:var(--muted);font-size:.85rem}
.passages{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.6rem;margin-top:.5rem}
.passage{border:1px solid var(--line);border-radius:.3rem;padding:.4rem .6rem;background:var(--bg)}
.passage .src{font-size:.85rem;font-weight:600}
.passage .outlet{font-weight:400;color:var(--muted)}
blockquote{margin:.3rem 0;font-size:.92rem}
mark{background:var(--mark);color:inherit;padding:0 .1rem;border-radius:.15rem}
ins{background:var(--mark);text-decoration:underline}
del{color:var(--conflict)}
.value{font-size:.88rem}
.read{margin-left:.4rem;font-size:.8rem}
.reading{border-top:1px solid var(--line);padding-top:.5rem;margin-top:1rem}
.reading .title{font-weight:600}
.text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:48rem}
.text .header{color:var(--muted)}
mark.claim{background:var(--claim)}
.finding:target,.reading:target,.anchor:target+mark{outline:2px solid var(--compatible);outline-offset:2px}
sup.refs{font-size:.7rem;margin-left:.1rem}
sup.refs a{margin-right:.15rem}
@media print{.filters{display:none}.finding{break-inside:avoid}}
""".strip()

# Hides the findings whose status, kind or sources are unchecked. Without JavaScript every
# finding shows; nothing here reads or writes anything but the page itself.
_JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var shown = document.getElementById("shown");
  function checked(name) {
    var set = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      if (box.checked) { set[box.value] = true; }
    });
    return set;
  }
  function update() {
    var statuses = checked("status"), kinds = checked("kind"), sources = checked("source"), count = 0;
    findings.forEach(function (finding) {
      var own = finding.getAttribute("data-sources");
      var list = own ? own.split(" ") : [];
      var visible = statuses[finding.getAttribute("data-status")] === true &&
        kinds[finding.getAttribute("data-kind")] === true &&
        (list.length === 0 || list.some(function (s) { return sources[s] === true; }));
      finding.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = String(count);
  }
  form.addEventListener("change", update);
  document.getElementById("show-all").addEventListener("click", function () {
    Array.prototype.forEach.call(form.querySelectorAll("input[type='checkbox']"), function (box) { box.checked = true; });
    update();
  });
  update();
})();
""".strip()
