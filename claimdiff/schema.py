"""The published JSON Schema of the JSON report (docs/report.schema.json).

Regenerate the committed file after changing the report models::

    python -m claimdiff.schema docs/report.schema.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claimdiff.findings.models import Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def report_schema() -> dict:
    """The JSON Schema of `claimdiff check --format json` output, from the Report model."""
    return {"$schema": DIALECT, **Report.model_json_schema(mode="serialization")}


def render_schema() -> str:
    """The schema as the committed file spells it."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args == ["-"]:
        sys.stdout.write(render_schema())
    else:
        Path(args[0]).write_text(render_schema(), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
