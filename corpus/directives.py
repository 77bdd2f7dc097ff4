"""Inline waivers written in an article: `<!-- claimdiff: ignore CD201 -- reason -->`.

In Markdown the directive is an HTML comment; in any article it can also be a line of its
own, `claimdiff: ignore CD201 -- reason`. It names rules (codes or names, separated by
commas or spaces) and must give a reason after `--`. It covers one paragraph (lines up to
a blank line): the paragraph it is written in, or, when it stands on lines of its own, the
next one. Directives are not article prose: extraction never reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimdiff.corpus.models import Article

_COMMENT = re.compile(r"<!--[ \t\r\n]*claimdiff:(?P<body>.*?)-->", re.DOTALL)
_LINE = re.compile(r"^[ \t]*claimdiff:(?P<body>[ \t]*ignore\b[^\r\n]*)$", re.MULTILINE)
_IGNORE = re.compile(r"\s*ignore\b(?P<rest>.*)", re.DOTALL)
# "--" or an em dash between the rules and the reason; a rule name holds single hyphens.
_REASON = re.compile(r"\s(?:--|—)(?:\s|$)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Directive:
    """One inline directive: where it is written, what it says, and the text it covers."""

    start: int
    end: int
    line: int  # 1-based line of the directive in the file
    rules: tuple[str, ...]  # as written: codes or names
    reason: str
    covers: tuple[int, int]  # the paragraph it applies to
    problem: str | None = None  # why it is not valid (then it waives nothing)


def directives(article: Article) -> list[Directive]:
    """The inline directives of an article's body, in text order."""
    text, body = article.text, article.source.body_start
    found = [_directive(text, m.start(), m.end(), m.group("body")) for m in _COMMENT.finditer(text, body)]
    taken = [(d.start, d.end) for d in found]
    for m in _LINE.finditer(text, body):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(_directive(text, m.start(), m.end(), m.group("body")))
    return sorted(found, key=lambda d: d.start)


def directive_regions(article: Article) -> Iterator[tuple[int, int]]:
    """Where the directives are written: regions extraction must not read."""
    for d in directives(article):
        yield d.start, d.end


def _directive(text: str, start: int, end: int, body: str) -> Directive:
    line = text.count("\n", 0, start) + 1
    covers = _paragraph(text, start, end)
    m = _IGNORE.match(body)
    if m is None or (m.group("rest")[:1].isalnum()):
        words = body.split()
        verb = words[0] if words else ""
        return Directive(start, end, line, (), "", covers, f"unknown directive {verb!r} (expected 'ignore')")
    rules_part, _, reason = _split_reason(m.group("rest"))
    rules = tuple(w for w in re.split(r"[,\s]+", rules_part) if w)
    reason = " ".join(reason.split())
    problem = None
    if not rules:
        problem = "names no rule (write `claimdiff: ignore CD201 -- reason`)"
    elif not reason:
        problem = "gives no reason (write `-- reason` after the rules)"
    return Directive(start, end, line, rules, reason, covers, problem)


def _split_reason(rest: str) -> tuple[str, str, str]:
    """(rules, separator, reason) of what follows `ignore`."""
    m = _REASON.search(rest)
    if m is None:
        return rest, "", ""
    return rest[: m.start()], m.group().strip(), rest[m.end() :]


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The text the directive at [start, end) applies to: its paragraph when it shares a line
    with prose, else what follows it up to the end of the next paragraph."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return _block_start(text, start), _block_end(text, end)
    following = _NON_SPACE.search(text, line_end)
    if following is None:
        return len(text), len(text)
    return line_end, _block_end(text, following.start())


def _block_start(text: str, pos: int) -> int:
    """Where the paragraph holding `pos` starts: after the last blank line before it."""
    starts = [m.end() for m in _BLANK_LINE.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _block_end(text: str, pos: int) -> int:
    """Where the paragraph holding `pos` ends: at the next blank line."""
    m = _BLANK_LINE.search(text, pos)
    return m.start() if m else len(text)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
