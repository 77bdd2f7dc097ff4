"""corpus -> claims -> alignment -> rules -> findings: one function per stage, and the whole run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff import __version__
from claimdiff.alignment.align import align
from claimdiff.claims import lexicon
from claimdiff.claims.extract import extract_article
from claimdiff.claims.models import ArticleClaims
from claimdiff.config import Config
from claimdiff.corpus.models import Article, InputNote
from claimdiff.corpus.reader import read_corpus
from claimdiff.findings.models import Finding, Report, Summary
from claimdiff.rules import engine


@dataclass
class CheckResult:
    report: Report
    articles: list[Article]
    extracted: list[ArticleClaims]


def extract_all(articles: Sequence[Article], jobs: int | None = None) -> list[ArticleClaims]:
    """Claims of every article, in corpus order."""
    if not articles:
        return []
    from claimdiff.nlp import get_nlp

    nlp = get_nlp()
    texts = (_prepared_text(a) for a in articles)
    return [extract_article(a, spacy_doc=d) for a, d in zip(articles, nlp.pipe(texts, batch_size=32))]


def _prepared_text(article: Article) -> str:
    from claimdiff.claims.extract import prepare

    return prepare(article).text


def build_report(
    articles: Sequence[Article],
    extracted: Sequence[ArticleClaims],
    findings: list[Finding],
    notes: Sequence[InputNote],
    *,
    baseline_skipped: int = 0,
    waived: int = 0,
) -> Report:
    """The report, with a summary computed from the findings."""
    return Report(
        tool_version=__version__,
        sources=[a.source for a in articles],
        findings=findings,
        notes=list(notes),
        summary=Summary(
            sources=len(articles),
            claims=sum(len(e.claims) for e in extracted),
            findings=len(findings),
            by_status=dict(sorted(Counter(f.status.value for f in findings).items())),
            by_severity=dict(sorted(Counter(f.severity.value for f in findings).items())),
            baseline_skipped=baseline_skipped,
            waived=waived,
        ),
    )


def check(paths: Sequence[str], config: Config, jobs: int | None = None, use_cache: bool = True) -> CheckResult:
    """Read, extract, align and check a corpus."""
    lexicon.set_extra_dirs([config.resolve(d) for d in config.lexicon_dirs])
    articles, notes = read_corpus(list(paths))
    extracted = extract_all(articles, jobs=jobs)
    aliases = str(config.resolve(config.aliases)) if config.aliases else None
    alignment = align([a.source for a in articles], extracted, aliases=aliases)
    findings = engine.run(alignment, engine.configured_rules(config))
    return CheckResult(build_report(articles, extracted, findings, notes), articles, extracted)
