"""The claimdiff command line in a subprocess, without spaCy: for tests of process behaviour
(broken stdout, closed streams, signals) where extraction is irrelevant.

Every article yields no claim. With `CLAIMDIFF_TEST_FINDINGS=N`, the rule engine returns N
conflict findings citing the first article read, so that the exit code says "findings".
Usage: python tests/stubbed_claimdiff.py check CORPUS ...
"""

from __future__ import annotations

import os
import sys


def _install() -> None:
    from claimdiff import extraction
    from claimdiff.claims.models import ArticleClaims

    def extract_all(articles, jobs=None, **_):
        return [ArticleClaims(source=a.id, claims=[], publication_date=a.source.date) for a in articles]

    extraction.extract_all = extract_all
    wanted = int(os.environ.get("CLAIMDIFF_TEST_FINDINGS", "0"))
    if not wanted:
        return
    from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status
    from claimdiff.rules import engine

    def run(alignment, rules):
        source = next(iter(alignment.sources))
        return [
            Finding(
                kind=Kind.quantity,
                status=Status.conflict,
                severity=Severity.warning,
                rule="CD201",
                rule_name="quantity-mismatch",
                subject=f"subject {i}",
                message=f"finding {i} " + "x" * 200,
                values={source: [str(i)]},
                evidence=[Evidence(source=source, start=0, end=1, text="L")],
                fingerprint=f"{i:016d}",
            )
            for i in range(wanted)
        ]

    engine.run = run


if __name__ == "__main__":
    _install()
    from claimdiff.cli import main

    sys.exit(main(sys.argv[1:]))
