"""Figures over time: reports put in publication order, updates of one outlet (findings/timeline.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from claimdiff.alignment.align import align
from claimdiff.corpus.models import FamilyLink, Source, SourceFamily
from claimdiff.findings import lines, timeline
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status
from claimdiff.findings.timeline import Moment
from claimdiff.rules.quantities import QuantityMismatch

from rule_cases import build_corpus

JUL_2, JUL_3, JUL_4 = dt.date(2025, 7, 2), dt.date(2025, 7, 3), dt.date(2025, 7, 4)


def _finding(values: dict[str, list[str]], kind: Kind = Kind.quantity, status: Status = Status.conflict) -> Finding:
    evidence = [
        Evidence(source=source, start=i, end=i + len(value), text=value, value=value)
        for source, vals in values.items()
        for i, value in enumerate(vals)
    ]
    # As Rule.compare writes it: each value with its sources, sources in id order.
    message = "dead: " + lines.comparison((s, v) for s, vals in sorted(values.items()) for v in vals)
    return Finding(
        kind=kind,
        status=status,
        severity=Severity.warning,
        rule="CD201",
        rule_name="quantity-mismatch",
        subject="dead",
        message=message,
        values=values,
        evidence=evidence,
        fingerprint="0123456789abcdef",
    )


def _sources(**dates: dt.date | tuple[dt.date, dt.time] | None) -> list[Source]:
    out = []
    for source_id, when in dates.items():
        date, time = when if isinstance(when, tuple) else (when, None)
        out.append(Source(id=source_id, path=f"{source_id}.txt", date=date, time=time))
    return out


def _apply(finding: Finding, sources: list[Source], families: list[SourceFamily] = ()) -> Finding:
    (out,) = timeline.apply([finding], sources, list(families), lambda s: s)
    return out


def test_timeline_orders_reports_by_publication_and_writes_each_date_once():
    finding = _finding({"a": ["1"], "b": ["3"], "c": ["24"]})
    out = _apply(finding, _sources(c=JUL_3, a=JUL_2, b=JUL_2))
    assert out.message == "dead changed over time: 1 (a, 2025-07-02) → 3 (b) → 24 (c, 2025-07-03)"
    assert [(e.source, e.values, e.date) for e in out.timeline] == [("a", ["1"], JUL_2), ("b", ["3"], JUL_2), ("c", ["24"], JUL_3)]
    # What the values say does not change, nor what identifies the finding.
    assert (out.status, out.severity, out.fingerprint, out.values) == (finding.status, finding.severity, finding.fingerprint, finding.values)


def test_timeline_later_report_first_in_the_corpus_is_still_shown_last():
    out = _apply(_finding({"a": ["24"], "b": ["1"]}), _sources(a=JUL_3, b=JUL_2))
    assert out.message == "dead changed over time: 1 (b, 2025-07-02) → 24 (a, 2025-07-03)"


def test_timeline_reports_of_one_value_in_a_row_are_one_step():
    out = _apply(_finding({"a": ["695"], "b": ["751"], "c": ["751"], "d": ["751"]}), _sources(a=JUL_2, b=JUL_3, c=JUL_3, d=JUL_4))
    assert out.message == "dead changed over time: 695 (a, 2025-07-02) → 751 (b, c, 2025-07-03; d, 2025-07-04)"


def test_timeline_needs_two_reports_of_different_moments_that_differ():
    same_day = _finding({"a": ["1"], "b": ["3"]})
    assert _apply(same_day, _sources(a=JUL_2, b=JUL_2)) == same_day
    one_dated = _finding({"a": ["1"], "b": ["3"]})
    assert _apply(one_dated, _sources(a=JUL_2, b=None)) == one_dated
    undated = _finding({"a": ["1"], "b": ["3"]})
    assert _apply(undated, _sources(a=None, b=None)) == undated
    agreement = _finding({"a": ["3"], "b": ["3"]}, status=Status.agree)
    assert _apply(agreement, _sources(a=JUL_2, b=JUL_3)) == agreement


def test_timeline_undated_reports_are_listed_last_and_never_placed():
    out = _apply(_finding({"a": ["1"], "u": ["7"], "b": ["3"]}), _sources(a=JUL_2, b=JUL_3, u=None))
    assert out.message == "dead changed over time: 1 (a, 2025-07-02) → 3 (b, 2025-07-03); undated: 7 (u)"
    assert [(e.source, e.date) for e in out.timeline] == [("a", JUL_2), ("b", JUL_3), ("u", None)]


def test_timeline_names_and_lists_are_not_figures_over_time():
    finding = _finding({"a": ["Shoup"], "b": ["Shoupe"]}, kind=Kind.name, status=Status.variant)
    assert _apply(finding, _sources(a=JUL_2, b=JUL_3)) == finding


def test_timeline_dates_of_an_event_are_figures_over_time():
    out = _apply(_finding({"a": ["2025-07-01"], "b": ["2025-06-30"]}, kind=Kind.date), _sources(a=JUL_2, b=JUL_3))
    assert [e.source for e in out.timeline] == ["a", "b"]


def test_timeline_times_order_reports_of_one_day_in_utc():
    manila = dt.timezone(dt.timedelta(hours=8))
    # 10:00 in Manila is 02:00 UTC: before 06:00 UTC, though written later.
    sources = _sources(a=(JUL_2, dt.time(6, 0, tzinfo=dt.timezone.utc)), b=(JUL_2, dt.time(10, 0, tzinfo=manila)))
    out = _apply(_finding({"a": ["3"], "b": ["1"]}), sources)
    assert out.message == "dead changed over time: 1 (b, 2025-07-02 10:00+08:00) → 3 (a, 2025-07-02 06:00+00:00)"
    assert out.timeline[0].time == dt.time(10, 0, tzinfo=manila)


def test_timeline_a_report_without_a_time_is_not_ordered_within_its_day():
    timed, untimed = Moment(JUL_2, dt.time(9, 0)), Moment(JUL_2)
    assert not timed.before(untimed) and not untimed.before(timed)
    assert untimed.before(Moment(JUL_3)) and Moment(JUL_2, dt.time(8, 0)).before(timed)
    finding = _finding({"a": ["1"], "b": ["3"]})
    assert _apply(finding, _sources(a=(JUL_2, dt.time(9, 0)), b=JUL_2)) == finding


def test_timeline_a_later_figure_of_the_same_outlet_is_an_update_of_its_own():
    sources = [
        Source(id="a", path="a.txt", outlet="SunStar", date=JUL_2),
        Source(id="b", path="b.txt", outlet="Press TV", date=JUL_2),
        Source(id="c", path="c.txt", outlet="sunstar ", date=JUL_3),
    ]
    out = _apply(_finding({"a": ["1"], "b": ["3"], "c": ["24"]}), sources)
    assert [e.update_of for e in out.timeline] == [None, None, "a"]
    assert out.message == "dead changed over time: 1 (a, 2025-07-02) → 3 (b) → 24 (c updating a, 2025-07-03)"


def test_timeline_the_same_figure_again_or_another_outlet_is_no_update():
    sources = [
        Source(id="a", path="a.txt", outlet="SunStar", date=JUL_2),
        Source(id="b", path="b.txt", outlet="Press TV", date=JUL_3),
        Source(id="c", path="c.txt", outlet="SunStar", date=JUL_4),
    ]
    out = _apply(_finding({"a": ["1"], "b": ["3"], "c": ["1"]}), sources)
    assert [e.update_of for e in out.timeline] == [None, None, None]
    # Of one outlet's reports, the latest earlier one is what a report updates.
    later = [*sources, Source(id="d", path="d.txt", outlet="SunStar", date=dt.date(2025, 7, 5))]
    out = _apply(_finding({"a": ["1"], "b": ["3"], "c": ["1"], "d": ["9"]}), later)
    assert [e.update_of for e in out.timeline] == [None, None, None, "c"]


def test_timeline_copies_of_one_text_update_each_other():
    link = FamilyLink(sources=("a", "c"), basis="agency-copy", overlap=0.7, jaccard=0.5, agency="AFP")
    family = SourceFamily(id="F1", sources=["a", "c"], agency="AFP", reason="one dispatch", links=[link])
    out = _apply(_finding({"a": ["1"], "b": ["3"], "c": ["24"]}), _sources(a=JUL_2, b=JUL_3, c=JUL_4), [family])
    assert [e.update_of for e in out.timeline] == [None, None, "a"]


def test_timeline_keeps_what_the_rule_said_after_its_values():
    """Through CD201 itself: the rule's note stays at the end of its message."""
    sources, extracted = build_corpus(
        [
            {"source": "a", "type": "quantity", "text": "12 morts", "value": 12, "head_class": "dead", "event": "Séisme-2025",
             "attribution": "Rome"},
            {"source": "b", "type": "quantity", "text": "27 morts", "value": 27, "head_class": "dead", "event": "Séisme-2025",
             "attribution": "Protection civile"},
        ],
        published={"a": "2025-10-13", "b": "2025-10-14"},
    )
    alignment = align(sources, extracted)
    (finding,) = QuantityMismatch().check(alignment)
    assert finding.message.endswith(" (disputed: attributed to different parties)")
    (out,) = timeline.apply([finding], sources, [], alignment.short_id)
    assert out.message == (
        f"{finding.subject} changed over time: 12 (a, 2025-10-13) → 27 (b, 2025-10-14)"
        " (disputed: attributed to different parties)"
    )


def test_timeline_message_not_written_by_compare_gets_the_timeline_at_its_end():
    finding = _finding({"a": ["1"], "b": ["3"]}).model_copy(update={"message": "dead: two figures"})
    out = _apply(finding, _sources(a=JUL_2, b=JUL_3))
    assert out.message == "dead: two figures — changed over time: 1 (a, 2025-07-02) → 3 (b, 2025-07-03)"


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "b", "a"), ("b", "c", "a")])
def test_timeline_does_not_depend_on_the_order_sources_are_listed_in(order):
    values = {"a": ["1"], "b": ["3"], "c": ["24"]}
    dates = {"a": JUL_2, "b": JUL_3, "c": JUL_4}
    finding = _finding({s: values[s] for s in order})
    out = _apply(finding, _sources(**{s: dates[s] for s in order}))
    assert [e.source for e in out.timeline] == ["a", "b", "c"]


# --- end to end ---------------------------------------------------------------------------

TIMELINE_CORPUS = Path(__file__).parent / "fixtures" / "timeline"


@pytest.mark.slow
def test_timeline_cli_reports_a_rising_toll_in_publication_order(cli, tmp_path: Path) -> None:
    """Four reports of one landslide, three dated with times (two of one outlet), one undated."""
    corpus = tmp_path / "landslide"
    shutil.copytree(TIMELINE_CORPUS, corpus)
    run = cli("check", corpus, "--format", "json", "--fail-on", "never")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    sources = {s["id"]: s for s in report["sources"]}
    [changed] = [f for f in report["findings"] if f["timeline"] and f["kind"] == "quantity"]
    assert changed["status"] == "conflict"
    assert " changed over time: " in changed["message"] and " → " in changed["message"]
    entries = changed["timeline"]
    assert {e["source"] for e in entries} == set(changed["values"])
    assert all(e["values"] == changed["values"][e["source"]] for e in entries)
    dated = [e for e in entries if e["date"] is not None]
    undated = [e for e in entries if e["date"] is None]
    assert len(dated) >= 3 and undated and entries[-len(undated) :] == undated
    assert all(sources[e["source"]]["date"] is None for e in undated)

    def instant(entry: dict) -> dt.datetime:
        return dt.datetime.fromisoformat(f"{entry['date']}T{entry['time']}")

    assert [instant(e) for e in dated] == sorted(instant(e) for e in dated)
    # The outlet that reported twice updated its own figure; no one else did.
    updates = [(e["source"], e["update_of"]) for e in entries if e["update_of"]]
    assert len(updates) == 1
    later, earlier = updates[0]
    assert sources[later]["outlet"] == sources[earlier]["outlet"]
    assert changed["values"][later] != changed["values"][earlier]
    assert instant(next(e for e in dated if e["source"] == earlier)) < instant(next(e for e in dated if e["source"] == later))
    # The other findings are not figures over time: their values do not change.
    assert all(len({tuple(v) for v in f["values"].values()}) == 1 for f in report["findings"] if not f["timeline"])

    # The terminal report lists the passages in the same order as the timeline.
    text = cli("check", corpus, "--fail-on", "never", "--width", "200", "--color", "never").out
    block = text[text.index(changed["message"][:40]) :]
    block = block[: block.index("\n\n")]
    rows = [line.split()[1].split(":")[0] for line in block.splitlines() if line[:2].strip().isdigit()]
    assert rows == [e["source"] for e in entries]


@pytest.mark.slow
def test_timeline_cli_makes_no_ordering_claim_without_dates(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "undated"
    corpus.mkdir()
    for path in TIMELINE_CORPUS.iterdir():
        text = path.read_text(encoding="utf-8")
        # The same articles without their publication dates.
        corpus.joinpath(path.name).write_text(re.sub(r"(?m)^date: .*\n", "", text), encoding="utf-8")
    report = json.loads(cli("check", corpus, "--format", "json", "--fail-on", "never").out)
    assert all(s["date"] is None for s in report["sources"])
    assert report["findings"] and all(f["timeline"] == [] for f in report["findings"])
    assert not any("changed over time" in f["message"] for f in report["findings"])
