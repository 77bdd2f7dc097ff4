"""Sentence cues shared by the extractors: predicate, attribution, hedging, temporal status.

All offsets are normalised offsets of `Document.text`. The vocabularies are in
claims/data/predicates.yaml and claims/data/cues.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimdiff import lang
from claimdiff.base.text import fold
from claimdiff.claims.document import Document
from claimdiff.claims.models import Temporal

_WORD = re.compile(r"\w+(?:-\w+)*")
_JOINER = re.compile(r"[\s']+")  # what may stand between the words of a multi-word form


@dataclass(frozen=True)
class Predicate:
    """A predicate found near a mention."""

    lemma: str
    cls: str
    start: int
    end: int


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    lemma: str
    cls: str
    generated: bool  # an inflection generated from a stem, not a form written in the lexicon


@functools.cache
def _predicate_table(code: str) -> dict[str, tuple[_Form, ...]]:
    """First word (lower case) -> the forms that start with it, longest first.

    Looking words up in a table keeps the scan linear in the text; the longest form wins
    ("échanges commerciaux" over the verb "échanger"), a written form over a generated one.
    """
    table: dict[str, list[_Form]] = {}

    def add(text: str, lemma: str, cls: str, generated: bool) -> None:
        words = tuple(w.lower() for w in _WORD.findall(text))
        if words:
            table.setdefault(words[0], []).append(_Form(words, lemma, cls, generated))

    for entry in lang.get(code).data("predicates"):
        lemma, cls = entry["lemma"], entry["class"]
        if "group" in entry:
            for stem in entry["stems"]:
                for ending in _grammar(code)["verb_endings"][int(entry["group"])]:
                    add(stem + ending, lemma, cls, True)
        for key in ("forms", "nouns", "adjectives"):
            for form in entry.get(key, []):
                add(form, lemma, cls, False)
    return {
        first: tuple(sorted(set(forms), key=lambda f: (-len(f.words), f.generated, f.lemma)))
        for first, forms in table.items()
    }


@functools.cache
def _grammar(code: str) -> dict:
    """The grammar words of cues.yaml, with the patterns built from them."""
    data = lang.get(code).data("cues")["grammar"]
    words = [re.escape(w) for w in data["determiners"] if not w.endswith("'")]
    elided = [re.escape(w) for w in data["determiners"] if w.endswith("'")]
    conjunctions = "|".join(re.escape(w) for w in sorted(data["clause_conjunctions"], key=len, reverse=True))
    return {
        "verb_endings": {int(k): list(v) for k, v in (data.get("verb_endings") or {}).items()},
        # A participle right after a determiner is a noun: "l'envoyé", "un arrêté".
        "determiner_before": re.compile(rf"(?:\b(?:{'|'.join(words)})\s+|\b(?:{'|'.join(elided)}))$", re.I),
        "participle": re.compile(rf"(?:{'|'.join(sorted(data['participle_endings'], key=len, reverse=True))})$", re.I),
        # Strong punctuation, dashes, and a comma before a coordinating conjunction separate clauses.
        "clause_break": re.compile(rf"[;:()]|\s[—–]\s|\s-\s|,\s*(?:{conjunctions})\s", re.I),
    }


def predicates_in(text: str, start: int, end: int, code: str) -> list[Predicate]:
    """Every lexicon predicate of language `code` in text[start:end], in order."""
    table = _predicate_table(code)
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, end)]
    found: list[Predicate] = []
    i = 0
    while i < len(tokens):
        form = _form_at(text, tokens, i, table.get(tokens[i][2], ()), code)
        if form is None:
            i += 1
            continue
        last = tokens[i + len(form.words) - 1]
        found.append(Predicate(form.lemma, form.cls, tokens[i][0], last[1]))
        i += len(form.words)
    return found


def _form_at(text: str, tokens: list[tuple[int, int, str]], i: int, forms: tuple[_Form, ...], code: str) -> _Form | None:
    for form in forms:
        n = len(form.words)
        window = tokens[i : i + n]
        if len(window) < n or any(w[2] != f for w, f in zip(window, form.words)):
            continue
        if any(not _JOINER.fullmatch(text, a[1], b[0]) for a, b in zip(window, window[1:])):
            continue
        start = window[0][0]
        grammar = _grammar(code)
        noun_use = grammar["participle"].search(form.words[-1]) and grammar["determiner_before"].search(
            text, max(0, start - 8), start
        )
        if form.generated and noun_use:
            continue
        return form
    return None


def sentence_predicates(doc: Document, start: int, end: int) -> list[Predicate]:
    """The predicates of the sentence [start, end), computed once per document and sentence."""
    key = ("predicates", start, end)
    if key not in doc.cache:
        doc.cache[key] = predicates_in(doc.text, start, end, doc.lang.code)
    return doc.cache[key]


#: Beyond this many characters a word does not govern a mention, however long the sentence
#: (tables and lists without punctuation make run-on "sentences").
REACH = 400


def find_predicate(
    doc: Document,
    start: int,
    end: int,
    classes: frozenset[str] | None = None,
    skip: Callable[[Predicate], bool] | None = None,
) -> Predicate | None:
    """The predicate nearest to the mention [start, end) within its clause.

    The clause is the sentence cut at strong punctuation (; : — and parentheses) that lies
    between the predicate and the mention; among predicates of `classes` (all when None)
    that `skip` does not reject, the closest in characters wins, a following one winning
    ties (French subjects precede verbs).
    """
    s_start, s_end = doc.sentence_bounds(start)
    low, high = max(s_start, start - REACH), min(s_end, end + REACH)
    best: tuple[int, int, Predicate] | None = None
    for pred in sentence_predicates(doc, s_start, s_end):
        if pred.start < low or pred.end > high:
            continue
        if (classes is not None and pred.cls not in classes) or (skip is not None and skip(pred)):
            continue
        if pred.end <= start:
            gap, after = start - pred.end, 1
            between = doc.text[pred.end : start]
        elif pred.start >= end:
            gap, after = pred.start - end, 0
            between = doc.text[end : pred.start]
        else:
            continue  # the mention itself
        if _grammar(doc.lang.code)["clause_break"].search(between):
            gap += 200
        key = (gap, after)
        if best is None or key < best[:2]:
            best = (gap, after, pred)
    return best[2] if best else None


@functools.cache
def _cue_patterns(code: str) -> dict:
    data = lang.get(code).data("cues")
    return {
        "attribution": [re.compile(p, re.IGNORECASE) for p in data["attribution"]],
        "hedging": [re.compile(p, re.IGNORECASE) for p in data["hedging"]],
        "not_hedging": frozenset(w.lower() for w in data.get("not_hedging", [])),
        "not_parties": frozenset(fold(str(w)) for w in data.get("not_parties", [])),
        # Articles stripped from the front of an attribution ("la préfecture" -> "préfecture").
        "article": re.compile(
            r"^(?:" + "|".join(re.escape(a) for a in data["grammar"].get("articles", [])) + r")(?:\s+|(?<='))", re.IGNORECASE
        )
        if data["grammar"].get("articles")
        else re.compile(r"(?!)"),
        "temporal": {
            Temporal(status): [re.compile(p, re.IGNORECASE) for p in patterns]
            for status, patterns in data["temporal"].items()
        },
    }


def attribution(doc: Document, pos: int) -> str | None:
    """Who the sentence attributes the statement at `pos` to ("Kremlin", "AFP"), if anyone.

    When a sentence cites several sources ("24 000 selon la préfecture, 100 000 selon la
    CGT"), one that follows in the same clause wins (French puts it after the figure), else
    the nearest one.
    """
    s_start, s_end = doc.sentence_bounds(pos)
    best: tuple[int, int, str] | None = None
    for pattern in _cue_patterns(doc.lang.code)["attribution"]:
        for m in pattern.finditer(doc.text, s_start, s_end):
            who = _cue_patterns(doc.lang.code)["article"].sub("", m.group("who").strip(" ,.'"))
            if not who or fold(who.split()[0]) in _cue_patterns(doc.lang.code)["not_parties"]:
                continue  # "selon un décompte publié jeudi": a document, not a party to the story
            if m.start() >= pos:
                same_clause = not re.search(r"[,;:]", doc.text[pos : m.start()])
                candidate = (0 if same_clause else 1, m.start() - pos, who)
            else:
                candidate = (1, pos - m.end(), who)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def is_hedged(doc: Document, pos: int) -> bool:
    """Whether the sentence around `pos` states things in the conditional or as unconfirmed."""
    s_start, s_end = doc.sentence_bounds(pos)
    sentence = doc.text[s_start:s_end]
    cues = _cue_patterns(doc.lang.code)
    for pattern in cues["hedging"]:
        for m in pattern.finditer(sentence):
            if m.group().lower() not in cues["not_hedging"]:
                return True
    return False


_SEGMENT_ENDS = ",;:()"


def temporal_status(doc: Document, start: int, end: int, window: int = 40) -> Temporal:
    """Whether a figure is reported, announced earlier, planned or superseded (words right around it)."""
    s_start, s_end = doc.sentence_bounds(start)
    # Only the figure's own stretch between punctuation: in "qui emploie 260 salariés,
    # devrait fermer" the plan is the plant's closure, not the 260.
    low, high = max(s_start, start - window), min(s_end, end + window)
    before, after = doc.text[low:start], doc.text[end:high]
    cut = max(before.rfind(c) for c in _SEGMENT_ENDS)
    stop = min((i for i in (after.find(c) for c in _SEGMENT_ENDS) if i >= 0), default=len(after))
    around = doc.text[low + cut + 1 if cut >= 0 else low : end + stop]
    for status, patterns in _cue_patterns(doc.lang.code)["temporal"].items():
        if any(p.search(around) for p in patterns):
            return status
    return Temporal.reported
