"""JUnit XML: parsed back, counts, failures following --fail-on, odd characters."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from test_reports_support import ev, finding, make_findings, make_report, render

from claimdiff.findings.models import Kind, Severity, Status


def _root(report=None, **options) -> ET.Element:
    return ET.fromstring(render("junit", report or make_report(), **options))


def test_junit_one_testcase_per_finding():
    root = _root()
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 5
    by_name = {c.get("name"): c for c in cases}
    for f in make_findings():
        assert by_name[f.subject].get("classname") == f.kind.value


@pytest.mark.parametrize(("fail_on", "failures"), [("info", 3), ("warning", 2), ("error", 1), ("never", 0)])
def test_junit_counts_are_consistent(fail_on, failures):
    root = _root(fail_on=fail_on)
    assert root.tag == "testsuites"
    assert root.get("tests") == "5" and root.get("failures") == str(failures)
    total_tests = total_failures = 0
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        n_failed = sum(c.find("failure") is not None for c in cases)
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(n_failed)
        assert suite.get("errors") == "0" and suite.get("skipped") == "0"
        assert {c.get("classname") for c in cases} == {suite.get("name").split(".")[-1]}
        total_tests += len(cases)
        total_failures += n_failed
    assert (total_tests, total_failures) == (5, failures)


def test_junit_failure_describes_the_passages():
    root = _root()
    case = next(c for c in root.iter("testcase") if c.get("name") == "général Jean-Marc Lefebvre")
    failure = case.find("failure")
    assert failure.get("type") == "CD101 name-variant"
    assert failure.get("message") == make_findings()[1].message
    assert "corpus/afp-0312.txt:4:" in failure.text
    assert "Jean-Marc Lef[è]bvre [variant]" in failure.text
    assert "Jean-Marc Lefebvre [ref]" in failure.text
    assert make_findings()[1].fingerprint in failure.text
    assert case.find("skipped") is None


def test_junit_passes_have_no_children():
    root = _root()
    case = next(c for c in root.iter("testcase") if c.get("name") == "début de l'opération")
    assert list(case) == []


def test_junit_duplicate_subjects_get_distinct_names():
    fs = make_findings()
    twin = fs[0].model_copy(update={"rule": "CD203"})
    triplet = fs[0].model_copy(update={"rule": "CD203", "fingerprint": "0" * 16})
    root = _root(make_report([fs[0], twin, triplet]))
    names = [c.get("name") for c in root.iter("testcase")]
    assert len(set(names)) == 3 and names[0] == fs[0].subject


def test_junit_survives_characters_xml_cannot_carry():
    texts = {"x": "Le bilan\x0b fait état de 7 morts <dont 2 enfants> & « 3 blessés ».\n"}
    f = finding(
        Kind.quantity,
        Status.conflict,
        Severity.error,
        "CD201",
        "q",
        'morts "officiels" <x>',
        [ev("x", "7 morts", "7", texts=texts)],
        message="morts\x00: 7 & <8>",
    )
    root = _root(make_report([f]), texts=texts)
    case = root.find("./testsuite/testcase")
    assert case.get("name") == 'morts "officiels" <x>'
    assert "<dont 2 enfants> & « 3 blessés »" in case.find("failure").text


def test_junit_empty_report():
    root = _root(make_report([]))
    assert root.get("tests") == "0" and root.findall("testsuite") == []
