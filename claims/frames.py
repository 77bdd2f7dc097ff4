"""Claim frames from the parse: what a figure, date or time is about.

For the words of a claim and the noun it counts or the event it dates (its *head*), read
from the dependency parse of its sentence: the head's lemma and class, its adjectives and
nationality, the governing verb, the entity the claim belongs to (an apposition, a
possessor, the verb's subject or object, else the nearest entity of the clause), and its
scope: a part of a total, a running total, a place that bounds it, another time it is tied
to. The result is a `Frame` (claims/models.py); alignment matches frames and never reads
the text again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff.base.text import fold
from claimdiff.claims import classes, places
from claimdiff.claims.document import Document
from claimdiff.claims.models import DateClaim, EntityClaim, EntityType, Frame, PersonClaim
from claimdiff.claims.syntax import Syntax, syntax

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
#: A verb this many tokens from a claim may be its verb when the parse gives it none.
_NEAR_VERB = 4
#: At most this many context lemmas per claim: the clause's words, not a document summary.
CONTEXT_SIZE = 24


@dataclass(frozen=True)
class _Mention:
    start: int  # normalised offsets
    end: int
    key: str
    person: bool


class FrameReader:
    """Reads frames for the claims of one document (built once per document)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.code = doc.lang.code
        self.parsed: SpacyDoc = doc.spacy_doc
        self.syn: Syntax = syntax(self.code)
        scope = doc.lang.data("scope")
        self._subset = _phrases(scope.get("subset_before", []), at_end=True)
        self._cumulative = _phrases(scope.get("cumulative", []))
        self._locative = frozenset(fold(str(w)) for w in scope.get("locative_prepositions", []))
        self._other = frozenset(fold(str(w)) for w in scope.get("other_words", []))
        self._earlier = frozenset(fold(str(w)) for w in scope.get("earlier_occasion", []))
        self._later = frozenset(fold(str(w)) for w in scope.get("later_occasion", []))
        self._stop = frozenset(fold(str(w)) for w in scope.get("not_context", []))
        mentions = []
        for claim in [*doc.people, *doc.entities]:
            start, end = doc.norm.from_original(claim.span.start, claim.span.end)
            mentions.append(_Mention(start, end, _key(claim), isinstance(claim, PersonClaim)))
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._mentions]
        self._dates: list[tuple[int, int, str]] = []

    def set_dates(self, dates: Iterable[DateClaim]) -> None:
        """The document's dates, which tie figures of their clause to another time."""
        out = []
        for d in dates:
            if d.start is None or d.end is None:
                continue
            start, end = self.doc.norm.from_original(d.span.start, d.span.end)
            out.append((start, end, _when(d)))
        self._dates = sorted(out)

    # ------------------------------------------------------------------------ tokens

    def tokens(self, start: int, end: int) -> SpacySpan | None:
        """The tokens covering normalised offsets [start, end)."""
        return self.parsed.char_span(start, end, alignment_mode="expand")

    def mention_at(self, token: Token) -> _Mention | None:
        """The person or entity mention that covers `token`, if any."""
        i = bisect.bisect_right(self._starts, token.idx) - 1
        while i >= 0 and self._mentions[i].end > token.idx:
            m = self._mentions[i]
            if m.start <= token.idx < m.end:
                return m
            i -= 1
        return None

    def entity_of(self, token: Token | None) -> _Mention | None:
        """The mention `token` belongs to, through compounds and flat names ("Crédit Agricole")."""
        if token is None:
            return None
        found = self.mention_at(token)
        if found is not None:
            return found
        for child in token.children:
            if self.syn.has(child, "compound"):
                found = self.mention_at(child)
                if found is not None:
                    return found
        return None

    # ------------------------------------------------------------------------ frame

    def frame(
        self, span: SpacySpan, head: Token | None, *, part: str | None = None, event_subject: bool = False, measured: bool = False
    ) -> Frame:
        """The frame of a claim whose words are `span` and whose head noun is `head`; with
        `event_subject` (dates and times), the common noun subject of a verb that says an
        event started, ended or took place is its head ("le défilé a débuté à 10h00"). A
        `measured` head is what a measure is of: the measure's own clause still gives the
        verb ("le show, qui a duré 20 minutes, était signé X": durer)."""
        focus = head if head is not None and not measured else span.root
        verb = self.syn.verb(focus)
        if verb is not None and verb.i in range(span.start, span.end):
            verb = None  # a participle inside the claim ("tués") is its head, not its verb
        head_lemma = lemma(head) if head is not None else None
        head_class = classes.noun_class(self.code, head_lemma, head.text if head is not None else None) if head is not None else None
        nationality = self._nationality(head)
        if head is not None and head_class is None:
            demonym = places.country_of_demonym(self.code, head.text)
            if demonym is not None:  # "1500 Français", "two Americans": people of a nationality
                head_class, nationality = classes.demonym_class(self.code), demonym
        verb_lemma, verb_class = self._predicate(focus, span)
        if verb_lemma is None and verb is not None:
            verb_lemma = lemma(verb)
        generic = head is not None and classes.is_generic(self.code, head_lemma, head.text)
        head_class = classes.befallen_class(self.code, head_class, generic, verb_class)
        head_event = False
        if head is not None and classes.event_of(self.code, head_class):
            verb_class = classes.event_of(self.code, head_class)  # "23 blessés": the noun says what happened
        elif head is not None and head_class is None and (verb_class is None or verb_lemma == head_lemma):
            # An event noun measured by the figure says what happened ("la perte de 695
            # millions"), whether or not the predicate search stopped at it.
            verb_class = classes.verb_class(self.code, head_lemma, head.text)
            head_event = verb_class is not None
        modifiers = self._modifiers(head, span) if head is not None else ()
        anchor, role = self._anchor(span, head, verb)
        clause = self.syn.clause(focus)
        if event_subject and head is None and verb is not None and verb_class in classes.event_subject_classes():
            subject = self.syn.subject(verb)
            if subject is None and self.syn.has(verb, "relative_clause") and verb.head.pos_ == "NOUN":
                subject = verb.head  # "la cérémonie, commencée à 19 h 45": the noun the participle describes
            if subject is not None and subject.pos_ == "PRON" and self.syn.has(verb, "conjunct"):
                # "La cérémonie a commencé à 19 h 30 et elle s'est terminée à 22 h 20": the
                # pronoun stands for the subject of the first verb.
                subject = self.syn.subject(self.syn.first_conjunct(verb))
            elif subject is not None and subject.pos_ == "PRON" and verb.sent.start > 0:
                # "La cérémonie s'est déroulée vendredi. Elle a commencé à 20h15": the
                # pronoun stands for the subject of the sentence before.
                before = self.parsed[verb.sent.start - 1].sent
                root = before.root
                subject = self.syn.subject(root) if root.pos_ in ("VERB", "AUX") else None
            if subject is not None and subject.pos_ == "NOUN" and not (span.start <= subject.i < span.end):
                head_lemma = lemma(subject)
                head_class = classes.noun_class(self.code, head_lemma, subject.text)
                modifiers = self._modifiers(subject, span)
        return Frame(
            head=head_lemma,
            head_class=head_class,
            head_generic=generic,
            head_event=head_event,
            verb=verb_lemma,
            verb_class=verb_class,
            anchor=anchor,
            anchor_role=role,
            modifiers=modifiers,
            nationality=nationality,
            part=part or self._part(span, head, modifiers),
            cumulative=self._cumulative_in(clause),
            place=self._place(span.root, head, verb) or self._relative_place(clause),
            when=self._when_in(clause, span, focus)
            or self._when_in(self._governing_clause(clause), span, focus)
            or self._antecedent_when(clause),
            occasion=self._occasion(clause),
            entities=self._entities(clause, span),
            participants=self._participants(verb, span, head),
            context=self._context(clause, span, own_words=not measured and not event_subject),
        )

    def _predicate(self, focus: Token, span: SpacySpan) -> tuple[str | None, str | None]:
        """The nearest word governing the claim that the predicate vocabulary lists: a verb,
        an event noun or an adjective ("la libération de 52 prisonniers", "voisine de trois
        pays"), with its class."""
        for child in focus.children:
            # A participle after the head says what the figure is about ("1 200 secouristes
            # mobilisés"); a relative clause only describes them ("seven people who had locked
            # themselves in" were freed).
            if (
                self.syn.has(child, "relative_clause")
                and child.pos_ == "VERB"
                and "Fin" not in child.morph.get("VerbForm")  # a participle, not "qui ont ..."
                and child.i > focus.i
                and not self.syn.is_light_verb(child)
                and all(self.syn.has(t, "adjective") and t.head is focus for t in focus.doc[focus.i + 1 : child.left_edge.i])
            ):
                return lemma(child), classes.verb_class(self.code, lemma(child), child.text)
        current = focus
        for _ in range(8):
            if current.head is current:
                break
            current = self.syn.nominalisation_of_agent(current) or current.head
            if current.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and not (span.start <= current.i < span.end):
                if self.mention_at(current) is not None:
                    continue  # a word of a name ("Le Nouvel Observateur") is not a predicate
                found = self._listed_predicate(current, span)
                if found is not None and found[1] in classes.occurrence_classes():
                    found = self._event_subject(current) or found  # "the shooting happened"
                if found is not None:
                    return found
                if current.pos_ == "VERB" and not self.syn.is_light_verb(current):
                    # The claim's own verb, listed or not: a verb further up says what
                    # the speaker did ("a été interpellée"), not what the claim is about.
                    return lemma(current), None
                complement = self._complement_verb(current)
                if complement is not None:
                    return self._listed_predicate(complement, span) or (lemma(complement), None)
        # A parse that hangs the verb under a noun ("des représentants ... assistent" read as
        # a noun and its clause): the nearest classed verb of the sentence, close by.
        sent = focus.sent
        nearby = sorted(
            (t for t in sent if t.pos_ == "VERB" and abs(t.i - focus.i) <= _NEAR_VERB and not (span.start <= t.i < span.end)),
            key=lambda t: (abs(t.i - focus.i), t.i),
        )
        for token in nearby:
            cls = classes.verb_class(self.code, lemma(token), token.text)
            if cls is not None:
                return lemma(token), cls
        return None, None

    def _complement_verb(self, token: Token) -> Token | None:
        """The verb a modal or light verb governs: "4 000 personnes ont dû quitter leur
        logement" is about leaving, not about having to."""
        if not (token.pos_ in ("VERB", "AUX") and self.syn.is_light_verb(token)):
            return None
        return next((c for c in token.children if self.syn.has(c, "complement_clause") and c.pos_ == "VERB"), None)

    def _listed_predicate(self, token: Token, span: SpacySpan) -> tuple[str, str] | None:
        """(lemma, class) of a word the predicate vocabulary lists, read as a support verb
        with its bare noun ("take place", "prendre fin"), a reflexive verb ("se déplacer"),
        itself, or an unlisted verb's event noun argument ("carried out a robbery")."""
        if token.pos_ == "VERB" and (support := self._support_construction(token)) is not None:
            return support
        for reflexive in self.syn.reflexive_lemmas(token, token.lemma_):
            if (cls := classes.verb_class(self.code, reflexive)) is not None:
                return fold(reflexive), cls
        cls = classes.verb_class(self.code, lemma(token), token.text)
        if cls is None and token.pos_ == "VERB":
            return self._event_argument(token, span)
        return (lemma(token), cls) if cls is not None else None

    def _event_subject(self, verb: Token) -> tuple[str, str] | None:
        """The event noun a verb of occurrence says took place ("the shooting happened")."""
        subject = self.syn.subject(verb)
        if subject is None or subject.pos_ != "NOUN":
            return None
        cls = classes.verb_class(self.code, lemma(subject), subject.text)
        return (lemma(subject), cls) if cls is not None else None

    def _support_construction(self, verb: Token) -> tuple[str, str] | None:
        """A verb whose bare object noun carries the predicate ("prendre fin", "prendre
        part", "take part"), or an idiom the vocabulary lists with its article ("trouver la
        mort"): the pair's lemma, with its class."""
        for obj in self.syn.objects(verb):
            determiners = [c for c in obj.children if self.syn.has(c, "determiner")]
            if obj.pos_ != "NOUN" or any(self.syn.has(c, "number") for c in obj.children):
                continue
            if not determiners and obj.i == verb.i + 1:
                pair = f"{lemma(verb)} {lemma(obj)}"
                cls = classes.verb_class(self.code, pair, f"{verb.text} {obj.text}", lemma(obj), obj.text)
            elif len(determiners) == 1 and determiners[0].i == verb.i + 1 and obj.i == verb.i + 2:
                # An idiom with its article, as the vocabulary lists it ("trouver la mort").
                det = determiners[0].text.lower()
                pair = f"{lemma(verb)} {det} {lemma(obj)}"
                cls = classes.verb_class(self.code, pair, f"{verb.text} {det} {obj.text}")
            else:
                continue
            if cls is not None:
                return pair, cls
        return None

    def _event_argument(self, verb: Token, span: SpacySpan) -> tuple[str, str] | None:
        """The event noun object, else subject, of a verb the vocabulary does not list,
        outside the claim's words `span`: "carried out a robbery", "a mené une attaque", "le
        coût de la cérémonie s'élève à 15 millions" say what happened by their noun;
        "liquider d'ici la fin de l'année" does not."""
        subject = self.syn.subject(verb)
        for noun in (*self.syn.objects(verb), *((subject,) if subject is not None else ())):
            if span.start <= noun.i < span.end:
                continue
            if noun.pos_ == "NOUN" and not any(self.syn.has(c, "number") for c in noun.children):
                cls = classes.verb_class(self.code, lemma(noun), noun.text)
                if cls is not None:
                    return lemma(noun), cls
        return None

    def _anchor(self, span: SpacySpan, head: Token | None, verb: Token | None) -> tuple[str | None, str | None]:
        syn = self.syn
        focus = head if head is not None else span.root
        # "Naïma, 34 ans", "Yvonne Hiller, 43", "un homme de 30 ans": the claim describes its governor.
        if syn.has(focus, "apposition") or syn.has(focus, "noun_modifier"):
            owner = self.entity_of(syn.governor(focus))
            if owner is not None:
                return owner.key, "apposition"
        if head is not None:
            owner = self.entity_of(syn.possessor(head))
            if owner is not None:
                return owner.key, "possessor"
        if verb is not None:
            subject = syn.subject(verb)
            if subject is not None and subject.i not in range(span.start, span.end):
                owner = self.entity_of(subject)
                if owner is not None:
                    return owner.key, "subject"
            for obj in syn.objects(verb):
                if obj.i not in range(span.start, span.end):
                    owner = self.entity_of(obj)
                    if owner is not None:
                        return owner.key, "object"
        clause = syn.clause(focus)
        nearest: tuple[int, _Mention] | None = None
        for token in clause:
            if span.start <= token.i < span.end:
                continue
            m = self.mention_at(token)
            if m is None or (nearest is not None and abs(token.i - focus.i) >= nearest[0]):
                continue
            if not self._outside_claim(token, clause, focus):
                nearest = (abs(token.i - focus.i), m)
        return (nearest[1].key, "clause") if nearest else (None, None)

    def _nationality(self, head: Token | None) -> str | None:
        """The country of a demonym on the head ("officiers américains", "US soldiers")."""
        if head is None:
            return None
        for adj in [*self.syn.adjectives(head), *(c for c in head.children if self.syn.has(c, "compound"))]:
            m = self.mention_at(adj)
            if m is not None and not m.person and len(m.key) == 2:
                return m.key  # demonyms resolve to the country's ISO code
            code = places.country_of_demonym(self.code, adj.text)
            if code:
                return code
        return None

    def _part(self, span: SpacySpan, head: Token | None, modifiers: tuple[str, ...]) -> str | None:
        """ "subset" for a part stated beside its total ("dont"), "rest" for what is left of a
        total besides a part ("quatre autres enfants"); None otherwise."""
        text = self.doc.text
        s_start = span.sent.start_char
        # A conjunct is a part when the first of its series is: "including 2,300 in Germany
        # and 800 in Britain", "dont 24 à Paris et 30 à Lyon".
        first = self.syn.first_conjunct(span.root)
        for start in (span.start_char, first.left_edge.idx):
            if self._subset.search(fold(text[max(s_start, start - 30) : start])):
                return "subset"
        if any(m in self._other for m in modifiers) or any(fold(t.lemma_) in self._other for t in span):
            return "rest"
        return None

    def _cumulative_in(self, clause: SpacySpan) -> bool:
        return bool(self._cumulative.search(fold(clause.text)))

    def _place(self, *owners: Token | None) -> str | None:
        """A place a locative preposition ties to the figure, its head or its verb, the
        nearest first ("including 2,300 in Germany", "24 000 manifestants à Lyon")."""
        for owner in owners:
            if owner is None:
                continue
            for child in self.syn.dependents(owner):
                prep = self.syn.preposition(child)
                if prep is None or fold(prep.text) not in self._locative:
                    continue
                key = _place_key(self.entity_of(child))
                if key is not None:
                    return key
        return None

    def _relative_place(self, clause: SpacySpan) -> str | None:
        """The place a relative clause of place is set in: its antecedent ("In Britain, where
        Ford employs about 5,000 people")."""
        root = clause.root
        if not self.syn.has(root, "relative_clause") or not any(
            fold(c.text) in self.syn.place_relatives for c in root.children if c.i < root.i
        ):
            return None
        return _place_key(self.entity_of(root.head))

    def _governing_clause(self, clause: SpacySpan) -> SpacySpan:
        """The clause a non-finite clause, or a verb coordinated without a subject of its
        own, depends on ("In February, a woman opened fire, killing three"): its time is the
        time of the participle's."""
        root = clause.root
        if root.head is root or root.pos_ not in ("VERB", "AUX"):
            return clause
        if self.syn.has(root, "conjunct") and not any(self.syn.has(c, "subject") for c in root.children):
            # "In 2015, a derailment killed eight people and injured more than 200": a verb
            # sharing its subject shares its time.
            return self.syn.clause(root.head)
        if "Fin" in root.morph.get("VerbForm"):
            return clause
        if any(c.pos_ == "AUX" or self.syn.has(c, "subject") for c in root.children):
            return clause  # "Ford will cut 4,000 jobs, the company announced on Tuesday": finite
        return self.syn.clause(root.head)

    def _when_in(self, clause: SpacySpan, span: SpacySpan, focus: Token) -> str | None:
        """The resolved date written in the claim's clause (not in the claim itself), if any."""
        lo, hi = clause.start_char, clause.end_char
        for start, end, when in self._dates:
            if lo <= start and end <= hi and not (span.start_char <= start < span.end_char):
                written = self.tokens(start, end)
                if written is None or not self._outside_claim(written.root, clause, focus):
                    return when
        return None

    def _antecedent_when(self, clause: SpacySpan) -> str | None:
        """The date of the noun a relative clause describes ("the 2007 disaster in
        Minneapolis, in which 13 people died"): what the clause tells happened then."""
        root = clause.root
        antecedent = root.head
        if (
            not self.syn.has(root, "relative_clause")
            or "Fin" not in root.morph.get("VerbForm")  # "the people killed in 2007": the participle's own clause
            or antecedent.pos_ not in ("NOUN", "PROPN")
        ):
            return None
        # Only a date set before the noun ("the 2007 disaster", "Thursday's attack"): one
        # after it may date something the noun's complement names.
        lo, hi = antecedent.left_edge.idx, antecedent.idx
        for start, end, when in self._dates:
            if lo <= start and end <= hi:
                return when
        return None

    def _modifiers(self, noun: Token, span: SpacySpan) -> tuple[str, ...]:
        """What narrows a noun, folded; words on the path down to the claim ("d'une valeur
        de", "millions") are not modifiers."""
        return tuple(sorted({fold(a.lemma_) for a in self.syn.modifiers(noun) if not a.like_num and not _leads_to(a, span)}))

    def _outside_claim(self, token: Token, clause: SpacySpan, focus: Token) -> bool:
        """Whether `token` sits in a clause nested in the claim's that is not about the claim:
        another noun's description ("pour ce sommet, ouvert mercredi 19 novembre"), a report
        of it (", a annoncé mardi la Protection civile"); a clause on the claim's own head
        ("les deux soldats remercier le ministre") or an adverbial clause of the claim's
        ("13 people were killed when the bridge collapsed on Tuesday") is about the claim."""
        own = self.syn.clause(token).root
        if own == clause.root or own.head == focus:
            return False
        if not self.syn.has(own, "adverbial_clause") or not any(c.pos_ == "SCONJ" and c.i < own.i for c in own.children):
            return True  # no conjunction: a report (", a annoncé mardi la Protection civile"), not "when ..."
        # The adverbial clause may hang on the last of coordinated verbs ("were killed and 27
        # injured when ..."): it dates them all.
        modified = own.head
        return not (modified == clause.root or (self.syn.has(modified, "conjunct") and modified.head == clause.root))

    def _occasion(self, clause: SpacySpan) -> str | None:
        """ "earlier" or "later" when the clause names another occasion than the story's: an
        adjective such as "précédente" or "next" on one of its nouns."""
        for token in clause:
            if self.syn.has(token, "adjective") and token.head.pos_ == "NOUN":
                word = fold(token.lemma_)
                if word in self._earlier:
                    return "earlier"
                if word in self._later:
                    return "later"
        return None

    def _participants(self, verb: Token | None, span: SpacySpan, head: Token | None) -> tuple[str, ...]:
        """Common nouns that fill the verb's subject and objects, outside the claim."""
        if verb is None:
            return ()
        syn = self.syn
        words = [c for c in verb.children if syn.has(c, "subject") or syn.has(c, "object")]
        return tuple(sorted({lemma(w) for w in words if w.pos_ == "NOUN" and w is not head and not (span.start <= w.i < span.end)}))

    def _entities(self, clause: SpacySpan, span: SpacySpan) -> tuple[str, ...]:
        keys = set()
        for token in clause:
            if not (span.start <= token.i < span.end):
                m = self.mention_at(token)
                if m is not None:
                    keys.add(m.key)
        return tuple(sorted(keys))

    def _context(self, clause: SpacySpan, span: SpacySpan, own_words: bool) -> tuple[str, ...]:
        """The clause's content lemmas nearest to the claim, at most CONTEXT_SIZE, sorted.

        Unless `own_words`, the claim's own words are left out: the unit and magnitude of a
        measure ("millions d'euros") are those of every figure of its block, and the words
        of a date its value; a count's own words are what it counts ("1 Wounded")."""
        words: dict[str, int] = {}
        other = self._other_statements(clause, span)
        for token in clause:
            if token.pos_ not in _CONTENT or token.is_stop or not token.is_alpha or token.i in other:
                continue
            inside = span.start <= token.i < span.end
            if inside and not own_words:
                continue
            lemma = fold(token.lemma_)
            if len(lemma) > 2 and lemma not in self._stop:
                distance = 0 if inside else min(abs(token.i - span.start), abs(token.i - span.end + 1))
                words[lemma] = min(distance, words.get(lemma, distance))
        nearest = sorted(words, key=lambda w: (words[w], w))[:CONTEXT_SIZE]
        return tuple(sorted(nearest))


    def _other_statements(self, clause: SpacySpan, span: SpacySpan) -> frozenset[int]:
        """Tokens of the clauses coordinated with the claim's that have a subject of their own:
        in "150 personnes ont été blessées et neuf sont portées disparues", each count's words
        are its own, not the other's."""
        statements = [
            token
            for token in clause
            if self.syn.has(token, "conjunct")
            and token.pos_ in ("VERB", "AUX")
            and any(self.syn.has(c, "subject") for c in token.children)
        ]
        inside = [t for t in statements if t.left_edge.i <= span.start and span.end - 1 <= t.right_edge.i]
        out: set[int] = set()
        if inside:
            # The claim's own conjunct: everything outside it is another statement.
            own = min(inside, key=lambda t: t.right_edge.i - t.left_edge.i)
            out.update(t.i for t in clause if not (own.left_edge.i <= t.i <= own.right_edge.i))
        for token in statements:
            if token not in inside:
                out.update(t.i for t in token.subtree)
        return frozenset(out)


def _leads_to(token: Token, span: SpacySpan) -> bool:
    """Whether the claim's words are `token` or below it in the parse."""
    return token.left_edge.i <= span.root.i <= token.right_edge.i and span.root in token.subtree


def _place_key(mention: _Mention | None) -> str | None:
    """The key of a mention that names a place or a country (countries are ISO codes)."""
    if mention is None or mention.person or not (mention.key.startswith("place:") or len(mention.key) == 2):
        return None
    return str(mention.key)


def reader(doc: Document) -> FrameReader:
    """The frame reader of `doc`, built on first use."""
    found = doc.cache.get("frames")
    if found is None:
        found = doc.cache["frames"] = FrameReader(doc)
    return found


def lemma(token: Token) -> str:
    """A token's lemma, folded; the last part of a hyphenated compound's split tokens ("co-workers")."""
    return fold(token.lemma_ or token.text)


def _key(claim: PersonClaim | EntityClaim) -> str:
    if isinstance(claim, PersonClaim):
        return f"person:{fold(claim.surname)}"
    return claim.key


def _when(claim: DateClaim) -> str:
    assert claim.start is not None
    if claim.precision == "year":
        return f"{claim.start.year}"
    if claim.precision in ("month", "season"):
        return claim.start.strftime("%Y-%m")
    return claim.start.isoformat()


def _phrases(words: Iterable[object], at_end: bool = False) -> re.Pattern[str]:
    """A search for any of `words` (folded) as whole words; with `at_end`, only right before the end."""
    folded = sorted({fold(str(w)) for w in words}, key=len, reverse=True)
    if not folded:
        return re.compile(r"(?!)")
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded)
    return re.compile(rf"(?<!\w)(?:{alt})" + (r"\W*$" if at_end else r"(?!\w)"))
