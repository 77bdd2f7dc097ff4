"""Metadata at the top of an article file: a YAML front matter block or a ` date YYYY-MM-DD` header.

Both forms end where the article body starts (`Header.end`, which becomes
`Source.body_start`). A malformed header never stops the article from being read: its
problems are returned as messages and the bad values are dropped. The YAML is untrusted
input: aliases are refused (an alias "bomb" expands exponentially), a block longer than
MAX_FRONT_MATTER_CHARS is not parsed, and a key given twice is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

# Front matter keys we understand, and the Source field each one fills.
_KEYS = {
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
    "title": "title",
    "language": "language",
    "lang": "language",
}
_OPENING = re.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\n|\r)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|\Z)")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r)?")
# The seed corpus's header: " date 2025-09-15 " followed by the article on the same line.
_DATE_HEADER = re.compile(r"\A\ufeff?\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")
# Only the extended ISO form: Python also reads "20250915" or "2025-W38" as dates, JSON
# Lines readers and people do not.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ].*)?")
#: Front matter longer than this is not parsed (metadata is a few lines; this is not).
MAX_FRONT_MATTER_CHARS = 64 * 1024
# Longest excerpt of a bad value quoted in a problem message.
_SHOWN_CHARS = 60


class _Loader(yaml.SafeLoader):
    """Safe YAML where every scalar but null stays text: "title: Non" or "title: 007" keep their
    wording, and a bad date is one problem for `parse_date`, not a crash of the YAML parser.

    Aliases are refused; keys given twice in a mapping are recorded in `duplicates`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # key, first line, repeated line (0-based)

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line
                if key_node.value in first:
                    self.duplicates.append((key_node.value, first[key_node.value], line))
                else:
                    first[key_node.value] = line
        return super().construct_mapping(node, deep=deep)


_KEPT_RESOLVERS = {"tag:yaml.org,2002:null"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Header:
    """What the top of a file says about the article."""

    end: int = 0  # offset where the body starts
    fields: dict[str, Any] = field(default_factory=dict)  # Source fields: outlet, date, time, url, title, language
    problems: tuple[str, ...] = ()  # one-line messages about what was ignored


def read_header(text: str) -> Header:
    """The front matter or date header at the top of `text`, if any."""
    if _OPENING.match(text):
        return _front_matter(text)
    m = _DATE_HEADER.match(text)
    if m:
        date, problem = parse_date(m.group(1))
        return Header(end=m.end(), fields={"date": date} if date else {}, problems=(problem,) if problem else ())
    return Header()


def _front_matter(text: str) -> Header:
    opening = _OPENING.match(text)
    assert opening is not None
    pos = opening.end()
    while pos < len(text):
        line = _LINE.match(text, pos)
        assert line is not None
        if _CLOSING.fullmatch(line.group()):
            block = text[opening.end() : pos]
            if len(block) > MAX_FRONT_MATTER_CHARS:
                problem = (
                    f"front matter: {len(block):,} characters, over the limit of {MAX_FRONT_MATTER_CHARS:,};"
                    " read without metadata"
                )
                return Header(end=line.end(), problems=(problem,))
            fields, problems = _parse_block(block)
            return Header(end=line.end(), fields=fields, problems=tuple(problems))
        if line.end() == pos:  # empty match at the very end
            break
        pos = line.end()
    return Header(problems=("front matter: no closing '---' line; read without metadata",))


def _parse_block(block: str) -> tuple[dict[str, Any], list[str]]:
    loader: _Loader | None = None
    try:
        loader = _Loader(block)  # the reader checks the characters already
        data = loader.get_single_data()
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        reason = " ".join(str(getattr(exc, "problem", None) or exc).split())
        return {}, [f"front matter: invalid YAML{line}: {reason}; read without metadata"]
    finally:
        if loader is not None:
            loader.dispose()
    # Lines of the file: the block starts on line 2, after the opening "---".
    duplicates = [
        f"front matter: key {_shown(key)} given twice (lines {a + 2} and {b + 2}); the last value is used"
        for key, a, b in loader.duplicates
    ]
    if data is None:
        return {}, duplicates
    if not isinstance(data, Mapping):
        return {}, ["front matter: not a mapping of keys to values; read without metadata"]
    fields, problems = clean_metadata(data)
    return fields, duplicates + [f"front matter: {p}" for p in problems]


def _shown(value: Any) -> str:
    """`repr(value)`, cut to a readable length (a problem message is one line)."""
    if isinstance(value, str):
        text = repr(value[: _SHOWN_CHARS + 1])
    elif isinstance(value, (int, float, bool, dt.date)) or value is None:
        text = repr(value)
    else:
        return f"a {type(value).__name__}"
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def clean_metadata(data: Mapping[Any, Any]) -> tuple[dict[str, Any], list[str]]:
    """Source fields from a metadata mapping (front matter or a JSONL record), plus problems.

    Unknown keys are ignored; a value of the wrong type is dropped with a problem message.
    """
    fields: dict[str, Any] = {}
    problems: list[str] = []
    for key in sorted(data, key=str):
        target = _KEYS.get(str(key).lower())
        value = data[key]
        if target is None or value is None or target in fields:
            continue
        if target == "date":
            date, problem = parse_date(value)
            if problem:
                problems.append(f"{key}: {problem}")
            else:
                fields["date"] = date
                time = parse_time(value)
                if time is not None:
                    fields["time"] = time
        elif target == "language":
            if isinstance(value, str) and _LANGUAGE.fullmatch(value.split("-")[0].split("_")[0].strip()):
                fields["language"] = value.split("-")[0].split("_")[0].strip().lower()
            else:
                problems.append(f"{key}: {_shown(value)} is not a language code (like 'fr' or 'en'); ignored")
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            fields[target] = " ".join(str(value).split())
        else:
            problems.append(f"{key}: expected text, got {type(value).__name__}; ignored")
    return fields, problems


def parse_date(value: Any) -> tuple[dt.date | None, str | None]:
    """An ISO date from a YAML/JSON value (a date, a datetime or an ISO string), or a problem."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        text = value.strip()
        for parse in (dt.date.fromisoformat, lambda s: dt.datetime.fromisoformat(s).date()):
            try:
                return parse(text), None
            except ValueError:
                continue
    return None, f"bad date {_shown(value)} (expected YYYY-MM-DD); date left unknown"


def parse_time(value: Any) -> dt.time | None:
    """The time of day of a date-and-time value ("2025-07-02T14:30+08:00"), with its UTC offset
    when written; None for a date alone.

    Midnight exactly is no time: content systems write "T00:00:00" for a date without one.
    """
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    time = value.timetz()
    return None if time.replace(tzinfo=None) == dt.time(0, 0) else time
