"""corpus -> claims -> alignment -> rules -> findings: the whole run, stage by stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff import __version__
from claimdiff.alignment.align import align
from claimdiff.base import lexicon
from claimdiff.claims.models import ArticleClaims
from claimdiff.base.config import Config
from claimdiff.corpus.families import find_families
from claimdiff.corpus.models import Article, InputNote, SourceFamily
from claimdiff.corpus.reader import read_corpus
from claimdiff.extraction import extract_cached
from claimdiff.findings import independence
from claimdiff.findings.models import Finding, Report, Summary
from claimdiff.rules import engine
from claimdiff.timing import StageTimes


@dataclass
class CheckResult:
    report: Report
    articles: list[Article]
    extracted: list[ArticleClaims]


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
) -> Report:
    """The report, with a summary computed from the findings.

    Sources whose publication date was inferred from their text carry it, marked inferred.
    """
    inferred = {e.source: e.publication_date for e in extracted if e.publication_date}
    sources = [
        a.source.model_copy(update={"date": inferred[a.id], "date_origin": "inferred"})
        if a.source.date is None and a.id in inferred
        else a.source
        for a in articles
    ]
    return Report(
        tool_version=__version__,
        sources=sources,
        findings=findings,
        notes=list(notes),
        families=list(families),
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
) -> CheckResult:
    """Read, extract, align and check a corpus."""
    times = timings if timings is not None else StageTimes()
    with times.stage("read"):
        use_lexicons(config)
        articles, notes = read_corpus(list(paths), config.default_language)
    return check_articles(articles, notes, config, jobs, use_cache, timings=times)


def check_articles(
    articles: Sequence[Article],
    notes: Sequence[InputNote],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    *,
    timings: StageTimes | None = None,
) -> CheckResult:
    """Extract, align and check articles already read (the user lexicons must be set)."""
    times = timings if timings is not None else StageTimes()
    with times.stage("families"):
        families = find_families(articles)
    extracted = extract_cached(articles, config, jobs, use_cache, timings=times)
    with times.stage("align"):
        aliases = str(config.resolve(config.aliases)) if config.aliases else None
        alignment = align([a.source for a in articles], extracted, aliases=aliases)
    with times.stage("rules"):
        findings = engine.run(alignment, engine.configured_rules(config))
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
        )
    return CheckResult(report, list(articles), extracted)
