"""Which findings count: waivers, baselines, status filters and the fail threshold."""

from __future__ import annotations

from claimdiff.base.config import Config
from claimdiff.base.errors import ClaimdiffError
from claimdiff.findings.models import Report, Status, Summary



def apply(report: Report, config: Config, baseline: str | None = None) -> Report:
    """The report without waived findings and, with a baseline, without known ones."""
    waived = {w.fingerprint for w in config.waivers}
    known: set[str] = set()
    if baseline:
        from claimdiff.findings.baseline import load_baseline

        known = load_baseline(baseline)
    kept = [f for f in report.findings if f.fingerprint not in waived and f.fingerprint not in known]
    n_waived = sum(f.fingerprint in waived for f in report.findings)
    n_known = len(report.findings) - len(kept) - n_waived
    summary = report.summary.model_copy(
        update={**Summary.counts(kept), "baseline_skipped": n_known, "waived": n_waived}
    )
    return report.model_copy(update={"findings": kept, "summary": summary})


def only(report: Report, statuses: str | None) -> Report:
    """The report restricted to the given comma-separated statuses (display filter)."""
    if not statuses:
        return report
    try:
        wanted = {Status(s.strip()) for s in statuses.split(",") if s.strip()}
    except ValueError as exc:
        raise ClaimdiffError(f"--only: {exc}") from None
    return report.model_copy(update={"findings": [f for f in report.findings if f.status in wanted]})


def fails(report: Report, fail_on: str) -> bool:
    """Whether a discrepancy (variant or conflict) reaches the `fail_on` severity."""
    return any(f.fails_at(fail_on) for f in report.findings)
