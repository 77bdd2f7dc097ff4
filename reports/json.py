"""The JSON report: the machine-readable contract (schema in docs/report.schema.json)."""

from __future__ import annotations

import json

from claimdiff.findings.models import Report
from claimdiff.reports.base import Formatter, RenderOptions


class JsonFormatter(Formatter):
    name = "json"

    def render(self, report: Report, options: RenderOptions) -> str:
        data = report.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
