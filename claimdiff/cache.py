"""A SQLite cache of extracted claims: an unchanged article is never parsed twice.

Location: `$CLAIMDIFF_CACHE_DIR`, else the configuration's `cache_dir`, else
`$XDG_CACHE_HOME/claimdiff`, else `~/.cache/claimdiff`; the file is `claims.sqlite3`.

An entry is keyed by the sha256 of the article (text, source id, publication date and the
other source metadata that extraction may read; not its path) together with a fingerprint
of everything else that shapes extraction: claimdiff and EXTRACTOR_VERSION, the spaCy and
model versions, the code and data files of the corpus and claims stages and of
claimdiff.nlp (so that an edited extractor in a development checkout is never served stale
claims), and the user lexicon files. Changing any of them simply makes every key new; the
entries of other fingerprints are deleted at the next write.

The cache is never trusted: a file that is not SQLite, has another schema, or holds rows
that fail validation (or whose spans do not match the article) is reported in one line on
stderr and rebuilt or ignored. Writes happen in one transaction (WAL mode), so concurrent
runs and a killed run leave a usable file. Any other SQLite trouble (locked, read-only)
disables the cache for the run with a warning; it never fails the run.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import sqlite3
import typing
import zlib
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel

from claimdiff import __version__
from claimdiff.claims.models import ArticleClaims, Span
from claimdiff.base.config import Config
from claimdiff.corpus.models import Article

CACHE_FILE = "claims.sqlite3"
#: Stored in the `meta` table; a file with another value is rebuilt.
SCHEMA = "claimdiff-claims/1"
_SIDE_FILES = ("-wal", "-shm", "-journal")
# Source fields that say where an article lives, not what it says: moving a corpus keeps its cache.
_LOCATION_FIELDS = {"path", "line"}
# Packages and modules whose code and data decide what extraction returns.
_FINGERPRINTED_PACKAGES = ("claimdiff.base", "claimdiff.lang", "claimdiff.corpus", "claimdiff.claims")
_FINGERPRINTED_MODULES = ("claimdiff.nlp",)
_SQL_BATCH = 500  # stays under SQLite's limit on bound parameters


def warn(path: Path | str, message: str) -> None:
    """One line on stderr, in the shape the CLI uses for input notes."""
    from claimdiff.output import say

    say(f"claimdiff: {path}: warning: {message}")


def cache_dir(config: Config | None = None) -> Path:
    """The directory that holds the cache file (not created)."""
    env = os.environ.get("CLAIMDIFF_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if config is not None and config.cache_dir:
        return config.resolve(config.cache_dir).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "claimdiff"


def cache_path(config: Config | None = None) -> Path:
    return cache_dir(config) / CACHE_FILE


def user_lexicon_dirs(config: Config) -> list[Path]:
    """The user lexicon directories extraction reads (configuration, then `CLAIMDIFF_LEXICON_PATH`)."""
    env = os.environ.get("CLAIMDIFF_LEXICON_PATH", "")
    return [config.resolve(d) for d in config.lexicon_dirs] + [Path(p) for p in env.split(os.pathsep) if p]


def environment_fingerprint(config: Config) -> str:
    """Hash of everything besides the article itself that can change extracted claims."""
    from claimdiff.claims.extract import EXTRACTOR_VERSION

    h = hashlib.sha256()
    from claimdiff import lang

    distributions = ("spacy", *(lang.get(code).spacy_distribution for code in lang.codes()))
    for part in (SCHEMA, __version__, EXTRACTOR_VERSION, *(_dist_version(d) for d in distributions)):
        h.update(part.encode() + b"\0")
    for label, path in _fingerprinted_files(config):
        h.update(label.encode() + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


def _dist_version(name: str) -> str:
    try:
        return f"{name}={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name}=none"


def _fingerprinted_files(config: Config) -> list[tuple[str, Path]]:
    files: list[tuple[str, Path]] = []
    for package in _FINGERPRINTED_PACKAGES:
        spec = importlib.util.find_spec(package)
        for root in (spec.submodule_search_locations or []) if spec else []:
            base = Path(root)
            for pattern in ("*.py", "data/*.yaml", "data/*.json", "*/*.py", "*/*.yaml"):
                files += [(f"{package}/{p.relative_to(base).as_posix()}", p) for p in sorted(base.glob(pattern))]
    for module in _FINGERPRINTED_MODULES:
        spec = importlib.util.find_spec(module)
        if spec and spec.origin:
            files.append((module, Path(spec.origin)))
    for i, directory in enumerate(user_lexicon_dirs(config)):
        if directory.is_dir():
            files += [(f"user{i}/{p.relative_to(directory).as_posix()}", p) for p in sorted(directory.glob("*.yaml"))]
            files += [(f"user{i}/{p.relative_to(directory).as_posix()}", p) for p in sorted(directory.glob("*/*.yaml"))]
    return files


def article_key(article: Article, environment: str) -> str:
    """The cache key of one article's claims under one environment fingerprint."""
    meta = article.source.model_dump(mode="json", exclude=_LOCATION_FIELDS)
    h = hashlib.sha256(environment.encode())
    h.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    h.update(b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def spans_match(extracted: ArticleClaims, article: Article) -> bool:
    """Whether every span in `extracted` belongs to `article` and quotes its text exactly."""
    if extracted.source != article.id:
        return False
    text, checked = article.text, set()
    return all(_spans_ok(claim, text, article.id, checked) for claim in extracted.claims)


def _spans_ok(model: BaseModel, text: str, source: str, checked: set[tuple[str, int, int, str]]) -> bool:
    for name in _nested_fields(type(model)):
        value = getattr(model, name)
        for v in value if isinstance(value, list) else (value,):
            if isinstance(v, Span):
                key = (v.source, v.start, v.end, v.text)
                if key in checked:  # sentence spans are shared by many claims
                    continue
                if v.source != source or not 0 <= v.start <= v.end <= len(text) or text[v.start : v.end] != v.text:
                    return False
                checked.add(key)
            elif isinstance(v, BaseModel) and not _spans_ok(v, text, source, checked):
                return False
    return True


@functools.cache
def _nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Fields of `cls` that can hold a model (spans, set members): found from the annotations,
    so that a span field added to the claim models later is checked too."""
    return tuple(name for name, f in cls.model_fields.items() if _mentions_model(f.annotation))


def _mentions_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_mentions_model(a) for a in typing.get_args(annotation))


class ClaimCache:
    """Extracted claims on disk, for one environment fingerprint. Use `ClaimCache.open`.

    Each operation opens its own short-lived connection: no SQLite handle stays open while
    extraction forks worker processes, and a file rebuilt meanwhile by another run is fine.
    """

    def __init__(self, path: Path, environment: str) -> None:
        self.path = path
        self.environment = environment
        self.enabled = True
        self.hits = 0
        self.invalid = 0

    @classmethod
    def open(cls, config: Config) -> ClaimCache | None:
        """The cache for this configuration, or None (with a warning) when it cannot be used."""
        path = cache_path(config)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _connect_checked(path).close()
        except (OSError, sqlite3.Error) as exc:
            warn(path, f"extraction cache disabled for this run: {_reason(exc)}")
            return None
        return cls(path, environment_fingerprint(config))

    def get_many(self, articles: Sequence[Article]) -> dict[int, ArticleClaims]:
        """Cached claims by position in `articles`; entries that fail validation are dropped."""
        if not self.enabled or not articles:
            return {}
        keys = [article_key(a, self.environment) for a in articles]
        rows: dict[str, object] = {}
        try:
            db = _connect(self.path)
            try:
                for i in range(0, len(keys), _SQL_BATCH):
                    batch = sorted(set(keys[i : i + _SQL_BATCH]))
                    marks = ",".join("?" * len(batch))
                    rows.update(db.execute(f"SELECT key, data FROM claims WHERE key IN ({marks})", batch))
            finally:
                db.close()
        except sqlite3.Error as exc:
            self._recover(exc)
            return {}
        found: dict[int, ArticleClaims] = {}
        bad: set[str] = set()
        for i, (article, key) in enumerate(zip(articles, keys)):
            if key not in rows:
                continue
            claims = _decode(rows[key])
            if claims is None or not spans_match(claims, article):
                bad.add(key)
                continue
            found[i] = claims
        self.hits, self.invalid = len(found), len(bad)
        if bad:
            warn(self.path, f"{len(bad)} cache entries were unreadable or did not match their article; re-extracting")
            self._write(lambda db: db.executemany("DELETE FROM claims WHERE key = ?", [(k,) for k in sorted(bad)]))
        return found

    def put_many(self, pairs: Iterable[tuple[Article, ArticleClaims]]) -> None:
        """Store claims for articles, replacing older entries of the same key, in one transaction."""
        if not self.enabled:
            return
        rows = [
            (article_key(a, self.environment), self.environment, a.id, zlib.compress(c.model_dump_json().encode(), 1))
            for a, c in pairs
        ]
        if not rows:
            return

        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO claims (key, environment, source, data) VALUES (?, ?, ?, ?)", rows)
            # Entries of another code or lexicon version can never be hit again.
            db.execute("DELETE FROM claims WHERE environment != ?", (self.environment,))

        self._write(write)

    def _write(self, action: Callable[[sqlite3.Connection], object]) -> None:
        """Run `action` in one immediate transaction: all of it lands, or none."""
        try:
            db = _connect(self.path)
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    action(db)
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            finally:
                db.close()
        except sqlite3.Error as exc:
            self._recover(exc)

    def _recover(self, exc: sqlite3.Error) -> None:
        """After a failed query: rebuild a damaged file, or give up on a busy or read-only one."""
        if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, disk full: not the file's fault
            self.enabled = False
            warn(self.path, f"extraction cache disabled for this run: {_reason(exc)}")
            return
        warn(self.path, f"damaged cache file ({_reason(exc)}); rebuilding the extraction cache")
        try:
            _remove(self.path)
            db = _connect(self.path)
            try:
                _create(db)
            finally:
                db.close()
        except (OSError, sqlite3.Error) as again:
            self.enabled = False
            warn(self.path, f"extraction cache disabled for this run: {_reason(again)}")


def _decode(data: object) -> ArticleClaims | None:
    if not isinstance(data, bytes):
        return None
    try:
        payload = zlib.decompress(data)
    except zlib.error:
        return None
    try:
        # Strict parsing is a third faster; what we wrote always passes it.
        return ArticleClaims.model_validate_json(payload, strict=True)
    except ValueError:  # ValidationError included
        pass
    try:
        return ArticleClaims.model_validate_json(payload)
    except ValueError:
        return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc).replace("\n", " ") or type(exc).__name__


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE) so that writers queue up.
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def _connect_checked(path: Path) -> sqlite3.Connection:
    """A connection to a cache file with our schema; a corrupt or foreign file is rebuilt."""
    db = _connect(path)
    try:
        problem = _schema_problem(db)
    except sqlite3.OperationalError:
        db.close()
        raise  # locked, read-only...: not the file's fault, leave it alone
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
        problem = f"not a usable SQLite file ({_reason(exc)})"
    if problem is None:
        return db
    db.close()
    if problem != "empty":
        warn(path, f"{problem}; rebuilding the extraction cache")
        _remove(path)
    db = _connect(path)
    _create(db)
    return db


def _schema_problem(db: sqlite3.Connection) -> str | None:
    """None for a cache of our schema, "empty" for a new file, else what is wrong."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return "empty"
    if tables != {"meta", "claims"}:
        return "not a claimdiff cache (unexpected tables)"
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None or row[0] != SCHEMA:
        return f"cache schema {row[0] if row else 'unknown'!r} is not {SCHEMA!r}"
    columns = [r[1] for r in db.execute("PRAGMA table_info(claims)")]
    if columns != ["key", "environment", "source", "data"]:
        return "cache table has unexpected columns"
    return None


def _create(db: sqlite3.Connection) -> None:
    try:
        db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # e.g. a file system without shared memory: the rollback journal is fine too
    db.execute("BEGIN IMMEDIATE")
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, environment TEXT NOT NULL,"
        " source TEXT NOT NULL, data BLOB NOT NULL)"
    )
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA,))
    db.execute("COMMIT")


def _remove(path: Path) -> list[Path]:
    """Delete the cache file and SQLite's side files; the paths that existed."""
    removed = []
    for p in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
    return removed


def clear_cache(config: Config) -> str:
    """Delete the cache file; says what was removed (for the CLI message)."""
    path = cache_path(config)
    try:
        size = sum(p.stat().st_size for p in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)) if p.exists())
        removed = _remove(path)
    except OSError as exc:
        from claimdiff.base.errors import ClaimdiffError

        raise ClaimdiffError(f"{path}: cannot remove the cache: {_reason(exc)}") from None
    if not removed:
        return f"nothing to remove at {path}"
    return f"removed {path}, {_human_size(size)}"


def _human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"
