"""Sentence cues shared by the extractors: predicate, attribution, hedging, temporal status.

All offsets are normalised offsets of `Document.text`. The vocabularies are in
claims/data/predicates.yaml and claims/data/cues.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimdiff.claims import lexicon
from claimdiff.claims.document import Document
from claimdiff.claims.models import Temporal

_GROUP_ENDINGS = {
    1: r"(?:er|e|es|ent|ons|ez|é|ée|és|ées|ais|ait|aient|ions|iez|a|as|ai|âmes|èrent|erai|eras|era|erons|erez|eront"
    r"|erais|erait|erions|eriez|eraient|ant)",
    2: r"(?:ir|is|it|issons|issez|issent|i|ie|ies|issait|issaient|ira|iront|irait|iraient|issant)",
}
_WORD_EDGE_L = r"(?<![\w-])"  # after an apostrophe is fine: "s'achever", "l'a libéré"
_WORD_EDGE_R = r"(?![\w-])"


@dataclass(frozen=True)
class Predicate:
    """A predicate found near a mention."""

    lemma: str
    cls: str
    start: int
    end: int


@functools.cache
def _predicate_table() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...], int]:
    """One alternation regex with a group per form, the (lemma, class) of each group, and
    the index of the first generated verb form.

    Regex alternation takes the first alternative that matches, not the longest, so the
    written-out forms go first, longest first ("échanges commerciaux" before the verb
    "échanger"), then the generated verb forms, longest stem first.
    """
    literals: list[tuple[str, tuple[str, str]]] = []
    stems: list[tuple[str, str, tuple[str, str]]] = []
    for entry in lexicon.load("predicates"):
        meta = (entry["lemma"], entry["class"])
        if "group" in entry:
            endings = _GROUP_ENDINGS[int(entry["group"])]
            for stem in entry["stems"]:
                stems.append((stem, endings, meta))
        for key in ("forms", "nouns", "adjectives"):
            literals.extend((form, meta) for form in entry.get(key, []))
    alternatives = [
        (re.escape(form).replace(r"\ ", r"\s+"), meta)
        for form, meta in sorted(literals, key=lambda fm: (-len(fm[0]), fm[0]))
    ]
    alternatives += [
        (re.escape(stem) + endings, meta) for stem, endings, meta in sorted(stems, key=lambda s: (-len(s[0]), s[0]))
    ]
    body = "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(alternatives))
    pattern = re.compile(_WORD_EDGE_L + "(?:" + body + ")" + _WORD_EDGE_R, re.IGNORECASE)
    return pattern, tuple(meta for _, meta in alternatives), len(alternatives) - len(stems)


# A participle right after a determiner is a noun: "l'envoyé", "un arrêté", "les blessés".
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:le|la|les|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs)\s+|\bl')$", re.I)
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)$", re.I)


def predicates_in(text: str, start: int, end: int) -> list[Predicate]:
    """Every lexicon predicate in text[start:end], in order."""
    pattern, meta, first_verb = _predicate_table()
    found = []
    for m in pattern.finditer(text, start, end):
        index = int(m.lastgroup[1:])  # type: ignore[index]
        noun_use = _PARTICIPLE.search(m.group()) and _DETERMINER_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if index >= first_verb and noun_use:
            continue
        lemma, cls = meta[index]
        found.append(Predicate(lemma, cls, m.start(), m.end()))
    return found


def sentence_predicates(doc: Document, start: int, end: int) -> list[Predicate]:
    """The predicates of the sentence [start, end), computed once per document and sentence."""
    key = ("predicates", start, end)
    if key not in doc.cache:
        doc.cache[key] = predicates_in(doc.text, start, end)
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
        if _CLAUSE_BREAK.search(between):
            gap += 200
        key = (gap, after)
        if best is None or key < best[:2]:
            best = (gap, after, pred)
    return best[2] if best else None


_CLAUSE_BREAK = re.compile(r"[;:()]|\s[—–]\s|\s-\s")


@functools.cache
def _cue_patterns() -> dict:
    data = lexicon.load("cues")
    return {
        "attribution": [re.compile(p, re.IGNORECASE) for p in data["attribution"]],
        "hedging": [re.compile(p, re.IGNORECASE) for p in data["hedging"]],
        "not_hedging": frozenset(w.lower() for w in data.get("not_hedging", [])),
        "temporal": {
            Temporal(status): [re.compile(p, re.IGNORECASE) for p in patterns]
            for status, patterns in data["temporal"].items()
        },
    }


def attribution(doc: Document, pos: int) -> str | None:
    """Who the sentence around `pos` attributes its statement to ("Kremlin", "AFP"), if anyone."""
    s_start, s_end = doc.sentence_bounds(pos)
    sentence = doc.text[s_start:s_end]
    for pattern in _cue_patterns()["attribution"]:
        m = pattern.search(sentence)
        if m:
            who = m.group("who").strip(" ,.'")
            return re.sub(r"^(?:le|la|les|l')\s*", "", who, flags=re.IGNORECASE) or None
    return None


def is_hedged(doc: Document, pos: int) -> bool:
    """Whether the sentence around `pos` states things in the conditional or as unconfirmed."""
    s_start, s_end = doc.sentence_bounds(pos)
    sentence = doc.text[s_start:s_end]
    cues = _cue_patterns()
    for pattern in cues["hedging"]:
        for m in pattern.finditer(sentence):
            if m.group().lower() not in cues["not_hedging"]:
                return True
    return False


def temporal_status(doc: Document, start: int, end: int, window: int = 40) -> Temporal:
    """Whether a figure is reported, announced earlier, planned or superseded (words right around it)."""
    s_start, s_end = doc.sentence_bounds(start)
    around = doc.text[max(s_start, start - window) : min(s_end, end + window)]
    for status, patterns in _cue_patterns()["temporal"].items():
        if any(p.search(around) for p in patterns):
            return status
    return Temporal.reported
