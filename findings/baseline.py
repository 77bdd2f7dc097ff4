"""Baseline files: the fingerprints of known findings, so that a check fails only on new ones.

Format (JSON, sorted, one entry per fingerprint)::

    {
      "baseline_version": 1,
      "tool": "claimdiff",
      "tool_version": "0.1.0",
      "findings": [
        {"fingerprint": "0f4e2c444a97e313", "rule": "CD101", "kind": "name",
         "status": "variant", "subject": "général Jean-Marc Lefebvre"}
      ]
    }

Only `findings[].fingerprint` is read back; the other fields are for the people who
review the file. A JSON report (`--format json`) has the same shape there, so it can
serve as a baseline too.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimdiff.base.errors import ClaimdiffError
from claimdiff.findings.models import Report

BASELINE_VERSION = 1


def write_baseline(report: Report) -> str:
    """The baseline file text for every finding of `report`."""
    entries: dict[str, dict[str, str]] = {}
    for f in report.findings:
        entries.setdefault(
            f.fingerprint,
            {
                "fingerprint": f.fingerprint,
                "rule": f.rule,
                "kind": f.kind.value,
                "status": f.status.value,
                "subject": f.subject,
            },
        )
    data = {
        "baseline_version": BASELINE_VERSION,
        "tool": report.tool,
        "tool_version": report.tool_version,
        "findings": [entries[fp] for fp in sorted(entries)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str | Path) -> set[str]:
    """The fingerprints recorded in a baseline file (or a JSON report)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClaimdiffError(f"{path}: baseline file not found (create it with `claimdiff baseline create`)") from None
    except IsADirectoryError:
        raise ClaimdiffError(f"{path}: baseline is a directory, not a file") from None
    except UnicodeDecodeError:
        raise ClaimdiffError(f"{path}: baseline is not UTF-8 text") from None
    except OSError as exc:
        raise ClaimdiffError(f"{path}: cannot read baseline: {exc.strerror}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ClaimdiffError(f"{path}: baseline is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ClaimdiffError(f"{path}: not a claimdiff baseline (no list of findings)")
    version = data.get("baseline_version", BASELINE_VERSION)
    if not isinstance(version, int) or version > BASELINE_VERSION:
        raise ClaimdiffError(f"{path}: baseline version {version!r} is not supported by this claimdiff")
    fingerprints: set[str] = set()
    for i, entry in enumerate(data["findings"]):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise ClaimdiffError(f"{path}: baseline finding {i + 1} has no fingerprint")
        fingerprints.add(fingerprint)
    return fingerprints
