"""`claimdiff eval`: score a check of a corpus against a fact-checker's gold annotations.

The gold format and the judging rules are those of shared/gold/README.md:

* a report evidence entry *covers* a gold entry when the sources are equal and its span
  overlaps an occurrence of the gold text in that source;
* a finding *covers* an item when each of the item's gold entries is covered by one of
  its evidence entries;
* an *alarm* is a `variant` or `conflict` finding of severity `warning` or above;
* `flag` is met by a covering finding of the item's kind, `variant` or `conflict`, at
  `min_severity` or above; `agree` by a covering `agree`/`compatible` finding of the kind
  and no covering alarm of the kind; `silent` by no covering alarm of the kind;
* an alarm that covers two entries of some `flag` item (or all of a one-entry item) is
  explained; any other alarm is a false alarm.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Literal

import yaml

from claimdiff.base.errors import ClaimdiffError
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status

Expect = Literal["flag", "agree", "silent"]
EXPECTS: tuple[Expect, ...] = ("flag", "agree", "silent")
_AGREE_STATUSES = frozenset({Status.agree, Status.compatible})

EXIT_OK, EXIT_BELOW, EXIT_ERROR = 0, 1, 2


class GoldError(ClaimdiffError):
    """A gold file that cannot be read or judged against its corpus."""


@dataclass(frozen=True)
class GoldEvidence:
    source: str
    text: str


@dataclass(frozen=True)
class GoldItem:
    id: str
    kind: Kind
    expect: Expect
    evidence: tuple[GoldEvidence, ...]
    min_severity: Severity = Severity.warning
    note: str | None = None


@dataclass(frozen=True)
class Gold:
    items: tuple[GoldItem, ...]
    corpus: str | None = None


# ---- reading the gold file ---------------------------------------------------------------


def load_gold(path: str | Path) -> Gold:
    """The gold annotations in `path`; GoldError with a one-line reason when unusable."""
    label = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{label}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{label}: cannot read gold file: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GoldError(f"{label}: not valid YAML{at}: {problem}") from None
    return parse_gold(data, label)


def parse_gold(data: Any, label: str = "gold") -> Gold:
    """Validate parsed YAML into a Gold; GoldError names the first problem and its item."""
    if not isinstance(data, dict):
        raise GoldError(f"{label}: expected a mapping with an 'items' list")
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise GoldError(f"{label}: missing key 'items' (a non-empty list)")
    parsed: list[GoldItem] = []
    seen: set[str] = set()
    for n, entry in enumerate(items, 1):
        item = _parse_item(entry, f"{label}: item {n}")
        if item.id in seen:
            raise GoldError(f"{label}: item {n}: duplicate id {item.id!r}")
        seen.add(item.id)
        parsed.append(item)
    corpus = data.get("corpus")
    return Gold(items=tuple(parsed), corpus=str(corpus) if corpus is not None else None)


def _parse_item(entry: Any, where: str) -> GoldItem:
    if not isinstance(entry, dict):
        raise GoldError(f"{where}: expected a mapping")
    for key in ("id", "kind", "expect", "evidence"):
        if key not in entry:
            named = f" ({entry['id']})" if "id" in entry else ""
            raise GoldError(f"{where}{named}: missing key {key!r}")
    item_id = str(entry["id"])
    where = f"{where} ({item_id})"
    kinds = [k.value for k in Kind]
    if entry["kind"] not in kinds:
        raise GoldError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(kinds)}")
    if entry["expect"] not in EXPECTS:
        raise GoldError(f"{where}: expect {entry['expect']!r} is not one of {', '.join(EXPECTS)}")
    severities = [s.value for s in Severity]
    min_severity = entry.get("min_severity", Severity.warning.value)
    if min_severity not in severities:
        raise GoldError(f"{where}: min_severity {min_severity!r} is not one of {', '.join(severities)}")
    evidence = entry["evidence"]
    if not isinstance(evidence, list) or not evidence:
        raise GoldError(f"{where}: 'evidence' must be a non-empty list")
    parsed = []
    for e in evidence:
        if not isinstance(e, dict) or "source" not in e or "text" not in e:
            raise GoldError(f"{where}: each evidence entry needs 'source' and 'text'")
        if not isinstance(e["text"], str) or not e["text"]:
            raise GoldError(f"{where}: evidence text must be a non-empty string")
        parsed.append(GoldEvidence(source=str(e["source"]), text=e["text"]))
    note = entry.get("note")
    return GoldItem(
        id=item_id,
        kind=Kind(entry["kind"]),
        expect=entry["expect"],
        evidence=tuple(parsed),
        min_severity=Severity(min_severity),
        note=str(note) if note is not None else None,
    )


def check_gold_texts(gold: Gold, texts: Mapping[str, str], label: str = "gold") -> None:
    """GoldError unless every gold evidence text occurs in its source's text."""
    for item in gold.items:
        for e in item.evidence:
            if e.source not in texts:
                raise GoldError(f"{label}: item {item.id}: source {e.source!r} is not in the corpus")
            if e.text not in texts[e.source]:
                raise GoldError(f"{label}: item {item.id}: text {e.text!r} does not occur in {e.source}")


# ---- judging -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    item: GoldItem
    met: bool
    #: For a miss: the nearest finding and why it did not count (or why nothing came close).
    why: str | None = None


@dataclass(frozen=True)
class Score:
    results: tuple[ItemResult, ...]
    false_alarms: tuple[Finding, ...]
    findings: int

    @property
    def met(self) -> int:
        return sum(r.met for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def ratio(self) -> float:
        return self.met / self.total if self.total else 1.0

    def by_expect(self, expect: Expect) -> tuple[int, int]:
        """(items met, items) for one expectation."""
        mine = [r for r in self.results if r.item.expect == expect]
        return sum(r.met for r in mine), len(mine)


class _Judge:
    """Coverage questions about findings against gold items, over the corpus texts."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self._occurrences: dict[GoldEvidence, list[tuple[int, int]]] = {}

    def occurrences(self, g: GoldEvidence) -> list[tuple[int, int]]:
        """Every (possibly overlapping) occurrence of the gold text in its source."""
        memo = self._occurrences
        if g not in memo:
            text, found = self.texts.get(g.source, ""), []
            i = text.find(g.text)
            while i >= 0:
                found.append((i, i + len(g.text)))
                i = text.find(g.text, i + 1)
            memo[g] = found
        return memo[g]

    def covers_entry(self, evidence: Sequence[Evidence], g: GoldEvidence) -> bool:
        spans = self.occurrences(g)
        return any(
            _same_source(e.source, g.source) and any(e.start < end and start < e.end for start, end in spans)
            for e in evidence
        )

    def n_covered(self, finding: Finding, item: GoldItem) -> int:
        """How many of the item's gold entries the finding covers."""
        return sum(self.covers_entry(finding.evidence, g) for g in item.evidence)

    def covers(self, finding: Finding, item: GoldItem) -> bool:
        return self.n_covered(finding, item) == len(item.evidence)


def _same_source(reported: str, gold: str) -> bool:
    # A report may name a source by its file name; the gold always uses the stem.
    return reported == gold or PurePath(reported).stem == gold


def judge_item(item: GoldItem, findings: Sequence[Finding], judge: _Judge) -> bool:
    """Whether the findings meet one gold item."""
    covering = [f for f in findings if f.kind == item.kind and judge.covers(f, item)]
    if item.expect == "flag":
        return any(f.fails_at(item.min_severity.value) for f in covering)
    alarmed = any(f.is_alarm for f in covering)
    if item.expect == "agree":
        return not alarmed and any(f.status in _AGREE_STATUSES for f in covering)
    return not alarmed


def explain_miss(item: GoldItem, findings: Sequence[Finding], judge: _Judge) -> str:
    """Why an item was missed: the nearest finding and what kept it from counting."""
    if item.expect != "flag":
        alarms = [f for f in findings if f.kind == item.kind and f.is_alarm and judge.covers(f, item)]
        if alarms:
            return f"alarmed by {_describe(alarms[0])}: the item expects {'agreement' if item.expect == 'agree' else 'silence'}"
        wanted = "an agree or compatible finding"
    else:
        wanted = f"a variant or conflict at {item.min_severity.value} or above"
    near = [(judge.n_covered(f, item), f) for f in findings]
    near = [(n, f) for n, f in near if n]
    if not near:
        return f"no finding cites these passages (expected {wanted} of kind {item.kind.value})"
    n, nearest = max(
        near,
        key=lambda nf: (nf[1].kind == item.kind, nf[0], nf[1].status in (Status.variant, Status.conflict), nf[1].severity.rank),
    )
    reasons = []
    if nearest.kind != item.kind:
        reasons.append(f"it is about {nearest.kind.value}, not {item.kind.value}")
    if n < len(item.evidence):
        missing = [g for g in item.evidence if not judge.covers_entry(nearest.evidence, g)]
        shown = ", ".join(f"{g.source} {g.text!r}" for g in missing)
        reasons.append(f"it covers {n} of {len(item.evidence)} passages, not {shown}")
    if item.expect == "flag":
        if nearest.status not in (Status.variant, Status.conflict):
            reasons.append(f"its status is {nearest.status.value}, not variant or conflict")
        elif not nearest.fails_at(item.min_severity.value):
            reasons.append(f"its severity {nearest.severity.value} is below {item.min_severity.value}")
    elif nearest.status not in _AGREE_STATUSES:
        reasons.append(f"its status is {nearest.status.value}, not agree or compatible")
    return f"nearest: {_describe(nearest)}; " + "; ".join(reasons or ["it does not count"])


def _describe(finding: Finding) -> str:
    return f"{finding.rule} {finding.kind.value} {finding.status.value} {finding.severity.value} {finding.subject!r}"


def score(findings: Sequence[Finding], gold: Gold, texts: Mapping[str, str]) -> Score:
    """Score findings against gold items; `texts` maps source ids to full file texts."""
    judge = _Judge(texts)
    results = tuple(
        ItemResult(item, True) if judge_item(item, findings, judge) else ItemResult(item, False, explain_miss(item, findings, judge))
        for item in gold.items
    )
    flags = [item for item in gold.items if item.expect == "flag"]
    false_alarms = tuple(
        f
        for f in findings
        if f.is_alarm and not any(judge.n_covered(f, item) >= min(2, len(item.evidence)) for item in flags)
    )
    return Score(results=results, false_alarms=false_alarms, findings=len(findings))


# ---- output ------------------------------------------------------------------------------


def format_score(result: Score, verbose: bool = False) -> str:
    """The human summary; its last line is the machine-readable one of the scoring script."""
    lines: list[str] = []
    if verbose:
        for r in result.results:
            lines.append(f"{'ok  ' if r.met else 'MISS'} {r.item.expect:6} {r.item.kind.value:8} {r.item.id}")
            if r.why:
                lines.append(f"    {r.why}")
        for f in result.false_alarms:
            lines.append(f"FALSE ALARM {f.kind.value} {f.status.value} {f.severity.value} {f.rule}: {f.subject}")
            lines += [f"    {e.source}:{e.start}-{e.end} {e.text!r}" for e in f.evidence]
        lines.append("")
    for expect in EXPECTS:
        met, total = result.by_expect(expect)
        lines.append(f"{expect:7} {met:3}/{total}")
    lines.append(f"false alarms {len(result.false_alarms)} (of {result.findings} findings)")
    lines.append(f"score {result.met}/{result.total} = {result.ratio:.3f}")
    counts = " ".join(f"{e} {result.by_expect(e)[0]}/{result.by_expect(e)[1]}" for e in EXPECTS)
    lines.append(
        f"met {result.met}/{result.total} {counts} false_alarms {len(result.false_alarms)} findings {result.findings}"
    )
    return "\n".join(lines) + "\n"


def run_eval(args: argparse.Namespace) -> int:
    """The `claimdiff eval` command: 0, 1 when below --min-score, 2 on unreadable input."""
    from claimdiff import preflight
    from claimdiff.base.config import load_config
    from claimdiff.corpus.reader import read_corpus
    from claimdiff.output import say, write_output
    from claimdiff.findings import select
    from claimdiff.pipeline import check_articles, use_lexicons

    min_score = getattr(args, "min_score", None)
    if min_score is not None and not 0.0 <= min_score <= 1.0:
        raise ClaimdiffError(f"--min-score must be between 0 and 1, not {min_score}")
    gold = load_gold(args.gold)
    config = load_config(getattr(args, "config", None))
    plan = preflight.prepare(config)
    use_lexicons(config)
    articles, notes = read_corpus([args.corpus], config.default_language)
    for note in [*plan.notes, *notes]:
        say(f"claimdiff: {note}")
    texts = {a.id: a.text for a in articles}
    check_gold_texts(gold, texts, label=str(args.gold))
    result = check_articles(
        articles, notes, config, jobs=getattr(args, "jobs", None), use_cache=not getattr(args, "no_cache", False)
    )
    # What `check --format json` would show.
    report = select.apply(result.report, config=config, articles=result.articles, known_rules=preflight.rule_words())
    outcome = score(report.findings, gold, texts)
    write_output(format_score(outcome, verbose=getattr(args, "verbose", False)), None)
    if min_score is not None and outcome.ratio < min_score:
        return EXIT_BELOW
    return EXIT_OK
