"""The article in a saved or fetched web page: its main text and metadata.

trafilatura finds the main text (navigation, ads, comments, related links and cookie
banners left out) and the title and site name; htmldate finds the publication date; the
language comes from the page's own markup. Nothing here reads files or the network.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from claimdiff.corpus.boilerplate import is_boilerplate_line

# The libraries' warnings about odd markup would reach stderr through logging's last-resort
# handler, unprefixed: what matters is reported as one line per page by the importer.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Ad and promotion containers that trafilatura's own lists miss ("advertisement",
# "adsbygoogle", "ad-slot" ids): pruned before extraction so that their labels never
# reach the article text.
_PRUNE = [
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' advertisement ')]",
    "//*[contains(@class, 'adsbygoogle') or contains(@class, 'ad-slot') or contains(@class, 'ad-container')]",
    "//*[starts-with(@id, 'ad-') or starts-with(@id, 'ad_') or contains(@id, 'advert')]",
    "//*[contains(@class, 'sponsored') or contains(@class, 'promoted')]",
]
_COMMENTS = "//*[contains(@id, 'comment') or contains(@class, 'comment') or @id='respond' or @id='disqus_thread']"
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "report"}


#: Fewer words than this is a page without an article: a home page, a gallery, a paywall.
MIN_WORDS = 10


@dataclass(frozen=True)
class Page:
    """What a web page says about its article. `text` is the main text, one paragraph a line."""

    text: str
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str | None = None


def read_page(content: bytes | str, url: str | None = None) -> Page | None:
    """The article of an HTML page, or None when the page has no article text.

    The text opens with the headline when the page shows one (an <h1> that is the page's
    title): headlines state claims too. `url` is where the page was fetched from (None for
    a saved page); the page's own canonical address wins over it. Raises ValueError when
    `content` is not HTML.
    """
    import trafilatura

    tree = trafilatura.load_html(content)
    if tree is None:
        raise ValueError("not an HTML page")
    linked = _linked_data(tree)
    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree),  # extraction prunes the tree it is given
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,  # layout tables and data grids, not prose the extractors can read
        include_images=False,
        deduplicate=False,
        prune_xpath=_PRUNE,
    )
    if doc is None:
        return None
    text = clean_text(doc.text or "")
    title = _one_line(doc.title)
    if len(text.split()) < MIN_WORDS:
        return None
    if title and _shows_headline(tree, title) and text.split("\n", 1)[0] != title:
        text = f"{title}\n{text}"
    address = doc.url or _first_text(linked, "url", "mainEntityOfPage") or url
    return Page(
        text=text,
        title=title,
        outlet=_one_line(doc.sitename) or _host(address),
        date=_publication_date(tree, address),
        url=address,
        language=_language(tree, linked),
    )


def _shows_headline(tree: Any, title: str) -> bool:
    """Whether the page displays `title` as a headline: as the text of one of its <h1>."""
    return any(_one_line(h.text_content()) == title for h in tree.iter("h1"))


def clean_text(text: str) -> str:
    """Paragraphs one a line, without blank lines and without lines of page furniture
    ("Publicité", "Partager", cookie notices) that escaped the extractor."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line and not is_boilerplate_line(line))


def _publication_date(tree: Any, url: str | None) -> dt.date | None:
    """The original publication date (not the last update) that the page's markup or address
    gives, as htmldate reads it, if any.

    Comments are set aside (a reader's comment has its own date), and dates written in the
    prose are not searched: on a page that declares no date they are archive links,
    copyright years or the dates of the events reported, and a wrong date would be taken
    as the article's.
    """
    from htmldate import find_date

    page = copy.deepcopy(tree)
    for node in page.xpath(_COMMENTS):
        if node.getparent() is not None:
            node.drop_tree()
    found = find_date(page, original_date=True, extensive_search=False, url=url)
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None


def _language(tree: Any, linked: list[dict[str, Any]]) -> str | None:
    """The language the page declares: `<html lang>`, Content-Language, og:locale or JSON-LD."""
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"),
        *tree.xpath("//meta[@property='og:locale' or @name='og:locale']/@content"),
        _first_text(linked, "inLanguage"),
    ]
    for value in candidates:
        if isinstance(value, str):
            m = _LANGUAGE.fullmatch(value.strip().split(",")[0].strip())
            if m:
                return m.group(1).lower()
    return None


def _linked_data(tree: Any) -> list[dict[str, Any]]:
    """The article objects of the page's JSON-LD blocks (NewsArticle, BlogPosting...)."""
    found: list[dict[str, Any]] = []
    for block in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(block)
        except (json.JSONDecodeError, RecursionError):
            continue  # a broken block on a real page is common and says nothing
        found += [node for node in _nodes(data) if _is_article(node)]
    return found


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def _is_article(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names)


def _first_text(nodes: list[dict[str, Any]], *keys: str) -> str | None:
    for node in nodes:
        for key in keys:
            value = node.get(key)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None


def _host(url: str | None) -> str | None:
    """The site's host name, as the outlet of a page that names no site."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
