"""Which findings count: waivers, baselines, status filters and the fail threshold."""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Sequence

from claimdiff.base.config import Config
from claimdiff.base.errors import ClaimdiffError
from claimdiff.corpus.directives import Directive, directives
from claimdiff.corpus.models import Article, InputNote
from claimdiff.findings.models import Finding, Report, Status, Summary


def apply(
    report: Report,
    config: Config,
    baseline: str | None = None,
    *,
    articles: Sequence[Article] = (),
    known_rules: Collection[str] | None = None,
    focus: Collection[str] | None = None,
) -> Report:
    """The report without waived findings and, with a baseline, without known ones.

    Waivers are the configuration's and the inline ones of `articles`; both are counted as
    waived. Notes are added for inline waivers that cannot apply (no reason; a rule not in
    `known_rules`, lowercase codes and names, when given) and for a baseline that matches
    no finding at all. With `focus` (source ids), only the findings citing one of them
    are kept and counted.
    """
    waived = {w.fingerprint for w in config.waivers}
    inline, notes = _inline_waivers(articles, known_rules)
    known: set[str] = set()
    if baseline:
        from claimdiff.findings.baseline import load_baseline

        known = load_baseline(baseline)
        if known and not any(f.fingerprint in known for f in report.findings):
            notes.append(
                InputNote(
                    path=baseline,
                    level="warning",
                    message=f"baseline: matches none of this run's findings ({len(known)} recorded:"
                    " another corpus's, or all fixed?); `claimdiff baseline create` rewrites it",
                )
            )
    findings = report.findings if focus is None else [f for f in report.findings if cites(f, focus)]
    is_waived = [f.fingerprint in waived or _inline_waived(f, inline) for f in findings]
    kept = [f for f, w in zip(findings, is_waived) if not w and f.fingerprint not in known]
    n_waived = sum(is_waived)
    n_known = len(findings) - len(kept) - n_waived
    summary = report.summary.model_copy(
        update={**Summary.counts(kept), "baseline_skipped": n_known, "waived": n_waived}
    )
    return report.model_copy(update={"findings": kept, "summary": summary, "notes": [*report.notes, *notes]})


def _inline_waivers(
    articles: Sequence[Article], known_rules: Collection[str] | None
) -> tuple[dict[str, list[Directive]], list[InputNote]]:
    """The valid inline waivers by source id, and a note for each one that is not valid."""
    found: dict[str, list[Directive]] = {}
    notes: list[InputNote] = []
    for article in articles:
        for d in directives(article):
            where = f"{article.source.path}:{article.source.line or d.line}"
            problem = d.problem
            unknown = [r for r in d.rules if known_rules is not None and r.lower() not in known_rules]
            if problem is None and unknown:
                close = difflib.get_close_matches(unknown[0].lower(), sorted(known_rules or ()), n=1)
                hint = f" (did you mean {close[0].upper() if close[0].startswith('cd') else close[0]}?)" if close else ""
                problem = f"unknown rule {unknown[0]!r}{hint}"
            if problem is not None:
                notes.append(InputNote(path=where, level="warning", message=f"inline waiver {problem}; ignored"))
                continue
            found.setdefault(article.id, []).append(d)
    return found, notes


def _inline_waived(finding: Finding, inline: dict[str, list[Directive]]) -> bool:
    """Whether an inline waiver of the finding's rule covers one of its passages."""
    names = {finding.rule.lower(), finding.rule_name.lower()}
    for ev in finding.evidence:
        for d in inline.get(ev.source, ()):
            if names & {r.lower() for r in d.rules} and ev.start < d.covers[1] and d.covers[0] < ev.end:
                return True
    return False


def cites(finding: Finding, sources: Collection[str]) -> bool:
    """Whether one of the finding's passages is in one of `sources`."""
    return any(ev.source in sources for ev in finding.evidence)


def sources_at(articles: Sequence[Article], paths: Sequence[str]) -> set[str]:
    """Ids of the articles read from `paths`: those files, or files under those directories."""
    targets = [os.path.realpath(p) for p in paths]
    found = set()
    for article in articles:
        real = os.path.realpath(article.source.path)
        if any(real == t or real.startswith(t.rstrip(os.sep) + os.sep) for t in targets):
            found.add(article.id)
    return found


def focus_notes(report: Report, corpus: str, paths: Sequence[str]) -> Report:
    """The report without the notes about corpus files that are not among `paths`: a check
    of some articles against their corpus speaks of those articles only."""
    root = os.path.realpath(corpus).rstrip(os.sep) + os.sep
    targets = [os.path.realpath(p) for p in paths]

    def kept(note: InputNote) -> bool:
        path = note.path.rstrip(os.sep)
        if ":" in path and path.rsplit(":", 1)[1].isdigit() and not os.path.exists(path):
            path = path.rsplit(":", 1)[0]
        real = os.path.realpath(path)
        if not (real + os.sep).startswith(root):
            return True
        return any(real == t or real.startswith(t.rstrip(os.sep) + os.sep) for t in targets)

    return report.model_copy(update={"notes": [n for n in report.notes if kept(n)]})


def only(report: Report, statuses: Collection[Status] | str | None) -> Report:
    """The report restricted to the given statuses (a collection, or comma-separated names).

    What is not reported does not fail the run either: `fails` reads the filtered report."""
    if not statuses:
        return report
    if isinstance(statuses, str):
        try:
            wanted = {Status(s.strip()) for s in statuses.split(",") if s.strip()}
        except ValueError as exc:
            raise ClaimdiffError(f"--only: {exc}") from None
    else:
        wanted = set(statuses)
    return report.model_copy(update={"findings": [f for f in report.findings if f.status in wanted]})


def fails(report: Report, fail_on: str) -> bool:
    """Whether a discrepancy (variant or conflict) reaches the `fail_on` severity; for a
    draft checked against its sources, whether one of its claims is contradicted at it."""
    if report.draft is not None:
        return any(c.fails_at(fail_on) for c in report.draft.claims)
    return any(f.fails_at(fail_on) for f in report.findings)
