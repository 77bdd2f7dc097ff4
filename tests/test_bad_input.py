"""The bad-input suite: every kind of bad input of issue 12, through the real command line.

Each case builds a corpus (a readable article plus the bad thing) or a bad configuration,
output target, cache or baseline under a temporary directory, runs `claimdiff check` and
asserts the promises of the README: the exit code (0/1 = checked, 2 = an input, usage or
configuration error), one line per problem on stderr naming the file, never a traceback,
the rest of the corpus still checked, and nothing written or changed in an input.

In-process cases skip extraction (`no_extraction`); the process-level ones (broken
stdout, closed streams) run `tests/stubbed_claimdiff.py`, the CLI without spaCy, in a
subprocess. Device nodes are made with os.mknod in the temporary directory, never a real
/dev node (which may only be written to as a stream).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GOOD = "Le préfet a annoncé mardi l'envoi de 300 gendarmes à Ajaccio."
OTHER = "Près de 2 000 personnes ont manifesté samedi à Rennes."
STUB = Path(__file__).with_name("stubbed_claimdiff.py")
BIG = 1_000_001  # one character more than spaCy parses at once


# --- what every run must satisfy ----------------------------------------------------------


def _snapshot(root: Path) -> dict[str, tuple[bytes | str, int]]:
    """Content and mode of everything under `root`, links and special files included."""
    out: dict[str, tuple[bytes | str, int]] = {}
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(directory, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                content: bytes | str = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            else:
                content = f"mode:{stat.S_IFMT(info.st_mode)}"
            out[str(path.relative_to(root))] = (content, info.st_mode)
    return out


def _clean(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    for line in err.splitlines():
        assert line.startswith("claimdiff: "), line


# --- corpus cases: a good article and a bad one ------------------------------------------------

Setup = Callable[[Path], None]


@dataclass
class Case:
    files: dict[str, str | bytes] = field(default_factory=dict)
    code: int = 0
    fragment: str = ""  # a piece of the stderr line about the bad input ("" = stderr is empty)
    setup: Setup | None = None  # extra making of the corpus (links, FIFOs, nodes)
    good_read: bool = True  # the good article is in the report


def _link(name: str, target: str) -> Setup:
    return lambda root: os.symlink(target, root / name)


def _fifo(name: str) -> Setup:
    return lambda root: os.mkfifo(root / name)


def _socket(name: str) -> Setup:
    def make(root: Path) -> None:
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(root / name))
        s.close()

    return make


def _node(name: str) -> Setup:
    def make(root: Path) -> None:
        try:
            os.mknod(root / name, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("mknod needs privileges here")

    return make


def _deep(levels: int) -> Setup:
    def make(root: Path) -> None:
        path = root.joinpath(*[f"d{i}" for i in range(levels)])
        path.mkdir(parents=True)
        (path / "deep.txt").write_text(OTHER, encoding="utf-8")

    return make


def _hardlink(root: Path) -> None:
    os.link(root / "good.txt", root / "hard.txt")


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


FRONT = "---\n{}\n---\n" + OTHER + "\n"
LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    + ["title: *i"]
)

CORPUS_CASES: dict[str, Case] = {
    # encodings and contents
    "empty-file": Case({"bad.txt": b""}, 2, "bad.txt: error: empty file; skipped"),
    "whitespace-only": Case({"bad.txt": b" \r\n\t\n"}, 2, "bad.txt: error: empty file (only whitespace)"),
    "bom-only": Case({"bad.txt": b"\xef\xbb\xbf"}, 2, "bad.txt: error: empty file"),
    "binary-gif": Case({"bad.txt": b"GIF89a\x01\x00\x01\x00\x00\xff\x00,"}, 2, "bad.txt: error: binary file (not text)"),
    "nul-bytes-in-text": Case({"bad.txt": OTHER.encode() + b"\x00\x00"}, 2, "bad.txt: error: binary file"),
    "control-characters": Case({"bad.txt": bytes(range(1, 9)) * 50 + b"abc"}, 2, "bad.txt: error: binary file"),
    "utf16-le-bom": Case({"u.txt": OTHER.encode("utf-16")}, 0, "u.txt: note: not valid UTF-8; read as utf-16"),
    "utf16-be-bom": Case({"u.txt": b"\xfe\xff" + OTHER.encode("utf-16-be")}, 0, "read as utf-16"),
    "utf16-without-bom": Case({"u.txt": OTHER.encode("utf-16-le")}, 2, "u.txt: error: binary file"),
    "utf16-odd-length": Case({"u.txt": b"\xff\xfe" + OTHER.encode("utf-16-le") + b"\x00"}, 2, "u.txt: error: binary"),
    "utf8-bom": Case({"u.txt": b"\xef\xbb\xbf" + OTHER.encode()}, 0, ""),
    "cp1252": Case({"w.txt": "Un élu a reçu 5 000 € « hier ».".encode("cp1252")}, 0, "w.txt: note: not valid UTF-8; read as cp1252"),
    "latin1-undefined-cp1252-byte": Case({"l.txt": b"Le caf\xe9 \x81 de la place est ouvert depuis lundi, dit le maire."}, 0, "l.txt: note: not valid UTF-8; read as latin-1"),
    "utf8-with-one-bad-byte": Case(
        {"r.txt": ("Élément déjà été " * 5).encode() + b"\xff"}, 0, "r.txt: warning: 1 invalid UTF-8 byte sequence(s) replaced"
    ),
    "mixed-utf8-and-cp1252": Case(
        {"m.txt": "Déjà élu. ".encode() + "Il a été réélu à Sète, où l'on reçoit.".encode("cp1252")},
        0,
        "m.txt: warning: mixed encodings: read as UTF-8, except",
    ),
    "crlf-line-endings": Case({"c.txt": OTHER.replace(" ", "\r\n", 2).encode()}, 0, ""),
    "cr-only-line-endings": Case({"c.txt": OTHER.replace(" ", "\r", 2).encode()}, 0, ""),
    "astral-and-rtl-text": Case({"e.txt": "🇫🇷 مرحبا 300 gendarmes 𝔸 à Ajaccio."}, 0, ""),
    "zero-width-and-soft-hyphens": Case({"z.txt": "Dé\u00adploie\u200bment de 300 gen\u2060darmes."}, 0, ""),
    "no-letters": Case({"n.txt": "12 34 -- 56 !!!"}, 0, ""),
    # Longer than spaCy parses at once: checked in pieces (see the real-pipeline test below).
    "one-line-of-two-megabytes": Case({"big.txt": "mot " * (BIG // 4 + 1)}, 0, ""),
    "twenty-megabyte-file": Case({"big.txt": ("Une phrase de trente caractères.\n" * 620_000)}, 0, ""),
    "one-megabyte-front-matter": Case(
        {"fm.md": "---\ntitle: " + "x" * BIG + "\n---\n" + OTHER},
        0,
        "fm.md: warning: front matter: 1,000,009 characters, over the limit of 65,536",
    ),
    # front matter
    "front-matter-unterminated": Case({"f.md": "---\nsource: X\n" + OTHER}, 0, "f.md: warning: front matter: no closing '---' line"),
    "front-matter-invalid-yaml": Case({"f.md": FRONT.format("source: [X")}, 0, "f.md: warning: front matter: invalid YAML (line"),
    "front-matter-not-a-mapping": Case({"f.md": FRONT.format("- a\n- b")}, 0, "f.md: warning: front matter: not a mapping"),
    "front-matter-billion-laughs": Case({"f.md": FRONT.format(LAUGHS)}, 0, "aliases (*name) are not allowed in front matter"),
    "front-matter-control-character": Case({"f.md": FRONT.format("source: \x1f")}, 0, "front matter: invalid YAML: unacceptable character #x001f"),
    "front-matter-python-tag": Case({"f.md": FRONT.format("title: !!python/object:os.system x")}, 0, "front matter: invalid YAML"),
    "front-matter-deep-nesting": Case({"f.md": FRONT.format("title: " + "[" * 5000 + "]" * 5000)}, 0, "front matter: invalid YAML"),
    "front-matter-duplicated-key": Case(
        {"f.md": FRONT.format("date: 2025-01-01\ndate: 2025-01-02")}, 0, "f.md: warning: front matter: key 'date' given twice (lines 2 and 3)"
    ),
    "front-matter-integer-date": Case({"f.md": FRONT.format("date: 20250101")}, 0, "front matter: date: bad date '20250101' (expected YYYY-MM-DD)"),
    "front-matter-impossible-date": Case({"f.md": FRONT.format("date: 2025-02-30")}, 0, "bad date '2025-02-30'"),
    "front-matter-unknown-language": Case({"f.md": FRONT.format("language: xx")}, 0, "f.md: warning: no language pack for 'xx'"),
    "front-matter-not-a-language": Case({"f.md": FRONT.format("language: français")}, 0, "is not a language code"),
    "front-matter-list-title": Case({"f.md": FRONT.format("title: [a, b]")}, 0, "title: expected text, got list"),
    "front-matter-and-no-body": Case({"f.md": "---\nsource: X\n---\n\n"}, 2, "f.md: error: no article text after the header"),
    "date-header-impossible": Case({"d.txt": " date 2025-13-01 " + OTHER}, 0, "d.txt: warning: bad date '2025-13-01'"),
    # JSON Lines
    "jsonl-malformed-line": Case({"c.jsonl": _jsonl({"id": "j1", "text": OTHER}, "{oops")}, 2, "c.jsonl:2: error: malformed JSON"),
    "jsonl-missing-id": Case({"c.jsonl": _jsonl({"text": OTHER})}, 2, "c.jsonl:1: error: missing or empty 'id'"),
    "jsonl-boolean-id": Case({"c.jsonl": _jsonl({"id": True, "text": OTHER})}, 2, "c.jsonl:1: error: missing or empty 'id'"),
    "jsonl-missing-text": Case({"c.jsonl": _jsonl({"id": "j1"})}, 2, "c.jsonl:1: error: missing 'text'"),
    "jsonl-number-text": Case({"c.jsonl": _jsonl({"id": "j1", "text": 3})}, 2, "c.jsonl:1: error: missing 'text' (a string)"),
    "jsonl-empty-text": Case({"c.jsonl": _jsonl({"id": "j1", "text": "  "})}, 2, "c.jsonl:1: error: article 'j1' has an empty 'text'"),
    "jsonl-array-line": Case({"c.jsonl": _jsonl([1, 2])}, 2, "c.jsonl:1: error: expected a JSON object, got list"),
    "jsonl-deep-nesting": Case({"c.jsonl": "[" * 100_000 + "]" * 100_000 + "\n"}, 2, "c.jsonl:1: error: malformed JSON"),
    "jsonl-duplicate-id": Case(
        {"c.jsonl": _jsonl({"id": "j1", "text": OTHER}, {"id": "j1", "text": "Un autre texte, 4 blessés."})},
        2,
        "c.jsonl:2: error: source id 'j1' already used",
    ),
    "jsonl-same-text-twice": Case(
        {"c.jsonl": _jsonl({"id": "j1", "text": OTHER}, {"id": "j2", "text": OTHER})}, 0, "c.jsonl:2: warning: same text as"
    ),
    "jsonl-integer-date": Case({"c.jsonl": _jsonl({"id": "j1", "text": OTHER, "date": 20250101})}, 0, "c.jsonl:1: warning: date: bad date 20250101"),
    "jsonl-nan-date": Case({"c.jsonl": '{"id": "j1", "text": "' + OTHER + '", "date": NaN}\n'}, 0, "c.jsonl:1: warning: date: bad date nan"),
    "jsonl-blank-lines-bom-crlf": Case({"c.jsonl": "\ufeff\n" + json.dumps({"id": "j1", "text": OTHER}) + "\r\n\n"}, 0, ""),
    "jsonl-trailing-garbage": Case({"c.jsonl": json.dumps({"id": "j1", "text": OTHER}) + " x\n"}, 2, "c.jsonl:1: error: malformed JSON (Extra data"),
    "jsonl-huge-text": Case({"c.jsonl": _jsonl({"id": "j1", "text": "mot " * (BIG // 4 + 1)})}, 0, ""),
    # the file system
    "dangling-link-in-dir": Case(setup=_link("dead.txt", "nowhere.txt"), code=2, fragment="dead.txt: error: broken symbolic link (to nowhere.txt); skipped"),
    "link-loop-in-dir": Case(setup=_link("loop.txt", "loop.txt"), code=2, fragment="loop.txt: error: symbolic link loop; skipped"),
    "two-link-loop-in-dir": Case(
        setup=lambda r: (os.symlink("l2.md", r / "l1.md"), os.symlink("l1.md", r / "l2.md")), code=2, fragment="l1.md: error: symbolic link loop"
    ),
    "directory-link-loop": Case(setup=lambda r: (r / "sub").mkdir() or os.symlink("..", r / "sub" / "up"), code=0,
                                fragment="sub/up: warning: symbolic link to a directory already read; skipped"),
    "link-to-a-directory-is-followed": Case(
        setup=lambda r: (r.parent / "elsewhere").mkdir() or (r.parent / "elsewhere" / "x.txt").write_text(OTHER) or os.symlink(r.parent / "elsewhere", r / "more"),
        code=0,
        fragment="",
    ),
    "link-to-a-file-read-once": Case(setup=_link("z-alias.txt", "good.txt"), code=0, fragment=""),
    "hard-link-read-once": Case(setup=_hardlink, code=0, fragment=""),
    "fifo-in-dir": Case(setup=_fifo("pipe.txt"), code=2, fragment="pipe.txt: error: not a regular file (a FIFO); skipped"),
    "fifo-without-article-suffix": Case(setup=_fifo("pipe"), code=0, fragment="pipe: note: unsupported file type '(none)'"),
    "socket-in-dir": Case(setup=_socket("s.md"), code=2, fragment="s.md: error: not a regular file (a socket); skipped"),
    "device-node-in-dir": Case(setup=_node("dev.txt"), code=2, fragment="dev.txt: error: not a regular file (a character device)"),
    "unsupported-files": Case({"notes.yaml": "a: 1\n", "pic.png": b"\x89PNG\x00"}, 0, "notes.yaml: note: unsupported file type '.yaml'"),
    "hidden-files-and-folders": Case({".draft.txt": OTHER, ".git/x.txt": OTHER}, 0, ""),
    "odd-file-names": Case({"é t\u00e9 — 01.txt": OTHER, "-dash.md": "Un texte de 4 mots.", "new\nline.txt": "Le 3 mai."}, 0, ""),
    "very-long-file-name": Case({("n" * 240) + ".txt": OTHER}, 0, ""),
    "deep-directories": Case(setup=_deep(60), code=0, fragment=""),
    "same-id-in-two-folders": Case({"sub/good.txt": OTHER}, 2, "good.txt: error: source id 'good' already used"),
    "same-text-twice": Case({"z-copy.txt": GOOD}, 0, "z-copy.txt: warning: same text as"),
    "directory-named-like-an-article": Case({"x.txt/inner.txt": OTHER}, 0, ""),
}


@pytest.mark.parametrize("case", CORPUS_CASES.values(), ids=CORPUS_CASES.keys())
def test_bad_input_corpus(cli, make_corpus, no_extraction, case: Case):
    root = make_corpus({"good.txt": GOOD, **case.files})
    if case.setup is not None:
        case.setup(root)
    before = _snapshot(root)
    run = cli("check", root, "--format", "json")
    assert run.code == case.code, run.err
    _clean(run.err)
    if case.fragment:
        assert case.fragment in run.err
    else:
        assert run.err == ""
    report = json.loads(run.out)  # the report is written even when a file is skipped
    assert ("good" in [s["id"] for s in report["sources"]]) is case.good_read
    assert _snapshot(root) == before


def test_bad_input_symlink_loop_and_fifo_as_arguments(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": GOOD})
    os.symlink("loop.txt", root / "loop.txt")
    os.mkfifo(root / "pipe.txt")
    os.symlink("absent.txt", root / "dead.txt")
    run = cli("check", root / "good.txt", root / "loop.txt", root / "pipe.txt", root / "dead.txt", "--format", "json")
    assert run.code == 2
    _clean(run.err)
    assert run.err.splitlines() == [
        f"claimdiff: {root / 'loop.txt'}: error: symbolic link loop",
        f"claimdiff: {root / 'pipe.txt'}: error: not a regular file (a FIFO); skipped",
        f"claimdiff: {root / 'dead.txt'}: error: broken symbolic link (to absent.txt)",
    ]
    assert [s["id"] for s in json.loads(run.out)["sources"]] == ["good"]


def _file(name: str, content: str = "", below: str = "") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path.parent if name.endswith("/.keep") else path / below if below else path

    return make


def _special(kind: str, name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        if kind == "loop":
            os.symlink(name, tmp / name)
        else:
            os.mkfifo(tmp / name)
        return tmp / name

    return make


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda t: t / "absent", "absent: no such file or directory"),
        (_file("empty/.keep"), "empty/: no .txt, .md or .jsonl article found"),
        (lambda t: _file("only/gold.yaml", "a: 1")(t).parent, "only/: no .txt"),
        (_file("g.yaml", "a: 1"), "g.yaml: unsupported file type '.yaml'"),
        (_special("loop", "loop.md"), "loop.md: symbolic link loop"),
        (_special("fifo", "p.txt"), "p.txt: not a regular file (a FIFO)"),
        (_file("x.jsonl", '{"id": 1}\n'), "x.jsonl:1: missing 'text'"),
        (_file("file.txt", GOOD, below="below.txt"), "below.txt: not a directory in the path"),
    ],
    ids=["missing", "empty-dir", "dir-without-articles", "unsupported", "loop", "fifo", "jsonl-all-bad", "enotdir"],
)
def test_bad_input_nothing_readable_is_one_line_and_no_report(cli, tmp_path, no_extraction, make, fragment):
    out = tmp_path / "report.json"
    out.write_text("previous report\n")
    run = cli("check", make(tmp_path), "--format", "json", "--output", out)
    assert run.code == 2
    assert run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith("claimdiff: error: ") and fragment in line
    assert no_extraction == []
    assert out.read_text() == "previous report\n"  # no article, no --output write at all


def test_bad_input_same_file_named_twice_is_read_once(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": GOOD, "other.txt": OTHER})
    run = cli("check", root, root / "good.txt", f"{root}/./good.txt", "--format", "json")
    assert (run.code, run.err) == (0, "")
    assert [s["id"] for s in json.loads(run.out)["sources"]] == ["good", "other"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_bad_input_unreadable_file_and_directory(cli, make_corpus, no_extraction):
    root = make_corpus({"good.txt": GOOD, "secret.txt": OTHER, "locked/x.txt": OTHER})
    (root / "secret.txt").chmod(0)
    (root / "locked").chmod(0)
    try:
        run = cli("check", root, "--format", "json")
    finally:
        (root / "secret.txt").chmod(0o644)
        (root / "locked").chmod(0o755)
    assert run.code == 2
    assert "secret.txt: error: cannot read: Permission denied" in run.err
    assert "locked: error: cannot read directory: Permission denied" in run.err


# --- configuration mistakes --------------------------------------------------------------------

CONFIG_CASES = {
    "not-toml": ("this is = not toml =\n", "cannot read configuration"),
    "not-utf8": (b"fail_on = '\xff'\n", "cannot read configuration"),
    "unknown-key": ('fial_on = "never"\n', "fial_on: unknown configuration key (did you mean 'fail_on'?)"),
    "internal-key": ('base_dir = "/"\n', "base_dir: unknown configuration key"),
    "fail-on-value": ('fail_on = "sometimes"\n', "fail_on: Input should be 'info', 'warning', 'error' or 'never', got 'sometimes'"),
    "fail-on-type": ("fail_on = 1\n", "fail_on: Input should be"),
    "rule-option-type": ('[rules.CD201]\napproximate_tolerance = "lots"\n', "rules.CD201.approximate_tolerance: expects a number, got 'lots'"),
    "rule-option-bool": ("[rules.CD201]\nround_tolerance = false\n", "rules.CD201.round_tolerance: expects a number, got False"),
    "rule-option-unknown": ("[rules.CD201]\ntolerance = 3\n", "rules.CD201.tolerance: is not an option of this rule"),
    "rule-unknown": ("[rules.CD999]\nenabled = false\n", "rules.CD999: unknown rule 'CD999'"),
    "rule-severity": ('[rules.name-variant]\nseverity = "loud"\n', "rules.name-variant.severity: expects"),
    "rule-enabled-type": ('[rules.CD101]\nenabled = "no"\n', "rules.CD101.enabled: expects true or false, got 'no'"),
    "rule-not-a-table": ("[rules]\nCD201 = 3\n", "rules.CD201: Input should be a valid dictionary, got 3"),
    "lexicon-dirs-type": ('lexicon_dirs = "lexicon"\n', "lexicon_dirs: Input should be a valid list"),
    "aliases-missing": ('aliases = "missing.yaml"\n', "missing.yaml: cannot read alias file"),
    "aliases-bad": ('aliases = "aliases.yaml"\n', "aliases.yaml: alias file must be a mapping"),
    "default-language": ('default_language = "xx"\n', "default_language: no language pack for 'xx'"),
    "waiver-without-reason": ('[[waivers]]\nfingerprint = "abc"\n', "waivers.0.reason: Field required"),
    "waiver-fingerprint-type": ("[[waivers]]\nfingerprint = 3\nreason = 'x'\n", "waivers.0.fingerprint: Input should be a valid string"),
    "corpus-type": ("corpus = 3\n", "corpus: Input should be a valid string, got 3"),
}


@pytest.mark.parametrize("content, message", CONFIG_CASES.values(), ids=CONFIG_CASES.keys())
def test_bad_input_configuration_fails_before_any_work(cli, make_corpus, no_extraction, tmp_path, content, message):
    root = make_corpus({"good.txt": GOOD})
    (tmp_path / "aliases.yaml").write_text("- a\n- b\n", encoding="utf-8")
    config = tmp_path / "claimdiff.toml"
    config.write_bytes(content if isinstance(content, bytes) else content.encode())
    run = cli("check", root, "--format", "json")
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith("claimdiff: error: ") and str(tmp_path) in line and message in line, line
    assert run.out == "" and no_extraction == []


def test_bad_input_pyproject_section_not_a_table(cli, make_corpus, no_extraction, tmp_path):
    root = make_corpus({"good.txt": GOOD})
    (tmp_path / "pyproject.toml").write_text("[tool]\nclaimdiff = 3\n", encoding="utf-8")
    run = cli("check", root)
    assert run.code == 2 and "pyproject.toml: tool.claimdiff: expected a table, got int" in run.err


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_bad_input_explicit_config_that_is_not_a_file(cli, make_corpus, no_extraction, tmp_path, kind):
    root = make_corpus({"good.txt": GOOD})
    path = tmp_path / "cfg"
    if kind == "directory":
        path.mkdir()
    run = cli("check", root, "--config", path)
    assert run.code == 2 and run.err == f"claimdiff: error: {path}: configuration file not found\n"


def test_bad_input_lexicon_dir_that_does_not_exist_is_a_warning(cli, make_corpus, no_extraction, tmp_path, monkeypatch):
    root = make_corpus({"good.txt": GOOD})
    (tmp_path / "claimdiff.toml").write_text('lexicon_dirs = ["lexique"]\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDIFF_LEXICON_PATH", str(tmp_path / "nowhere"))
    run = cli("check", root, "--format", "json")
    assert run.code == 0
    assert run.err.splitlines() == [
        f"claimdiff: {tmp_path / 'claimdiff.toml'}: warning: lexicon_dirs: lexique: no such directory; ignored",
        f"claimdiff: CLAIMDIFF_LEXICON_PATH: warning: {tmp_path / 'nowhere'}: no such directory; ignored",
    ]
    assert [n["level"] for n in json.loads(run.out)["notes"]] == ["warning", "warning"]


# --- output targets --------------------------------------------------------------------------


@pytest.fixture
def corpus(make_corpus) -> Path:
    return make_corpus({"good.txt": GOOD, "other.txt": OTHER})


def test_bad_input_output_to_a_missing_directory_fails_before_any_work(cli, corpus, no_extraction, tmp_path):
    run = cli("check", corpus, "--output", tmp_path / "no" / "such" / "r.json")
    assert run.code == 2
    assert run.err == f"claimdiff: error: {tmp_path / 'no/such/r.json'}: cannot write: no directory '{tmp_path / 'no/such'}'\n"
    assert no_extraction == []


def test_bad_input_output_to_a_directory(cli, corpus, no_extraction, tmp_path):
    run = cli("check", corpus, "--output", tmp_path)
    assert (run.code, run.err) == (2, f"claimdiff: error: {tmp_path}: is a directory\n")


@pytest.mark.parametrize("how", ["same", "link", "hard-link", "relative"])
def test_bad_input_output_onto_an_input_is_refused(cli, corpus, no_extraction, tmp_path, how):
    before = _snapshot(corpus)
    target = {
        "same": corpus / "good.txt",
        "link": tmp_path / "link.txt",
        "hard-link": tmp_path / "hard.txt",
        "relative": Path("corpus/../corpus/good.txt"),
    }[how]
    if how == "link":
        os.symlink(corpus / "good.txt", target)
    if how == "hard-link":
        os.link(corpus / "good.txt", target)
    run = cli("check", corpus, "--output", target)
    assert run.code == 2 and run.err.endswith("refusing to overwrite an input file\n")
    assert _snapshot(corpus) == before


def test_bad_input_output_to_a_fifo_is_a_stream(cli, corpus, no_extraction, tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = cli("check", corpus, "--format", "json", "--output", fifo)
    reader.join(timeout=30)
    assert run.code == 0 and not reader.is_alive()
    assert json.loads(received[0])["summary"]["sources"] == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []


@pytest.mark.parametrize("device, code, message", [((1, 3), 0, ""), ((1, 7), 2, "cannot write: No space left on device")])
def test_bad_input_output_to_a_character_device_never_replaces_it(cli, corpus, no_extraction, tmp_path, device, code, message):
    node = tmp_path / "device"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(*device))
    except PermissionError:
        pytest.skip("mknod needs privileges here")
    run = cli("check", corpus, "--format", "json", "--output", node)
    assert run.code == code
    assert message in run.err
    info = os.lstat(node)
    assert stat.S_ISCHR(info.st_mode) and os.major(info.st_rdev) == device[0] and os.minor(info.st_rdev) == device[1]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".device")] == []


def test_bad_input_output_to_a_socket_is_refused(cli, corpus, no_extraction, tmp_path):
    _socket("s")(tmp_path)
    run = cli("check", corpus, "--output", tmp_path / "s")
    assert run.code == 2 and "not a regular file, a character device or a FIFO; refusing to write" in run.err
    assert stat.S_ISSOCK(os.lstat(tmp_path / "s").st_mode)


def test_bad_input_output_through_a_symlink_keeps_the_link(cli, corpus, no_extraction, tmp_path):
    (tmp_path / "reports").mkdir()
    os.symlink("reports/latest.json", tmp_path / "latest.json")
    run = cli("check", corpus, "--format", "json", "--output", tmp_path / "latest.json")
    assert run.code == 0
    assert os.readlink(tmp_path / "latest.json") == "reports/latest.json"
    assert json.loads((tmp_path / "reports" / "latest.json").read_text())["summary"]["sources"] == 2


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_bad_input_new_report_follows_the_umask(cli, corpus, no_extraction, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        run = cli("check", corpus, "--format", "json", "--output", tmp_path / "r.json")
    finally:
        os.umask(old)
    assert run.code == 0
    assert stat.S_IMODE(os.stat(tmp_path / "r.json").st_mode) == mode


def test_bad_input_existing_report_keeps_its_mode(cli, corpus, no_extraction, tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old")
    target.chmod(0o640)
    run = cli("check", corpus, "--format", "json", "--output", target)
    assert run.code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640 and target.read_text() != "old"


# --- corrupt caches, corrupt baselines -------------------------------------------------------


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE songs (title TEXT)")


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda p: p.write_bytes(b"not a database\n" * 100), "not a usable SQLite file"),
        (lambda p: p.write_bytes(os.urandom(4096)), "not a usable SQLite file"),
        (_foreign, "not a claimdiff cache (unexpected tables)"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84), "rebuilding the extraction cache"),
    ],
    ids=["text", "random", "foreign-sqlite", "truncated-header"],
)
def test_bad_input_damaged_cache_is_rebuilt(cli, corpus, no_extraction, tmp_path, damage, message):
    cache = tmp_path / ".cache" / "claims.sqlite3"  # the cli fixture's CLAIMDIFF_CACHE_DIR
    cache.parent.mkdir(parents=True)
    damage(cache)
    run = cli("check", corpus, "--format", "json")
    assert run.code == 0
    [line] = run.err.splitlines()
    assert line.startswith(f"claimdiff: {cache}: warning: ") and message in line
    again = cli("check", corpus, "--format", "json")
    assert (again.code, again.err) == (0, "")
    assert json.loads(again.out) == json.loads(run.out)


def test_bad_input_cache_directory_that_is_a_file_disables_the_cache(cli, corpus, no_extraction, tmp_path, monkeypatch):
    (tmp_path / "blocked").write_text("x")
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "blocked"))
    run = cli("check", corpus, "--format", "json")
    assert run.code == 0
    assert "warning: extraction cache disabled for this run" in run.err


BASELINE_CASES = {
    "missing": (None, "baseline file not found"),
    "not-json": (b"{not json", "baseline is not valid JSON (line 1"),
    "a-list": (b"[1, 2]", "not a claimdiff baseline"),
    "no-fingerprint": (b'{"findings": [{"rule": "CD101"}]}', "baseline finding 1 has no fingerprint"),
    "too-new": (b'{"baseline_version": 99, "findings": []}', "baseline version 99 is not supported"),
    "not-utf8": (b"\xff\xfe\x00junk", "baseline is not UTF-8 text"),
    "directory": ("dir", "baseline is a directory"),
}


@pytest.mark.parametrize("content, message", BASELINE_CASES.values(), ids=BASELINE_CASES.keys())
def test_bad_input_baseline_fails_before_any_work(cli, corpus, no_extraction, tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    run = cli("check", corpus, "--baseline", path)
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith(f"claimdiff: error: {path}: ") and message in line
    assert no_extraction == []


def test_bad_input_baseline_matching_nothing_is_a_warning(cli, corpus, tmp_path, monkeypatch, no_extraction):
    from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status
    from claimdiff.rules import engine

    finding = Finding(
        kind=Kind.quantity, status=Status.conflict, severity=Severity.warning, rule="CD201",
        rule_name="quantity-mismatch", subject="s", message="m", values={"good": ["300"]},
        evidence=[Evidence(source="good", start=0, end=2, text="Le")], fingerprint="ffffffffffffffff",
    )
    monkeypatch.setattr(engine, "run", lambda alignment, rules: [finding])
    path = tmp_path / "baseline.json"
    path.write_text('{"findings": [{"fingerprint": "0000000000000001"}, {"fingerprint": "0000000000000002"}]}')
    run = cli("check", corpus, "--baseline", path, "--format", "json")
    assert run.code == 1
    assert f"claimdiff: {path}: warning: baseline: matches none of this run's findings (2 recorded:" in run.err


# --- usage mistakes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "pdf"],
        ["check", "--fail-on", "sometimes"],
        ["check", "--no-such-option"],
        ["check", "--jobs", "many"],
        ["check", "--jobs", "-2"],
        ["check", "--width", "10"],
        ["check", "--only", "maybe"],
        ["check", "--select", "CD000"],
        ["check", "--ignore", "nothing-like-it"],
        ["eval", "corpus"],
        ["baseline"],
        ["cache", "empty"],
        ["rules", "CD999"],
    ],
    ids=lambda argv: "-".join(argv) or "nothing",
)
def test_bad_input_usage_errors_are_one_line(cli, corpus, no_extraction, argv):
    run = cli(*argv, *(["corpus"] if argv[:1] == ["check"] else []))
    assert run.code == 2
    _clean(run.err)
    assert run.err.startswith("claimdiff: error:") or "usage:" in run.err
    assert no_extraction == []


# --- broken stdout and stderr, in a subprocess ---------------------------------------------------


def _stub(tmp_path: Path, *args: str, findings: int = 0, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDIFF_")}
    env.update(CLAIMDIFF_CACHE_DIR=str(tmp_path / ".cache"), CLAIMDIFF_TEST_FINDINGS=str(findings), NO_COLOR="1")
    return subprocess.run([sys.executable, str(STUB), *args], cwd=tmp_path, env=env, timeout=60, **kw)


def test_bad_input_stdout_to_dev_full_is_one_line_exit_2(tmp_path, corpus):
    with open("/dev/full", "w") as full:  # written to as a stream, never replaced
        proc = _stub(tmp_path, "check", "corpus", "--format", "json", findings=40, stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 2
    assert proc.stderr == "claimdiff: error: standard output: cannot write: No space left on device\n"


def test_bad_input_closed_stdout_is_one_line_exit_2(tmp_path, corpus):
    proc = _stub(tmp_path, "check", "corpus", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                 pass_fds=(), preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2
    assert proc.stderr == "claimdiff: error: standard output is closed; write the report with --output FILE\n"


def test_bad_input_closed_stdout_with_output_file_works(tmp_path, corpus):
    proc = _stub(tmp_path, "check", "corpus", "-o", "r.json", "--format", "json", findings=3,
                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 1 and proc.stderr == ""
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["findings"] == 3


@pytest.mark.parametrize(
    "fmt, findings, fail_on, code", [("json", 200, "warning", 1), ("rich", 200, "never", 0), ("json", 0, "warning", 0)]
)
def test_bad_input_reader_that_goes_away_keeps_the_exit_code(tmp_path, corpus, fmt, findings, fail_on, code):
    """`claimdiff check | head -c 10`: quiet, and the exit code still says what was found."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDIFF_")}
    env.update(CLAIMDIFF_CACHE_DIR=str(tmp_path / ".cache"), CLAIMDIFF_TEST_FINDINGS=str(findings), NO_COLOR="1")
    proc = subprocess.Popen(
        [sys.executable, str(STUB), "check", "corpus", "--format", fmt, "--fail-on", fail_on],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)
    proc.stdout.close()  # as `head -c 10` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == code
    assert len(head) == 10
    assert err == ""


def test_bad_input_closed_or_full_stderr_does_not_change_the_run(tmp_path, corpus):
    for stderr in ("closed", "full"):
        with open("/dev/full", "w") as full:
            proc = _stub(
                tmp_path, "check", "corpus", "absent.txt", "--format", "json", findings=2,
                stdout=subprocess.PIPE, stderr=full if stderr == "full" else subprocess.DEVNULL, text=True,
                preexec_fn=(lambda: os.close(2)) if stderr == "closed" else None,
            )
        assert proc.returncode == 2  # absent.txt is named on a stderr nobody can read
        report = json.loads(proc.stdout)  # and never lands on stdout instead
        assert report["summary"]["findings"] == 2 and report["notes"][0]["path"] == "absent.txt"


@pytest.mark.slow
def test_bad_input_article_too_long_for_spacy_is_checked_in_pieces(make_corpus):
    """An article over spaCy's max_length is parsed in sentence-bounded pieces joined into one
    parse: it is checked like any other, its spans index the file exactly, and the claims of
    the sentences on either side of every cut between pieces are found."""
    from claimdiff.base.config import Config
    from claimdiff.claims import nlp
    from claimdiff.claims.models import QuantityClaim
    from claimdiff.pipeline import check

    filler = "Le débat a repris dans la soirée au conseil général."
    claim = "Au moins {} blessés ont été soignés dans la ville."  # the same length with 4 digits
    stride = len(filler) + 1  # every sentence starts a multiple of `stride` into the file
    per_piece = nlp.PIECE_CHARS // stride  # sentences per piece: cuts fall at the last start that fits
    count = BIG // stride + 10
    cuts = list(range(per_piece, count, per_piece))
    planted = {i: 3000 + i % 7000 for c in cuts for i in (c - 1, c)} | {0: 2999, count - 1: 9998}
    sentences = [claim.format(planted[i]) if i in planted else filler for i in range(count)]
    assert {len(s) for s in sentences} == {stride - 1}
    text = "".join(s + ("\n" if i % 10 == 9 else " ") for i, s in enumerate(sentences))
    assert len(text) > BIG
    assert [start for start, _ in nlp.pieces(text, range(0, len(text), stride), nlp.PIECE_CHARS)[1:]] == [
        c * stride for c in cuts
    ]
    root = make_corpus({"good.txt": GOOD, "huge.txt": text})

    result = check([str(root)], Config(), use_cache=False)

    assert [n for n in result.report.notes if n.level == "error"] == []
    assert [s.id for s in result.report.sources] == ["good", "huge"]
    (huge,) = [e for e in result.extracted if e.source == "huge"]
    for c in huge.claims:
        assert text[c.span.start : c.span.end] == c.span.text
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
    found = {c.sentence.start // stride: c.value for c in huge.claims if isinstance(c, QuantityClaim)}
    assert found == {i: float(n) for i, n in planted.items()}
    for finding in result.report.findings:
        for evidence in finding.evidence:
            source = text if evidence.source == "huge" else GOOD
            assert source[evidence.start : evidence.end] == evidence.text


def test_bad_input_output_onto_an_input_fails_before_any_work(cli, corpus, no_extraction):
    run = cli("check", corpus, "--output", corpus / "other.txt")
    assert run.code == 2 and no_extraction == []


def test_bad_input_a_bug_is_still_one_line(cli, corpus, no_extraction, monkeypatch):
    from claimdiff.rules import engine

    def broken(alignment, rules):
        raise RuntimeError("boom\nwith two lines")

    monkeypatch.setattr(engine, "run", broken)
    run = cli("check", corpus)
    assert run.code == 2
    assert run.err == "claimdiff: internal error: RuntimeError: boom with two lines (CLAIMDIFF_DEBUG=1 shows the traceback)\n"
    monkeypatch.setenv("CLAIMDIFF_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("check", corpus)
