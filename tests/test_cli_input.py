"""`claimdiff check` on bad input: one clear line per problem, never a traceback, never a write.

Most tests skip extraction (`no_extraction`): what is under test is how the CLI reads and
reports the corpus. The `slow` ones run the whole pipeline on a corpus of one-line articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLE = "Le préfet a annoncé mardi l'envoi de 300 gendarmes à Ajaccio."
OTHER = "Près de 2 000 personnes ont manifesté samedi à Rennes."


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _report(out: str) -> dict:
    return json.loads(out)


def _clean(err: str) -> None:
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith("claimdiff: "), line


# (files, expected exit code, level of the note, fragment of the stderr line about the bad file)
CASES = {
    "empty-file": ({"bad.txt": b""}, 2, "error", "bad.txt: error: empty file"),
    "whitespace-file": ({"bad.txt": b"  \r\n\t\n"}, 2, "error", "bad.txt: error: empty file"),
    "binary-file": ({"bad.txt": b"GIF89a\x00\x01\x02"}, 2, "error", "bad.txt: error: binary file"),
    "cp1252-file": (
        {"bad.txt": "Un élu a reçu 5 000 €.".encode("cp1252")},
        0,
        "note",
        "bad.txt: note: not valid UTF-8; read as cp1252",
    ),
    "unterminated-front-matter": (
        {"bad.md": "---\nsource: X\nDeux blessés.\n"},
        0,
        "warning",
        "bad.md: warning: front matter: no closing",
    ),
    "invalid-front-matter": (
        {"bad.md": "---\nsource: [X\n---\nDeux blessés.\n"},
        0,
        "warning",
        "bad.md: warning: front matter: invalid YAML",
    ),
    "bad-date-front-matter": (
        {"bad.md": "---\ndate: 31/02/2025\n---\nDeux blessés.\n"},
        0,
        "warning",
        "bad.md: warning: front matter: date: bad date",
    ),
    "malformed-jsonl-line": (
        {"bad.jsonl": '{"id": "j1", "text": "Trois morts."}\n{oops\n'},
        2,
        "error",
        "bad.jsonl:2: error: malformed JSON",
    ),
    "jsonl-missing-id": (
        {"bad.jsonl": '{"text": "Trois morts."}\n'},
        2,
        "error",
        "bad.jsonl:1: error: missing or empty 'id'",
    ),
    "jsonl-missing-text": ({"bad.jsonl": '{"id": "j1"}\n'}, 2, "error", "bad.jsonl:1: error: missing 'text'"),
    "same-text-twice": ({"later-copy.txt": ARTICLE}, 0, "warning", "later-copy.txt: warning: same text as"),
    "same-id-twice": ({"sub/good.txt": OTHER}, 2, "error", "good.txt: error: source id 'good' already used"),
}


@pytest.mark.parametrize("files, code, level, fragment", CASES.values(), ids=CASES.keys())
def test_cli_input_bad_file_among_good(cli, make_corpus, no_extraction, files, code, level, fragment):
    root = make_corpus({"good.txt": ARTICLE, **files})
    before = _snapshot(root)
    run = cli("check", root, "--format", "json")
    assert run.code == code
    _clean(run.err)
    assert fragment in run.err
    report = _report(run.out)  # the report is written even when a file is skipped
    assert "good" in [s["id"] for s in report["sources"]]
    assert level in [n["level"] for n in report["notes"]]
    assert _snapshot(root) == before


def test_cli_input_note_line_names_the_file(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": ARTICLE, "bad.txt": b"\x00"})
    run = cli("check", root, "--format", "json")
    [line] = run.err.splitlines()
    assert line == f"claimdiff: {root / 'bad.txt'}: error: binary file (not text); skipped"


def _unreadable(tmp: Path, kind: str) -> Path:
    """A path from which no article can be read."""
    if kind == "missing":
        return tmp / "absent.txt"
    if kind == "empty-dir":
        (tmp / "empty-dir").mkdir()
        (tmp / "empty-dir" / "gold.yaml").write_text("items: []\n")
        return tmp / "empty-dir"
    path = tmp / {"empty-file": "e.txt", "unsupported": "g.yaml", "jsonl-all-bad": "c.jsonl"}[kind]
    path.write_bytes({"empty-file": b"", "unsupported": b"a: 1\n", "jsonl-all-bad": b'{"id": 1}\n'}[kind])
    return path


@pytest.mark.parametrize(
    "kind, fragment",
    [
        ("missing", "absent.txt: no such file or directory"),
        ("empty-dir", "empty-dir/: no .txt, .md or .jsonl article found"),
        ("empty-file", "e.txt: empty file"),
        ("unsupported", "g.yaml: unsupported file type '.yaml'"),
        ("jsonl-all-bad", "c.jsonl:1: missing 'text'"),
    ],
)
def test_cli_input_nothing_readable_is_one_error_line(cli, tmp_path, no_extraction, kind, fragment):
    run = cli("check", _unreadable(tmp_path, kind), "--format", "json")
    assert run.code == 2
    assert run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith("claimdiff: error: ") and fragment in line
    assert no_extraction == []  # nothing reached extraction


def test_cli_input_missing_path_among_others(cli, make_corpus, tmp_path, no_extraction):
    root = make_corpus({"good.txt": ARTICLE})
    run = cli("check", tmp_path / "absent", root, "--format", "json")
    assert run.code == 2
    assert f"claimdiff: {tmp_path / 'absent'}: error: no such file or directory" in run.err
    assert [s["id"] for s in _report(run.out)["sources"]] == ["good"]
    assert no_extraction == [["good"]]


def test_cli_input_explicit_unsupported_file_with_a_good_one(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": ARTICLE, "gold.yaml": "items: []\n"})
    run = cli("check", root / "good.txt", root / "gold.yaml", "--format", "json")
    assert run.code == 2
    assert "gold.yaml: error: unsupported file type" in run.err


def test_cli_input_directory_notes_each_skipped_file(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": ARTICLE, "gold.yaml": "items: []\n", "README": "x", "img.png": b"\x89PNG\x00"})
    run = cli("check", root, "--format", "json")
    assert run.code == 0  # a note, not an error: the run is not failed by files that are not articles
    assert run.err.splitlines() == [
        f"claimdiff: {root / name}: note: unsupported file type {suffix} (not .txt, .md or .jsonl); skipped"
        for name, suffix in [("README", "'(none)'"), ("gold.yaml", "'.yaml'"), ("img.png", "'.png'")]
    ]
    assert [n["level"] for n in _report(run.out)["notes"]] == ["note"] * 3


def test_cli_input_report_file_written_despite_errors(cli, make_corpus, tmp_path, no_extraction):
    root = make_corpus({"good.txt": ARTICLE, "bad.txt": b""})
    out = tmp_path / "report.json"
    run = cli("check", root, "--format", "json", "--output", out)
    assert run.code == 2 and run.out == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [n["level"] for n in report["notes"]] == ["error"]
    assert report["summary"]["sources"] == 1


def test_cli_input_jsonl_sources_in_report(cli, make_corpus, no_extraction):
    lines = [
        {"id": "ouest-1", "text": ARTICLE, "source": "Ouest-France", "date": "2025-05-02"},
        {"id": "afp-2", "text": "RENNES (AFP) - " + OTHER},
    ]
    root = make_corpus({"c.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)})
    run = cli("check", root / "c.jsonl", "--format", "json")
    assert run.code == 0
    sources = _report(run.out)["sources"]
    assert [(s["id"], s["outlet"], s["line"], s["date"]) for s in sources] == [
        ("ouest-1", "Ouest-France", 1, "2025-05-02"),
        ("afp-2", "AFP", 2, None),
    ]


def test_cli_input_extract_command_reports_bad_file(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": ARTICLE, "bad.txt": b"\x00"})
    run = cli("extract", root, "--format", "json")
    assert run.code == 2
    assert "bad.txt: error: binary file" in run.err
    _clean(run.err)
    assert no_extraction == [["good"]]


@pytest.mark.slow
def test_cli_input_real_pipeline_with_bad_and_legacy_files(cli, make_corpus):
    root = make_corpus(
        {
            "a.txt": " date 2025-05-02 " + ARTICLE,
            "b.txt": "RENNES (AFP) - Près de 2 000 personnes ont manifesté samedi à Rennes.".encode("cp1252"),
            "c.txt": b"",
            "d.md": "---\nsource: [\n---\nLe maire a inauguré lundi 3 écoles.\r\n",
        }
    )
    before = _snapshot(root)
    run = cli("check", root, "--format", "json", "--no-cache")
    assert run.code == 2
    _clean(run.err)
    report = _report(run.out)
    assert [s["id"] for s in report["sources"]] == ["a", "b", "d"]
    assert [(Path(n["path"]).name, n["level"]) for n in report["notes"]] == [
        ("b.txt", "note"),
        ("c.txt", "error"),
        ("d.md", "warning"),
    ]
    texts = {"a": (root / "a.txt").read_bytes().decode(), "b": (root / "b.txt").read_bytes().decode("cp1252")}
    texts["d"] = (root / "d.md").read_bytes().decode()
    for finding in report["findings"]:
        for ev in finding["evidence"]:
            assert texts[ev["source"]][ev["start"] : ev["end"]] == ev["text"]
    assert _snapshot(root) == before
