"""The HTML report's markup: self-contained, escaped, every finding and passage in place.

What a browser makes of it (filters, links, console) is in test_reports_html_browser.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from test_reports_support import SOURCES, TEXTS, ev, finding, make_findings, make_report, render

from claimdiff.corpus.models import FamilyLink, Source, SourceFamily
from claimdiff.findings import independence
from claimdiff.findings.models import Evidence, Kind, Report, Severity, Status, Summary
from claimdiff.reports.html import _highlight, _Span

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">"\'&amp;'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_html_is_one_self_contained_document():
    page = render("html", make_report())
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    tags = _parse(page).tags
    assert [t for t, _ in tags].count("script") == 1 and [t for t, _ in tags].count("style") == 1
    for tag, attrs in tags:
        assert "src" not in attrs, f"<{tag}> loads {attrs['src']}"
        if tag == "link":
            assert attrs["href"] == "data:,"  # the icon: no request for /favicon.ico
    (csp,) = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp.startswith("default-src 'none';")


def test_html_has_every_finding_with_its_passages():
    report = make_report()
    page = render("html", report)
    tags = _parse(page).tags
    articles = [a for t, a in tags if t == "article" and "finding" in (a.get("class") or "")]
    assert [a["id"] for a in articles] == [f"f{i}" for i in range(1, len(report.findings) + 1)]
    keys = {s.id: f"s{i}" for i, s in enumerate(SOURCES)}
    for attrs, f in zip(articles, report.findings):
        assert attrs["data-status"] == f.status.value and attrs["data-kind"] == f.kind.value
        assert attrs["data-sources"].split() == [keys[s] for s in f.sources]
        assert html.escape(f.message, quote=True) in page
        for e in f.evidence:
            # The passage quoted, the value highlighted, and a link to it in the reading view.
            assert f"<mark>{html.escape(' '.join(e.text.split()), quote=True)}</mark>" in page
            assert f'href="#{keys[e.source]}-{e.start}-{e.end}"' in page
            assert f'id="{keys[e.source]}-{e.start}-{e.end}"' in page


def test_html_reading_view_keeps_the_text_and_links_passages_to_findings():
    report = make_report()
    page = render("html", report)
    for i, source in enumerate(SOURCES):
        block = page.split(f'<article class="reading" id="article-s{i}">', 1)[1].split("</article>", 1)[0]
        text = block.split('<div class="text">', 1)[1].rsplit("</div>", 1)[0]
        without_refs = re.sub(r'<sup class="refs">.*?</sup>', "", text)
        assert html.unescape(re.sub(r"<[^>]+>", "", without_refs)) == TEXTS[source.id]
        numbers = {n for n, f in enumerate(report.findings, 1) if source.id in f.sources}
        assert set(map(int, re.findall(r'<a href="#f(\d+)">', text))) == numbers


def test_html_escapes_everything_from_the_corpus():
    text = f"Le chiffre {HOSTILE} est de 12 000 soldats."
    source = Source(id=f"id{HOSTILE}", path="x.txt", outlet=HOSTILE, title=HOSTILE, url="javascript:alert(1)")
    e = ev(source.id, "12 000 soldats", HOSTILE, texts={source.id: text})
    f = finding(Kind.quantity, Status.agree, Severity.info, "CD201", HOSTILE, HOSTILE, [e], message=HOSTILE)
    report = Report(
        tool_version=HOSTILE,
        sources=[source],
        findings=[f],
        notes=[],
        families=[SourceFamily(id=HOSTILE, sources=[source.id], reason=HOSTILE, links=[])],
        summary=Summary(sources=1, claims=1, findings=1, by_status={"agree": 1}, by_severity={"info": 1}),
    )
    page = render("html", report, texts={source.id: text}, paths={source.id: "x.txt"})
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1
    assert "img" not in [t for t, _ in parsed.tags]
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:")
    assert HOSTILE in "".join(parsed.text)  # shown as text, verbatim


def test_html_links_only_web_addresses():
    source = SOURCES[0].model_copy(update={"url": "https://example.org/a?b=1&c=2"})
    page = render("html", make_report().model_copy(update={"sources": [source, *SOURCES[1:]]}))
    assert '<a class="url" href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in page


def test_html_does_not_highlight_a_passage_that_is_not_at_its_offsets():
    moved = make_findings()[0]
    wrong = moved.evidence[0].model_copy(update={"start": 0, "end": 14})  # the text there is something else
    report = make_report([moved.model_copy(update={"evidence": [wrong]})])
    page = render("html", report)
    assert 'id="s1-0-14"' not in page and 'href="#s1-0-14"' not in page
    assert "<mark>15 000 soldats</mark>" in page  # still quoted in the finding


def test_html_without_texts_says_so():
    page = render("html", make_report(), texts={})
    assert page.count("The text of this article is not in the report.") == len(SOURCES)


def test_html_shows_families_and_independence():
    family = SourceFamily(
        id="F1",
        sources=["lemonde-0312", "rfi-0313"],
        reason="copies of one text: 80% of the shorter article's wording is in the other",
        links=[FamilyLink(sources=("lemonde-0312", "rfi-0313"), basis="near-duplicate", overlap=0.8, jaccard=0.6)],
    )
    findings = independence.apply(make_findings(), [family])
    page = render("html", make_report(findings).model_copy(update={"families": [family]}))
    assert '<li id="family-F1"><b>F1</b>: <a href="#article-s0">lemonde-0312</a>, <a href="#article-s2">rfi-0313</a>.' in page
    assert "3 sources, 2 independent" in page  # the conflict's sources: afp, lemonde and rfi (one family)
    assert '<a class="edit" href="#family-F1">edit of the same text (F1)</a>' in page  # the role variant


def test_html_empty_report():
    page = render("html", make_report([], baseline_skipped=0, waived=0))
    assert '<p class="none">No findings.</p>' in page and 'id="filters"' not in page


def test_html_only_some_findings_shown():
    report = make_report()
    page = render("html", report.model_copy(update={"findings": report.findings[:2]}))
    assert f"This report shows 2 of {len(report.findings)} findings." in page


@given(
    st.text(alphabet=st.sampled_from("ab <>&\"'\n\u00e9"), min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(1, 5)), max_size=6),
)
def test_html_highlight_keeps_any_text_and_any_overlap(text, raw):
    spans: dict[_Span, list[int]] = {}
    for a, b, n in raw:
        lo, hi = sorted((min(a, len(text)), min(b, len(text))))
        if lo < hi:
            spans.setdefault(_Span(lo, hi), []).append(n)
    out = _highlight(text, "s0", spans, 0)
    refs = re.findall(r'<sup class="refs">(.*?)</sup>', out)
    assert len(refs) == len(spans)
    plain = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<sup class="refs">.*?</sup>', "", out)))
    assert plain == text
    assert len(re.findall(r'class="anchor" id="s0-\d+-\d+"', out)) == len(spans)


def test_html_highlight_marks_each_piece_with_all_its_findings():
    out = _highlight("abcdef", "s0", {_Span(0, 4): [1], _Span(2, 6): [2]}, 0)
    assert '<mark class="claim" title="finding 1">ab</mark>' in out
    assert '<mark class="claim" title="findings 1, 2">cd</mark>' in out
    assert '<mark class="claim" title="finding 2">ef</mark>' in out


def test_html_header_is_set_apart():
    out = _highlight("---\nx: y\n---\nbody", "s0", {}, 13)
    assert out == '<span class="header">---\nx: y\n---\n</span>body'


def test_html_evidence_with_empty_span_is_not_marked():
    e = Evidence(source="afp-0312", start=5, end=5, text="", value="x")
    f = finding(Kind.name, Status.agree, Severity.info, "CD101", "n", "s", [e], message="m")
    page = render("html", make_report([f]))
    assert 'id="s1-5-5"' not in page
