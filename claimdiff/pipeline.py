"""corpus -> claims -> alignment -> rules -> findings: the whole run, stage by stage."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from claimdiff import __version__
from claimdiff.alignment.align import align
from claimdiff.alignment.models import Alignment
from claimdiff.base import lexicon
from claimdiff.claims.models import ArticleClaims
from claimdiff.base.config import Config
from claimdiff.corpus.families import find_families
from claimdiff.corpus.models import Article, InputNote, Source, SourceFamily
from claimdiff.corpus.reader import read_corpus
from claimdiff.base.errors import InputError
from claimdiff.extraction import extract_cached, pipelines_kept, resolve_jobs
from claimdiff.findings import draft as drafts
from claimdiff.findings import independence, select, timeline
from claimdiff.findings.models import Finding, Report, RuleInfo, Severity, Summary
from claimdiff.rules import engine
from claimdiff.rules.base import Rule
from claimdiff.timing import StageTimes


@dataclass
class CheckResult:
    report: Report
    articles: list[Article]
    extracted: list[ArticleClaims]
    alignment: Alignment | None = None


def build_report(
    articles: Sequence[Article],
    extracted: Sequence[ArticleClaims],
    findings: list[Finding],
    notes: Sequence[InputNote],
    *,
    baseline_skipped: int = 0,
    waived: int = 0,
    compared: int = 0,
    unmatched: dict[str, int] | None = None,
    families: Sequence[SourceFamily] = (),
    rule_infos: Sequence[RuleInfo] = (),
) -> Report:
    """The report, with a summary computed from the findings and the rules it describes.

    Sources whose publication date was inferred from their text carry it, marked inferred.
    """
    return Report(
        tool_version=__version__,
        sources=dated_sources(articles, extracted),
        findings=findings,
        notes=list(notes),
        families=list(families),
        rules=list(rule_infos),
        summary=Summary(
            sources=len(articles),
            claims=sum(len(e.claims) for e in extracted),
            **Summary.counts(findings),
            baseline_skipped=baseline_skipped,
            waived=waived,
            compared=compared,
            unmatched=unmatched or {},
        ),
    )


def dated_sources(articles: Sequence[Article], extracted: Sequence[ArticleClaims]) -> list[Source]:
    """The articles' sources, with the publication date extraction inferred (marked so) for
    those whose metadata gives none."""
    inferred = {e.source: e.publication_date for e in extracted if e.publication_date}
    return [
        a.source.model_copy(update={"date": inferred[a.id], "date_origin": "inferred"})
        if a.source.date is None and a.id in inferred
        else a.source
        for a in articles
    ]


def use_lexicons(config: Config) -> None:
    """Make extraction read the user lexicon directories of `config`."""
    lexicon.set_extra_dirs([config.resolve(d) for d in config.lexicon_dirs])


def check(
    paths: Sequence[str],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    *,
    timings: StageTimes | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> CheckResult:
    """Read, extract, align and check a corpus.

    `rules` defaults to the configured ones; `progress`, given the number of articles,
    returns the function to call with each number of articles done.
    """
    times = timings if timings is not None else StageTimes()
    articles, notes = _read(list(paths), config, times)
    return check_articles(articles, notes, config, jobs, use_cache, timings=times, rules=rules, progress=progress)


def _read(paths: list[str], config: Config, times: StageTimes) -> tuple[list[Article], list[InputNote]]:
    """The articles under `paths`, read with the user lexicons of `config` (timed as "read")."""
    with times.stage("read"):
        use_lexicons(config)
        return read_corpus(paths, config.default_language)


def check_draft(
    draft: str,
    sources: Sequence[str],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    *,
    timings: StageTimes | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> tuple[CheckResult, str]:
    """Read a draft (one article) and its sources as one corpus and check it, as `check`.

    Returns the result and the draft's source id. A draft file that also lies among the
    sources is read once, as the draft. Raises InputError when the draft is not one
    readable article, or when no source can be read besides it.
    """
    times = timings if timings is not None else StageTimes()
    articles, notes = _read([draft, *sources], config, times)
    found = select.sources_at(articles, [draft])
    if not found:
        # The reader's notes name the draft's path as given, or a file under it.
        problem = next((n for n in notes if n.level == "error" and n.path.startswith(draft)), None)
        raise InputError(f"{problem.path}: {problem.message}" if problem else f"{draft}: no article to check")
    if len(found) > 1:
        raise InputError(f"{draft}: a draft is one article, not {len(found)}")
    (draft_id,) = found
    if len(articles) < 2:
        shown = "; ".join(f"{n.path}: {n.message}" for n in notes if n.level == "error")
        raise InputError(f"no source to check the draft against{f' ({shown})' if shown else ''}")
    result = check_articles(articles, notes, config, jobs, use_cache, timings=times, rules=rules, progress=progress)
    return result, draft_id


def check_articles(
    articles: Sequence[Article],
    notes: Sequence[InputNote],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    *,
    timings: StageTimes | None = None,
    rules: Sequence[Rule] | None = None,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> CheckResult:
    """Extract, align and check articles already read (the user lexicons must be set)."""
    times = timings if timings is not None else StageTimes()
    with times.stage("families"):
        families = find_families(articles)
    if progress is None:
        extracted = extract_cached(articles, config, jobs, use_cache, timings=times)
    else:
        extracted = _extract_in_steps(articles, config, jobs, use_cache, times, progress(len(articles)))
    with times.stage("align"):
        aliases = str(config.resolve(config.aliases)) if config.aliases else None
        alignment = align([a.source for a in articles], extracted, aliases=aliases)
    with times.stage("rules"):
        findings = engine.run(alignment, rules if rules is not None else engine.configured_rules(config))
        findings = timeline.apply(findings, dated_sources(articles, extracted), families, alignment.short_id)
        findings = independence.apply(findings, families)
    with times.stage("report"):
        report = build_report(
            articles,
            extracted,
            findings,
            notes,
            families=families,
            compared=alignment.compared,
            unmatched=alignment.unmatched,
            rule_infos=rule_infos(),
        )
    return CheckResult(report, list(articles), extracted, alignment)


def review_draft(result: CheckResult, report: Report, draft: str) -> Report:
    """`report` (the findings of `result`, once selected) with the review of the source `draft`."""
    claims = next((e.claims for e in result.extracted if e.source == draft), [])
    entities = result.alignment.entities if result.alignment is not None else []
    return drafts.review(report, draft, claims, entities)


def rule_infos() -> list[RuleInfo]:
    """Every registered rule as a report describes it (formatters never read the registry)."""
    return [
        RuleInfo(
            code=rule.code,
            name=rule.name,
            kind=rule.kind.value,
            summary=rule.summary() or rule.name,
            documentation=rule.documentation() or rule.summary() or rule.name,
            default_severity=Severity(rule.default_severity),
        )
        for rule in engine.all_rules()
    ]



def _extract_in_steps(
    articles: Sequence[Article],
    config: Config,
    jobs: int | None,
    use_cache: bool,
    times: StageTimes,
    advance: Callable[[int], None],
) -> list[ArticleClaims]:
    """`extract_cached` over consecutive slices, reporting progress after each one.

    The process count is decided once for the whole corpus, not per slice.
    """
    n_jobs = jobs or resolve_jobs(jobs, len(articles))
    step = max(50, math.ceil(len(articles) / 40))
    out: list[ArticleClaims] = []
    for i in range(0, len(articles), step):
        batch = articles[i : i + step]
        # Workers' pipelines stay loaded in this process until the last slice.
        with nullcontext() if i + step >= len(articles) else pipelines_kept():
            out += extract_cached(batch, config, n_jobs, use_cache, timings=times)
        advance(len(batch))
    return out
