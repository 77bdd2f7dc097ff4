"""Hand-built reports and the snapshot helper shared by the report-format tests.

Other test modules import from here (`from test_reports_support import ...`): the
reports are built by hand so that the format tests do not depend on the extractors.

Snapshots live in tests/fixtures/reports/. To (re)write them after a deliberate change of
output, run the tests with UPDATE_SNAPSHOTS=1 and review the diff:

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_reports_rich.py -q

A snapshot of another report is one line: `assert_snapshot("seeds.rich.txt", render("rich", report, width=100))`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
from collections import Counter
from pathlib import Path

import pytest

from claimdiff.corpus.models import InputNote, Source
from claimdiff.findings.models import Evidence, Finding, Kind, Report, Severity, Status, Summary
from claimdiff.reports import base

SNAPSHOT_DIR = Path(__file__).parent / "fixtures" / "reports"

TEXTS = {
    "lemonde-0312": (
        "title Frontière : l'armée renforce son dispositif\n"
        "date 2025-03-12\n"
        "\n"
        "Le ministère des Armées a annoncé mardi le déploiement de 12 000 soldats le long de la "
        "frontière orientale, une mesure présentée comme temporaire. Le général Jean-Marc Lefebvre, "
        "chef d'état-major, a précisé que l'opération débuterait le 3 mars.\n"
        "\n"
        "Selon la préfecture, une trentaine de blessés ont été pris en charge après les affrontements "
        "de samedi.\n"
    ),
    "afp-0312": (
        "title Déploiement militaire à l'Est\n"
        "date 2025-03-12\n"
        "\n"
        "Quelque 15 000 soldats seront déployés à la frontière orientale, a indiqué mardi le ministère "
        "des Armées. « Nous agirons vite », a déclaré le général Jean-Marc Lefèbvre lors d'une conférence "
        "de presse à Paris, ajoutant que l'opération commencerait le 3 mars 2025.\n"
        "\n"
        "Les secours ont dénombré 32 blessés, dont quatre dans un état grave.\n"
    ),
    "rfi-0313": (
        "title L'Est sous tension | analyse\n"
        "\n"
        "Dans un communiqué publié tard dans la soirée, après plusieurs jours de rumeurs et de démentis "
        "successifs relayés par les chaînes d'information continue, les autorités ont finalement confirmé "
        "que 12 000 soldats, appuyés par des blindés et des unités du génie venues de tout le pays, "
        "seraient déployés dans les prochains jours le long de la frontière orientale, ce que plusieurs "
        "élus locaux réclamaient depuis des mois sans jamais obtenir de réponse claire du gouvernement.\n"
        "🇫🇷 Le général Jean-Marc Lefebvre, chef d'état-major des armées, dirigera l'opération.\n"
    ),
}

SOURCES = [
    Source(
        id="lemonde-0312",
        path="corpus/lemonde-0312.txt",
        outlet="Le Monde",
        date=dt.date(2025, 3, 12),
        date_origin="metadata",
        title="Frontière : l'armée renforce son dispositif",
    ),
    Source(id="afp-0312", path="corpus/afp-0312.txt", outlet="AFP", date=dt.date(2025, 3, 12)),
    Source(id="rfi-0313", path="corpus/rfi-0313.txt", title="L'Est sous tension | analyse"),
]


def ev(source: str, needle: str, value: str | None, occurrence: int = 0, texts: dict[str, str] = TEXTS) -> Evidence:
    """Evidence for the `occurrence`-th `needle` in a text, with its sentence."""
    text = texts[source]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    stop = text.rfind(". ", 0, start)
    s_start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    candidates = [i for i in (text.find(". ", end), text.find(".\n", end), text.find("\n", end)) if i >= 0]
    s_end = min(candidates) + 1 if candidates else len(text)
    return Evidence(
        source=source,
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        sentence=text[s_start:s_end],
        sentence_start=s_start,
    )


def finding(
    kind: Kind,
    status: Status,
    severity: Severity,
    rule: str,
    rule_name: str,
    subject: str,
    evidence: list[Evidence],
    message: str | None = None,
) -> Finding:
    values: dict[str, list[str]] = {}
    for e in evidence:
        if e.value is not None and e.value not in values.setdefault(e.source, []):
            values[e.source].append(e.value)
    if message is None:
        by_value: dict[str, list[str]] = {}
        for source, vals in values.items():
            for v in vals:
                by_value.setdefault(v, []).append(source)
        message = f"{subject}: " + " vs ".join(f"{v} ({', '.join(s)})" for v, s in by_value.items())
    material = "\x1f".join([rule, subject, *(f"{s}={'|'.join(sorted(v))}" for s, v in sorted(values.items()))])
    return Finding(
        kind=kind,
        status=status,
        severity=severity,
        rule=rule,
        rule_name=rule_name,
        subject=subject,
        message=message,
        values=values,
        evidence=evidence,
        fingerprint=hashlib.sha256(material.encode()).hexdigest()[:16],
    )


def make_findings() -> list[Finding]:
    """Five findings in report order: conflict, variants, compatible, agreement."""
    return [
        finding(
            Kind.quantity,
            Status.conflict,
            Severity.error,
            "CD201",
            "quantity-mismatch",
            "soldats déployés à la frontière orientale",
            [
                ev("afp-0312", "15 000 soldats", "15000"),
                ev("lemonde-0312", "12 000 soldats", "12000"),
                ev("rfi-0313", "12 000 soldats", "12000"),
            ],
        ),
        finding(
            Kind.name,
            Status.variant,
            Severity.warning,
            "CD101",
            "name-variant",
            "général Jean-Marc Lefebvre",
            [
                ev("afp-0312", "Jean-Marc Lefèbvre", "Jean-Marc Lefèbvre"),
                ev("lemonde-0312", "Jean-Marc Lefebvre", "Jean-Marc Lefebvre"),
                ev("rfi-0313", "Jean-Marc Lefebvre", "Jean-Marc Lefebvre"),
            ],
        ),
        finding(
            Kind.role,
            Status.variant,
            Severity.info,
            "CD102",
            "role-title",
            "rôle de Jean-Marc Lefebvre",
            [
                ev("lemonde-0312", "chef d'état-major", "chef d'état-major"),
                ev("rfi-0313", "chef d'état-major des armées", "chef d'état-major des armées"),
            ],
        ),
        finding(
            Kind.quantity,
            Status.compatible,
            Severity.info,
            "CD202",
            "quantity-approximate",
            "blessés des affrontements de samedi",
            [
                ev("afp-0312", "32 blessés", "32"),
                ev("lemonde-0312", "une trentaine de blessés", "~30"),
            ],
        ),
        finding(
            Kind.date,
            Status.agree,
            Severity.info,
            "CD301",
            "date-mismatch",
            "début de l'opération",
            [
                ev("afp-0312", "le 3 mars 2025", "2025-03-03"),
                ev("lemonde-0312", "le 3 mars", "2025-03-03"),
            ],
        ),
    ]


def make_report(findings: list[Finding] | None = None, **summary: int) -> Report:
    """A report over the three hand-written articles, with one input note."""
    findings = make_findings() if findings is None else findings
    values = {
        "sources": len(SOURCES),
        "claims": 14,
        "findings": len(findings),
        "by_status": dict(sorted(Counter(f.status.value for f in findings).items())),
        "by_severity": dict(sorted(Counter(f.severity.value for f in findings).items())),
        "baseline_skipped": 2,
        "waived": 1,
    }
    values.update(summary)
    return Report(
        tool_version="0.1.0",
        sources=SOURCES,
        findings=findings,
        notes=[InputNote(path="corpus/ouest-france.txt", level="warning", message="decoded as cp1252")],
        summary=Summary(**values),
    )


def make_options(**kw) -> base.RenderOptions:
    kw.setdefault("texts", dict(TEXTS))
    kw.setdefault("paths", {s.id: s.path for s in SOURCES})
    return base.RenderOptions(**kw)


def render(fmt: str, report: Report, **options) -> str:
    """`report` rendered in format `fmt` with the hand-written texts and paths unless given."""
    return base.get(fmt).render(report, make_options(**options))


def assert_snapshot(name: str, text: str) -> None:
    """`text` equals tests/fixtures/reports/<name>; UPDATE_SNAPSHOTS=1 (re)writes the file instead."""
    path = SNAPSHOT_DIR / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"snapshot {path} is missing: run with UPDATE_SNAPSHOTS=1 to create it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), text.splitlines(keepends=True), str(path), "rendered"
            )
        )
        pytest.fail(f"output differs from snapshot {name} (UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}")


# -- the helpers themselves ----------------------------------------------------------------


@pytest.mark.parametrize("finding_index", range(5))
def test_reports_support_evidence_matches_file_text(finding_index):
    for e in make_findings()[finding_index].evidence:
        assert TEXTS[e.source][e.start : e.end] == e.text
        assert TEXTS[e.source][e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
        assert e.sentence_start <= e.start and e.end <= e.sentence_start + len(e.sentence)


def test_reports_support_findings_arrive_in_report_order():
    ranks = [(f.status.rank, -f.severity.rank) for f in make_findings()]
    assert ranks == sorted(ranks)


def test_reports_support_snapshot_reports_a_difference(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.SNAPSHOT_DIR", tmp_path)
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    (tmp_path / "x.txt").write_text("one\n", encoding="utf-8")
    assert_snapshot("x.txt", "one\n")
    with pytest.raises(pytest.fail.Exception, match="differs"):
        assert_snapshot("x.txt", "two\n")
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_snapshot("absent.txt", "x")
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    assert_snapshot("new.txt", "three\n")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "three\n"
