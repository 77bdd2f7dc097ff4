"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped where /usr/bin/chromium or Playwright is missing (`.ci/run` installs Chromium).
Playwright's own browser downloads are never used: it drives the system Chromium. The
screenshot of the seed report is kept as a test artefact in tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reports_support import make_report, render

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOT = ARTIFACTS / "html-report-seeds.png"


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


class _Tab:
    """A page, with what it logged and requested."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def visible_findings(self) -> list[str]:
        return self.page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")

    def set_box(self, name: str, value: str, checked: bool) -> None:
        box = self.page.locator(f"#filters input[name='{name}'][value='{value}']")
        if checked:
            box.check()
        else:
            box.uncheck()

    def shown(self) -> int:
        return int(self.page.inner_text("#shown"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
            offline=True,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def tab(browser) -> Iterator[_Tab]:
    page = browser.new_page()
    try:
        yield _Tab(page)
    finally:
        page.close()


def _check_filters(tab: _Tab, findings: list[dict], source_keys: dict[str, str]) -> None:
    everything = [f"f{i}" for i in range(1, len(findings) + 1)]
    assert tab.visible_findings() == everything and tab.shown() == len(findings)
    # By status.
    tab.set_box("status", "agree", False)
    expected = [f"f{i}" for i, f in enumerate(findings, 1) if f["status"] != "agree"]
    assert tab.visible_findings() == expected and tab.shown() == len(expected)
    # And by kind, on top.
    kind = findings[0]["kind"]
    tab.set_box("kind", kind, False)
    expected = [f"f{i}" for i, f in enumerate(findings, 1) if f["status"] != "agree" and f["kind"] != kind]
    assert tab.visible_findings() == expected and tab.shown() == len(expected)
    tab.page.click("#show-all")
    assert tab.visible_findings() == everything
    # By source: only the findings that rest on the one source left checked.
    counts = {s: sum(s in _sources(f) for f in findings) for s in source_keys}
    source = min((s for s in source_keys if counts[s]), key=counts.__getitem__)
    for other, key in source_keys.items():
        if other != source:
            tab.set_box("source", key, False)
    expected = [f"f{i}" for i, f in enumerate(findings, 1) if source in _sources(f)]
    assert 0 < len(expected) < len(findings)
    assert tab.visible_findings() == expected and tab.shown() == len(expected)
    tab.set_box("source", source_keys[source], False)
    assert tab.visible_findings() == [] and tab.shown() == 0
    tab.page.click("#show-all")
    assert tab.visible_findings() == everything


def _sources(finding: dict) -> set[str]:
    return set(finding["values"]) | {e["source"] for e in finding["evidence"]}


@pytest.mark.slow
def test_html_browser_seed_report(cli, tab, tmp_path):
    """Every finding of the seed report renders; the filters, the links and the console are clean."""
    assert cli("check", REPO / "seeds", "--format", "html", "--output", "report.html", "--fail-on", "never").code == 0
    run = cli("check", REPO / "seeds", "--format", "json", "--fail-on", "never")
    report = json.loads(run.out)
    findings = report["findings"]
    assert len(findings) >= 10
    page_file = tmp_path / "report.html"
    tab.open(page_file)
    assert tab.page.title() == f"claimdiff report: {len(findings)} findings, 5 sources"
    # Every finding, in order, with its subject, message and one passage per evidence entry.
    rendered = tab.page.eval_on_selector_all(
        "article.finding",
        "els => els.map(e => [e.querySelector('h3').innerText, e.querySelector('.message').innerText,"
        " e.querySelectorAll('.passage').length, e.querySelectorAll('.passage mark').length])",
    )
    assert len(rendered) == len(findings)
    for (heading, message, passages, marks), finding in zip(rendered, findings):
        assert finding["subject"] in heading and finding["status"] in heading
        assert message == finding["message"]
        assert passages == marks == len(finding["evidence"])
    # The passages are visible side by side: two passages of one finding share a row.
    boxes = tab.page.eval_on_selector_all(
        "article.finding:first-of-type .passage", "els => els.map(e => e.getBoundingClientRect().top)"
    )
    assert len(boxes) >= 2 and boxes[0] == boxes[1]
    # The reading view: each passage highlighted, its links lead to findings that exist.
    marks = tab.page.eval_on_selector_all("#articles mark.claim", "els => els.length")
    assert marks >= sum(len(f["evidence"]) for f in findings) // 2
    targets = tab.page.eval_on_selector_all("#articles sup.refs a", "els => els.map(a => a.getAttribute('href'))")
    assert targets and all(tab.page.locator(t).count() == 1 for t in set(targets))
    # A passage's "in the article" link scrolls to its place in the reading view.
    link = tab.page.locator("article.finding#f2 a.read").first
    target = link.get_attribute("href")
    link.click()
    assert tab.page.evaluate("location.hash") == target
    assert tab.page.locator(f"{target} + mark").is_visible()
    tab.page.evaluate("location.hash = ''")
    keys = {s["id"]: f"s{i}" for i, s in enumerate(report["sources"])}
    _check_filters(tab, findings, keys)
    tab.page.click("#show-all")
    tab.page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    print(f"screenshot: {SCREENSHOT}")
    assert tab.errors == []
    assert tab.requests == [page_file.as_uri()]  # nothing fetched but the file itself


def test_html_browser_hand_built_report(tab, tmp_path):
    report = make_report()
    page_file = tmp_path / "report.html"
    page_file.write_text(render("html", report), encoding="utf-8")
    tab.open(page_file)
    findings = [json.loads(f.model_dump_json()) for f in report.findings]
    keys = {s.id: f"s{i}" for i, s in enumerate(report.sources)}
    _check_filters(tab, findings, keys)
    assert tab.errors == [] and tab.requests == [page_file.as_uri()]


def test_html_browser_runs_no_corpus_script(tab, tmp_path):
    """Markup in an article, a subject or an outlet is shown as text, never run."""
    from test_reports_html import HOSTILE

    from claimdiff.corpus.models import Source
    from claimdiff.findings.models import Kind, Report, Severity, Status, Summary
    from test_reports_support import ev, finding

    text = f"Selon {HOSTILE}, 12 000 soldats."
    source = Source(id="evil", path="evil.txt", outlet=HOSTILE, title=HOSTILE)
    f = finding(Kind.quantity, Status.agree, Severity.info, "CD201", "q", HOSTILE, [ev("evil", "12 000 soldats", "12000", texts={"evil": text})])
    report = Report(
        tool_version="0.1.0",
        sources=[source],
        findings=[f],
        summary=Summary(sources=1, claims=1, findings=1, by_status={"agree": 1}, by_severity={"info": 1}),
    )
    page_file = tmp_path / "evil.html"
    page_file.write_text(render("html", report, texts={"evil": text}), encoding="utf-8")
    tab.open(page_file)
    assert tab.dialogs == [] and tab.errors == []
    assert tab.page.locator("img").count() == 0
    assert tab.page.locator("script").count() == 1
    assert HOSTILE in tab.page.inner_text("#article-s0 .text")
    assert HOSTILE in tab.page.inner_text("article.finding h3")

