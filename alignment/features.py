"""Features of a pair of claims: how sure we are that two sources state the same thing.

Feature-based cross-document coreference (Bugert et al., 2021; Ahmed et al., 2023): two
claims are about the same thing when their heads match (same lemma, or same class), they
belong to the same entity, their verbs agree, their clauses share rare words, and nothing
in their scope keeps them apart. Each feature is a number with a fixed weight, so that a
verdict can be explained (`claimdiff explain`): the score is their sum.

A *strong* link (score >= STRONG, no cap, and two of head, event, anchor and other
entities agreeing) may carry a warning when the values clash; a
*weak* one (score >= WEAK) may carry an agreement, or an `info` note when values differ.
A *veto* forbids any link: two nationalities, two places, two times, two kinds of event,
the rest of a total against another count. A *cap* keeps a link weak: a part against a
total, a back-reference, a running total.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from claimdiff.base import lexicon
from claimdiff.claims.models import Claim, Dimension, Temporal

HEAD_LEMMA = 3.0  # the same counted noun ("délégations" / "délégation")
HEAD_GENERIC = 1.5  # the same noun of little meaning of its own ("people", "personnes", "men")
HEAD_CLASS = 2.0  # nouns of one class ("morts" / "victimes")
HEAD_TYPE = 0.5  # nouns of one coarse type ("officiers" / "représentants": persons)
HEAD_CLASH = -2.0  # two heads of different types
NATIONALITY = 1.5  # the same nationality on both heads ("officiers américains" / "US soldiers")
EVENT = 1.5  # the same kind of event (kill, wound, attend...)
TRIGGER = 2.0  # one event named by a noun and by a verb ("la perte de 751 millions" / "a perdu 600 millions")
VERB = 1.0  # the same verb lemma, on top of its class
ANCHOR = 2.0  # the same entity, tied closely (apposition, possessor, subject, object)
ANCHOR_LOOSE = 1.0  # the same entity, only named in the clause
ANCHOR_CLASH = -2.0  # two different entities, tied closely
ARGUMENT = 1.0  # each entity both clauses name, besides the anchor (at most ARGUMENTS)
ARGUMENTS = 2.0
CONTEXT = 3.0  # times the rarity-weighted share of context lemmas
SAME_VALUE = 1.0  # counts for grouping only, never for how sure a clash is
SAME_SPECIFIC_VALUE = 3.0  # the same figure that few things share (not a small count): "91 000", "500 euros"
STRONG = 4.0
WEAK = 3.0

_CLOSE = frozenset({"apposition", "possessor", "subject", "object"})


@dataclass(frozen=True)
class Item:
    """A claim as alignment sees it: its frame, resolved to the corpus's entities."""

    claim: Claim
    source: str
    story: str
    kind: str  # quantity | date | time
    block: str  # claims are compared only within a block (dimension, currency...)
    head: str | None
    head_class: str | None
    head_type: str | None
    head_generic: bool
    head_event: bool  # the head is the event noun ("la perte de 695 millions")
    event: str | None
    verb: str | None
    anchor: str | None
    anchor_close: bool
    entities: frozenset[str]
    nationality: str | None
    place: str | None
    when: str | None
    occasion: str | None  # "earlier" / "later": the clause names another occasion
    other_occasion: bool  # `when` lies outside the story's time
    modifiers: frozenset[str]
    part: str | None
    cumulative: bool
    anaphoric: bool
    temporal: Temporal
    context: frozenset[str]
    placed: bool = False  # a date the alignment placed from the story's other dates: a guess
    participants: frozenset[str] = frozenset()  # common nouns filling the verb's subject and objects


@dataclass(frozen=True)
class Features:
    """The features of a pair of items; `score` is their weighted sum."""

    head: float = 0.0
    event: float = 0.0
    verb: float = 0.0
    anchor: float = 0.0
    arguments: float = 0.0
    context: float = 0.0
    trigger: float = 0.0  # the event as a noun in one, a verb in the other: in the score, not a kind
    value: float = 0.0
    caps: tuple[str, ...] = ()
    veto: str | None = None
    shared: tuple[str, ...] = field(default=(), compare=False)

    @property
    def frame_score(self) -> float:
        """How much the frames alone say the claims are about one thing."""
        return self.head + self.event + self.verb + self.anchor + self.arguments + self.context + self.trigger

    @property
    def score(self) -> float:
        return self.frame_score + self.value

    @property
    def strength(self) -> str | None:
        """ "strong", "weak" or None (no link)."""
        if self.veto is not None or self.score < WEAK:
            return None
        # Strong needs two kinds of agreement among the head, the event or verb, the anchor and
        # the other entities named: a shared noun and shared words alone ("100 people" /
        # "seven people") are not one fact.
        if self.frame_score >= STRONG and not self.caps and self.kinds_agreeing >= 2:
            return "strong"
        return "weak"

    @property
    def kinds_agreeing(self) -> int:
        """How many of head, event (or verb), anchor and arguments agree."""
        return sum((self.head > 0, self.event > 0 or self.verb > 0, self.anchor > 0, self.arguments > 0))

    def explain(self) -> list[str]:
        """One line per feature that counted, for `claimdiff explain`."""
        lines = []
        for name in ("head", "event", "verb", "anchor", "arguments", "context", "trigger", "value"):
            value = getattr(self, name)
            if value:
                lines.append(f"{name:<8} {value:+.2f}")
        if self.shared:
            lines.append(f"shared   {', '.join(self.shared)}")
        lines += [f"cap      {c}" for c in self.caps]
        if self.veto:
            lines.append(f"veto     {self.veto}")
        return lines


@functools.cache
def _types() -> dict[str, str]:
    data = lexicon.load("classes", package="claimdiff.alignment")
    return {str(c): str(t) for t, classes in data["types"].items() for c in classes}


@functools.cache
def _related() -> frozenset[frozenset[str]]:
    data = lexicon.load("classes", package="claimdiff.alignment")
    return frozenset(frozenset(str(e) for e in group) for group in data.get("related_events", []))


def head_type(cls: str | None) -> str | None:
    """The coarse type of a noun class (persons, weapons...), or the class itself."""
    return _types().get(cls, cls) if cls else None


class Rarity(dict[str, float]):
    """Inverse document frequency of context lemmas, with each context's total weight
    computed once (one context is compared with every other of its block)."""

    def __init__(self, values: dict[str, float]) -> None:
        super().__init__(values)
        self._weights: dict[frozenset[str], float] = {}

    def weight(self, words: frozenset[str]) -> float:
        found = self._weights.get(words)
        if found is None:
            found = self._weights[words] = sum(self.get(w, 0.0) for w in words)
        return found


def _weight(idf: dict[str, float], words: frozenset[str]) -> float:
    return idf.weight(words) if isinstance(idf, Rarity) else sum(idf.get(w, 0.0) for w in words)


def rarity(contexts: Iterable[tuple[str, frozenset[str]]]) -> Rarity:
    """Inverse document frequency of context lemmas over the articles: a word every article
    uses says nothing about which claims match."""
    per_source: dict[str, set[str]] = {}
    for source, words in contexts:
        per_source.setdefault(source, set()).update(words)
    n = len(per_source)
    df: dict[str, int] = {}
    for words in per_source.values():
        for w in words:
            df[w] = df.get(w, 0) + 1
    return Rarity({w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()})


def compare(a: Item, b: Item, idf: dict[str, float], same_value: bool, specific: bool = False) -> Features:
    """The features of a pair of items of one block and of two sources (or one)."""
    veto = _veto(a, b)
    if veto is not None:
        return Features(veto=veto)
    head, event, verb, anchor, arguments, trigger = _frame(a, b)
    context, shared = _context(a, b, idf)
    return Features(
        head=head,
        event=event,
        verb=verb,
        anchor=anchor,
        arguments=arguments,
        context=context,
        trigger=trigger,
        value=_value(same_value, specific),
        caps=tuple(_cap_reasons(a, b)),
        shared=tuple(sorted(shared, key=lambda w: (-idf.get(w, 0.0), w))[:6]),
    )


#: Slack for the rounding of scores in `may_link`: it may let a pair through, never hold one back.
ROUNDING = 1e-6


def may_link(
    a: Item,
    b: Item,
    idf: dict[str, float],
    same_value: Callable[[Item, Item], bool],
    specific: Callable[[Item], bool],
) -> bool:
    """Whether matching may link a pair (alignment/matching.py): False when `compare` certainly
    gives a veto or a score below WEAK, or matching vetoes it (different figures under a cap,
    or one source's two different figures without a strong frame); True when it may not.

    Cheaper than `compare`: checks in order of cost, no `Features`, caps only until the first,
    the value only past the vetoes, and the context only when the other features leave the
    answer open (it adds 0 to CONTEXT).
    """
    if _veto(a, b) is not None:
        return False
    same = same_value(a, b)
    if not same and any(_cap_reasons(a, b)):
        return False
    head, event, verb, anchor, arguments, trigger = _frame(a, b)
    frame = head + event + verb + anchor + arguments + trigger
    if a.source == b.source and not same:
        if (head > 0) + (event > 0 or verb > 0) + (anchor > 0) + (arguments > 0) < 2:
            return False
        need = STRONG - ROUNDING - frame
    else:
        need = WEAK - ROUNDING - frame - _value(same, same and specific(a))
    if need <= 0:
        return True
    if need > CONTEXT:
        return False
    return _context(a, b, idf)[0] >= need


def _value(same_value: bool, specific: bool) -> float:
    return (SAME_SPECIFIC_VALUE if specific else SAME_VALUE) if same_value else 0.0


def _frame(a: Item, b: Item) -> tuple[float, float, float, float, float, float]:
    """Head, event, verb, anchor, arguments and trigger features of a pair."""
    head = 0.0
    if a.head and b.head and (a.head == b.head or _spelling_variants(a.head, b.head)):
        head = HEAD_GENERIC if a.head_generic else HEAD_LEMMA
    elif a.head_class and b.head_class and a.head_class == b.head_class:
        head = HEAD_CLASS
    elif a.head_type and b.head_type:
        head = HEAD_TYPE if a.head_type == b.head_type else HEAD_CLASH
    elif a.head_class and b.head_class:
        head = HEAD_CLASH
    if a.nationality and a.nationality == b.nationality:
        head += NATIONALITY
    event = EVENT if a.event and a.event == b.event else 0.0
    # Different verbs are no evidence against: outlets tell one act with their own verbs
    # ("drove", "rammed", "smashed"); different classes of verb are a veto instead.
    verb = VERB if a.verb and b.verb and (a.verb == b.verb or _spelling_variants(a.verb, b.verb)) else 0.0
    anchor = 0.0
    if a.anchor and b.anchor:
        close = a.anchor_close and b.anchor_close
        if a.anchor == b.anchor:
            anchor = ANCHOR if close else ANCHOR_LOOSE
        elif close:
            anchor = ANCHOR_CLASH
    common = (a.entities & b.entities) - {a.anchor, b.anchor}
    arguments = min(ARGUMENTS, ARGUMENT * (len(common) + len(a.participants & b.participants)))
    # Not a kind of agreement: the link stays weak, and different figures an `info` variant.
    trigger = TRIGGER if head == 0 and _one_trigger(a, b) else 0.0
    return round(head, 4), event, verb, anchor, arguments, trigger


def _context(a: Item, b: Item, idf: dict[str, float]) -> tuple[float, frozenset[str]]:
    """The context feature and the words behind it."""
    # The rarity-weighted share of the smaller context that the other shares: a short
    # clause that says the same as part of a long one still matches it.
    shared = a.context & b.context
    variants = _variant_pairs(a.context, b.context, shared)
    weight = min(_weight(idf, a.context), _weight(idf, b.context))
    common = sum(idf.get(w, 0.0) for w in shared) + sum(min(idf.get(x, 0.0), idf.get(y, 0.0)) for x, y in variants)
    context = CONTEXT * min(1.0, common / weight) if weight else 0.0
    return round(context, 4), shared | {min(x, y) for x, y in variants}


#: Two lemmas this close (rapidfuzz ratio) with one beginning are one word spelt two ways.
SPELLING_SIMILARITY = 85.0
_SPELLING_MIN_LENGTH = 6  # shorter words differ by a letter too often: "police" / "policy"


def _one_trigger(a: Item, b: Item) -> bool:
    """The same event named by a noun in one claim and by the verb of the other: "la perte
    de 751 millions" / "a perdu 600 millions", "the collapse happened at 4.50pm" /
    "collapsed shortly after 4 p.m." (the head and the trigger of Bugert et al.)."""
    for noun, verb in ((a, b), (b, a)):
        if verb.head is not None or noun.head is None:
            continue
        if noun.head_event and noun.event is not None and noun.event == verb.event:
            return True
        if noun.kind != "quantity" and noun.head == verb.verb:
            # A date's or a time's head is its event ("the collapse happened at 4.50pm"), one
            # word with the other's verb ("collapsed shortly after 4 p.m."), listed or not.
            return True
    return False


def _variant_pairs(a: frozenset[str], b: frozenset[str], shared: frozenset[str]) -> list[tuple[str, str]]:
    """Words of `a` and `b`, not `shared`, that are one word spelt two ways ("jewellery" /
    "jewelry"), each word in one pair at most, chosen in an order that does not depend on
    which side is which."""
    by_a, by_b = _long_words(a), _long_words(b)
    prefixes = by_a.keys() & by_b.keys()
    if not prefixes:
        return []
    candidates = sorted(
        (min(x, y), max(x, y), x, y)
        for p in prefixes
        for x in by_a[p]
        if x not in shared
        for y in by_b[p]
        if y not in shared and _spelling_variants(x, y)
    )
    used: set[str] = set()
    pairs = []
    for _, _, x, y in candidates:
        if x not in used and y not in used:
            used.update((x, y))
            pairs.append((x, y))
    return pairs


@functools.lru_cache(maxsize=65536)
def _long_words(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words long enough to be spelling variants, by their first three letters (one
    context is compared with many: indexed once)."""
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        if len(w) >= _SPELLING_MIN_LENGTH:
            out.setdefault(w[:3], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _spelling_variants(a: str, b: str) -> bool:
    """British and American spellings, or a lemmatiser's slip: "jewellery" / "jewelry",
    "defence" / "defense"; not "police" / "policy"."""
    if min(len(a), len(b)) < _SPELLING_MIN_LENGTH or a[:3] != b[:3]:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= SPELLING_SIMILARITY


def _veto(a: Item, b: Item) -> str | None:
    if a.block != b.block or a.story != b.story:
        return "different block"
    if a.source == b.source and a.claim.sentence.start == b.claim.sentence.start:
        return "two figures of one sentence"
    if (a.part == "rest") != (b.part == "rest"):
        # Equal or not, "quatre autres enfants" is not "quatre enfants"; a part ("dont 24 000
        # à Paris") may still be what another source counts ("à Paris, 24 000"): a cap below.
        return "the rest of a total against another count"
    if a.event and b.event and a.event != b.event and frozenset((a.event, b.event)) not in _related():
        return f"different events ({a.event} / {b.event})"
    if a.occasion != b.occasion and not _dated_elsewhere(a if a.occasion is None else b):
        # "a similar collapse" (earlier) and "the 2007 disaster" (dated outside the story)
        # may be one other occasion.
        return f"different occasions ({a.occasion or 'the story'} / {b.occasion or 'the story'})"
    for name in ("nationality", "place"):
        x, y = getattr(a, name), getattr(b, name)
        if x and y and x != y:
            return f"different {name} ({x} / {y})"
    if a.when and b.when and not (a.when.startswith(b.when) or b.when.startswith(a.when)):
        # "by 2027" and "by the end of 2027" (2027-10) are one time, written more or less precisely
        return f"different when ({a.when} / {b.when})"
    return None


def _dated_elsewhere(item: Item) -> bool:
    """Whether a claim that names no other occasion is dated outside the story's time."""
    return item.occasion is None and item.other_occasion


def _precision(item: Item) -> str | None:
    """ "day" or "period" for dates (a day against a month or a year is no strong match)."""
    precision = item.claim.__dict__.get("precision")  # a field read per pair: not through pydantic's __getattr__
    if precision is None:
        return None
    return "day" if precision in ("day", "days") else "period"


def _is_age(item: Item) -> bool:
    return item.claim.__dict__.get("dimension") is Dimension.age


def _cap_reasons(a: Item, b: Item) -> Iterator[str]:
    """The caps of a pair, lazily: the first one tells `may_link` there is one."""
    if (a.part == "subset") != (b.part == "subset"):
        yield "a part against a total"
    elif (a.part == "partitive") != (b.part == "partitive") and a.verb != b.verb:
        yield "some of a group against a count with another verb"
    if a.anaphoric or b.anaphoric:
        yield "a back-reference to a count stated earlier"
    if a.other_occasion and b.other_occasion:
        # An article recalls many earlier events ("In July, ... In May, ..."): two figures of
        # other occasions agree when equal, and are otherwise most likely two occasions.
        yield "both tied to other occasions than the story's"
    if a.other_occasion != b.other_occasion:
        # Equal figures may both be the other occasion's ("the €103 million Carlton heist");
        # different ones are not the story's figure against another.
        yield "one is tied to another occasion than the story's"
    if a.placed or b.placed:
        yield "a date placed from the story's other dates"
    if _precision(a) != _precision(b):
        yield "dates of different precision"
    if _is_age(a) != _is_age(b):
        yield "an age against another duration"
    if a.temporal is not b.temporal:
        yield "one figure is announced or planned, the other reported"
    if a.cumulative != b.cumulative:
        yield "a running total against a single count"
    if (a.nationality is None) != (b.nationality is None) and a.kind == "quantity":
        # "240 militaires indiens" among "6 500 militaires": one count is of a nationality only.
        yield "one count narrowed to a nationality"
    if a.modifiers and b.modifiers and a.modifiers != b.modifiers:
        yield f"nouns narrowed differently ({', '.join(sorted(a.modifiers))} / {', '.join(sorted(b.modifiers))})"
