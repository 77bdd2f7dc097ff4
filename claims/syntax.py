"""Language-neutral reading of a dependency parse.

Extractors ask for syntactic roles (subject, object, the preposition of a noun, the verb
that governs a word); each language's `syntax.yaml` says which labels of its spaCy model
mark them. Universal Dependencies hangs a preposition under its noun (`case`); ClearNLP
(the English models) makes the preposition the head of its object (`prep` -> `pobj`):
`preposition()` and `governor()` hide the difference.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff import lang
from claimdiff.base.errors import ConfigError
from claimdiff.base.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_VERBAL = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Syntax:
    """The dependency labels of one language, by role."""

    labels: dict[str, frozenset[str]]
    prepositions_head_objects: bool
    possessive_determiners: frozenset[str]
    genitive_prepositions: frozenset[str]
    partitive_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    light_verbs: frozenset[str]
    reflexive_forms: tuple[str, ...]
    entity_labels: dict[str, frozenset[str]]  # kind (person, organisation, place, other) -> the model's labels
    impersonal_subjects: frozenset[str] = frozenset()  # "il" of "il y a": a subject that is no one
    impersonal_clitics: frozenset[str] = frozenset()  # "y": beside such a subject, the verb is impersonal
    place_relatives: frozenset[str] = frozenset()  # "where", "où": a relative clause set in its antecedent place

    def entity_kind(self, label: str) -> str | None:
        """The kind of a named entity of the model's label `label`."""
        for kind, labels in self.entity_labels.items():
            if label in labels:
                return kind
        return None

    def has(self, token: Token, role: str) -> bool:
        """Whether `token` fills `role` ("subject", "object", "apposition"...) for its head."""
        return token.dep_ in self.labels.get(role, ())

    def preposition(self, token: Token) -> Token | None:
        """The preposition that introduces the nominal `token` ("de" in "de spectacle")."""
        if self.prepositions_head_objects:
            head = token.head
            if head is not token and self.has(head, "case") and self.has(token, "oblique"):
                return head
            return None
        for child in token.children:
            if self.has(child, "case") and child.pos_ == "ADP":
                return child
        return None

    def governor(self, token: Token) -> Token:
        """The content word `token` depends on, through its preposition if it has one."""
        head = token.head
        if self.prepositions_head_objects and head is not token and self.has(head, "case"):
            return head.head
        return head

    def dependents(self, token: Token) -> Iterator[Token]:
        """Content words that depend on `token`, through their prepositions."""
        for child in token.children:
            if self.prepositions_head_objects and self.has(child, "case"):
                yield from (c for c in child.children if self.has(c, "oblique"))
            else:
                yield child

    def verb(self, token: Token) -> Token | None:
        """The nearest verb that governs `token` (itself excluded), within its sentence."""
        seen = 0
        current = token
        while current.head is not current and seen < 12:
            current = self.governor(current) if current.head is not current else current
            if current.pos_ in _VERBAL:
                return current
            seen += 1
        return current if current.pos_ in _VERBAL and current is not token else None

    def first_conjunct(self, token: Token) -> Token:
        """The first of the series `token` is coordinated in ("jewelry" of "jewelry and
        watches"), or `token` itself: what the series says, its first member says."""
        while self.has(token, "conjunct") and token.head.i < token.i:
            token = token.head
        return token

    def subject(self, verb: Token) -> Token | None:
        """The subject of `verb`, following coordinated verbs up to a shared one; a relative
        pronoun stands for its antecedent ("Hiller, who had worked there for 15 years")."""
        for candidate in (verb, verb.head if self.has(verb, "conjunct") else None):
            if candidate is None:
                continue
            for child in candidate.children:
                if self.has(child, "subject") and child.pos_ in _NOMINAL:
                    if child.pos_ == "PRON" and self.has(candidate, "relative_clause") and candidate.head.pos_ in _NOMINAL:
                        return candidate.head
                    return child
        return None

    def modifiers(self, noun: Token) -> list[Token]:
        """Words that narrow what a noun names: adjectives, compound nouns, a genitive
        complement ("attempted murder charge", "counts of murder")."""
        found = [c for c in noun.children if self.has(c, "adjective") or (self.has(c, "compound") and c.pos_ == "NOUN")]
        # A compound's own adjectives narrow the whole ("attempted murder charge").
        found += [a for c in found if self.has(c, "compound") for a in c.children if self.has(a, "adjective")]
        found += [c for c in self.genitive_complements(noun) if c.pos_ == "NOUN" and c.i > noun.i]
        return found

    def superlative(self, noun: Token) -> bool:
        """Whether an adjective of `noun` is a superlative ("the biggest heists", "the most
        daring raids"), as the tagger's morphology says."""
        for adjective in (c for c in noun.children if self.has(c, "adjective")):
            if any("Sup" in t.morph.get("Degree") for t in (adjective, *adjective.children)):
                return True
        return False

    def genitive_complements(self, noun: Token) -> Iterator[Token]:
        """The words a genitive preposition ties to `noun` ("of the bank", "de la banque")."""
        for child in self.dependents(noun):
            prep = self.preposition(child)
            if prep is not None and fold(prep.text) in self.genitive_prepositions:
                yield child

    def reflexive_lemmas(self, verb: Token, lemma: str) -> tuple[str, ...]:
        """The ways the vocabulary may write `verb`'s lemma when it has a reflexive pronoun
        ("s'est déplacé": "se déplacer", "s'déplacer"), which often changes its sense."""
        if not any(self.has(c, "reflexive") for c in verb.children):
            return ()
        return tuple(form.format(lemma) for form in self.reflexive_forms)

    def is_impersonal(self, subject: Token) -> bool:
        """Whether a subject is the dummy one of an impersonal verb ("il y a 12 ans": no one is 12)."""
        return fold(subject.text) in self.impersonal_subjects and any(
            fold(c.text) in self.impersonal_clitics for c in subject.head.children
        )

    def is_light_verb(self, token: Token) -> bool:
        """Whether a verb says nothing by itself (copulas, "il y a", "there is")."""
        return fold(token.lemma_) in self.light_verbs

    def nominalisation_of_agent(self, noun: Token) -> Token | None:
        """The event noun an agent phrase follows ("la libération *par le régime* de 52
        prisonniers"): parsers hang the object that comes after the agent under the agent,
        so the noun just before the agent's preposition is what governs it."""
        prep = self.preposition(noun)
        if prep is None or fold(prep.text) not in self.agent_prepositions or prep.i == 0:
            return None
        before = noun.doc[prep.i - 1]
        return before if before.pos_ == "NOUN" and before.sent == noun.sent else None

    def objects(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if self.has(c, "object")]

    def possessor(self, noun: Token) -> Token | None:
        """Who `noun` belongs to: an English possessive ("Hiller's"), or a genitive complement
        ("la perte de la banque")."""
        for child in noun.children:
            if self.has(child, "possessor"):
                return child
        return next((c for c in self.genitive_complements(noun) if c.pos_ in ("PROPN", "NOUN")), None)

    def has_possessive_determiner(self, noun: Token) -> bool:
        return any(
            (self.has(c, "determiner") or self.has(c, "possessor")) and fold(c.lemma_) in self.possessive_determiners
            for c in noun.children
        )

    def adjectives(self, noun: Token) -> list[Token]:
        return [c for c in noun.children if self.has(c, "adjective")]

    def clause(self, token: Token) -> SpacySpan:
        """The clause of `token`: the subtree of its nearest clause head, bounded by its sentence."""
        current = token
        steps = 0
        while current.head is not current and not self.has(current, "clause") and steps < 20:
            current = current.head
            steps += 1
        sent = token.sent
        left, right = current.left_edge.i, current.right_edge.i + 1
        return token.doc[max(left, sent.start) : min(right, sent.end)]


@functools.cache
def syntax(code: str) -> Syntax:
    """The dependency roles of language `code`."""
    data = lang.get(code).data("syntax")
    try:
        return Syntax(
            labels={role: frozenset(str(x) for x in labels or ()) for role, labels in data["labels"].items()},
            prepositions_head_objects=bool(data["prepositions_head_objects"]),
            possessive_determiners=frozenset(fold(str(w)) for w in data.get("possessive_determiners", [])),
            genitive_prepositions=frozenset(fold(str(w)) for w in data.get("genitive_prepositions", [])),
            partitive_prepositions=frozenset(fold(str(w)) for w in data.get("partitive_prepositions", [])),
            agent_prepositions=frozenset(fold(str(w)) for w in data.get("agent_prepositions", [])),
            reflexive_forms=tuple(str(w) for w in data.get("reflexive_forms", [])),
            light_verbs=frozenset(fold(str(w)) for w in data.get("light_verbs", [])),
            entity_labels={k: frozenset(str(x) for x in v) for k, v in (data.get("entity_labels") or {}).items()},
            impersonal_subjects=frozenset(fold(str(w)) for w in data.get("impersonal_subjects", [])),
            impersonal_clitics=frozenset(fold(str(w)) for w in data.get("impersonal_clitics", [])),
            place_relatives=frozenset(fold(str(w)) for w in data.get("place_relatives", [])),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"lang/{code}/syntax.yaml: malformed ({type(exc).__name__}: {exc})") from None
