"""Where a piece of evidence is in its file: path, line and column, for SARIF and GitHub."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from claimdiff.corpus.models import Source
from claimdiff.findings.models import Evidence, Report
from claimdiff.reports.base import RenderOptions


@dataclass(frozen=True)
class Region:
    """1-based lines; 1-based columns both in code points and in UTF-16 code units.

    Columns are None when the text is not known, or when the article is one line of a
    JSON Lines file (offsets count characters of the decoded article, not of the JSON).
    """

    start_line: int
    end_line: int
    start_column: int | None = None
    end_column: int | None = None
    start_column_utf16: int | None = None
    end_column_utf16: int | None = None


def display_path(path: str) -> str:
    """The path with forward slashes, relative to the working directory when under it."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    return p.as_posix()


def uri(path: str) -> str:
    """A URI reference for the path: relative and percent-encoded, or file:// when outside the cwd."""
    shown = display_path(path)
    if PurePosixPath(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/-._~")


def source_paths(report: Report, options: RenderOptions) -> dict[str, str]:
    """Source id -> file path: the options' paths first, else the report's sources."""
    paths = {s.id: s.path for s in report.sources}
    paths.update(options.paths)
    return paths


def sources_by_id(report: Report) -> dict[str, Source]:
    return {s.id: s for s in report.sources}


def region(evidence: Evidence, text: str | None, source: Source | None = None) -> Region | None:
    """The region of the evidence in its file, or None when nothing about its place is known."""
    if source is not None and source.line is not None:
        return Region(start_line=source.line, end_line=source.line)
    if text is None or not (0 <= evidence.start <= evidence.end <= len(text)):
        return None
    start_line, start_col, start_col16 = _line_column(text, evidence.start)
    end_line, end_col, end_col16 = _line_column(text, evidence.end)
    return Region(
        start_line=start_line,
        end_line=end_line,
        start_column=start_col,
        end_column=end_col,
        start_column_utf16=start_col16,
        end_column_utf16=end_col16,
    )


def _line_column(text: str, offset: int) -> tuple[int, int, int]:
    """(line, column in code points, column in UTF-16 units) of `offset`, all 1-based."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    return line, len(prefix) + 1, _utf16_len(prefix) + 1


def _utf16_len(text: str) -> int:
    # Characters beyond the Basic Multilingual Plane take two UTF-16 code units.
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
