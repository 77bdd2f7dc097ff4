"""The news agency an article credits, as its outlet when no metadata names one.

A dispatch names its agency in the dateline ("MOSCOU, 15 septembre (Reuters) - ...",
"Kiev (AFP) -") or on a closing credit line ("— AFP", "(AFP)"). The agencies and their
spellings live in corpus/data/agencies.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimdiff.base import lexicon

_DASH = r"[-–—]"
_SAME_LINE_SPACE = re.compile(r"[^\S\n]*")


@dataclass(frozen=True)
class _Agencies:
    names: dict[str, str]  # credit as written -> outlet name
    alternation: str  # regex alternation of every credit, longest first
    dateline: re.Pattern[str]  # "(Reuters) -" / "(AFP/Photo) —"
    closing_dash: re.Pattern[str]  # "... a-t-il conclu. — AFP" at the end of the last line
    closing_line: re.Pattern[str]  # a last line that is only "(AFP)" or "AFP"
    window: int


_compiled: tuple[object, _Agencies] | None = None


def _agencies() -> _Agencies:
    """The compiled agency patterns, rebuilt when the lexicon data changes (user lexicon directories)."""
    global _compiled
    data = lexicon.load("agencies", package="claimdiff.corpus")
    if _compiled is None or _compiled[0] is not data:
        _compiled = (data, _compile(data))
    return _compiled[1]


def _compile(data: dict) -> _Agencies:
    names: dict[str, str] = {}
    for entry in data["agencies"]:
        for credit in entry["credits"]:
            names.setdefault(str(credit), str(entry["name"]))
    alternation = "|".join(re.escape(c) for c in sorted(names, key=lambda c: (-len(c), c)))
    credit = rf"(?P<credit>{alternation})(?:\s*/\s*[^()\n]{{1,40}})?"
    return _Agencies(
        names=names,
        alternation=alternation,
        dateline=re.compile(rf"\(\s*{credit}\s*\)\s*{_DASH}"),
        closing_dash=re.compile(rf"(?:^|\s){_DASH}\s*{credit}\s*\.?\Z"),
        closing_line=re.compile(rf"\(\s*{credit}\s*\)\.?|{credit.replace('?P<credit>', '?P<bare>')}"),
        window=int(data.get("dateline_window", 300)),
    )


def agency_names() -> frozenset[str]:
    """The outlet names of the known agencies ("AFP", "Reuters"...)."""
    return frozenset(_agencies().names.values())


def agency_credits() -> str:
    """A regex alternation of every agency credit (for boilerplate credit lines)."""
    return _agencies().alternation


def dateline_credits(text: str) -> list[tuple[int, int]]:
    """Where `text` credits an agency as a dateline does ("(AFP) -", "(Reuters/Photo) —")."""
    return [m.span() for m in _agencies().dateline.finditer(text)]


def dateline_credit_at(text: str, pos: int) -> bool:
    """Whether a dateline's agency credit follows `pos`, after spaces on the same line."""
    return _agencies().dateline.match(text, _SAME_LINE_SPACE.match(text, pos).end()) is not None  # type: ignore[union-attr]


def credited_agency(text: str, body_start: int = 0) -> str | None:
    """The outlet of the agency credited by the dateline or the closing line of `text`, if any."""
    agencies = _agencies()
    opening = text[body_start : body_start + agencies.window]
    m = agencies.dateline.search(opening)
    if m:
        return agencies.names[m.group("credit")]
    last = _last_line(text[body_start:])
    m = agencies.closing_dash.search(last)
    if m:
        return agencies.names[m.group("credit")]
    m = agencies.closing_line.fullmatch(last)
    if m:
        return agencies.names[m.group("credit") or m.group("bare")]
    return None


def _last_line(text: str) -> str:
    for line in reversed(text.splitlines()):
        if line.strip():
            return line.strip()
    return ""
