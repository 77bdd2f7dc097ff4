"""Fuzzing `claimdiff check` over article text and front matter (Hypothesis).

Whatever the articles say, a run ends with an exit code in {0, 1, 2}, no traceback, one
line per message on stderr, and every evidence entry quotes its file exactly:
`text == file_text[start:end]`. The fast fuzzer stubs extraction and shakes the reader
(bytes, encodings, front matter); the slow one runs the whole pipeline.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimdiff.corpus.reader import decode

FRAGMENTS = [
    "Le préfet a annoncé mardi l'envoi de 300 gendarmes à Ajaccio.",
    "Des représentants d'une vingtaine de pays ont assisté à l'exercice Zapad-2025.",
    "Des représentants de 17 pays étaient présents, selon Minsk.",
    "Le colonel américain Bryan Shoup a salué l'invitation.",
    "Le colonel Bryan Shoupe a été reçu vendredi 12 septembre 2025.",
    "Alexandre Loukachenko a rencontré Vladimir Poutine le 19 décembre 2022.",
    "Près de 2 000 personnes ont manifesté samedi à Rennes, selon la police.",
    "Au moins deux officiers américains, environ 100 000 manifestants, moins de 50 blessés.",
    "PARIS (AFP) -",
    "(Reuters)",
    "hier, mardi 16,",
    "la Pologne, la Lituanie et la Lettonie",
    "trois pays : la France, l'Allemagne et l'Italie",
    "<!-- claimdiff: ignore CD201 -- chiffre confirmé -->",
    "<!-- claimdiff: ignore CD201 -->",
    "claimdiff: ignore name-variant -- orthographe du ministère",
    "\n\n",
    "\r\n",
    "\r",
    "« ",
    " »",
    "\u00a0",
    "\u202f",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "—",
    "…",
    "🇫🇷",
    "ﬁ",
    "ß",
    "İ",
    "e\u0301",
]

_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=25).map(" ".join)
_values = st.one_of(
    st.sampled_from(
        ["2025-09-15", "20250915", "2025-02-30", "fr", "en", "xx", "[a, b]", "{x: 1}", "&a x", "*a", "'", "!!binary x", "~"]
    ),
    st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=15),
)
_keys = st.sampled_from(["source", "outlet", "date", "published", "title", "language", "lang", "url", "author", "date"])
_front = st.one_of(
    st.just(""),
    st.lists(st.tuples(_keys, _values), max_size=6).map(
        lambda kv: "---\n" + "".join(f"{k}: {v}\n" for k, v in kv) + "---\n"
    ),
    st.sampled_from([" date 2025-09-15 ", " date 2025-13-45 ", "---\ntitle: x\n", "---\n---\n"]),
)
_article = st.tuples(_front, _text).map("".join)
_encoded = st.one_of(
    _article.map(lambda t: t.encode("utf-8")),
    _article.map(lambda t: t.encode("cp1252", errors="replace")),
    st.tuples(_article, _article).map(lambda p: p[0].encode() + p[1].encode("cp1252", errors="replace")),
    _article.map(lambda t: t.encode("utf-16")),
    st.binary(max_size=200),
)
_corpus = st.lists(st.tuples(st.sampled_from([".md", ".txt"]), _encoded), min_size=1, max_size=3)


def _file_text(data: bytes, encoding: str) -> str:
    if encoding in ("utf-8", "cp1252", "latin-1", "utf-16"):
        return data.decode(encoding, errors="replace" if encoding == "utf-8" else "strict")
    decoded = decode(data)  # mixed UTF-8 and cp1252: decoded piece by piece, as the reader does
    assert decoded is not None
    return decoded.text


def _run(cli, files: list[tuple[str, bytes]], *extra: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        paths = {}
        for i, (suffix, data) in enumerate(files):
            path = root / f"a{i}{suffix}"
            path.write_bytes(data)
            paths[str(path)] = data
        run = cli("check", root, "--format", "json", "--no-cache", *extra)
        assert run.code in (0, 1, 2), run.err
        assert "Traceback" not in run.err and "internal error" not in run.err, run.err
        assert all(line.startswith("claimdiff: ") for line in run.err.splitlines()), run.err
        if not run.out:
            assert run.code == 2  # nothing could be read: one error line, no report
            return
        report = json.loads(run.out)
        sources = {s["id"]: s for s in report["sources"]}
        texts = {sid: _file_text(paths[s["path"]], s["encoding"]) for sid, s in sources.items()}
        for finding in report["findings"]:
            for ev in finding["evidence"]:
                assert texts[ev["source"]][ev["start"] : ev["end"]] == ev["text"], (finding["rule"], ev)
        assert {path for path in paths if Path(path).read_bytes() != paths[path]} == set()  # inputs untouched
    finally:
        shutil.rmtree(root, ignore_errors=True)


_SETTINGS = dict(
    deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@settings(max_examples=150, **_SETTINGS)
@given(files=_corpus)
def test_fuzz_reader_through_the_cli(cli, no_extraction, files):
    _run(cli, files)


@pytest.mark.slow
@settings(max_examples=40, **_SETTINGS)
@given(files=_corpus)
# Found by this fuzzer: "¹" passes str.isdigit() and fails int() (a list's stated count).
@example(files=[(".md", "\x0b?¹\x86 la Pologne, la Lituanie et la Lettonie".encode())])
def test_fuzz_whole_pipeline_through_the_cli(cli, files):
    _run(cli, files, "--fail-on", "info")
