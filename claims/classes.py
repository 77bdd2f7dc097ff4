"""Language-neutral classes of nouns and verbs: what lets two wordings of one fact meet.

"morts" / "tués" / "dead" / "killed" are all `dead`; "assister" / "attend" are `attend`.
The classes come from each language's `nouns.yaml` and `predicates.yaml`; a word no
vocabulary lists has no class and is matched by its lemma alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimdiff import lang
from claimdiff.base import lexicon
from claimdiff.base.text import fold


@dataclass(frozen=True)
class _Classes:
    nouns: dict[str, str]  # folded lemma or form -> class
    generic: frozenset[str]  # folded lemmas and forms of nouns that say little by themselves
    verbs: dict[str, str]  # folded lemma or form -> class
    self_predicate: dict[str, str]  # noun class -> the verb class it stands for
    participle_endings: tuple[str, ...]
    demonym_class: str | None
    deverbal: tuple[tuple[str, str], ...] = ()  # event-noun ending -> verb ending
    quantity_nouns: frozenset[str] = frozenset()  # nouns that only hold a figure ("number")


_compiled: dict[str, tuple[tuple[int, int], Any, _Classes]] = {}


def _classes(code: str) -> _Classes:
    language = lang.get(code)
    nouns_data, predicates = language.data("nouns"), language.data("predicates")
    held = _compiled.get(code)
    if held is not None and held[0] == (id(nouns_data), id(predicates)):
        return held[2]
    nouns: dict[str, str] = {}
    generic: set[str] = set()
    for lemma, entry in (nouns_data.get("nouns") or {}).items():
        cls = (entry or {}).get("class")
        forms = [fold(str(f)) for f in [lemma, *(entry or {}).get("forms", [])]]
        if cls:
            for form in forms:
                nouns.setdefault(form, str(cls))
        if (entry or {}).get("generic"):
            generic.update(forms)
    verbs: dict[str, str] = {}
    for entry in predicates or []:
        cls = entry.get("class")
        if not cls:
            continue
        for form in [entry["lemma"], *entry.get("forms", []), *entry.get("nouns", []), *entry.get("adjectives", [])]:
            verbs.setdefault(fold(str(form)), str(cls))
    events = {str(k): str(v) for k, v in (nouns_data.get("event_of_class") or {}).items()}
    endings = tuple(str(e) for e in nouns_data.get("not_noun_endings", []))
    deverbal = tuple((fold(str(a)), fold(str(b))) for a, b in nouns_data.get("deverbal_suffixes") or ())
    quantity = frozenset(fold(str(w)) for w in nouns_data.get("quantity_nouns") or ())
    built = _Classes(nouns, frozenset(generic), verbs, events, endings, nouns_data.get("demonym_class"), deverbal, quantity)
    _compiled[code] = ((id(nouns_data), id(predicates)), (nouns_data, predicates), built)
    return built


def noun_class(code: str, *words: str | None) -> str | None:
    """The class of the first of `words` (lemma, written form) that the noun vocabulary lists."""
    table = _classes(code).nouns
    for word in words:
        if word:
            cls = table.get(fold(word))
            if cls:
                return cls
    return None


def verb_class(code: str, *words: str | None) -> str | None:
    """The class of the first of `words` (lemma, written form) that the predicate vocabulary
    lists, directly or as the verb an event noun is made from ("l'annonce": annoncer)."""
    classes = _classes(code)
    table = classes.verbs
    for word in words:
        if word:
            cls = table.get(fold(word))
            if cls:
                return cls
    for word in words:
        folded = fold(word) if word else ""
        for ending, verb_ending in classes.deverbal:
            stem = folded[: -len(ending)] if folded.endswith(ending) else None
            if stem is not None and len(stem) >= 3 and (cls := table.get(stem + verb_ending)):
                return cls
    return None


def event_of(code: str, cls: str | None) -> str | None:
    """The verb class a noun of class `cls` stands for ("4 morts", "23 blessés": kill, wound)."""
    return _classes(code).self_predicate.get(cls) if cls is not None else None


def participants_of(code: str, verb_class: str | None) -> str | None:
    """The noun class of those an event befalls ("wounding two others": wounded), the
    inverse of `event_of`."""
    if verb_class is None:
        return None
    return next((noun for noun, verb in sorted(_classes(code).self_predicate.items()) if verb == verb_class), None)


def befallen_class(code: str, head_class: str | None, generic: bool, verb_class: str | None) -> str | None:
    """The class of a head that says little by itself, from what its verb befalls it:
    "12 people were killed", "wounding two others", "31 were injured" -> the dead, the wounded."""
    if head_class is None or generic:
        return participants_of(code, verb_class) or head_class
    return head_class


def looks_like_participle(code: str, word: str, lemma: str | None = None) -> bool:
    """Whether an unlisted word after a figure is more likely a participle than a noun
    ("13 000 annoncés"): taggers often read them as nouns."""
    if noun_class(code, word, lemma) is not None:
        return False
    return word.lower().endswith(_classes(code).participle_endings)


def demonym_class(code: str) -> str | None:
    """The class of a demonym used as a noun ("1500 Français"): people, in the vocabularies."""
    return _classes(code).demonym_class


def is_quantity_noun(code: str, *words: str | None) -> bool:
    """Whether a noun only holds a figure of what its complement names ("the number of
    dead", "le bilan des victimes"), by its lemma or form."""
    return _listed(_classes(code).quantity_nouns, words)


def is_generic(code: str, *words: str | None) -> bool:
    """Whether a noun says little by itself ("people", "personnes"), by its lemma or form."""
    return _listed(_classes(code).generic, words)


def _listed(table: frozenset[str], words: tuple[str | None, ...]) -> bool:
    return any(word and fold(word) in table for word in words)


_counting_read: dict[str, tuple[Any, frozenset[str]]] = {}


def _counting(key: str) -> frozenset[str]:
    """A list of verb classes of claims/data/counting.yaml (language-neutral), read again
    when the lexicon data changes (user lexicon directories)."""
    data = lexicon.load("counting", package="claimdiff.claims")
    held = _counting_read.get(key)
    if held is None or held[0] is not data:
        held = _counting_read[key] = (data, frozenset(str(c) for c in data.get(key) or []))
    return held[1]


def event_subject_classes() -> frozenset[str]:
    """Verb classes whose subject is the event a date or a time is of."""
    return _counting("event_subject_classes")


def occurrence_classes() -> frozenset[str]:
    """Verb classes that only say an event took place; the event is their subject."""
    return _counting("occurrence_classes")


def aspect_classes() -> frozenset[str]:
    """Verb classes that say when something began or ended, not what a figure counts."""
    return _counting("aspect_classes")


def nounless_event_classes() -> frozenset[str]:
    """Verb classes beside which a figure without a noun still counts something ("killing two")."""
    return _counting("nounless_events")
