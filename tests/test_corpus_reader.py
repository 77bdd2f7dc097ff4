"""read_corpus: files, directories and JSON Lines into articles, and a note for every bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from claimdiff.corpus.reader import decode, input_files, read_corpus
from claimdiff.base.errors import InputError

PROSE = "Le gouvernement a annoncé mardi l'envoi de 300 gendarmes supplémentaires en Corse."
OTHER = "Près de 2 000 personnes ont manifesté samedi à Rennes contre la réforme des retraites."
THIRD = "La ministre a reçu jeudi les représentants de 14 syndicats agricoles à Paris."


def _read(*paths: Path | str):
    return read_corpus([str(p) for p in paths])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- what is read -------------------------------------------------------------------------


def test_reader_directory_recursive_sorted_and_other_files_skipped_with_a_note(make_corpus):
    root = make_corpus(
        {
            "b.txt": OTHER,
            "a.md": PROSE,
            "sub/c.txt": THIRD,
            "gold.yaml": "items: []\n",
            "notes.json": "{}",
            ".hidden.txt": "Texte caché de 5 lignes.",
            ".git/d.txt": "Un fichier dans un dossier caché.",
        }
    )
    articles, notes = _read(root)
    assert [a.id for a in articles] == ["a", "b", "c"]
    assert [a.source.path for a in articles] == [str(root / "a.md"), str(root / "b.txt"), str(root / "sub" / "c.txt")]
    # Hidden files stay silent; every other file that is not an article gets one note.
    assert [(Path(n.path).name, n.level, n.message.split(" (")[0]) for n in notes] == [
        ("gold.yaml", "note", "unsupported file type '.yaml'"),
        ("notes.json", "note", "unsupported file type '.json'"),
    ]


def test_reader_paths_keep_command_line_order(make_corpus):
    root = make_corpus({"z.txt": PROSE, "a.txt": OTHER})
    articles, _ = _read(root / "z.txt", root / "a.txt")
    assert [a.id for a in articles] == ["z", "a"]


def test_reader_same_file_named_twice_is_read_once(make_corpus):
    root = make_corpus({"a.txt": PROSE, "b.txt": OTHER})
    articles, notes = _read(root, root / "a.txt")
    assert [a.id for a in articles] == ["a", "b"]
    assert notes == []


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"Ligne un.\r\nLigne deux, 12 soldats.\r\n", "Ligne un.\r\nLigne deux, 12 soldats.\r\n"),
        (b"Ancien Mac.\rLigne deux.\r", "Ancien Mac.\rLigne deux.\r"),
        ("\ufeffLe texte commence par un BOM.".encode(), "\ufeffLe texte commence par un BOM."),
    ],
    ids=["crlf", "cr", "bom"],
)
def test_reader_text_is_the_file_exactly_as_decoded(make_corpus, raw, expected):
    root = make_corpus({"a.txt": raw})
    [article], notes = _read(root / "a.txt")
    assert article.text == expected
    assert notes == []


def test_reader_offsets_index_original_text_with_header(make_corpus):
    text = "---\r\nsource: Ouest-France\r\ndate: 2025-03-04\r\n---\r\nPlus de 40 bateaux ont quitté Brest.\r\n"
    root = make_corpus({"a.md": text})
    [article], _ = _read(root / "a.md")
    assert article.text == text
    assert article.text[article.source.body_start :].startswith("Plus de 40 bateaux")
    assert article.source.outlet == "Ouest-France"
    assert article.source.date == dt.date(2025, 3, 4)
    assert article.source.date_origin == "metadata"


def test_reader_seed_style_date_header(make_corpus):
    root = make_corpus({"s.txt": " date 2025-09-15 MOSCOU, 15 septembre (Reuters) - Le Kremlin a démenti lundi."})
    [article], _ = _read(root)
    assert article.source.date == dt.date(2025, 9, 15)
    assert article.source.body_start == len(" date 2025-09-15 ")
    assert article.body.startswith("MOSCOU")
    assert article.source.outlet == "Reuters"


def test_reader_front_matter_outlet_wins_over_agency(make_corpus):
    text = "---\nsource: Le Figaro\n---\nKIEV, 3 mars (AFP) - Trois drones ont été abattus dans la nuit.\n"
    root = make_corpus({"f.md": text})
    [article], _ = _read(root)
    assert article.source.outlet == "Le Figaro"


def test_reader_no_metadata_leaves_date_unknown(make_corpus):
    root = make_corpus({"a.txt": PROSE})
    [article], _ = _read(root)
    assert (article.source.date, article.source.date_origin, article.source.outlet) == (None, None, None)
    assert article.source.body_start == 0
    assert article.source.encoding == "utf-8"


# --- JSON Lines ---------------------------------------------------------------------------


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def test_reader_jsonl_articles_with_metadata_and_line_numbers(make_corpus):
    root = make_corpus(
        {
            "c.jsonl": _jsonl(
                {
                    "id": "lm-1",
                    "text": PROSE,
                    "date": "2025-01-02",
                    "source": "Le Monde",
                    "url": "https://example.org/1",
                },
                "",
                {"id": "ap-2", "text": "WASHINGTON (AP) - " + OTHER, "title": "Manifestation", "language": "fr-FR"},
            )
        }
    )
    articles, notes = _read(root / "c.jsonl")
    assert notes == []
    first, second = articles
    assert (first.id, first.text, first.source.line, first.source.outlet) == ("lm-1", PROSE, 1, "Le Monde")
    assert first.source.date == dt.date(2025, 1, 2) and first.source.url == "https://example.org/1"
    assert first.source.path == str(root / "c.jsonl")
    assert (second.id, second.source.line, second.source.outlet) == ("ap-2", 3, "AP")
    assert (second.source.title, second.source.language, second.source.body_start) == ("Manifestation", "fr", 0)


def test_reader_jsonl_text_is_header_free(make_corpus):
    text = " date 2025-09-15 Le texte JSON garde son en-tête tel quel."
    root = make_corpus({"c.jsonl": _jsonl({"id": "x", "text": text})})
    [article], _ = _read(root)
    assert article.text == text
    assert article.source.body_start == 0
    assert article.source.date is None


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "a", "text": "Deux phrases.",}', "malformed JSON"),
        ('{"id": "a", "text": "non terminé', "malformed JSON"),
        ('["a", "b"]', "expected a JSON object"),
        ('{"text": "Sans identifiant, 3 blessés."}', "'id'"),
        ('{"id": "", "text": "Identifiant vide, 3 blessés."}', "'id'"),
        ('{"id": "a"}', "'text'"),
        ('{"id": "a", "text": 12}', "'text'"),
        ('{"id": "a", "text": "   "}', "empty 'text'"),
    ],
    ids=["trailing-comma", "unterminated", "array", "no-id", "empty-id", "no-text", "text-number", "blank-text"],
)
def test_reader_jsonl_bad_line_is_skipped_with_error(make_corpus, line, message):
    good = json.dumps({"id": "ok", "text": PROSE})
    root = make_corpus({"c.jsonl": f"{good}\n{line}\n{json.dumps({'id': 'ok2', 'text': OTHER})}\n"})
    articles, notes = _read(root / "c.jsonl")
    assert [a.id for a in articles] == ["ok", "ok2"]
    [note] = notes
    assert note.level == "error"
    assert note.path == f"{root / 'c.jsonl'}:2"
    assert message in note.message
    assert "\n" not in str(note)


def test_reader_jsonl_bad_date_keeps_article_with_warning(make_corpus):
    root = make_corpus({"c.jsonl": _jsonl({"id": "a", "text": PROSE, "date": "le 3 mars"})})
    [article], [note] = _read(root)
    assert article.source.date is None
    assert (note.level, note.path) == ("warning", f"{root / 'c.jsonl'}:1")
    assert "bad date" in note.message


def test_reader_jsonl_crlf_bom_and_integer_id(make_corpus):
    raw = "\ufeff" + json.dumps({"id": 7, "text": PROSE}) + "\r\n" + json.dumps({"id": "b", "text": OTHER}) + "\r\n"
    root = make_corpus({"c.jsonl": raw})
    articles, notes = _read(root)
    assert [a.id for a in articles] == ["7", "b"]
    assert [a.text for a in articles] == [PROSE, OTHER]
    assert notes == []


def test_reader_jsonl_unicode_line_separator_inside_text_is_not_a_line_break(make_corpus):
    text = "Premier paragraphe.\u2028Deuxième paragraphe avec 3 chiffres."
    root = make_corpus({"c.jsonl": json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n"})
    [article], notes = _read(root)
    assert article.text == text and notes == []


# --- bad input ----------------------------------------------------------------------------


def test_reader_missing_path_among_others_is_an_error_note(make_corpus, tmp_path):
    root = make_corpus({"a.txt": PROSE})
    missing = tmp_path / "absent.txt"
    articles, [note] = _read(missing, root)
    assert [a.id for a in articles] == ["a"]
    assert (note.path, note.level, note.message) == (str(missing), "error", "no such file or directory")


def test_reader_only_missing_path_raises(tmp_path):
    with pytest.raises(InputError, match=r"absent\.txt: no such file or directory"):
        _read(tmp_path / "absent.txt")


def test_reader_empty_directory_raises_naming_it(tmp_path):
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "empty-dir" / "gold.yaml").write_text("x: 1\n")
    with pytest.raises(InputError) as info:
        _read(tmp_path / "empty-dir")
    assert str(info.value) == f"{tmp_path / 'empty-dir'}/: no .txt, .md or .jsonl article found"


def test_reader_empty_directory_among_others_is_an_error_note(make_corpus, tmp_path):
    root = make_corpus({"a.txt": PROSE})
    (tmp_path / "vide").mkdir()
    articles, [note] = _read(root, tmp_path / "vide")
    assert len(articles) == 1
    assert note.level == "error" and note.path.endswith("vide/")


@pytest.mark.parametrize(
    "name, content, level, message",
    [
        ("empty.txt", b"", "error", "empty file"),
        ("blank.txt", b" \n\t\r\n  \n", "error", "empty file (only whitespace)"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "error", "empty file"),
        ("nul.txt", b"Du texte\x00avec un octet nul", "error", "binary file"),
        ("controls.md", bytes(range(1, 32)) * 20, "error", "binary file"),
        ("header-only.txt", b" date 2025-09-15 \n", "error", "no article text after the header"),
        ("fm-only.md", b"---\ntitle: Rien\n---\n\n", "error", "no article text after the header"),
        ("empty.jsonl", b"\n\n", "error", "empty file"),
    ],
)
def test_reader_unreadable_file_is_skipped_with_error(make_corpus, name, content, level, message):
    root = make_corpus({"good.txt": PROSE, name: content})
    articles, [note] = _read(root)
    assert [a.id for a in articles] == ["good"]
    assert (note.path, note.level) == (str(root / name), level)
    assert message in note.message


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("cp1252", "L’armée a déployé « 300 soldats » — selon l’état-major."),
        ("latin-1", "Le préfet a évacué 45 élèves à Saint-Étienne."),
    ],
)
def test_reader_legacy_encoding_is_read_with_a_note(make_corpus, encoding, text):
    root = make_corpus({"a.txt": text.encode(encoding)})
    [article], [note] = _read(root)
    assert article.text == text
    assert article.source.encoding == "cp1252"  # latin-1 text without C1 bytes is valid cp1252
    assert (note.level, note.path) == ("note", str(root / "a.txt"))
    assert "read as cp1252" in note.message


def test_reader_cp1252_undefined_byte_falls_back_to_latin1(make_corpus):
    raw = "Élu à 52 % des voix".encode("latin-1") + b"\x81"
    root = make_corpus({"a.txt": raw})
    [article], [note] = _read(root)
    assert article.source.encoding == "latin-1"
    assert article.text == raw.decode("latin-1")
    assert "latin-1" in note.message


def test_reader_utf16_with_bom(make_corpus):
    root = make_corpus({"a.txt": PROSE.encode("utf-16")})
    [article], [note] = _read(root)
    assert article.text == PROSE
    assert (article.source.encoding, note.level) == ("utf-16", "note")


def test_reader_mostly_utf8_with_a_corrupt_byte_stays_utf8(make_corpus):
    raw = "Élisabeth Borne a réuni à Matignon les ministres concernés. ".encode() * 3 + b"\xff fin."
    root = make_corpus({"a.txt": raw})
    [article], [note] = _read(root)
    assert article.source.encoding == "utf-8"
    assert article.text.startswith("Élisabeth Borne")
    assert article.text.count("\ufffd") == 1
    assert note.level == "warning" and "1 invalid UTF-8" in note.message


@pytest.mark.parametrize(
    "text, problem",
    [
        ("---\nsource: Libération\nLe texte sans fin de bloc, 3 morts.\n", "no closing '---'"),
        ("---\nsource: [Libération\n---\nDeux blessés graves à Lille.\n", "invalid YAML"),
        ("---\n- une\n- liste\n---\nDeux blessés graves à Lille.\n", "not a mapping"),
        ("---\ndate: 2025-13-45\nsource: Libération\n---\nDeux blessés graves à Lille.\n", "bad date"),
    ],
    ids=["unterminated", "invalid-yaml", "not-mapping", "bad-date"],
)
def test_reader_malformed_front_matter_reads_file_with_warning(make_corpus, text, problem):
    root = make_corpus({"a.md": text})
    [article], [note] = _read(root)
    assert article.text == text
    assert article.source.date is None
    assert (note.level, note.path) == ("warning", str(root / "a.md"))
    assert problem in note.message


def test_reader_bad_front_matter_date_keeps_other_metadata(make_corpus):
    root = make_corpus({"a.md": "---\ndate: 2025-13-45\nsource: Libération\n---\nDeux blessés graves à Lille.\n"})
    [article], _ = _read(root)
    assert article.source.outlet == "Libération"


def test_reader_explicit_unsupported_file_is_an_error(make_corpus):
    root = make_corpus({"a.txt": PROSE, "gold.yaml": "items: []\n"})
    articles, [note] = _read(root / "a.txt", root / "gold.yaml")
    assert len(articles) == 1
    assert (note.level, note.path) == ("error", str(root / "gold.yaml"))
    assert "unsupported file type '.yaml'" in note.message


def test_reader_same_text_twice_keeps_first_with_warning(make_corpus):
    root = make_corpus({"a.txt": PROSE + "\n", "b.md": "---\nsource: Autre\n---\n" + PROSE.replace(" ", "  ") + "\r\n"})
    articles, [note] = _read(root)
    assert [a.id for a in articles] == ["a"]
    assert (note.level, note.path) == ("warning", str(root / "b.md"))
    assert str(root / "a.txt") in note.message and "same text" in note.message


def test_reader_same_id_different_text_is_an_error(make_corpus):
    root = make_corpus({"x/art.txt": PROSE, "y/art.txt": OTHER})
    articles, [note] = _read(root)
    assert [a.source.path for a in articles] == [str(root / "x" / "art.txt")]
    assert (note.level, note.path) == ("error", str(root / "y" / "art.txt"))
    assert "'art'" in note.message and str(root / "x" / "art.txt") in note.message


def test_reader_jsonl_duplicate_id_and_text(make_corpus):
    root = make_corpus(
        {
            "c.jsonl": _jsonl(
                {"id": "a", "text": PROSE},
                {"id": "b", "text": PROSE},
                {"id": "a", "text": OTHER},
                {"id": "c", "text": THIRD},
            )
        }
    )
    articles, notes = _read(root)
    assert [a.id for a in articles] == ["a", "c"]
    assert [(n.path.rsplit(":", 1)[1], n.level) for n in notes] == [("2", "warning"), ("3", "error")]
    assert all(f"{root / 'c.jsonl'}:1 (a)" in n.message for n in notes)


def test_reader_nothing_readable_raises_with_every_problem(make_corpus, tmp_path):
    root = make_corpus({"a.txt": b"", "b.txt": b"\x00\x01"})
    with pytest.raises(InputError) as info:
        _read(root, tmp_path / "absent")
    message = str(info.value)
    assert "\n" not in message
    for part in ("a.txt: empty file", "b.txt: binary file", "absent: no such file or directory"):
        assert part in message


def test_reader_no_path_raises():
    with pytest.raises(InputError):
        read_corpus([])


def test_reader_never_writes_input(make_corpus):
    root = make_corpus(
        {
            "a.txt": PROSE.encode("cp1252"),
            "b.md": "---\nsource: [\n---\nTexte.\r\n",
            "c.jsonl": '{"id": 1}\nnot json\n',
            "d.txt": b"\x00",
            "e.txt": OTHER,
        }
    )
    before = _snapshot(root)
    stamps = {p: os.stat(p).st_mtime_ns for p in root.rglob("*")}
    read_corpus([str(root)])
    assert _snapshot(root) == before
    assert {p: os.stat(p).st_mtime_ns for p in root.rglob("*")} == stamps


def test_reader_notes_are_one_line_and_name_the_file(make_corpus):
    root = make_corpus({"ok.txt": PROSE, "bad.txt": b"\x00", "c.jsonl": 'x\n{"id": "i"}\n'})
    _, notes = _read(root)
    assert len(notes) == 3
    for note in notes:
        line = str(note)
        assert "\n" not in line
        assert line.startswith(str(root))


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"abc", ("abc", "utf-8", 0, 0)),
        ("é".encode("cp1252"), ("é", "cp1252", 0, 0)),
        (b"\x00abc", None),
        (b"", ("", "utf-8", 0, 0)),
        # UTF-8 "été" then cp1252 "élu, à": each part in its own encoding
        ("été ".encode() + "élu, à".encode("cp1252"), ("été élu, à", "utf-8+cp1252", 0, 2)),
    ],
)
def test_reader_decode(data, expected):
    assert (tuple(decode(data)) if decode(data) else None) == expected


def test_reader_input_files_include_skipped_ones(make_corpus, tmp_path):
    root = make_corpus({"a.txt": PROSE, "empty.txt": b"", "sub/c.jsonl": "x\n", "gold.yaml": "items: []\n"})
    paths = [str(root), str(root / "gold.yaml"), str(tmp_path / "absent.txt")]
    assert input_files(paths) == [
        str(root / "a.txt"),
        str(root / "empty.txt"),
        str(root / "sub" / "c.jsonl"),
        str(root / "gold.yaml"),
    ]
