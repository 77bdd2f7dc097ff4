"""`claimdiff import`: saved web pages (and URLs, from a loopback server) into articles that `check` reads.

Pages are built by tests/page_layouts.py: an article inside the furniture of a WordPress
theme, of a news site with JSON-LD metadata, or of a bare blog page.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_layouts import Story, blog_page, news_page, wordpress_page

from claimdiff.corpus.frontmatter import read_header
from claimdiff.corpus.importer import render
from claimdiff.corpus.webpage import Page, read_page

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

PARAGRAPHS_FR = [
    "Le conseil municipal de Vierzon a voté mardi la fermeture de la piscine des Forges, par 21 voix contre 12.",
    "Construit en 1974, l'équipement accueillait environ 60 000 baigneurs par an. Sa rénovation aurait coûté "
    "4,2 millions d'euros, selon le maire, Jean-Luc Marchand.",
    "• Les 14 agents de la piscine seront reclassés dans d'autres services.",
    "• Une navette vers le centre aquatique de Bourges sera mise en place dès le 1er octobre.",
    "L'opposition a dénoncé « une décision prise dans la précipitation » et réclame un référendum local.",
]
PARAGRAPHS_EN = [
    "The town council of Ashworth voted on Tuesday to close the Mill Lane library, by 7 votes to 4.",
    "The library opened in 1962 and lends about 40,000 books a year. Councillor Ann Pell said the building "
    "needed repairs costing £350,000 that the council could not pay.",
    "Campaigners have collected 2,300 signatures and plan to take the decision to court.",
]
# Words of the page furniture each layout puts around the article: none may reach the article file.
FURNITURE = [
    "cookie",
    "Publicité",
    "Accueil",
    "Articles similaires",
    "Sur le même sujet",
    "200 000 soldats",  # a reader's comment
    "Il y avait 25 pays",  # a reader's comment
    "Laisser un commentaire",
    "newsletter",
    "sponsorisé",
    "3 000 euros",  # sponsored link
    "Mentions légales",
    "Tous droits réservés",
    "Articles récents",
    "Partager",
    "uncle says",  # a comment on the blog
    "Blogroll",
    "archive",
]


def _expected_text(paragraphs: list[str], headline: str | None = None) -> str:
    lines = [headline] if headline else []
    lines += ["- " + p.lstrip("• ") if p.startswith("•") else p for p in paragraphs]  # list items as Markdown
    return "\n\n".join(lines) + "\n"


def _imported(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    header = read_header(text)
    assert not header.problems, header.problems
    return header.fields, text[header.end :]


def _assert_no_furniture(body: str) -> None:
    for word in FURNITURE:
        assert not re.search(rf"\b{re.escape(word)}\b", body, re.IGNORECASE), f"page furniture {word!r} in the article text"


def test_import_wordpress_page(cli, tmp_path):
    story = Story(
        paragraphs=PARAGRAPHS_FR,
        title="Vierzon ferme sa piscine des Forges",
        outlet="Le Berry Républicain du Cher",
        date=dt.date(2025, 9, 16),
        url="https://berry-cher.example/2025/09/16/vierzon-ferme-sa-piscine/",
        language="fr-FR",
    )
    (tmp_path / "piscine.html").write_text(wordpress_page(story), encoding="utf-8")
    run = cli("import", "piscine.html", "--to", "corpus")
    assert run.code == 0, run.err
    assert run.out == str(Path("corpus") / "piscine.md") + "\n"
    fields, body = _imported(tmp_path / "corpus" / "piscine.md")
    assert fields == {
        "outlet": "Le Berry Républicain du Cher",
        "date": dt.date(2025, 9, 16),
        "url": "https://berry-cher.example/2025/09/16/vierzon-ferme-sa-piscine/",
        "title": "Vierzon ferme sa piscine des Forges",
        "language": "fr",
    }
    assert body == _expected_text(PARAGRAPHS_FR, headline=story.title)
    _assert_no_furniture(body)


def test_import_news_page_with_json_ld_metadata(cli, tmp_path):
    story = Story(
        paragraphs=PARAGRAPHS_EN,
        title="Ashworth council votes to shut Mill Lane library",
        outlet="The Northern Courier",
        date=dt.date(2024, 3, 12),
        url="https://www.northern-courier.example/news/ashworth-library-vote-1234",
        language="en",
        author="Jane Hollis",
    )
    (tmp_path / "library.htm").write_text(news_page(story), encoding="utf-8")
    run = cli("import", "library.htm", "--to", "corpus")
    assert run.code == 0, run.err
    fields, body = _imported(tmp_path / "corpus" / "library.md")
    # Outlet, date and address come from the JSON-LD alone: the page has no og: tags or canonical link.
    assert fields == {
        "outlet": "The Northern Courier",
        "date": dt.date(2024, 3, 12),  # datePublished, not dateModified
        "url": "https://www.northern-courier.example/news/ashworth-library-vote-1234",
        "title": "Ashworth council votes to shut Mill Lane library",
        "language": "en",
    }
    assert body == _expected_text(PARAGRAPHS_EN, headline=story.title)
    _assert_no_furniture(body)
    assert "Jane Hollis" not in body and "Lecture 3 min" not in body


def test_import_bare_blog_page(cli, tmp_path):
    story = Story(paragraphs=PARAGRAPHS_EN, title="Ashworth votes to close its library", date=dt.date(2024, 3, 14))
    (tmp_path / "post.html").write_text(blog_page(story), encoding="utf-8")
    run = cli("import", "post.html", "--to", "corpus")
    assert run.code == 0, run.err
    fields, body = _imported(tmp_path / "corpus" / "post.md")
    # The page declares no site, address, language or date (the date is only in its prose,
    # which is not searched for dates): the article says so by leaving them out.
    assert fields == {"title": "Ashworth votes to close its library"}
    assert body == f"{story.title}\n\nPosted 14 March 2024\n\n" + _expected_text(PARAGRAPHS_EN)
    _assert_no_furniture(body)


def test_import_then_check_reads_the_metadata(cli, tmp_path, no_extraction):
    story = Story(
        paragraphs=PARAGRAPHS_FR,
        title="Vierzon : la piscine fermera",
        outlet="Le Berry",
        date=dt.date(2025, 9, 16),
        url="https://berry.example/a",
        language="fr",
    )
    (tmp_path / "a.html").write_text(wordpress_page(story), encoding="utf-8")
    assert cli("import", "a.html", "--to", "corpus").code == 0
    run = cli("check", "corpus", "--format", "json")
    assert run.code == 0, run.err
    (source,) = json.loads(run.out)["sources"]
    assert source["id"] == "a"
    assert source["outlet"] == "Le Berry" and source["date"] == "2025-09-16" and source["date_origin"] == "metadata"
    assert source["title"] == "Vierzon : la piscine fermera" and source["url"] == "https://berry.example/a"
    assert source["language"] == "fr" and source["language_origin"] == "metadata"


@pytest.mark.parametrize(
    "title",
    ["Plain", "Colon: here", "'quoted' \"twice\"", "# not a heading", "--- dashes ---", "yes", "2025-09-16", "Ça & là « ok »"],
)
def test_import_front_matter_round_trips_any_title(title):
    page = Page(text="Un paragraphe.\nUn autre.", title=title, outlet="O: x", date=dt.date(2025, 1, 2), url="https://e.x/?a=1&b=2")
    text = render(page)
    header = read_header(text)
    assert header.problems == ()
    assert header.fields == {"title": title, "outlet": "O: x", "date": dt.date(2025, 1, 2), "url": "https://e.x/?a=1&b=2"}
    assert text[header.end :] == "Un paragraphe.\n\nUn autre.\n"


def test_import_page_without_article_text_is_reported_not_written(cli, tmp_path):
    empty = "<html><head><title>Accueil</title></head><body><nav><a href='/'>Accueil</a></nav><div class='cookie-banner'>Nous utilisons des cookies. Accepter</div></body></html>"
    (tmp_path / "home.html").write_text(empty, encoding="utf-8")
    run = cli("import", "home.html", "--to", "corpus")
    assert run.code == 2
    assert "home.html: warning: no article text found on the page (under 10 words); nothing written" in run.err
    assert "imported 0 of 1 pages" in run.err
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())
    assert "Traceback" not in run.err


def test_import_one_good_page_and_problems(cli, tmp_path):
    (tmp_path / "good.html").write_text(wordpress_page(Story(PARAGRAPHS_FR, "T", "S")), encoding="utf-8")
    (tmp_path / "home.html").write_text("<html><body><nav>Accueil</nav></body></html>", encoding="utf-8")
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.7\x00\x00\x01binary")
    # A page without text alone does not fail the run once another page was imported...
    run = cli("import", "good.html", "home.html", "--to", "corpus")
    assert run.code == 0, run.err
    assert "home.html: warning: no article text" in run.err
    # ...an unreadable input does, after the rest is written.
    run = cli("import", "scan.html", "missing.html", "good.html", "--to", "other")
    assert run.code == 2
    assert "scan.html: error: not an HTML page; skipped" in run.err
    assert "missing.html: error: no such file" in run.err
    assert (tmp_path / "other" / "good.md").is_file()
    for line in run.err.splitlines():
        assert line.startswith("claimdiff: "), line


def test_import_never_overwrites_a_file(cli, tmp_path):
    (tmp_path / "page.html").write_text(wordpress_page(Story(PARAGRAPHS_FR, "Titre", "Site")), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.md").write_text("my own notes\n", encoding="utf-8")
    run = cli("import", "page.html", "--to", "corpus")
    assert run.code == 0, run.err
    assert (corpus / "page.md").read_text(encoding="utf-8") == "my own notes\n"
    assert f"page.html: {Path('corpus') / 'page.md'} exists; written as {Path('corpus') / 'page-2.md'}" in run.err
    assert run.out == str(Path("corpus") / "page-2.md") + "\n"
    # The same page again: the file that holds it is left alone, and no third copy is made.
    again = cli("import", "page.html", "--to", "corpus")
    assert again.code == 0
    assert "already holds this article; left as it is" in again.err
    assert sorted(p.name for p in corpus.iterdir()) == ["page-2.md", "page.md"]


def test_import_two_pages_with_one_name(cli, tmp_path):
    for folder, title in (("a", "Premier"), ("b", "Second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(wordpress_page(Story(PARAGRAPHS_FR, title, "S")), encoding="utf-8")
    run = cli("import", "a/index.html", "b/index.html", "--to", "corpus")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["index-2.md", "index.md"]
    assert "title: Second" in (tmp_path / "corpus" / "index-2.md").read_text(encoding="utf-8")


def test_import_to_a_file_is_an_error(cli, tmp_path):
    (tmp_path / "page.html").write_text(wordpress_page(Story(PARAGRAPHS_FR, "T", "S")), encoding="utf-8")
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    run = cli("import", "page.html", "--to", "notes.md")
    assert run.code == 2
    assert run.err == "claimdiff: error: notes.md: not a directory\n"
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine\n"


def test_check_points_html_files_at_import(cli, tmp_path, no_extraction):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text("<html></html>", encoding="utf-8")
    (corpus / "a.txt").write_text("Le préfet a annoncé mardi l'envoi de 300 gendarmes.", encoding="utf-8")
    run = cli("check", "corpus", "--format", "json")
    assert run.code == 0
    page = Path("corpus") / "page.html"
    assert f"claimdiff: {page}: warning: a saved web page: turn it into an article first with `claimdiff import {page} --to DIR`; skipped\n" in run.err
    # Named on the command line, it is an input that was not read: exit 2.
    run = cli("check", "corpus/page.html", "corpus/a.txt", "--format", "json")
    assert run.code == 2
    assert "page.html: error: a saved web page: turn it into an article first with `claimdiff import" in run.err
    # Nothing but pages: the one-line error says what to do.
    (corpus / "a.txt").unlink()
    run = cli("check", "corpus")
    assert run.code == 2
    assert run.err.endswith("no article found, only saved web pages: turn them into articles first with `claimdiff import PAGE... --to DIR`\n")


# --- URLs, from a server on the loopback interface ----------------------------------------


class _Site(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.release = threading.Event()  # lets a deliberately slow answer finish
        self.requests: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.server.requests.append(self.path)
        if self.path == "/slow":
            self.server.release.wait(10)
            return
        status, kind, body = self.server.pages.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        if status == 302:
            self.send_response(302)
            self.send_header("Location", body.decode())
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Site]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_import_url_from_a_loopback_server(cli, tmp_path, site):
    story = Story(PARAGRAPHS_FR, "Vierzon ferme sa piscine", "Le Berry", dt.date(2025, 9, 16), language="fr")
    site.pages["/2025/09/16/vierzon-piscine.html"] = (200, "text/html; charset=utf-8", wordpress_page(story).encode())
    site.pages["/short"] = (302, "", b"/2025/09/16/vierzon-piscine.html")
    run = cli("import", f"{site.base}/short", "--to", "corpus")
    assert run.code == 0, run.err
    fields, body = _imported(tmp_path / "corpus" / "short.md")
    # The page gives an empty canonical address: the address it was fetched from (after the redirect) stands.
    assert fields["url"] == f"{site.base}/2025/09/16/vierzon-piscine.html"
    assert fields["outlet"] == "Le Berry" and fields["date"] == dt.date(2025, 9, 16)
    assert body == _expected_text(PARAGRAPHS_FR, headline=story.title)
    assert site.requests == ["/short", "/2025/09/16/vierzon-piscine.html"]


def test_import_url_names_the_file_after_the_address(cli, tmp_path, site):
    site.pages["/monde/article-123.html"] = (200, "text/html", news_page(Story(PARAGRAPHS_FR, "T", "S")).encode())
    run = cli("import", f"{site.base}/monde/article-123.html", "--to", "corpus")
    assert run.code == 0, run.err
    assert run.out == str(Path("corpus") / "article-123.md") + "\n"


@pytest.mark.parametrize(
    "path, page, message",
    [
        ("/gone", None, "cannot fetch: HTTP 404 Not Found"),
        ("/report.pdf", (200, "application/pdf", b"%PDF-1.7"), "not a web page (content type application/pdf)"),
    ],
)
def test_import_url_errors_are_one_line(cli, tmp_path, site, path, page, message):
    if page is not None:
        site.pages[path] = page
    run = cli("import", f"{site.base}{path}", "--to", "corpus")
    assert run.code == 2
    assert f"claimdiff: {site.base}{path}: error: {message}\n" in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "corpus").exists()


def test_import_url_times_out(cli, tmp_path, site):
    run = cli("import", f"{site.base}/slow", "--to", "corpus", "--timeout", "0.3")
    site.release.set()
    assert run.code == 2
    assert f"claimdiff: {site.base}/slow: error: cannot fetch: no answer within 0.3 s\n" in run.err


def test_import_url_refused(cli, tmp_path, site):
    port = site.server_address[1]
    site.shutdown()
    site.server_close()
    run = cli("import", f"http://127.0.0.1:{port}/a", "--to", "corpus")
    assert run.code == 2
    assert f"http://127.0.0.1:{port}/a: error: cannot fetch: connection refused\n" in run.err


def test_import_bad_timeout_is_a_usage_error(cli):
    run = cli("import", "x.html", "--to", "c", "--timeout", "0")
    assert run.code == 2 and run.err == "claimdiff: error: --timeout: must be a positive number of seconds\n"


def test_read_page_rejects_what_is_not_html():
    with pytest.raises(ValueError, match="not an HTML page"):
        read_page(b"\x00\x01\x02\x03")


# --- the seeds, wrapped as web pages --------------------------------------------------


# Seeds whose text opens with their headline: the line number of the headline (what comes
# before it is the site's logo, page furniture).
SEED_HEADLINES = {"003_37e8996cf73f56f8": 1, "004_e15db3514e978ff6": 0}


def _seed_pages(folder: Path) -> None:
    """Each seed article in one of the three layouts, its text as the page's paragraphs.

    The seed header (" date 2025-09-15 ") becomes the page's publication date. A seed whose
    text opens with its headline is a page that shows that headline; the others were saved
    without one, and their page shows none (its window title is not part of the article).
    """
    layouts = [news_page, wordpress_page, blog_page, wordpress_page, news_page]
    outlets = ["Reuters", None, "Le Grand Continent", "Webradio Média", "Le Journal des Étudiants"]
    folder.mkdir()
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", text)
        date = dt.date.fromisoformat(m.group(1)) if m else None
        lines = [line.strip() for line in text[m.end() if m else 0 :].splitlines() if line.strip()]
        headline = SEED_HEADLINES.get(path.stem)
        story = Story(
            paragraphs=lines if headline is None else lines[headline + 1 :],
            title=f"Article {i} sur le Bélarus" if headline is None else lines[headline],
            shows_headline=headline is not None,
            outlet=outlets[i],
            date=date,
            url=f"https://site{i}.example/{path.stem}",
            language="fr",
        )
        (folder / f"{path.stem}.html").write_text(layouts[i](story), encoding="utf-8")


def _findings(report: dict) -> list[tuple]:
    return sorted(
        (f["kind"], f["status"], f["severity"], f["subject"], json.dumps(f["values"], sort_keys=True))
        for f in report["findings"]
    )


@pytest.mark.slow
def test_import_seed_pages_give_the_seed_findings(cli, tmp_path):
    _seed_pages(tmp_path / "pages")
    run = cli("import", *sorted((tmp_path / "pages").glob("*.html")), "--to", "imported")
    assert run.code == 0, run.err
    assert len(run.out.splitlines()) == 5
    as_pages = cli("check", "imported", "--format", "json", "--fail-on", "never")
    as_text = cli("check", SEEDS, "--format", "json", "--fail-on", "never")
    assert as_pages.code == as_text.code == 0, as_pages.err + as_text.err
    pages, texts = json.loads(as_pages.out), json.loads(as_text.out)
    assert [s["id"] for s in pages["sources"]] == [s["id"] for s in texts["sources"]]
    assert len(texts["findings"]) >= 10
    assert _findings(pages) == _findings(texts)


def test_import_a_folder_of_saved_pages(cli, tmp_path):
    saved = tmp_path / "saved"
    (saved / "sub").mkdir(parents=True)
    (saved / "b.html").write_text(wordpress_page(Story(PARAGRAPHS_FR, "B", "S")), encoding="utf-8")
    (saved / "sub" / "a.htm").write_text(news_page(Story(PARAGRAPHS_EN, "A", "S")), encoding="utf-8")
    (saved / "notes.txt").write_text("not a page", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    run = cli("import", "saved", "--to", "corpus")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [str(Path("corpus") / "b.md"), str(Path("corpus") / "a.md")]
    assert "imported 2 of 2 pages" in run.err
    run = cli("import", "empty", "--to", "corpus")
    assert run.code == 2 and "empty: error: no saved web page (.html, .htm) found" in run.err
