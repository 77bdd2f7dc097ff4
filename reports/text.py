"""Text helpers shared by the formats: passages trimmed around a value, and character diffs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from claimdiff.findings.models import Evidence

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
#: Below this similarity two values are different words, and a character diff is noise.
_MIN_DIFF_SIMILARITY = 0.5


@dataclass(frozen=True)
class Passage:
    """A one-line quotation: `before + value + after`, whitespace collapsed, trimmed with "…"."""

    before: str
    value: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.value + self.after


def collapse(text: str) -> str:
    """Runs of whitespace (newlines included) as one space."""
    return _SPACE.sub(" ", text)


def passage(evidence: Evidence, file_text: str | None = None, max_chars: int = 160) -> Passage:
    """The sentence around the evidence, trimmed to about `max_chars` around the value.

    Uses the evidence's sentence; without one, a window of the file text when it is
    known; else the evidence text alone.
    """
    start, end = evidence.start, evidence.end
    if evidence.sentence is not None and evidence.sentence_start is not None:
        context, offset = evidence.sentence, evidence.sentence_start
    elif file_text is not None and file_text[start:end] == evidence.text:
        offset = max(0, start - max_chars)
        context = file_text[offset : end + max_chars]
    else:
        context, offset = evidence.text, start
    lo, hi = start - offset, end - offset
    if not (0 <= lo <= hi <= len(context)) or context[lo:hi] != evidence.text:
        # A sentence that does not contain the span: quote the span alone rather than lie.
        context, lo, hi = evidence.text, 0, len(evidence.text)
    return trim(context[:lo], context[lo:hi], context[hi:], max_chars)


def trim(before: str, value: str, after: str, max_chars: int) -> Passage:
    """Collapse whitespace and cut the context on word boundaries to fit about `max_chars`."""
    before = collapse(before).lstrip()
    value = collapse(value)
    after = collapse(after).rstrip()
    room = max_chars - len(value)
    if room <= 0:  # the value is never cut: it is what the finding is about
        return Passage(ELLIPSIS if before else "", value, ELLIPSIS if after else "")
    # Split the room evenly, giving the unused part of one side to the other.
    left = min(len(before), max(room // 2, room - len(after)))
    right = min(len(after), room - left)
    return Passage(_keep_end(before, left), value, _keep_start(after, right))


def _keep_end(text: str, n: int) -> str:
    """The last `n` characters of `text` (or fewer, cut at a space), prefixed with "…" when cut."""
    if len(text) <= n:
        return text
    if n <= 1:
        return ELLIPSIS if n == 1 else ""
    cut = len(text) - (n - 1)
    tail = text[cut:]
    space = tail.find(" ")
    if text[cut - 1] != " " and 0 <= space < min(15, len(tail) - 1):
        tail = tail[space + 1 :]
    return ELLIPSIS + tail


def _keep_start(text: str, n: int) -> str:
    """The first `n` characters of `text` (or fewer, cut at a space), followed by "…" when cut."""
    if len(text) <= n:
        return text
    if n <= 1:
        return ELLIPSIS if n == 1 else ""
    head = text[: n - 1]
    space = head.rfind(" ")
    if text[n - 1] != " " and space > 0 and len(head) - space < 15:
        head = head[:space]
    return head + ELLIPSIS


DiffTag = Literal["equal", "insert", "replace", "delete"]


def char_diff(reference: str, value: str) -> list[tuple[DiffTag, str]]:
    """`value` as segments against `reference`, from rapidfuzz's Levenshtein edit operations.

    `insert` and `replace` segments hold characters of `value`; `delete` segments hold
    characters of `reference` that `value` lacks. Values too different to be spellings
    of one another come back whole, as a single `equal` segment.
    """
    if reference == value or Levenshtein.normalized_similarity(reference, value) < _MIN_DIFF_SIMILARITY:
        return [("equal", value)]
    segments: list[tuple[DiffTag, str]] = []
    for op in Levenshtein.opcodes(reference, value):
        piece = reference[op.src_start : op.src_end] if op.tag == "delete" else value[op.dest_start : op.dest_end]
        if segments and segments[-1][0] == op.tag:
            segments[-1] = (op.tag, segments[-1][1] + piece)
        else:
            segments.append((op.tag, piece))
    return segments


def diff_plain(segments: list[tuple[DiffTag, str]]) -> str:
    """Segments as plain text: `Shoup[e]` for an inserted or changed "e", `Shoup[-e]` for a missing one."""
    out = []
    for tag, piece in segments:
        if tag == "equal":
            out.append(piece)
        elif tag == "delete":
            out.append(f"[-{piece}]")
        else:
            out.append(f"[{piece}]")
    return "".join(out)


def diff_words(reference: str, value: str) -> str:
    """How `value` is spelt against `reference`, in words: "vs Shoup: adds 'e'".

    Empty when they are equal or too different for a character diff to mean anything.
    """
    if reference == value or Levenshtein.normalized_similarity(reference, value) < _MIN_DIFF_SIMILARITY:
        return ""
    changes = []
    for op in Levenshtein.opcodes(reference, value):
        ref, new = reference[op.src_start : op.src_end], value[op.dest_start : op.dest_end]
        if op.tag == "insert":
            changes.append(f"adds {new!r}")
        elif op.tag == "delete":
            changes.append(f"lacks {ref!r}")
        elif op.tag == "replace":
            changes.append(f"{new!r} for {ref!r}")
    return f"vs {reference}: {', '.join(changes)}"
