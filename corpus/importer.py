"""`claimdiff import`: saved or fetched web pages into `.md` articles with YAML front matter.

Each page becomes one file named after the saved page (or the URL's last path segment),
which `check` then reads like any article. An existing file is never overwritten: a file
that already holds the same article is left as it is, any other gets a numbered name
("page-2.md"), and the message says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

import yaml

from claimdiff.base.errors import InputError
from claimdiff.corpus.fetch import DEFAULT_TIMEOUT, Fetched, fetch, is_url
from claimdiff.corpus.models import InputNote
from claimdiff.corpus.reader import PAGE_SUFFIXES, corpus_files
from claimdiff.corpus.webpage import MIN_WORDS, Page, read_page

_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_NAME = 80


@dataclass(frozen=True)
class Imported:
    """One page written (or found already written) as an article file."""

    origin: str  # the file or URL given
    path: Path
    status: Literal["written", "renamed", "unchanged"]
    taken: Path | None = None  # the name that was already used, when renamed


@dataclass
class ImportResult:
    imported: list[Imported] = field(default_factory=list)
    notes: list[InputNote] = field(default_factory=list)


def import_pages(
    inputs: Sequence[str],
    to: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    fetcher: Callable[[str, float], Fetched] = fetch,
) -> ImportResult:
    """Write one article file under `to` per page of `inputs` (paths or http(s) URLs).

    Problems with one input are notes (`error`: unreadable, not fetched, not HTML;
    `warning`: no article text); the other inputs are still imported.
    """
    target = Path(to)
    if target.exists() and not target.is_dir():
        raise InputError(f"{to}: not a directory")
    result = ImportResult()
    claimed: set[Path] = set()  # names written by this run: two pages never share one
    for origin in _expand(inputs, result):
        page = _read(origin, timeout, fetcher, result)
        if page is None:
            continue
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{to}: cannot create the directory: {exc.strerror or exc}") from None
        done = _write(origin, target, _stem(origin), render(page), claimed)
        claimed.add(done.path.resolve())
        result.imported.append(done)
    return result


def _expand(inputs: Sequence[str], result: ImportResult) -> list[str]:
    """The inputs, each directory replaced by the saved pages under it (sorted)."""
    out: list[str] = []
    for origin in inputs:
        if is_url(origin) or not Path(origin).is_dir():
            out.append(origin)
            continue
        pages = [str(p) for p in corpus_files(Path(origin), PAGE_SUFFIXES)]
        if not pages:
            result.notes.append(InputNote(path=origin, level="error", message="no saved web page (.html, .htm) found"))
        out += pages
    return out


def _read(origin: str, timeout: float, fetcher: Callable[[str, float], Fetched], result: ImportResult) -> Page | None:
    def note(level: Literal["note", "warning", "error"], message: str) -> None:
        result.notes.append(InputNote(path=origin, level=level, message=message))

    url: str | None = None
    if is_url(origin):
        try:
            fetched = fetcher(origin, timeout)
        except InputError as exc:
            # The message already names the URL; the note carries it as its path.
            note("error", str(exc).removeprefix(f"{origin}: "))
            return None
        content, url = fetched.content, fetched.url
    else:
        path = Path(origin)
        if not path.exists():
            note("error", "no such file")
            return None
        if not path.is_file():
            note("error", "not a regular file; skipped")
            return None
        try:
            content = path.read_bytes()
        except OSError as exc:
            note("error", f"cannot read: {exc.strerror or exc}; skipped")
            return None
    if not content.strip():
        note("error", "empty page; skipped")
        return None
    try:
        page = read_page(content, url)
    except ValueError as exc:
        note("error", f"{exc}; skipped")
        return None
    if page is None:
        note("warning", f"no article text found on the page (under {MIN_WORDS} words); nothing written")
    return page


def render(page: Page) -> str:
    """The article file: YAML front matter (outlet, date, url, title, language), then the text,
    one paragraph a line with a blank line between paragraphs."""
    meta = {
        "outlet": page.outlet,
        "date": page.date,
        "url": page.url,
        "title": page.title,
        "language": page.language,
    }
    known = {k: v for k, v in meta.items() if v is not None}
    header = (
        yaml.safe_dump(
            known,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=1_000_000,  # one line per value: no folded titles
        )
        if known
        else ""
    )
    body = "\n\n".join(page.text.split("\n"))
    return f"---\n{header}---\n{body}\n"


def _write(origin: str, directory: Path, stem: str, content: str, claimed: set[Path]) -> Imported:
    """Create `stem.md` in `directory`, or the first free `stem-N.md`; never replace a file."""
    data = content.encode("utf-8")
    first = directory / f"{stem}.md"
    for n in range(1, 10_000):
        path = first if n == 1 else directory / f"{stem}-{n}.md"
        if path.resolve() in claimed:
            continue
        if path.exists():
            if path.is_file() and _same(path, data):
                return Imported(origin, path, "unchanged")
            continue
        try:
            with path.open("xb") as handle:  # exclusive: fails rather than replace a file made meanwhile
                try:
                    handle.write(data)
                except OSError:
                    handle.close()
                    path.unlink(missing_ok=True)
                    raise
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        if n == 1:
            return Imported(origin, path, "written")
        return Imported(origin, path, "renamed", taken=first)
    raise InputError(f"{directory}: no free file name for {stem}.md")


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _stem(origin: str) -> str:
    """A file name for the article: the saved page's name, or the URL's last path segment (else its host)."""
    if is_url(origin):
        parts = urlsplit(origin)
        segments = [s for s in unquote(parts.path).split("/") if s]
        raw = segments[-1] if segments else (parts.hostname or "page")
        for suffix in PAGE_SUFFIXES + (".php", ".asp", ".aspx", ".shtml"):
            if raw.lower().endswith(suffix) and len(raw) > len(suffix):
                raw = raw[: -len(suffix)]
                break
    else:
        raw = Path(origin).stem
    name = _UNSAFE.sub("-", unicodedata.normalize("NFC", raw)).strip(".-")
    return name[:_MAX_NAME].rstrip(".-") or "page"
