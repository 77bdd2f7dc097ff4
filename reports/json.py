"""The JSON report: the machine-readable contract (schema in docs/report.schema.json)."""

from __future__ import annotations

import json

from claimdiff.findings.models import Report
from claimdiff.reports.base import Formatter, RenderOptions

# Encoder pieces joined at a time: `json.dumps` with an indent joins every piece of the
# document at once, millions of small strings for a large corpus (three times the text).
_JOIN_EVERY = 1 << 16


class JsonFormatter(Formatter):
    name = "json"

    def render(self, report: Report, options: RenderOptions) -> str:
        return dumps(report.model_dump(mode="json"))


def dumps(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a final newline, the same text,
    built from pieces joined a batch at a time."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=False)
    parts: list[str] = []
    batch: list[str] = []
    for piece in encoder.iterencode(data):
        batch.append(piece)
        if len(batch) >= _JOIN_EVERY:
            parts.append("".join(batch))
            batch.clear()
    parts.append("".join(batch))
    parts.append("\n")
    return "".join(parts)
