"""Quantity claims: counts and amounts with what they count.

"Au moins deux officiers américains" -> value 2, interval [2, inf), lower_bound, noun class
military_officers, nationality US. The span covers the qualifier words, the figure, the
counted noun and a demonym right after it.

Normalisation (documented choices):
* exact figure: low = high = value.
* approximate ("environ", "près de", "une vingtaine", "un millier"): low = high = value;
  the comparison rule widens approximations by its own tolerance.
* lower_bound ("plus de", "au moins"): low = value, high = None.
* upper_bound ("moins de", "jusqu'à"): low = None, high = value.
* ranges ("entre 10 et 20", "de 10 à 20", "deux ou trois"): exact, [first, second],
  value = first. After a verb of change ("le bilan est passé de 12 à 15 morts") they are
  two claims: 15 (reported) and 12 (temporal previous, same noun).
* vague plurals ("des dizaines", "plusieurs milliers", "des centaines de milliers"):
  approximate with the interval of numbers.yaml (dizaines = [20, 99]), value = low.
* "quelques" or "plusieurs" alone are not counts; "un"/"une" is a count only with a
  qualifier ("au moins un"), "seul" ("un seul soldat"), in a range ("un ou deux") or listed
  with another count ("un mort et deux blessés").
* definite small figures are anaphoric ("les deux pays", "tous deux"): still claims.
* no counted noun: the figure inherits the noun of the nearest earlier quantity of the
  sentence when it is introduced like a figure ("aux 13 000 initialement annoncés"),
  else it is not a claim (footnote markers, scores, bare references).
* not counts: years, clock times, day numbers of dates, ages, ordinals, identifiers
  ("article 5", "Covid-19", "A400M"), numbers inside a person's or named event's mention,
  scores ("3 à 0"), proportions ("7 personnes sur 10"), fractions ("les trois quarts"),
  differences ("200 de plus"), periods ("tous les quatre ans").
* durations ("trois ans", "48 heures") are quantities of class duration; "cinq fois" is
  frequency, "trois fois plus" ratio, "12 %" percentage.

Vocabularies: claims/data/numbers.yaml (number words, qualifiers, what is not a count) and
claims/data/nouns.yaml (counted nouns and their classes).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from claimdiff.base import lexicon
from claimdiff.claims import cues
from claimdiff.claims.document import Document
from claimdiff.claims.models import Qualifier, QuantityClaim, Temporal
from claimdiff.claims.numbers import DIGITS, alternation, fold, parse_digits, parse_words, vocabulary
from claimdiff.base.errors import ConfigError

_WORD = r"[^\W\d_][\w'-]*"
# Left patterns may follow an elision: "qu'entre", "d'au moins", "qu'environ".
_LEFT_EDGE = r"(?<![\w-])"
_RIGHT_EDGE = r"(?![\w-])"


@dataclass(frozen=True)
class _NounEntry:
    lemma: str
    cls: str | None
    unit: str | None


@dataclass(frozen=True)
class _Tables:
    """Compiled regexes and look-up tables built once from the YAML vocabularies."""

    atom: re.Pattern[str]
    scale_after_digits: re.Pattern[str]
    scale_values: dict[str, float]
    collective_after: re.Pattern[str]
    collectives: dict[str, float]
    vague: dict[str, tuple[float, float]]
    collective_scale: re.Pattern[str]
    collective_scales: dict[str, float]
    range_connector: re.Pattern[str]
    qualifier_left: re.Pattern[str]
    postfix_qualifier: re.Pattern[str]
    vague_left: re.Pattern[str]
    definite_left: re.Pattern[str]
    pronoun_left: re.Pattern[str]
    periodic_left: re.Pattern[str]
    range_open: dict[str, re.Pattern[str]]
    identifier_left: re.Pattern[str]
    year_left: re.Pattern[str]
    decades_left: re.Pattern[str]
    weekday_left: re.Pattern[str]
    date_right: re.Pattern[str]
    time_right: re.Pattern[str]
    clock_left: re.Pattern[str]
    clock_right: re.Pattern[str]
    age_left: re.Pattern[str]
    age_noun_left: re.Pattern[str]
    age_verb_left: re.Pattern[str]
    fraction_right: re.Pattern[str]
    delta_right: re.Pattern[str]
    elided_right: re.Pattern[str]
    apposition_left: re.Pattern[str]
    apposition_right: re.Pattern[str]
    de_after: re.Pattern[str]
    plural_endings: tuple[str, ...]
    not_noun_endings: tuple[str, ...]
    address_right: re.Pattern[str]
    ratio_right: re.Pattern[str]
    seul_right: re.Pattern[str]
    spaces: re.Pattern[str]
    de: re.Pattern[str]
    pre_adjective: re.Pattern[str]
    noun: re.Pattern[str]
    glued_noun: re.Pattern[str]
    nouns: dict[str, _NounEntry]
    word: re.Pattern[str]
    demonym_word: re.Pattern[str]
    not_nouns: frozenset[str]
    plural_rules: tuple[tuple[str, str], ...]
    inherit_left: re.Pattern[str]
    ambiguous: frozenset[str]
    year_range: tuple[int, int]
    anaphora_max: float
    clock_max: float
    clock_lemmas: frozenset[str]
    age_lemmas: frozenset[str]
    self_predicate_classes: frozenset[str]
    next_word: re.Pattern[str]
    ratio_nouns: frozenset[str]
    change_left: re.Pattern[str]
    range_opener_required: frozenset[str]
    score_connectors: frozenset[str]
    coordination: re.Pattern[str]
    proportion: re.Pattern[str]


def _plural(lemma: str, rules: list[list[str]]) -> str:
    """The regular plural of a lemma by the first matching [singular ending, plural ending] rule."""
    for singular, plural in rules:
        if lemma.endswith(str(singular)):
            return lemma[: len(lemma) - len(str(singular))] + str(plural)
    return lemma


def _left(phrases: Iterable[object], tail: str = r"[ ]+") -> re.Pattern[str]:
    """Phrases that end right where a search window ends (a phrase ending in "de" eats "d'")."""
    plain: list[str] = []
    elided: list[str] = []
    for p in sorted({str(p) for p in phrases}):
        (elided if p.split()[-1:] == ["de"] and len(p.split()) > 1 else plain).append(p)
    parts = []
    if plain:
        parts.append(alternation(plain) + tail)
    if elided:
        parts.append(alternation(elided))
    return re.compile(_LEFT_EDGE + "(?:" + "|".join(parts) + ")$", re.IGNORECASE)


@functools.cache
def _tables() -> _Tables:
    try:
        return _build_tables()
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error) as exc:
        raise ConfigError(
            f"numbers.yaml / nouns.yaml: malformed quantity lexicon ({type(exc).__name__}: {exc})".replace("\n", " ")
        ) from None


def _build_tables() -> _Tables:
    num = lexicon.load("numbers", "fr")
    noun_data = lexicon.load("nouns", "fr")
    vocab = vocabulary()

    scale_values = {fold(k): float(v) for k, v in {**num["scales"], **num["scale_abbreviations"]}.items()}
    scale_values.update({fold(w): 1000.0 for w in num["thousands"]})
    collectives = {fold(k): float(v) for k, v in num["collectives"].items()}
    vague = {fold(k): (float(v[0]), float(v[1])) for k, v in num["vague_plurals"].items()}
    plural_forms = noun_data["plural_forms"]
    collective_words = sorted(
        {*num["collectives"], *(_plural(c, plural_forms) for c in num["collectives"]), *num["vague_plurals"]}
    )
    coll_alt = alternation(collective_words)
    digits = r"(?<![\w/°#№.,-])(?<!\d[.,])" + DIGITS
    atom = re.compile(
        rf"(?P<d>{digits})|(?P<c>{_LEFT_EDGE}{coll_alt}{_RIGHT_EDGE})|(?P<w>{vocab.words_regex.pattern})",
        re.IGNORECASE,
    )

    qualifier_parts = []
    postfix_parts = []
    for qualifier in Qualifier:
        phrases = num["qualifiers"].get(qualifier.value)
        if phrases:
            pattern = _left(phrases).pattern[len(_LEFT_EDGE) : -1]
            qualifier_parts.append(f"(?P<{qualifier.value}>{pattern})")
        post = num["postfix_qualifiers"].get(qualifier.value)
        if post:
            postfix_parts.append(f"(?P<{qualifier.value}>{alternation(post)})")
    qualifier_left = re.compile(_LEFT_EDGE + "(?:" + "|".join(qualifier_parts) + ")$", re.IGNORECASE)
    postfix = re.compile(r"[ ]*,?[ ]+(?:" + "|".join(postfix_parts) + ")" + _RIGHT_EDGE, re.IGNORECASE)

    nouns: dict[str, _NounEntry] = {}
    glued: list[str] = []
    spaced: list[str] = []
    for lemma, entry in noun_data["nouns"].items():
        lemma = str(lemma)
        forms = [str(f) for f in entry.get("forms") or [lemma, _plural(lemma, plural_forms)]]
        info = _NounEntry(lemma, entry.get("class"), entry.get("unit"))
        for form in forms:
            nouns.setdefault(fold(form), info)
            (glued if entry.get("glued") else spaced).append(form)
    # Accent-less spellings ("Etats") are matched through their folded form.
    spaced_all = spaced + [fold(f) for f in spaced]
    glued_all = glued + [fold(f) for f in glued]
    noun = re.compile(alternation(spaced_all + glued_all) + r"(?![\w-])", re.IGNORECASE)
    glued_noun = re.compile(r"[ ]?" + alternation(glued_all) + r"(?!\w)", re.IGNORECASE)

    clock = alternation(num["clock_abbreviations"])
    months = alternation(num["months"])
    weekdays = alternation(num["weekdays"])
    return _Tables(
        atom=atom,
        scale_after_digits=re.compile(r"[ ]+(?P<s>" + alternation(scale_values) + r")(?![\w-])", re.IGNORECASE),
        scale_values=scale_values,
        collective_after=re.compile(
            r"[ ]+(?:" + alternation(num["collective_adjectives"]) + r"[ ]+)?(?P<c>" + coll_alt + r")(?![\w-])",
            re.IGNORECASE,
        ),
        collectives=collectives,
        vague=vague,
        collective_scale=re.compile(
            r"[ ]+(?:de[ ]+|d')(?P<s>" + alternation(num["collective_scales"]) + r")(?![\w-])", re.IGNORECASE
        ),
        collective_scales={fold(k): float(v) for k, v in num["collective_scales"].items()},
        range_connector=re.compile(
            r"(?:[ ]+(?P<w>" + alternation(num["range_connectors"]) + r")[ ]+|(?P<dash>[-–]))", re.IGNORECASE
        ),
        qualifier_left=qualifier_left,
        postfix_qualifier=postfix,
        vague_left=_left(num["vague_determiners"]),
        definite_left=_left(num["definite_determiners"]),
        pronoun_left=_left(num["collective_pronouns"]),
        periodic_left=_left(num["periodic_prefixes"]),
        range_open={conn: _left([opener]) for conn, opener in num["range_open"].items()},
        identifier_left=re.compile(
            r"(?<![\w-])" + alternation(num["identifier_words"]) + r"[ ]*(?:n°[ ]*)?$", re.IGNORECASE
        ),
        year_left=_left(num["year_prepositions"]),
        decades_left=_left(num["decade_words"]),
        weekday_left=re.compile(_LEFT_EDGE + weekdays + r"[ ]+$", re.IGNORECASE),
        date_right=re.compile(
            r"(?:[ ]*(?:[ ]+(?:au|et|à)[ ]+|[-–/])\d{1,2}(?:er)?)?[ ]+" + months + r"(?![\w-])", re.IGNORECASE
        ),
        time_right=re.compile(rf"[ ]?{clock}(?:[ ]?\d{{2}})?(?!\w)|:\d{{2}}|/\d|[ ]?{clock}\d", re.IGNORECASE),
        clock_left=_left(num["clock_prepositions"]),
        clock_right=re.compile(
            r"[ ]+(?:\d{2}(?!\d)|" + alternation(num["clock_followers"]) + r"(?![\w-]))", re.IGNORECASE
        ),
        age_left=_left(num["age_prefixes"]),
        age_noun_left=re.compile(
            _LEFT_EDGE + alternation(num["age_nouns"]) + r"[ ]+(?:de[ ]+|d')$", re.IGNORECASE
        ),
        age_verb_left=re.compile(r"(?<!\by )(?<![\w'-])" + alternation(num["age_verbs"]) + r"[ ]+$", re.IGNORECASE),
        fraction_right=re.compile(r"[ ]+" + alternation(num["fraction_nouns"]) + r"(?![\w-])", re.IGNORECASE),
        delta_right=re.compile(r"[ ]+" + alternation(num["delta_followers"]) + r"(?![\w-])", re.IGNORECASE),
        elided_right=re.compile(r"[ ]+" + alternation(num["elided_noun_markers"]) + r"(?![\w-])", re.IGNORECASE),
        apposition_left=re.compile(r"[,(][ ]*$"),
        apposition_right=re.compile(r"[ ]*[,)]"),
        de_after=re.compile(r"[ ]+(?:d'|(?:de|du|des)(?![\w-]))", re.IGNORECASE),
        plural_endings=tuple(fold(e) for e in noun_data["plural_endings"]),
        not_noun_endings=tuple(str(e).lower() for e in noun_data["not_noun_endings"]),
        address_right=re.compile(r"[ ]+" + alternation(num["address_nouns"]) + r"(?![\w-])", re.IGNORECASE),
        ratio_right=re.compile(r"[ ]+" + alternation(num["ratio_followers"]) + r"(?![\w-])", re.IGNORECASE),
        seul_right=re.compile(r"[ ]+" + alternation(num["un_count_markers"]) + r"(?![\w-])", re.IGNORECASE),
        spaces=re.compile(r"[ ]+"),
        de=re.compile(r"[ ]+(?:de[ ]+|d')", re.IGNORECASE),
        pre_adjective=re.compile(alternation(noun_data["pre_adjectives"]) + r"[ ]+", re.IGNORECASE),
        noun=noun,
        glued_noun=glued_noun,
        nouns=nouns,
        word=re.compile(_WORD),
        demonym_word=re.compile(
            r"[ ]+(?:" + alternation(noun_data["post_adjectives"]) + r"[ ]+)?(?P<w>" + _WORD + ")", re.IGNORECASE
        ),
        not_nouns=frozenset(fold(w) for w in noun_data["not_nouns"]),
        plural_rules=tuple((str(a), str(b)) for a, b in noun_data["plural_rules"]),
        inherit_left=_left(num["elided_noun_introducers"], tail=r"[ ]*"),
        ambiguous=frozenset(fold(w) for w in num.get("ambiguous_words", [])),
        year_range=(int(num["year_range"][0]), int(num["year_range"][1])),
        anaphora_max=float(num["anaphora_max"]),
        clock_max=float(num["clock_max"]),
        clock_lemmas=frozenset(num["clock_noun_lemmas"]),
        age_lemmas=frozenset(num["age_noun_lemmas"]),
        self_predicate_classes=frozenset(noun_data.get("self_predicate_classes", [])),
        next_word=re.compile(r"[ ]+(?P<w>" + _WORD + ")"),
        ratio_nouns=frozenset(num["ratio_nouns"]),
        change_left=_left(num["change_verbs"]),
        range_opener_required=frozenset(num["range_opener_required"]),
        score_connectors=frozenset(num["score_connectors"]),
        coordination=re.compile(r"[ ]*(?:,|[ ]" + alternation(num["coordinators"]) + r")[ ]+", re.IGNORECASE),
        proportion=re.compile(
            r"[ ]+" + alternation(num["proportion_words"]) + r"[ ]+(?:\d|" + vocab.words_regex.pattern + ")",
            re.IGNORECASE,
        ),
    )


@dataclass
class _Figure:
    """A number expression before its noun is looked for (normalised offsets)."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier
    kind: str  # digits | words | collective | vague | score
    needs_de: bool = False  # after a scale or collective: "milliards de", "vingtaine de"
    bare_un: bool = False
    ambiguous: bool = False
    year_like: bool = False
    has_scale: bool = False
    scale: float = 1.0  # the scale word's factor: 1e6 for "trois millions"
    is_range: bool = False
    anaphoric: bool = False
    pronoun: bool = False  # "tous deux", "tous les trois"
    previous: _Figure | None = None  # the earlier figure of a change: "passé de 12 à 15"


@dataclass(frozen=True)
class _Noun:
    start: int
    text: str
    lemma: str | None
    cls: str | None
    unit: str | None
    end: int
    known: bool
    nationality: str | None = None


def _look_left(pattern: re.Pattern[str], text: str, pos: int, window: int = 40) -> re.Match[str] | None:
    return pattern.search(text, max(0, pos - window), pos)


def _base(text: str, m: re.Match[str], t: _Tables) -> _Figure | None:
    """The figure an atom starts: digits (with a scale), words, or a collective."""
    start = m.start()
    if m.group("d") is not None:
        raw = m.group("d")
        end = m.end()
        value = parse_digits(raw)
        if value is None:
            return None
        nxt = text[end : end + 1]
        if nxt.isalpha() and not t.glued_noun.match(text, end):
            return None  # "1er", "2e", "400M", "14h30", "5G"
        if t.time_right.match(text, end):
            return None
        if raw[0] == "0" and len(raw) > 1 and raw[1].isdigit():
            return None  # phone numbers, "007"
        fig = _Figure(start, end, value, value, value, Qualifier.exact, "digits")
        fig.year_like = bool(re.fullmatch(r"\d{4}", raw)) and t.year_range[0] <= value <= t.year_range[1]
        s = t.scale_after_digits.match(text, end)
        if s:
            scale = t.scale_values[fold(s.group("s"))]
            fig.value = fig.low = fig.high = _scaled(value, scale)
            fig.end = s.end()
            fig.has_scale = True
            fig.scale = scale
            fig.needs_de = scale >= 1_000_000
            fig.year_like = False
        return fig
    if m.group("c") is not None:
        return _collective(text, m, t)
    parsed = parse_words(m.group("w"))
    if parsed is None:
        return None
    value, consumed = parsed
    end = start + consumed
    words = [fold(w) for w in re.findall(r"[^\s-]+", text[start:end])]
    vocab = vocabulary()
    fig = _Figure(start, end, value, value, value, Qualifier.exact, "words")
    fig.has_scale = any(w in vocab.scales or w in vocab.thousands for w in words)
    fig.needs_de = words[-1] in vocab.scales
    if words[-1] in vocab.scales:
        fig.scale = vocab.scales[words[-1]]
    elif words[-1] in vocab.thousands:
        fig.scale = 1000.0
    fig.bare_un = words in (["un"], ["une"])
    fig.ambiguous = len(words) == 1 and words[0] in t.ambiguous
    if fig.needs_de and len(words) == 1 and words[0].endswith("s"):
        # "des millions de personnes" is vague; "millions" alone is no figure.
        return _vague(text, fig, fold(words[0]), t)
    c = t.collective_after.match(text, end)
    if c and not fig.has_scale:
        unit = t.collectives.get(fold(c.group("c")))
        if unit is None:  # plural collective: "deux centaines"
            unit = t.collectives.get(fold(c.group("c"))[:-1])
        if unit is not None:
            fig.value = fig.low = fig.high = value * unit
            fig.end = c.end()
            fig.kind = "collective"
            fig.qualifier = Qualifier.approximate
            fig.needs_de = True
            fig.bare_un = fig.ambiguous = False
            _chain_scale(text, fig, t)
    return fig


def _scaled(value: float, scale: float) -> float:
    """value * scale without binary noise: 65,9 milliards is 65900000000, not ...00001."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def _collective(text: str, m: re.Match[str], t: _Tables) -> _Figure | None:
    word = fold(m.group("c"))
    fig = _Figure(m.start(), m.end(), 0, 0, 0, Qualifier.approximate, "collective", needs_de=True)
    if word in t.collectives:  # "la centaine de soldats"
        fig.value = fig.low = fig.high = t.collectives[word]
        _chain_scale(text, fig, t)
        return fig
    return _vague(text, fig, word, t)


def _vague(text: str, fig: _Figure, word: str, t: _Tables) -> _Figure | None:
    """A vague plural after its determiner: "des dizaines", "plusieurs milliers"."""
    bounds = t.vague.get(word)
    det = _look_left(t.vague_left, text, fig.start)
    if bounds is None or det is None:
        return None
    fig.start = det.start()
    fig.low, fig.high = bounds
    fig.value = fig.low
    fig.kind = "vague"
    fig.qualifier = Qualifier.approximate
    fig.needs_de = True
    fig.bare_un = fig.ambiguous = False
    _chain_scale(text, fig, t)
    return fig


def _chain_scale(text: str, fig: _Figure, t: _Tables) -> None:
    """Multiply by a following scale: "des dizaines de milliers", "une centaine de millions"."""
    s = t.collective_scale.match(text, fig.end)
    if s:
        factor = t.collective_scales[fold(s.group("s"))]
        fig.value = _scaled(fig.value, factor)
        fig.low = None if fig.low is None else _scaled(fig.low, factor)
        fig.high = None if fig.high is None else _scaled(fig.high, factor)
        fig.end = s.end()
        fig.has_scale = True


def _second_of_range(text: str, fig: _Figure, t: _Tables) -> _Figure | None:
    """Extend `fig` into a range when a connector and a second figure follow."""
    if fig.kind not in ("digits", "words") or fig.year_like:
        return None
    c = t.range_connector.match(text, fig.end)
    if not c:
        return None
    m = t.atom.match(text, c.end())
    if not m or m.group("c") is not None:
        return None
    second = _base(text, m, t)
    if second is None or second.kind not in ("digits", "words") or second.year_like:
        return None
    if c.group("dash") and (fig.kind != "digits" or second.kind != "digits"):
        return None
    word = (c.group("w") or "").lower()
    if word in t.range_opener_required and not _look_left(t.range_open[word], text, fig.start):
        return None  # "deux et trois" without "entre"
    low = fig.value
    if second.scale > 1 and fig.scale == 1 and _scaled(low, second.scale) <= second.value:
        low = _scaled(low, second.scale)  # "entre 2 et 3 millions": the scale applies to both ends
    if second.value <= low:
        if word in t.score_connectors or c.group("dash"):
            # "3 à 0", "2-1": a score, no count at all.
            return _Figure(fig.start, second.end, low, low, second.value, Qualifier.exact, "score")
        return None
    opener = t.range_open.get(word)
    start = fig.start
    if opener is not None:
        o = _look_left(opener, text, fig.start)
        if o:
            start = o.start()
            if _look_left(t.change_left, text, start, 30):
                # "le bilan est passé de 12 à 15 morts": 15 now, 12 before.
                fig.value = fig.low = fig.high = low
                second.previous = fig
                return second
    return _Figure(
        start, second.end, low, low, second.value, Qualifier.exact, second.kind,
        needs_de=second.needs_de, has_scale=second.has_scale, is_range=True,
    )


def _apply_qualifier(text: str, fig: _Figure, t: _Tables) -> None:
    q = _look_left(t.qualifier_left, text, fig.start)
    if not q:
        return
    kind = Qualifier(q.lastgroup)
    if fig.is_range or fig.kind == "vague":
        if kind is Qualifier.approximate:
            fig.qualifier = kind
            fig.start = q.start()
        return
    fig.start = q.start()
    fig.qualifier = kind
    if kind is Qualifier.lower_bound:
        fig.low, fig.high = fig.value, None
    elif kind is Qualifier.upper_bound:
        fig.low, fig.high = None, fig.value
    else:
        fig.low = fig.high = fig.value
    fig.bare_un = False


def _lemma(word: str, t: _Tables) -> str:
    lower = word.lower()
    for suffix, repl in t.plural_rules:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            return lower[: len(lower) - len(suffix)] + repl
    return lower


def _noun_at(doc: Document, fig: _Figure, t: _Tables, demonym: Callable[[str], str | None] | None) -> _Noun | None:
    """The counted noun after the figure, with a demonym right after it."""
    text = doc.text
    g = t.glued_noun.match(text, fig.end)
    if g:
        return _noun_from_lexicon(text, g.start() + (1 if text[g.start()] == " " else 0), g.end(), t)
    # "1 000 000 d'hommes": a million written in digits takes "de" like "un million".
    needs_de = fig.needs_de or (fig.kind == "digits" and fig.value >= 1_000_000 and bool(t.de.match(text, fig.end)))
    lead = (t.de if needs_de else t.spaces).match(text, fig.end)
    if not lead:
        return None
    pos = lead.end()
    for _ in range(2):
        adj = t.pre_adjective.match(text, pos)
        # An adjective that is also a listed noun stays the noun unless a noun follows it.
        if not adj or (t.noun.match(text, pos) and not t.noun.match(text, adj.end())):
            break
        pos = adj.end()
    n = t.noun.match(text, pos)
    if n:
        noun = _noun_from_lexicon(text, n.start(), n.end(), t)
    else:
        w = t.word.match(text, pos)
        if not w or fig.ambiguous:
            return None
        word = w.group().rstrip("'-")
        end = w.start() + len(word)
        if word[:1].isupper():
            code = demonym(word) if demonym else None
            if not code:
                return None
            lemma = word.lower()
            if lemma.endswith("s") and demonym(word[:-1]) == code:
                lemma = lemma[:-1]  # "Américains" -> "américain"; "Français" stays
            return _Noun(w.start(), word, lemma, "people", None, end, True, code)
        if (
            len(word) < 3
            or "'" in word
            or fig.value < 2  # an unlisted noun must be a plural ("28 programmes")
            or not fold(word).endswith(t.plural_endings)
            or word.lower().endswith(t.not_noun_endings)  # "13 000 annoncés", "initialement"
            or fold(word) in t.not_nouns
            or vocabulary().words_regex.fullmatch(word)
            or cues.predicates_in(text, w.start(), end)
        ):
            return None
        noun = _Noun(w.start(), word, _lemma(word, t), None, None, end, False)
    if demonym is not None:
        d = t.demonym_word.match(text, noun.end)
        if d:
            code = demonym(d.group("w"))
            if code:
                noun = replace(noun, end=d.end(), nationality=code)
    return noun


def _noun_from_lexicon(text: str, start: int, end: int, t: _Tables) -> _Noun | None:
    written = text[start:end]
    entry = t.nouns.get(fold(written))
    if entry is None:
        return None
    return _Noun(start, written, entry.lemma, entry.cls, entry.unit, end, True)


def _demonym_lookup() -> Callable[[str], str | None] | None:
    """places.country_of_demonym when the places extractor provides it (late import)."""
    try:
        from claimdiff.claims import places
    except ImportError:
        return None
    return getattr(places, "country_of_demonym", None)


def _name_spans(doc: Document) -> list[tuple[int, int]]:
    """Original-text spans of people and named events/organisations (numbers there are names)."""
    return sorted((c.span.start, c.span.end) for c in (*doc.people, *doc.entities))


def _inside_name(doc: Document, names: list[tuple[int, int]], start: int, end: int) -> bool:
    if not names:
        return False
    s, e = doc.norm.to_original(start, end)
    return any(ns < e and s < ne for ns, ne in names)


def _excluded_before_noun(text: str, fig: _Figure, t: _Tables) -> bool:
    """Years, dates, identifiers: numbers that are not counts whatever follows."""
    if fig.kind not in ("digits", "words") or fig.has_scale:
        return False
    if _look_left(t.identifier_left, text, fig.start, 30):
        return True
    if fig.kind == "digits" and _look_left(t.decades_left, text, fig.start, 10):
        return True
    if fig.value <= 31 and fig.value == int(fig.value):
        if t.date_right.match(text, fig.end) or _look_left(t.weekday_left, text, fig.start, 15):
            return True
    return False


def _is_year(text: str, fig: _Figure, noun: _Noun | None, t: _Tables) -> bool:
    if not fig.year_like:
        return False
    if noun is None or not noun.known:
        return True
    return bool(_look_left(t.year_left, text, fig.start, 20))


def _excluded_after_noun(text: str, fig: _Figure, number_start: int, noun: _Noun, t: _Tables) -> bool:
    """Ages and clock times, which need the noun to be recognised."""
    if noun.lemma in t.age_lemmas:
        if (
            _look_left(t.age_left, text, number_start)
            or _look_left(t.age_left, text, fig.start)
            or _look_left(t.age_noun_left, text, fig.start)
            or _look_left(t.age_verb_left, text, fig.start, 25)
        ):
            return True
        if _look_left(t.apposition_left, text, fig.start, 5) and t.apposition_right.match(text, noun.end):
            return True  # "Anna Petrova, 27 ans, ...", "(45 ans)"
    if noun.lemma in t.clock_lemmas and fig.kind in ("digits", "words") and fig.value <= t.clock_max:
        if t.clock_right.match(text, noun.end):
            return True
        # "à 10 heures" is a time, "à 48 heures du scrutin" and "après 10 heures de débat" are not.
        if _look_left(t.clock_left, text, number_start) and not t.de_after.match(text, noun.end):
            return True
    return False


_TEMPORAL_WINDOW = 40  # characters around a figure where its status words are looked for


@dataclass(frozen=True)
class _Counted:
    """What a figure counts: its noun as written (or inherited), lemma, class, unit, demonym."""

    noun: str | None
    start: int | None  # where the noun is written; None when inherited
    lemma: str | None
    cls: str | None
    unit: str | None
    nationality: str | None


@dataclass(frozen=True)
class _Draft:
    """A quantity found in the text, before its sentence cues are read."""

    start: int
    end: int
    fig: _Figure
    counted: _Counted
    temporal: Temporal | None = None  # set when the sentence's shape says it, else read from cues


def extract(doc: Document) -> Iterator[QuantityClaim]:
    """Quantity claims of `doc`, in text order."""
    t = _tables()
    drafts = list(_drafts(doc, t))
    by_sentence: dict[tuple[int, int], list[_Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(doc.sentence_bounds(d.start), []).append(d)
    for bounds, group in by_sentence.items():
        who = cues.attribution(doc, group[0].start)
        hedged = cues.is_hedged(doc, group[0].start)
        sentence = doc.span(*bounds)
        for i, d in enumerate(group):
            predicate = _predicate(doc, d, group[max(0, i - _NEIGHBOURS) : i + _NEIGHBOURS + 1], t)
            # The status words of the next figure ("contre 13 000 annoncés") are not this one's.
            window = _TEMPORAL_WINDOW if i + 1 == len(group) else min(_TEMPORAL_WINDOW, group[i + 1].start - d.end)
            yield QuantityClaim(
                source=doc.source,
                span=doc.span(d.start, d.end),
                sentence=sentence,
                attribution=who,
                hedged=hedged,
                value=d.fig.value,
                low=d.fig.low,
                high=d.fig.high,
                qualifier=d.fig.qualifier,
                noun=d.counted.noun,
                noun_lemma=d.counted.lemma,
                noun_class=d.counted.cls,
                unit=d.counted.unit,
                nationality=d.counted.nationality,
                predicate=predicate.lemma if predicate else None,
                predicate_class=predicate.cls if predicate else None,
                temporal=d.temporal or cues.temporal_status(doc, d.start, d.end, window=max(window, 0)),
                anaphoric=d.fig.anaphoric,
            )


def _drafts(doc: Document, t: _Tables) -> Iterator[_Draft]:
    """Every quantity of the text with its noun, qualifier and interval."""
    text = doc.text
    names = _name_spans(doc)
    demonym = _demonym_lookup()
    last_noun: dict[tuple[int, int], _Draft] = {}
    pos = 0
    # A search loop rather than finditer: a word run may parse shorter than it matched
    # ("deux trois soldats"), and the scan resumes where the figure ends.
    while (m := t.atom.search(text, pos)) is not None:
        fig = _base(text, m, t)
        if fig is None:
            pos = m.end()
            continue
        pos = fig.end
        if _inside_name(doc, names, fig.start, fig.end) or _excluded_before_noun(text, fig, t):
            continue
        number_start = fig.start
        ranged = _second_of_range(text, fig, t)
        if ranged is not None:
            fig = ranged
            pos = fig.end
            if fig.kind == "score":
                continue
        _apply_qualifier(text, fig, t)
        if fig.bare_un:
            s = t.seul_right.match(text, fig.end)
            if s:
                fig.end = s.end()
                fig.bare_un = False
        if fig.kind == "words" and text[fig.start].isupper() and fig.start != doc.sentence_bounds(fig.start)[0]:
            if _capitalized_next(text, fig.end, t):
                continue  # "les Sept Merveilles", "le Mouvement Cinq Étoiles"
        if _look_left(t.periodic_left, text, number_start, 30) and _is_duration_next(text, fig, t):
            continue
        if fig.kind in ("digits", "words") and not fig.is_range and fig.qualifier is Qualifier.exact:
            p = _look_left(t.pronoun_left, text, fig.start, 20)
            if p:
                fig.anaphoric = fig.pronoun = True
                fig.start = p.start()
            elif fig.value <= t.anaphora_max and _look_left(t.definite_left, text, fig.start, 10):
                fig.anaphoric = True
        if t.address_right.match(text, fig.end) or t.fraction_right.match(text, fig.end):
            continue
        noun = _noun_at(doc, fig, t, demonym)
        if _is_year(text, fig, noun, t):
            continue
        if noun is not None and _excluded_after_noun(text, fig, number_start, noun, t):
            continue
        bounds = doc.sentence_bounds(fig.start)
        if fig.bare_un and not (noun and noun.known and _coordinated(text, fig, noun, last_noun.get(bounds), t)):
            continue  # "un" is an article unless it is listed with counts: "un mort et deux blessés"
        if noun is not None and t.proportion.match(text, noun.end):
            continue  # "7 personnes sur 10"
        end = noun.end if noun is not None else fig.end
        post = t.postfix_qualifier.match(text, end)
        if post and fig.qualifier is Qualifier.exact and not fig.is_range:
            fig.qualifier = Qualifier(post.lastgroup)
            if fig.qualifier is Qualifier.lower_bound:
                fig.high = None
            elif fig.qualifier is Qualifier.upper_bound:
                fig.low = None
            end = post.end()
        pos = max(pos, end)
        if noun is not None:
            cls = "ratio" if noun.lemma in t.ratio_nouns and t.ratio_right.match(text, noun.end) else noun.cls
            counted = _Counted(noun.text, noun.start, noun.lemma, cls, noun.unit, noun.nationality)
        elif fig.pronoun:  # "tous deux"
            counted = _Counted(None, None, None, None, None, None)
        else:
            inherited = last_noun.get(bounds)
            introduced = (
                fig.qualifier is not Qualifier.exact
                or fig.needs_de  # "6 millions ont fui": a scale word always counts something
                or _look_left(t.inherit_left, text, fig.start, 10)
                or t.elided_right.match(text, fig.end)
            )
            if (
                inherited is None
                or not introduced
                or fig.ambiguous
                or t.delta_right.match(text, fig.end)
                or _capitalized_next(text, fig.end, t)
            ):
                continue
            counted = replace(inherited.counted, start=None, nationality=None)
        if fig.previous is not None:
            p = fig.previous
            yield _Draft(p.start, p.end, p, replace(counted, start=None, nationality=None), Temporal.previous)
        draft = _Draft(fig.start, end, fig, counted)
        if noun is not None:
            last_noun[bounds] = draft
        yield draft


def _capitalized_next(text: str, pos: int, t: _Tables) -> bool:
    """Whether the next word is capitalised: a name follows, not an elided noun."""
    m = t.next_word.match(text, pos)
    return bool(m) and m.group("w")[0].isupper()


def _coordinated(text: str, fig: _Figure, noun: _Noun, previous: _Draft | None, t: _Tables) -> bool:
    """Whether a figure is listed with another count: "un mort et deux blessés", "trois morts et un blessé"."""
    after = t.coordination.match(text, noun.end)
    if after:
        m = t.atom.match(text, after.end())
        if m and m.group("c") is None:
            return True
    if previous is not None and previous.end <= fig.start:
        return bool(t.coordination.fullmatch(text, previous.end, fig.start))
    return False


def _predicate(doc: Document, draft: _Draft, sentence: list[_Draft], t: _Tables) -> cues.Predicate | None:
    """The predicate of a quantity, from cues.find_predicate with three corrections.

    * a noun that is itself an event ("4 morts", "23 blessés") is its own predicate;
    * another quantity's noun, or the participle after a figure with an elided noun, is not
      this one's predicate ("4 morts et 23 blessés", "100 000 soldats, contre 13 000 annoncés");
    * a predicate inside an aside the figure is not in is skipped ("17 pays (en comptant
      la Russie) ont assisté", "100 000 militaires — soit ... annoncés — auraient pris part").
    """
    text = doc.text
    counted = draft.counted
    if counted.start is not None and counted.cls in t.self_predicate_classes:
        own = cues.predicates_in(text, counted.start, draft.end)
        if own:
            return own[0]
    others = [(d.start, _extent(text, d)) for d in sentence if d is not draft]

    def skip(pred: cues.Predicate) -> bool:
        inside_other = any(s <= pred.start and pred.end <= e for s, e in others)
        return inside_other or _in_aside(doc, pred, draft.start, draft.end)

    return cues.find_predicate(doc, draft.start, draft.end, skip=skip)


_NEIGHBOURS = 20  # quantities on each side whose words cannot be a figure's predicate


_NEXT_WORD = re.compile(r"[ ]+" + _WORD)


def _extent(text: str, draft: _Draft) -> int:
    """Where a quantity's words end; an elided noun's figure takes the word after it."""
    if draft.counted.start is None:
        m = _NEXT_WORD.match(text, draft.end)
        if m:
            return m.end()
    return draft.end


# Asides: parentheses and dash pairs ("plus de 100 000 militaires — soit ... — auraient").
_ASIDE = re.compile(r"\([^()]*\)|\s[—–-]\s.*?\s[—–-]\s")


def _in_aside(doc: Document, pred: cues.Predicate, start: int, end: int) -> bool:
    """Whether `pred` is inside an aside of the sentence that the mention [start, end) is not in."""
    s_start, s_end = doc.sentence_bounds(start)
    low, high = max(s_start, start - 2 * cues.REACH), min(s_end, end + 2 * cues.REACH)
    for m in _ASIDE.finditer(doc.text, low, high):
        if m.start() <= pred.start and pred.end <= m.end():
            return not (m.start() <= start and end <= m.end())
    return False



def _is_duration_next(text: str, fig: _Figure, t: _Tables) -> bool:
    """Whether a duration noun follows: "tous les quatre ans" is a period, not a count."""
    lead = t.spaces.match(text, fig.end)
    if not lead:
        return False
    n = t.noun.match(text, lead.end())
    if not n:
        return False
    entry = t.nouns.get(fold(n.group()))
    return entry is not None and entry.cls == "duration"
