"""Quantity claims: counts, amounts and measures, with what they count and their frame.

"Au moins deux officiers américains" -> 2, [2, ∞), lower_bound, head "officier", class
military_officers, nationality US. "600 millions d'euros" -> money, EUR. "trois heures de
spectacle" -> duration in hours, head "spectacle". "Yvonne Hiller, 43" -> age 43 years,
anchored to Hiller. The figure itself is read by claims/numbers.py; the unit after it by
claims/units.py; the counted noun and the frame (verb, anchor, scope) from the parse by
claims/frames.py. The claim's span covers the qualifier words, the figure, the unit or the
counted noun.

Not quantities: years, day numbers and clock times (the dates and times extractors take
them), identifiers ("article 5", "Covid-19"), numbers inside a name, scores ("3 à 0"),
proportions ("7 sur 10"), fractions ("les trois quarts"), differences ("200 de plus"),
periods ("tous les quatre ans"), and figures that count nothing a reader could name.
A figure without a noun is kept when the parse makes it the subject or object of a verb
of a known class ("killing two"), a partitive ("two of them"), an age in apposition to a
person ("Hiller, 43"), or when it takes the noun of the previous figure of its sentence
("contre 13 000 annoncés").

Vocabularies: lang/<code>/numbers.yaml (number grammar and what is not a count),
lang/<code>/units.yaml, lang/<code>/nouns.yaml (noun classes), lang/<code>/scope.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from claimdiff.base.errors import ConfigError
from claimdiff.base.text import fold as text_fold
from claimdiff.claims import classes, cues, frames, numbers, places, units
from claimdiff.claims.document import Document
from claimdiff.claims.models import Dimension, Frame, Qualifier, QuantityClaim, Temporal
from claimdiff.claims.numbers import Figure, Grammar, fold, look_left

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOMINAL_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class _Context:
    """The patterns around a figure that say it is no count, from numbers.yaml."""

    identifier_left: re.Pattern[str]
    decades_left: re.Pattern[str]
    year_left: re.Pattern[str]
    year_range: tuple[int, int]
    address_right: re.Pattern[str]
    fraction_right: re.Pattern[str]
    delta_right: re.Pattern[str]
    ratio_right: re.Pattern[str]
    ratio_nouns: frozenset[str]
    periodic_left: re.Pattern[str]
    proportion: re.Pattern[str]
    proportion_left: re.Pattern[str]
    definite_left: re.Pattern[str]
    pronoun_left: re.Pattern[str]
    anaphora_max: float
    un_marker: re.Pattern[str]
    coordination: re.Pattern[str]
    inherit_left: re.Pattern[str]
    elided_right: re.Pattern[str]
    complement: re.Pattern[str]
    partitive: re.Pattern[str]
    next_word: re.Pattern[str]
    month_right: re.Pattern[str]
    hyphen_compound: re.Pattern[str] | None


_compiled: dict[str, tuple[Any, _Context]] = {}


def _context(doc: Document, g: Grammar) -> _Context:
    data = doc.lang.data("numbers")
    held = _compiled.get(g.code)
    if held is not None and held[0] is data:
        return held[1]
    try:
        built = _build_context(doc, g, data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error) as exc:
        raise ConfigError(
            f"lang/{g.code}/numbers.yaml: malformed quantity vocabulary ({type(exc).__name__}: {exc})".replace("\n", " ")
        ) from None
    _compiled[g.code] = (data, built)
    return built


def _build_context(doc: Document, g: Grammar, num: dict) -> _Context:
    syn = doc.lang.data("syntax")
    partitives = [str(p) for p in syn.get("partitive_prepositions", [])]
    determiners = [str(d) for d in num.get("definite_determiners", [])] + [
        str(d) for d in syn.get("possessive_determiners", [])
    ]
    right = lambda words: re.compile(r"[ ]+" + g.alternation(words) + r"(?![\w-])", re.IGNORECASE)  # noqa: E731
    unit_words = units.words(g.code)
    compound = None
    if doc.lang.data("units").get("hyphen_compounds"):
        forms = sorted((f for f in unit_words.by_form if f.isalpha()), key=len, reverse=True)
        compound = re.compile(
            rf"(?<![\w-])(?P<n>{g.words_core})-(?P<u>{'|'.join(re.escape(f) for f in forms)})(?![\w])", re.IGNORECASE
        )
    return _Context(
        identifier_left=re.compile(
            r"(?<![\w-])" + g.alternation(num["identifier_words"]) + r"[ ]*(?:n°[ ]*|#[ ]*)?$", re.IGNORECASE
        ),
        decades_left=g.left(num.get("decade_words") or []),
        year_left=g.left(num["year_prepositions"]),
        year_range=(int(num["year_range"][0]), int(num["year_range"][1])),
        address_right=right(num["address_nouns"]),
        fraction_right=right(num["fraction_nouns"]),
        delta_right=right(num["delta_followers"]),
        ratio_right=right(num["ratio_followers"]),
        ratio_nouns=frozenset(fold(w) for w in num["ratio_nouns"]),
        periodic_left=g.left(num["periodic_prefixes"]),
        proportion=re.compile(
            r"[ ]+" + g.alternation(num["proportion_words"]) + r"[ ]+(?=\d|" + g.words_regex.pattern + ")", re.IGNORECASE
        ),
        proportion_left=re.compile(
            r"(?:\d+|" + g.words_regex.pattern + r")[ ]+" + g.alternation(num["proportion_words"]) + r"[ ]+$", re.IGNORECASE
        ),
        definite_left=g.left(num["definite_determiners"]),
        pronoun_left=g.left(num["collective_pronouns"]),
        anaphora_max=float(num["anaphora_max"]),
        un_marker=right(num["un_count_markers"]),
        coordination=re.compile(r"[ ]*(?:,|[ ]" + g.alternation(num["coordinators"]) + r")[ ]+", re.IGNORECASE),
        inherit_left=g.left(num["elided_noun_introducers"], tail=r"[ ]*"),
        elided_right=right(num["elided_noun_markers"]),
        complement=re.compile(r"[ ]*(?:" + g.alternation(num.get("complement_words") or []) + r")[ ]*", re.IGNORECASE),
        partitive=re.compile(
            r"[ ]+" + g.alternation(partitives) + r"[ ]*(?:" + g.alternation(determiners) + r"|\d|"
            + g.words_regex.pattern + r")", re.IGNORECASE,
        ),
        next_word=re.compile(r"[ ]+(?P<w>[^\W\d_][\w'-]*)"),
        month_right=right([str(m) for m in doc.lang.data("dates")["months"]]),
        hyphen_compound=compound,
    )


# ---------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class _Draft:
    """A quantity found in the text, before its sentence cues are read (normalised offsets)."""

    start: int
    end: int
    fig: Figure
    dimension: Dimension
    unit: str | None
    noun: str | None
    frame: Frame
    temporal: Temporal | None = None


def extract(doc: Document) -> Iterator[QuantityClaim]:
    """Quantity claims of `doc`, in text order."""
    drafts = list(_drafts(doc))
    by_sentence: dict[tuple[int, int], list[_Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(doc.sentence_bounds(d.start), []).append(d)
    for bounds, group in by_sentence.items():
        hedged = cues.is_hedged(doc, group[0].start)
        sentence = doc.sentence_span(bounds[0])
        for i, d in enumerate(group):
            # The status words of the next figure ("contre 13 000 annoncés") are not this one's.
            window = _TEMPORAL_WINDOW if i + 1 == len(group) else min(_TEMPORAL_WINDOW, group[i + 1].start - d.end)
            yield QuantityClaim(
                source=doc.source,
                span=doc.span(d.start, d.end),
                sentence=sentence,
                attribution=cues.attribution(doc, d.start),  # "32 % selon le ministère, 60 % selon les syndicats"
                hedged=hedged,
                value=d.fig.value,
                low=d.fig.low,
                high=d.fig.high,
                qualifier=d.fig.qualifier,
                dimension=d.dimension,
                unit=d.unit,
                noun=d.noun,
                frame=d.frame,
                temporal=d.temporal or cues.temporal_status(doc, d.start, d.end, window=max(window, 0)),
                anaphoric=d.fig.anaphoric,
            )


_TEMPORAL_WINDOW = 40  # characters around a figure where its status words are looked for


def _drafts(doc: Document) -> Iterator[_Draft]:
    g = numbers.grammar(doc.lang.code)
    t = _context(doc, g)
    u = units.words(doc.lang.code)
    reader = frames.reader(doc)
    reader.set_dates(doc.dates)
    text = doc.text
    blocked = _blocked(doc)
    last: dict[tuple[int, int], _Draft] = {}  # the last figure with a noun, per sentence
    before: _Draft | None = None  # the figure just before
    # The end of the last draft, and whether it was a count: "45 minutes" of "1 heure et 45
    # minutes" is no figure of its own, the 71 of "68 of the 71 people" is.
    consumed, counted = 0, True
    for fig in _all_figures(text, g, t):
        if (fig.number_start < consumed and not counted) or _overlaps(blocked, fig.number_start, fig.end) or _not_a_count(doc, text, fig, t, g):
            continue
        bounds = doc.sentence_bounds(fig.start)
        draft = _draft(doc, reader, fig, t, g, u, last.get(bounds))
        if draft is None:
            continue
        if before is not None and _converts(text, before, draft):
            # "2 millions d'euros (2,6 millions de dollars)": the writer's conversion states the
            # same amount, of the same thing, in another currency or unit.
            draft = replace(draft, frame=before.frame)
        before = draft
        if draft.end > consumed:
            consumed, counted = draft.end, draft.dimension is Dimension.count
        if fig.previous is not None:
            p = fig.previous
            yield _Draft(p.start, p.end, p, draft.dimension, draft.unit, None, draft.frame, Temporal.previous)
        if draft.noun is not None:
            last[bounds] = draft
        yield draft


def _converts(text: str, first: _Draft, second: _Draft) -> bool:
    """Whether `second` is written in brackets right after `first`, in another unit of its
    dimension: a conversion ("€2 million ($2.6 million)", "10 km (6 miles)")."""
    if first.dimension is not second.dimension or first.unit == second.unit or first.dimension is Dimension.count:
        return False
    between = text[first.end : second.start]
    return between.strip() == "(" and text[second.end : second.end + 2].lstrip().startswith(")")


def _all_figures(text: str, g: Grammar, t: _Context) -> Iterator[Figure]:
    """Figures of the text, and the hyphenated compounds of languages that write them ("fifteen-year")."""
    found = list(numbers.figures(text, g))
    if t.hyphen_compound is not None:
        taken = [(f.start, f.end) for f in found]
        for m in t.hyphen_compound.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                parsed = g.parse_words(m.group("n"))
                if parsed is not None and parsed[1] == len(m.group("n")):
                    v = parsed[0]
                    found.append(Figure(m.start(), m.start() + parsed[1], v, v, v, Qualifier.exact, "words", number_start=m.start()))
        found.sort(key=lambda f: f.start)
    return iter(found)


def _blocked(doc: Document) -> list[tuple[int, int]]:
    """Normalised spans whose numbers are not counts: names, day numbers and years of dates, times."""
    spans = []
    for claim in (*doc.people, *doc.entities):
        if getattr(claim, "entity_type", None) in (None, "event") or hasattr(claim, "surname"):
            spans.append(doc.norm.from_original(claim.span.start, claim.span.end))
    spans.extend(doc.date_numbers)
    for claim in doc.times:
        spans.append(doc.norm.from_original(claim.span.start, claim.span.end))
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_ACRONYM_LEFT = re.compile(r"(?<![\w.])[A-Z]{2,}[ -]$")


def _not_a_count(doc: Document, text: str, fig: Figure, t: _Context, g: Grammar) -> bool:
    """Identifiers, decades, addresses, fractions, differences, periods, names: not counts."""
    if fig.kind in ("digits", "words") and not fig.has_scale:
        if look_left(t.identifier_left, text, fig.number_start, 30):
            return True
        if fig.kind == "digits" and look_left(t.decades_left, text, fig.number_start, 10) and fig.value % 10 == 0 and fig.value < 100:
            return True
    if t.address_right.match(text, fig.end) or t.fraction_right.match(text, fig.end):
        return True
    if fig.kind == "digits" and fig.currency is None and _ACRONYM_LEFT.search(text, max(0, fig.number_start - 12), fig.number_start):
        return True  # a model or a name: "ATR 72", "COP 28", "RN 7"
    if fig.kind in ("digits", "words") and not fig.has_scale and t.month_right.match(text, fig.end):
        return True  # a day of the month, also in a name the dates leave alone ("le 14 Juillet")
    if fig.kind == "words" and text[fig.number_start].isupper() and fig.number_start != doc.sentence_bounds(fig.start)[0]:
        nxt = t.next_word.match(text, fig.end)
        if nxt and nxt.group("w")[0].isupper():
            return True  # "les Sept Merveilles", "le Mouvement Cinq Étoiles"
    if look_left(t.periodic_left, text, fig.number_start, 30):
        return True  # "tous les quatre ans", "every four years"
    if fig.kind in ("digits", "words") and text[fig.end : fig.end + 1].isalpha() and fig.kind == "digits":
        # "1er", "2e", "400M", "5G": unless a unit or scale symbol is glued ("10km", "5%")
        unit = units.words(g.code).unit_after(text, fig.end)
        if unit is None:
            return True
    return False


def _draft(
    doc: Document, reader: frames.FrameReader, fig: Figure, t: _Context, g: Grammar, u: units.UnitWords, previous: _Draft | None
) -> _Draft | None:
    text = doc.text
    # A bare article is a count only with a qualifier, a marker ("un seul"), or beside another count.
    if fig.bare_article:
        s = t.un_marker.match(text, fig.end)
        if s:
            fig.end = s.end()
            fig.bare_article = False
    if fig.kind in ("digits", "words") and not fig.is_range and fig.qualifier is Qualifier.exact:
        p = look_left(t.pronoun_left, text, fig.start, 20)
        if p:
            fig.anaphoric = fig.pronoun = True
            fig.start = p.start()
        elif fig.value <= t.anaphora_max and look_left(t.definite_left, text, fig.start, 10):
            fig.anaphoric = True
    after = fig.end
    if fig.needs_complement:
        c = t.complement.match(text, after)
        if c:
            after = c.end()
    unit = _unit(reader, u, text, fig, after)
    end = unit[1] if unit else fig.end
    dimension, unit_id = (unit[0].dimension, unit[0].unit) if unit else (Dimension.count, None)
    if fig.currency is not None:
        dimension, unit_id = Dimension.money, fig.currency
    if fig.kind == "digits" and fig.value >= 1_000_000 and not fig.needs_complement and unit is None:
        c = t.complement.match(text, fig.end)  # "1 000 000 d'hommes": a million in digits takes "de" like "un million"
        if c:
            unit = _unit(reader, u, text, fig, c.end())
            after = c.end()
    if dimension is Dimension.count and fig.kind == "digits" and fig.year_like and not fig.has_scale:
        if t.year_range[0] <= fig.value <= t.year_range[1]:
            head = _head_after(reader, fig, end)
            if head is None or look_left(t.year_left, text, fig.start, 20):
                return None  # a year
    if t.delta_right.match(text, end):
        return None  # "200 de plus"
    if unit is not None:
        half = g.half.match(text, end)
        if half:
            _add(fig, 0.5)
            end = half.end()
        elif (joined := _joined_measure(reader, text, end, unit[0], g, u)) is not None:
            _add(fig, joined[0])
            end = joined[1]
    span = reader.tokens(fig.number_start, max(end, fig.number_start + 1))
    if span is None:
        return None
    noun: str | None = None
    head: Token | None = None
    part: str | None = None
    if dimension is Dimension.count:
        head, end, part = _counted(doc, reader, fig, t, text, end, after)
        if head is not None and part == "partitive" and fig.value == 1 and reader.syn.superlative(head):
            return None  # "one of the biggest heists" ranks a thing, it counts nothing
        if head is not None:
            noun = head.text
            span = reader.tokens(fig.number_start, end) or span
        if _proportion(text, end, fig, t, g) or _proportion(text, fig.end, fig, t, g) or look_left(t.proportion_left, text, fig.start):
            return None  # "7 personnes sur 10", "one in five voters"
        if fig.bare_article and not (head is not None and _coordinated(text, fig, end, previous, t, g)):
            return None  # "un" is an article unless it is listed with counts: "un mort et deux blessés"
        if head is None and _apposed_age(reader, fig, span, text):
            dimension, unit_id = Dimension.age, "year"
        elif head is None:
            inherited = _inherit(doc, reader, fig, t, text, span, previous)
            if inherited is not None:
                return _finish(text, fig, inherited, g)
            head = _subject_head(reader, span)
            if head is None and not (fig.pronoun or _nounless(doc, reader, span, part)):
                return None
        elif fold(head.text) in t.ratio_nouns and t.ratio_right.match(text, end):
            dimension = Dimension.ratio
    else:
        if _proportion(text, end, fig, t, g):
            return None  # "24 heures sur 24"
        # What a measure measures, else the subject of the verb it completes ("le spectacle a
        # duré quatre heures", "la perte atteint 600 millions d'euros").
        head = _measured(reader, span) or _subject_head(reader, span)
        noun = text[after:end].strip() if unit else None
        if unit_id == "year" and _is_age(doc, reader, fig, span, u, text):
            dimension = Dimension.age
    frame = reader.frame(span, head, part=part, measured=dimension is not Dimension.count)
    if frame.verb_class in classes.aspect_classes():
        frame = frame.model_copy(update={"verb_class": None})
    if dimension is Dimension.age:
        # An age belongs to a person, not to what the sentence says they did.
        update: dict[str, Any] = {"verb": None, "verb_class": None}
        person = _age_anchor(reader, span)
        if person is not None:
            update.update(anchor=person, anchor_role="apposition")
        elif frame.anchor_role in (None, "clause"):
            update.update(anchor=None, anchor_role=None)  # "selon Jacques Dallest, une personne de 30 ans"
        frame = frame.model_copy(update=update)
    if head is not None and _partitive_total(reader, head, span):
        # "killing 68 of the 71 people on board": the 71 were aboard, not killed.
        frame = frame.model_copy(
            update={"verb": None, "verb_class": None, "head_class": classes.noun_class(doc.lang.code, frame.head, head.text)}
        )
    if frame.part == "rest" and _other_event(doc, previous, fig, frame):
        # "killing two workers and wounding two others": the others are all the wounded.
        frame = frame.model_copy(update={"part": None})
    draft = _Draft(fig.start, end, fig, dimension, unit_id, noun, frame)
    return _finish(text, fig, draft, g)


def _proportion(text: str, end: int, fig: Figure, t: _Context, g: Grammar) -> bool:
    """Whether a proportion follows the figure ("7 sur 10", "one in five", "24 heures sur
    24"): its second number is no smaller than the first ("103 million euros in one of the
    biggest heists" and "five people in two cars" are none)."""
    m = t.proportion.match(text, end)
    if m is None:
        return False
    whole = next(numbers.figures(text[m.end() : m.end() + 40], g), None)
    return whole is None or whole.start > 0 or whole.value >= fig.value


def _other_event(doc: Document, previous: _Draft | None, fig: Figure, frame: Frame) -> bool:
    """Whether the figure before this one in its sentence counts another event's participants."""
    if previous is None or doc.sentence_bounds(previous.start) != doc.sentence_bounds(fig.start):
        return False
    before = previous.frame.verb_class
    return before is not None and frame.verb_class is not None and before != frame.verb_class


def _finish(text: str, fig: Figure, draft: _Draft, g: Grammar) -> _Draft:
    end = numbers.apply_postfix_qualifier(text, fig, draft.end, g)
    return replace(draft, end=end, fig=fig)


def _joined_measure(
    reader: frames.FrameReader, text: str, end: int, unit: units.Unit, g: Grammar, u: units.UnitWords
) -> tuple[float, int] | None:
    """The second part of a measure written in two units ("1 heure et 45 minutes": 0.75 of
    an hour), in the first one's unit, and where it ends."""
    if unit.unit is None or unit.dimension in (Dimension.money, Dimension.percent):
        return None
    m = g.measure_join.match(text, end)
    if m is None:
        return None
    start = m.start("n")
    kind = "digits" if text[start].isdecimal() else "words"
    if kind == "digits":
        value, number_end = g.parse_digits(m.group("n")), m.end("n")
    else:
        parsed = g.parse_words(text[start : start + 40])
        value, number_end = (parsed[0], start + parsed[1]) if parsed else (None, start)
    if value is None:
        return None
    second = _unit(reader, u, text, Figure(start, number_end, value, value, value, Qualifier.exact, kind, number_start=start), number_end)
    if second is None or second[0].dimension is not unit.dimension or second[0].unit is None:
        return None
    factor = units.factor(second[0].unit, unit.unit)
    if factor is None or factor >= 1:
        return None  # a smaller unit only: "2 km et 3 km" are two figures
    return value * factor, second[1]


def _add(fig: Figure, amount: float) -> None:
    fig.value += amount
    fig.low = None if fig.low is None else fig.low + amount
    fig.high = None if fig.high is None else fig.high + amount


def _unit(reader: frames.FrameReader, u: units.UnitWords, text: str, fig: Figure, pos: int) -> tuple[units.Unit, int] | None:
    """The unit written at `pos` after a figure, by its form ("km", "%", "pour cent") or by
    the lemma of the next word ("heures" -> heure)."""
    glued = pos > fig.end  # after a complement ("millions d'euros") the unit may be glued
    found = u.unit_after(text, pos, glued=glued)
    if found is None and text[pos : pos + 1] == "-":
        found = u.unit_after(text, pos + 1, glued=True)  # "15-year employee", "a 10-minute walk"
    if found is not None:
        return found
    tokens = reader.tokens(fig.number_start, fig.end)
    if tokens is None or tokens.end >= len(tokens.doc):
        return None
    nxt = tokens.doc[tokens.end]
    while nxt.idx < pos and nxt.i + 1 < len(nxt.doc):
        nxt = nxt.doc[nxt.i + 1]  # past the complement
    if nxt.idx - pos > 1:
        return None
    unit = u.lemma_unit(nxt.lemma_) or u.lemma_unit(nxt.text)
    if unit is None:
        return None
    return unit, nxt.idx + len(nxt.text)


def _head_after(reader: frames.FrameReader, fig: Figure, end: int) -> Token | None:
    """The noun right after a figure, if the parse makes it one."""
    tokens = reader.tokens(fig.number_start, end)
    if tokens is None:
        return None
    nxt = tokens.doc[tokens.end] if tokens.end < len(tokens.doc) else None
    return nxt if nxt is not None and nxt.pos_ in _NOMINAL_POS else None


def _counted(
    doc: Document, reader: frames.FrameReader, fig: Figure, t: _Context, text: str, end: int, after: int
) -> tuple[Token | None, int, str | None]:
    """(head token, end of the claim, part) of what a count counts; the head is None when
    the figure names no noun."""
    syn = reader.syn
    tokens = reader.tokens(fig.number_start, end)
    if tokens is None:
        return None, end, None
    last = tokens[-1]
    part = "partitive" if not fig.needs_complement and t.partitive.match(text, end) else None
    # The noun the figure modifies, after it: "205 délégations", "two American officers".
    head: Token | None = None
    if last.head.i > last.i and _nominal(syn, last.head) and last.head.i - last.i <= 4 and _same_phrase(syn, last, last.head):
        head = last.head
    # Partitives where the preposition heads its object: "four of her co-workers", "Two of the bombs".
    if head is None and syn.prepositions_head_objects and not fig.needs_complement:
        for child in last.children:
            if syn.has(child, "case"):
                objects = [c for c in child.children if syn.has(c, "oblique")]
                if objects and objects[0].pos_ in _NOMINAL_POS:
                    head, part = objects[0], "partitive"
                    break
    if head is None:
        # The noun right after the figure, or after its complement ("une vingtaine de pays"):
        # the parse may hang it elsewhere ("1 Wounded" in a headline).
        nxt = next((tok for tok in tokens.doc[tokens.end : tokens.end + 3] if tok.idx >= after), None)
        # After a complement ("quelques centaines de blindés") the word is the noun, whatever its tag.
        # A word the noun vocabulary lists is one whatever its tag ("2 Dead, 1 Wounded" in a headline).
        nominal = nxt is not None and (
            _nominal(syn, nxt)
            or (after > fig.end and nxt.is_alpha)
            or classes.noun_class(doc.lang.code, nxt.text, frames.lemma(nxt)) is not None
        )
        if nominal and nxt.idx - after <= 1 and not nxt.is_stop:
            head = nxt
    if head is None or (head.i >= tokens.end and classes.looks_like_participle(doc.lang.code, head.text, frames.lemma(head))):
        return None, end, part
    listed = classes.noun_class(doc.lang.code, head.text, frames.lemma(head)) is not None
    if head.pos_ == "PROPN" and not listed and places.country_of_demonym(doc.lang.code, head.text) is None:
        return None, end, part  # "6 Caesar", "2 Rafale": a model's name, not a count of something
    head = _compound_end(head)
    while syn.has(head, "compound") and head.head.i > head.i and head.head.pos_ == "NOUN" and head.head.i - head.i <= 2:
        head = head.head  # "one attempted murder charge": the figure counts charges
    if head.i < tokens.end:
        return head, end, part
    claim_end = head.idx + len(head.text)
    # A postposed adjective naming a nationality belongs to the noun ("officiers américains").
    follower = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if follower is not None and syn.has(follower, "adjective") and reader.mention_at(follower) is not None:
        claim_end = follower.idx + len(follower.text)
    return head, claim_end, part


def _partitive_total(reader: frames.FrameReader, head: Token, span: Any) -> bool:
    """Whether a claim counts the whole of a partitive that another figure takes a part of:
    "the 71 people" of "68 of the 71 people"."""
    syn = reader.syn
    owner = head.head
    if syn.prepositions_head_objects:  # English: the preposition hangs under the part ("68 of")
        part = owner.head if syn.has(head, "oblique") and owner.pos_ == "ADP" else None
    else:  # French: the part governs the noun, which takes the preposition ("68 des 71 passagers")
        part = owner if any(syn.has(c, "case") for c in head.children) and owner.i < head.i else None
    return part is not None and part.like_num and not (span.start <= part.i < span.end)


def _nominal(syn: Any, token: Token) -> bool:
    """A noun, or a word tagged as an adjective that fills a noun's role: "600 figurants se
    sont succédé" (the tagger's ADJ is the subject)."""
    if token.pos_ in _NOMINAL_POS:
        return True
    return token.pos_ == "ADJ" and any(syn.has(token, role) for role in ("subject", "object", "oblique"))


def _same_phrase(syn: Any, figure: Token, head: Token) -> bool:
    """Whether the words between a figure and a noun after it belong to one noun phrase: no
    determiner, number or punctuation between ("14 autres la semaine" is not a count of weeks)."""
    between = figure.doc[figure.i + 1 : head.i]
    return not any(
        syn.has(t, "determiner") or t.like_num or t.pos_ in ("PUNCT", "CCONJ", "ADP", "VERB", "AUX") and t.text != "-" and not syn.has(t, "adjective")
        for t in between
    )


def _nounless(doc: Document, reader: frames.FrameReader, span: Any, part: str | None) -> bool:
    """Whether a figure without a noun still counts something the sentence names: the subject
    or object of a verb of a known class ("killing two", "killed seven"), or a partitive of a
    pronoun ("two of them")."""
    syn = reader.syn
    root = span.root
    verb = syn.verb(root)
    if verb is None:
        return False
    if part == "partitive":
        return True
    if syn.has(root, "subject") or syn.has(root, "object"):
        return classes.verb_class(doc.lang.code, frames.lemma(verb), verb.text) in classes.nounless_event_classes()
    return False


def _subject_head(reader: frames.FrameReader, span: Any) -> Token | None:
    """The noun a bare figure is the value of: the subject of the verb the figure completes
    ("the toll rose to 15", "le bilan s'élève à 52"); through a noun that only holds the
    figure, what that noun counts ("the number of dead rose to 12")."""
    syn = reader.syn
    root = span.root
    if not (syn.has(root, "object") or syn.has(root, "oblique")):
        return None
    verb = syn.verb(root)
    if verb is not None and classes.verb_class(reader.code, frames.lemma(verb), verb.text) in classes.nounless_event_classes():
        return None  # "the gunman killed two": the figure counts the victims, not the gunman
    subject = syn.subject(verb) if verb is not None else None
    if subject is None or subject.pos_ != "NOUN" or subject.i > root.i:
        return None
    if classes.is_quantity_noun(reader.code, frames.lemma(subject), subject.text):
        # "The number of people killed has risen to 12": the figure counts the people.
        counted = next((c for c in syn.genitive_complements(subject) if c.pos_ in ("NOUN", "ADJ")), None)
        if counted is not None:
            return counted
    return subject


def _apposed_age(reader: frames.FrameReader, fig: Figure, span: Any, text: str) -> bool:
    """A bare whole number set between commas after a person's name is their age ("Yvonne Hiller, 43,")."""
    if fig.kind != "digits" or fig.value != int(fig.value) or not 1 <= fig.value <= 120 or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text != "," or span.start < 2:
        return False
    owner = reader.entity_of(span.doc[span.start - 2])
    after = text[fig.end : fig.end + 2].lstrip()
    return owner is not None and owner.person and (not after or after[0] in ",;.)")


def _compound_end(token: Token) -> Token:
    """The last token of a hyphenated word split by the tokenizer ("co - workers" -> "workers")."""
    doc = token.doc
    i = token.i
    while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ and not doc[i].whitespace_:
        i += 2
    return doc[i]


def _coordinated(text: str, fig: Figure, end: int, previous: _Draft | None, t: _Context, g: Grammar) -> bool:
    """Whether a figure is listed with another count: "un mort et deux blessés", "trois morts et un blessé"."""
    if previous is not None and previous.end <= fig.start and t.coordination.fullmatch(text, previous.end, fig.start):
        return True
    after = t.coordination.match(text, end)
    if after:
        m = g.atom.match(text, after.end())
        return m is not None and m.group("c") is None
    return False


def _inherit(
    doc: Document, reader: frames.FrameReader, fig: Figure, t: _Context, text: str, span: Any, previous: _Draft | None
) -> _Draft | None:
    """A figure without a noun takes the noun of the previous figure of its sentence when it is
    introduced like one ("aux 13 000 initialement annoncés", "puis 14 autres")."""
    if previous is None or fig.ambiguous:
        return None
    introduced = (
        fig.qualifier is not Qualifier.exact
        or fig.needs_complement  # "6 millions ont fui": a scale word always counts something
        or look_left(t.inherit_left, text, fig.start, 10)
        or t.elided_right.match(text, fig.end)
    )
    if not introduced or t.delta_right.match(text, fig.end):
        return None
    nxt = t.next_word.match(text, fig.end)
    if nxt and nxt.group("w")[0].isupper():
        return None  # a name follows, not an elided noun
    frame = reader.frame(span, None)
    code = doc.lang.code
    own_event = classes.event_of(code, previous.frame.head_class)
    if own_event is not None and frame.verb_class is not None and own_event != frame.verb_class:
        # "Three dead, dozens hurt": a noun that names its own event is not what the other
        # event's figure counts; those it befalls are.
        noun: dict[str, Any] = {"head": None, "modifiers": (), "head_class": classes.participants_of(code, frame.verb_class)}
    else:
        # "Four people died and 31 were injured": the 31 are the wounded, not the dead
        noun = {"head_class": classes.befallen_class(code, previous.frame.head_class, previous.frame.head_generic, frame.verb_class)}
    inherited = previous.frame.model_copy(
        update={
            **noun,
            "verb": frame.verb,
            "verb_class": frame.verb_class or previous.frame.verb_class,
            "context": frame.context,
            "part": frame.part,
            "place": frame.place or previous.frame.place,  # "including 2,300 in Germany"
            "when": frame.when,
            "nationality": None,
        }
    )
    return _Draft(fig.start, fig.end, fig, previous.dimension, previous.unit, None, inherited)


def _measured(reader: frames.FrameReader, span: Any) -> Token | None:
    """What a measure measures: the noun it is the complement of ("la perte de 600 millions
    d'euros", "une durée de trois heures") or the noun complement of its unit ("trois heures
    de spectacle")."""
    syn = reader.syn
    root = span.root
    worth = _value_of(reader, span)
    if worth is not None:
        return worth
    governor = syn.governor(root)
    prep = syn.preposition(root)
    inside = span.start <= governor.i < span.end  # "milliards" of "5 milliards d'euros"
    if governor is not root and not inside and governor.pos_ == "NOUN" and reader_units(reader).lemma_unit(governor.lemma_) is None:
        if prep is not None and text_fold(prep.text) in syn.genitive_prepositions:
            return governor
        if syn.has(root, "apposition"):
            return governor  # "la somme en liquide, 500 euros"
    for child in syn.genitive_complements(root):
        if child.i > root.i and child.pos_ == "NOUN" and child.i >= span.end:
            return child
    return None


def _value_of(reader: frames.FrameReader, span: Any) -> Token | None:
    """The thing an amount is the value of: the noun it modifies ("a $2.5 million
    necklace"), or the noun a value word ties it to ("$2.5 million worth of jewellery",
    "jewelry valued at $2.6 million", "des bijoux d'une valeur de 2 millions d'euros")."""
    syn = reader.syn
    value_words = reader_units(reader).value_words
    current = span.root
    for _ in range(4):
        governor = syn.governor(current)
        if governor is current or span.start <= governor.i < span.end:
            return None
        if fold(governor.lemma_) in value_words:
            for child in syn.genitive_complements(governor):
                if child.pos_ == "NOUN" and child.i > governor.i and not span.start <= child.i < span.end:
                    return child  # "worth of jewellery"
            current = governor
            continue
        # A lower-case word tagged as a name is a noun the tagger missed ("jewellery worth ...").
        noun = governor.pos_ == "NOUN" or governor.pos_ == "PROPN" and governor.text.islower()
        if noun and reader_units(reader).lemma_unit(governor.lemma_) is None:
            if current is span.root and governor.i > span.end - 1 and syn.preposition(current) is None:
                return governor  # "a $2.5 million necklace"
            # "jewelry and watches valued at ...": the value of the whole series
            return syn.first_conjunct(governor) if current is not span.root else None
        return None
    return None


def reader_units(reader: frames.FrameReader) -> units.UnitWords:
    return units.words(reader.code)


def _is_age(doc: Document, reader: frames.FrameReader, fig: Figure, span: Any, u: units.UnitWords, text: str) -> bool:
    """Whether a duration in years is an age: "âgé de 33 ans", "Naïma, 34 ans,", "un garçon de
    deux ans et demi", "43-year-old", "à l'âge de 30 ans"."""
    if look_left(u.age_prefixes, text, fig.number_start, 30) and not look_left(u.not_age_prefixes, text, fig.number_start, 12):
        return True
    if re.match(r"[-\s]+old\b", text[span.end_char : span.end_char + 6]):
        return True  # "43-year-old", "two years old"
    syn = reader.syn
    root = span.root
    governor = syn.governor(root)
    if governor is not root and (syn.has(root, "apposition") or syn.has(root, "noun_modifier")):
        if reader.entity_of(governor) is not None and reader.entity_of(governor).person:  # type: ignore[union-attr]
            return True
        if text_fold(governor.lemma_) in u.age_nouns and governor.i < root.i:
            return True
    beside = (syn.has(root, "apposition") or syn.has(root, "noun_modifier")) and span.start > 0
    if governor is not root and governor.pos_ in ("NOUN", "PROPN") and beside and root.doc[span.start - 1].text in ",(":
        return True  # "Le président, 72 ans, a été réélu", "(45 ans)"
    if _set_off_after_noun(span):
        return True  # "La maman de Mohamed, 2 ans et demi, retrouvé...", whatever the parse
    verb = syn.verb(root)
    if verb is not None and text_fold(verb.lemma_) in u.age_verbs and syn.has(root, "object"):
        subject = syn.subject(verb)
        return subject is not None and subject.pos_ in ("PRON", "PROPN") and not syn.is_impersonal(subject)
    return False


def _set_off_after_noun(span: Any) -> bool:
    """Whether a span stands alone between commas or brackets right after a noun."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    return (before.text, after.text) in ((",", ","), ("(", ")")) and doc[span.start - 2].pos_ in ("NOUN", "PROPN")


def _age_anchor(reader: frames.FrameReader, span: Any) -> str | None:
    """The person an age belongs to: the name right before it ("Naïma, 34 ans",
    "Mohamed (2 ans)") or right after it ("43-year-old Yvonne Hiller"), or the subject of its
    clause ("Yvonne Hiller, who is 43")."""
    doc = span.doc
    i = span.start - 1
    while i >= span.sent.start and doc[i].is_punct:
        i -= 1
    m = reader.mention_at(doc[i]) if i >= span.sent.start else None
    if m is not None and m.person:
        return m.key
    for token in doc[span.end : min(span.end + 4, span.sent.end)]:  # "43-year-old Yvonne Hiller"
        m = reader.mention_at(token)
        if m is not None and m.person:
            return m.key
    verb = reader.syn.verb(span.root)
    subject = reader.syn.subject(verb) if verb is not None else None
    m = reader.mention_at(subject) if subject is not None else None
    return m.key if m is not None and m.person else None
