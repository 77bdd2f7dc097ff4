"""Read a corpus (directories, .txt/.md files, JSON Lines) into articles, with notes on bad input.

Offsets of every later stage index `Article.text`, the file exactly as decoded: files are
read as bytes and decoded here, newlines untranslated (a CRLF file keeps its "\\r"), a
UTF-8 byte order mark kept. Nothing here writes to the input.

Note levels: `error` = the article could not be read and is skipped; `warning` / `note` =
read with a caveat. When no article at all can be read, `InputError` is raised.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

from claimdiff import lang
from claimdiff.corpus import language
from claimdiff.corpus.agencies import credited_agency
from claimdiff.corpus.frontmatter import clean_metadata, read_header
from claimdiff.corpus.models import Article, InputNote, Source
from claimdiff.base.config import Config
from claimdiff.base.errors import ConfigError, InputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIX = ".jsonl"
SUPPORTED = (*TEXT_SUFFIXES, JSONL_SUFFIX)
_SUPPORTED_LIST = ".txt, .md or .jsonl"
#: Saved web pages: not read, but pointed at `claimdiff import`.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_IMPORT_HINT = "a saved web page: turn it into an article first with `claimdiff import {path} --to DIR`; skipped"
# Past this share of control characters a NUL-free file is binary, not text in some encoding.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


#: The language of an article whose metadata names none and whose text says nothing.
DEFAULT_LANGUAGE = Config.model_fields["default_language"].default


def read_corpus(paths: list[str], default_language: str = DEFAULT_LANGUAGE) -> tuple[list[Article], list[InputNote]]:
    """Articles from `paths` (files or directories), plus notes about what could not be read.

    An article's language is its metadata's, else detected from its text, else
    `default_language`. Raises InputError when no article at all can be read.
    """
    if not paths:
        raise InputError("no corpus path given")
    if default_language not in lang.codes():
        raise ConfigError(f"default_language: no language pack for {default_language!r} (available: {', '.join(lang.codes())})")
    corpus = _Corpus(default_language)
    for raw in paths:
        corpus.read_path(raw)
    if not corpus.articles:
        raise InputError(_nothing_read(paths, corpus.notes))
    return corpus.articles, corpus.notes


def input_files(paths: list[str]) -> list[str]:
    """Every existing file that `read_corpus(paths)` opens or names, read or skipped.

    For the CLI to refuse an --output that would overwrite any of them.
    """
    found: list[str] = []
    for raw in paths:
        kind, _ = _stat_kind(raw)
        if kind == "dir":
            found += [str(e.path) for e in _walk(Path(raw)) if e.supported]
        elif kind is not None:
            found.append(raw)
    return found


def _nothing_read(paths: list[str], notes: list[InputNote]) -> str:
    errors = [n for n in notes if n.level == "error"]
    pages = [n for n in notes if n.message.startswith("a saved web page")]
    if pages and len(pages) == len(errors or pages):
        return f"{', '.join(paths)}: no article found, only saved web pages: turn them into articles first with `claimdiff import PAGE... --to DIR`"
    if not errors:
        return f"{', '.join(paths)}: no article found"
    if len(errors) == 1:
        return f"{errors[0].path}: {errors[0].message}"
    shown = "; ".join(f"{n.path}: {n.message}" for n in errors[:3])
    more = f"; and {len(errors) - 3} more" if len(errors) > 3 else ""
    return f"no article could be read: {shown}{more}"


class _Corpus:
    """Accumulates articles and notes; knows what was already read."""

    def __init__(self, default_language: str = DEFAULT_LANGUAGE) -> None:
        self.default_language = default_language
        self.articles: list[Article] = []
        self.notes: list[InputNote] = []
        self._files: set[tuple[int, int]] = set()  # (device, inode) of the files already read
        self._by_content: dict[str, Source] = {}
        self._by_id: dict[str, Source] = {}

    def note(self, path: str, level: Literal["note", "warning", "error"], message: str) -> None:
        self.notes.append(InputNote(path=path, level=level, message=" ".join(message.split())))

    def read_path(self, raw: str) -> None:
        kind, problem = _stat_kind(raw)
        if kind == "dir":
            path = Path(raw)
            found = False
            for entry in _walk(path):
                if entry.skip is not None:
                    self.note(str(entry.path), entry.level, entry.skip)
                else:
                    found = True
                    self.read_file(entry.path)
            if not found:
                shown = raw if raw.endswith(("/", os.sep)) else raw + "/"
                self.note(shown, "error", f"no {_SUPPORTED_LIST} article found")
        elif kind is None:
            self.note(raw, "error", problem or "no such file or directory")
        elif kind != "file":
            self.note(raw, "error", f"not a regular file ({kind}); skipped")
        elif Path(raw).suffix.lower() in PAGE_SUFFIXES:
            self.note(raw, "error", _IMPORT_HINT.format(path=raw))
        elif Path(raw).suffix.lower() not in SUPPORTED:
            suffix = Path(raw).suffix
            self.note(raw, "error", f"unsupported file type {suffix or '(none)'!r} (expected {_SUPPORTED_LIST}); skipped")
        else:
            self.read_file(Path(raw))

    def read_file(self, path: Path) -> None:
        where = str(path)
        data = self._read_bytes(where)
        if data is None:
            return
        decoded = self._decode(where, data)
        if decoded is None:
            return
        text, encoding = decoded
        if path.suffix.lower() == JSONL_SUFFIX:
            self._read_jsonl(path, text, encoding)
        else:
            self._read_text(path, text, encoding)

    def _read_bytes(self, where: str) -> bytes | None:
        """The file's bytes; None when it was read already or cannot be read (with a note).

        Opened without blocking and checked on the open descriptor: a FIFO or device put in
        place of an article is skipped, never waited on, whatever happened since the walk.
        """
        try:
            fd = os.open(where, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            self.note(where, "error", f"{_os_problem(where, exc)}; skipped")
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                self.note(where, "error", f"not a regular file ({_mode_name(info.st_mode)}); skipped")
                return None
            identity = (info.st_dev, info.st_ino)
            if identity in self._files:  # named twice (a directory and a file in it, a link): read once
                return None
            self._files.add(identity)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read()
        except OSError as exc:
            self.note(where, "error", f"cannot read: {exc.strerror or exc}; skipped")
            return None
        finally:
            os.close(fd)

    def _decode(self, where: str, data: bytes) -> tuple[str, str] | None:
        """The decoded text and its encoding, or None (with an error note) when unusable."""
        decoded = decode(data)
        if decoded is None:
            self.note(where, "error", "binary file (not text); skipped")
            return None
        if not decoded.text.replace("\ufeff", "").strip():
            self.note(where, "error", "empty file; skipped" if not data else "empty file (only whitespace); skipped")
            return None
        if decoded.replaced:
            self.note(where, "warning", f"{decoded.replaced} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
        elif decoded.legacy:
            self.note(
                where,
                "warning",
                f"mixed encodings: read as UTF-8, except {decoded.legacy} byte sequence(s) that are not UTF-8,"
                " read as cp1252",
            )
        elif decoded.encoding != "utf-8":
            self.note(where, "note", f"not valid UTF-8; read as {decoded.encoding}")
        return decoded.text, decoded.encoding

    def _read_text(self, path: Path, text: str, encoding: str) -> None:
        where = str(path)
        header = read_header(text)
        for problem in header.problems:
            self.note(where, "warning", problem)
        if not text[header.end :].replace("\ufeff", "").strip():
            self.note(where, "error", "no article text after the header; skipped")
            return
        fields = self._with_language(where, text[header.end :], header.fields)
        self._add(_article(path.stem, where, text, encoding, header.end, fields), where)

    def _read_jsonl(self, path: Path, text: str, encoding: str) -> None:
        where = str(path)
        for number, line in _jsonl_lines(text):
            at = f"{where}:{number}"
            record = self._record(at, line)
            if record is None:
                continue
            article_id, body = record.get("id"), record.get("text")
            if isinstance(article_id, int) and not isinstance(article_id, bool):
                article_id = str(article_id)
            if not isinstance(article_id, str) or not article_id.strip():
                self.note(at, "error", "missing or empty 'id' (a string); line skipped")
                continue
            if not isinstance(body, str):
                self.note(at, "error", "missing 'text' (a string); line skipped")
                continue
            if not body.strip():
                self.note(at, "error", f"article {article_id!r} has an empty 'text'; line skipped")
                continue
            metadata = {k: v for k, v in record.items() if k not in ("id", "text")}
            fields, problems = clean_metadata(metadata)
            for problem in problems:
                self.note(at, "warning", problem)
            fields = self._with_language(at, body, fields)
            article = _article(article_id.strip(), where, body, encoding, 0, fields, line=number)
            self._add(article, at)

    def _with_language(self, where: str, body: str, fields: dict[str, Any]) -> dict[str, Any]:
        """`fields` with the article's language and where it comes from."""
        stated = fields.get("language")
        if stated in lang.codes():
            return {**fields, "language_origin": "metadata"}
        detected = language.detect(body)
        if stated is not None:
            shown = detected or self.default_language
            self.note(where, "warning", f"no language pack for {stated!r} (available: {', '.join(lang.codes())}); read as {shown!r}")
        if detected is not None:
            return {**fields, "language": detected, "language_origin": "detected"}
        return {**fields, "language": self.default_language, "language_origin": "default"}

    def _record(self, at: str, line: str) -> Mapping[str, Any] | None:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            self.note(at, "error", f"malformed JSON ({exc.msg}, column {exc.colno}); line skipped")
            return None
        except RecursionError:
            self.note(at, "error", "malformed JSON (nested too deeply); line skipped")
            return None
        if not isinstance(record, dict):
            self.note(at, "error", f"expected a JSON object, got {type(record).__name__}; line skipped")
            return None
        return record

    def _add(self, article: Article, where: str) -> None:
        """Keep `article` unless it repeats one already read (same text, or same id)."""
        source = article.source
        key = _content_key(article)
        first = self._by_content.get(key)
        if first is not None:
            self.note(where, "warning", f"same text as {_locate(first)}; skipped")
            return
        first = self._by_id.get(source.id)
        if first is not None:
            self.note(where, "error", f"source id {source.id!r} already used by {_locate(first)}; skipped")
            return
        self._by_content[key] = source
        self._by_id[source.id] = source
        self.articles.append(article)


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # invalid UTF-8 sequences replaced by U+FFFD
    legacy: int = 0  # in a mixed file, the byte sequences that are not UTF-8, read as cp1252


MIXED_ENCODING = "utf-8+cp1252"


def decode(data: bytes) -> Decoded | None:
    """The text of `data` and the encoding used, or None when the bytes are not text.

    UTF-8 first; a UTF-16 file needs its byte order mark. Text that is mostly UTF-8 with a
    few bad bytes stays UTF-8 (bad bytes become U+FFFD). A file with UTF-8 characters and
    many bytes that are not (a paste from a cp1252 document) is read piece by piece: UTF-8
    where it is valid, cp1252 elsewhere. Otherwise cp1252, then latin-1.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    decoded = _decode_8bit(data)
    return None if _control_share(decoded.text) > _MAX_CONTROL_SHARE else decoded


def _decode_8bit(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for c in lenient if c > "\x7f" and c != "\ufffd")
    if valid > 2 * bad:  # UTF-8 with a few corrupt bytes, not a legacy encoding
        return Decoded(lenient, "utf-8", bad)
    if valid:  # both: decoding it all as cp1252 would garble the UTF-8 part
        return Decoded(data.decode("utf-8", errors=_LEGACY_BYTES), MIXED_ENCODING, legacy=bad)
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _legacy_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8, read as cp1252 (latin-1 where cp1252
    leaves a byte undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in chunk)
    return text, exc.end


_LEGACY_BYTES = "claimdiff-cp1252"
codecs.register_error(_LEGACY_BYTES, _legacy_bytes)


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if (c < " " or "\x7f" <= c < "\xa0") and c not in _TEXT_CONTROLS)
    return controls / max(1, len(sample))


def corpus_files(root: Path, suffixes: tuple[str, ...] = SUPPORTED) -> list[Path]:
    """Files under `root` with one of `suffixes` (article files by default), in sorted path
    order; hidden files and folders skipped."""
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found += [
            Path(directory, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes
        ]
    return sorted(found, key=lambda p: p.relative_to(root).parts)


class _Entry(NamedTuple):
    """A file met while walking a corpus directory, and why it is skipped (None: read it)."""

    path: Path
    skip: str | None = None
    level: Literal["note", "warning", "error"] = "note"

    @property
    def supported(self) -> bool:
        return self.path.suffix.lower() in SUPPORTED


def _walk(root: Path) -> Iterator[_Entry]:
    """The entries under `root` in sorted path order; hidden files and folders left out.

    Symbolic links to directories are followed, each directory read once (a link back to a
    directory already read is skipped with a note, so a loop ends). Only files with an
    article suffix are examined further: a broken link, a link loop or a special file
    (FIFO, device, socket) is skipped with an error, without ever being opened.
    """
    found: list[tuple[tuple[str, ...], _Entry]] = []
    seen: set[tuple[int, int]] = set()
    failed: list[OSError] = []
    for directory, subdirs, files in os.walk(root, onerror=failed.append, followlinks=True):
        try:
            info = os.stat(directory)
        except OSError:
            subdirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            subdirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        kept = []
        for name in sorted(d for d in subdirs if not d.startswith(".")):
            sub = Path(directory, name)
            try:
                sub_info = os.stat(sub)
            except OSError:
                continue
            if (sub_info.st_dev, sub_info.st_ino) in seen:
                found.append((_parts(sub, root), _Entry(sub, "symbolic link to a directory already read; skipped", "warning")))
            else:
                kept.append(name)
        subdirs[:] = kept
        for name in files:
            if name.startswith("."):
                continue
            path = Path(directory, name)
            found.append((_parts(path, root), _examine(path)))
    for exc in failed:
        if exc.filename is not None and os.fspath(exc.filename) != os.fspath(root):
            path = Path(exc.filename)
            found.append((_parts(path, root), _Entry(path, f"cannot read directory: {exc.strerror or exc}; skipped", "error")))
    found.sort(key=lambda item: item[0])
    yield from (entry for _, entry in found)


def _parts(path: Path, root: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(root).parts
    except ValueError:
        return path.parts


def _examine(path: Path) -> _Entry:
    """An entry for one file of a directory: to read, or skipped and why."""
    if path.suffix.lower() in PAGE_SUFFIXES:
        return _Entry(path, _IMPORT_HINT.format(path=path), "warning")
    if path.suffix.lower() not in SUPPORTED:
        return _Entry(path, f"unsupported file type {path.suffix or '(none)'!r} (not {_SUPPORTED_LIST}); skipped")
    kind, problem = _stat_kind(str(path))
    if kind is None:
        return _Entry(path, f"{problem}; skipped", "error")
    if kind != "file":
        return _Entry(path, f"not a regular file ({kind}); skipped", "error")
    return _Entry(path)


def _stat_kind(raw: str) -> tuple[str | None, str | None]:
    """("file" | "dir" | another kind, None) for an existing path (links followed), else (None, why)."""
    try:
        info = os.stat(raw)
    except OSError as exc:
        return None, _os_problem(raw, exc)
    except ValueError:  # an embedded NUL byte
        return None, "invalid file name"
    if stat.S_ISDIR(info.st_mode):
        return "dir", None
    if stat.S_ISREG(info.st_mode):
        return "file", None
    return _mode_name(info.st_mode), None


def _os_problem(raw: str, exc: OSError) -> str:
    """What an OSError about a path means, in the words of the notes."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(raw):
        return f"broken symbolic link (to {os.readlink(raw)})"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.ENOTDIR:
        return "not a directory in the path"
    return f"cannot read: {exc.strerror or exc}"


def _mode_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def _jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based number, content) of each non-blank line; only "\\n" ends a line, as in JSON Lines."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.lstrip("\ufeff") if number == 1 else line
        if line.strip():
            yield number, line


def _article(
    source_id: str,
    path: str,
    text: str,
    encoding: str,
    body_start: int,
    fields: dict[str, Any],
    line: int | None = None,
) -> Article:
    outlet = fields.get("outlet") or credited_agency(text, body_start)
    date = fields.get("date")
    source = Source(
        id=source_id,
        path=path,
        outlet=outlet,
        date=date,
        date_origin="metadata" if date else None,
        time=fields.get("time") if date else None,
        url=fields.get("url"),
        title=fields.get("title"),
        language=fields.get("language", DEFAULT_LANGUAGE),
        language_origin=fields.get("language_origin", "default"),
        encoding=encoding,
        body_start=body_start,
        line=line,
    )
    return Article(source=source, text=text)


def _content_key(article: Article) -> str:
    """Identity of an article's text, whatever its header, line endings or spacing."""
    words = article.body.replace("\ufeff", "").split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _locate(source: Source) -> str:
    where = f"{source.path}:{source.line}" if source.line else source.path
    return f"{where} ({source.id})"
