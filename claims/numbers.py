"""Number expressions of any language: digits, words, collectives, scales, qualifiers, ranges.

"plus de 100 000", "une vingtaine", "entre 2 et 3 millions", "at least 12", "two dozen",
"$2.6 million", "£1.7m" -> a `Figure` with its value, the interval the text allows and
how it bounds the truth. The grammar of each language is data (`lang/<code>/numbers.yaml`:
digit grouping, number words and how they combine, qualifiers, range words); this module
knows nothing about what a number counts: claims/quantities.py decides that.

Normalisation (documented choices):
* exact figure: low = high = value.
* approximate ("environ", "about", "une vingtaine", "a dozen"): low = high = value; the
  comparison rule widens approximations by its own tolerance.
* lower_bound ("plus de", "at least"): low = value, high = None.
* upper_bound ("moins de", "up to"): low = None, high = value.
* ranges ("entre 10 et 20", "between 10 and 20", "10-20"): exact, [first, second],
  value = first. After a verb of change ("est passé de 12 à 15", "rose from 12 to 15")
  the second figure is the one reported and the first its `previous`.
* vague plurals ("des dizaines", "hundreds of"): approximate with the interval the
  vocabulary gives (dizaines = [20, 99]), value = low.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claimdiff import lang
from claimdiff.base.errors import ConfigError
from claimdiff.claims.models import Qualifier

_LEFT_EDGE = r"(?<![\w-])"
_RIGHT_EDGE = r"(?![\w-])"


def fold(word: str) -> str:
    """Lower case without accents, for number and unit look-ups ("États" -> "etats").

    Unlike `base.text.fold` (NFKD), compatibility characters stay: "km²" is a unit, not "km2"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Figure:
    """A number expression in normalised text offsets, before what it counts is known."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier
    kind: str  # digits | words | collective | vague | score
    needs_complement: bool = False  # after a scale or collective: "milliards de", "millions of"
    bare_article: bool = False  # "un" alone: an article unless the context makes it a count
    ambiguous: bool = False  # a number word that is also an ordinary word ("neuf")
    year_like: bool = False
    has_scale: bool = False
    scale: float = 1.0  # the scale word's factor: 1e6 for "trois millions"
    is_range: bool = False
    anaphoric: bool = False
    pronoun: bool = False  # "tous deux", "both"
    currency: str | None = None  # from a symbol written with the figure ("$2.6m", "2 M€")
    previous: Figure | None = None  # the earlier figure of a change: "passé de 12 à 15"
    number_start: int = 0  # where the number itself starts, after any qualifier


# ---------------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class Grammar:
    """The number grammar of one language, compiled from its numbers.yaml."""

    code: str
    digits: re.Pattern[str]
    group_separators: str
    decimal_marks: str
    decimal_dot_max: int
    small: dict[str, int]  # units and tens
    compound_tens: dict[tuple[str, str], int]
    hundreds: frozenset[str]
    thousands: frozenset[str]
    scales: dict[str, float]
    article_one: frozenset[str]
    multipliers: frozenset[str]  # what "a"/"an" may precede: hundred, thousand, dozen...
    additions: tuple[tuple[frozenset[int], int, int], ...]
    joiners: dict[str, tuple[frozenset[str], frozenset[str]]]  # word -> (allowed before, allowed after)
    words_regex: re.Pattern[str]
    words_core: str  # the number-word pattern without its boundaries, to build others from
    atom: re.Pattern[str]
    scale_after_digits: re.Pattern[str]
    scale_values: dict[str, float]
    collective_after: re.Pattern[str]
    collectives: dict[str, float]
    plural_collectives: dict[str, float]  # "deux centaines": only after a number
    vague: dict[str, tuple[float, float]]
    vague_left: re.Pattern[str] | None
    collective_scale: re.Pattern[str]
    collective_scales: dict[str, float]
    range_connector: re.Pattern[str]
    range_open: dict[str, re.Pattern[str]]
    range_opener_required: frozenset[str]
    score_connectors: frozenset[str]
    qualifier_left: re.Pattern[str]
    postfix_qualifier: re.Pattern[str]
    change_left: re.Pattern[str]
    currency_before: re.Pattern[str]
    currency_after: re.Pattern[str]
    currency_codes: dict[str, tuple[str, float]]
    ambiguous: frozenset[str]
    half: re.Pattern[str]
    measure_join: re.Pattern[str]  # "1 heure et 45 minutes": the join to a smaller unit's figure
    elisions: dict[str, str]

    def parse_digits(self, text: str) -> float | None:
        """The value of a digit expression matched by `digits`: "100 000", "1.500", "38,5", "20,000", "2.6"."""
        s = text
        for sep in self.group_separators:
            if sep.isspace():
                s = s.replace(sep, "")
            elif re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+(?:[^\d{re.escape(sep)}]\d+)?", s):
                s = s.replace(sep, "")
        for mark in self.decimal_marks:
            s = s.replace(mark, ".")
        try:
            return float(s)
        except ValueError:
            return None

    def parse_words(self, text: str) -> tuple[float, int] | None:
        """The value of the longest valid number-word prefix of `text`, and where it ends.

        "trois cent mille soldats" -> (300000, 16); "two hundred and fifty" -> (250, 21).
        Returns None when `text` does not start with a number word.
        """
        tokens = [(fold(m.group()), m.end()) for m in _TOKEN.finditer(text)]
        total = 0.0  # completed thousands/millions
        group = 0  # hundreds part of the current group
        small = 0  # units-and-tens part of the current group
        end = 0
        seen = False
        previous: str | None = None
        i = 0
        while i < len(tokens):
            word, word_end = tokens[i]
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else None
            joiner = self.joiners.get(word)
            if seen and joiner is not None:
                before, after = joiner
                if nxt is not None and (not before or nxt in before) and (not after or previous in after):
                    i += 1
                    continue
                break
            if word in self.article_one and not seen:
                if nxt is None or nxt not in self.multipliers:
                    break
                small = 1
                previous = word
                i += 1
                continue  # not `seen`: "a" alone is no number
            if nxt is not None and (word, nxt) in self.compound_tens:
                value = self.compound_tens[(word, nxt)]
                if small:
                    break
                small = value
                word_end = tokens[i + 1][1]
                i += 1
            elif word in self.small:
                value = self.small[word]
                if not self._may_add(small, value):
                    break
                small += value
            elif word in self.hundreds:
                if group:
                    break
                group = (small or 1) * 100
                small = 0
            elif word in self.thousands:
                part = group + small
                if total and total < 1000:
                    break
                total += (part or 1) * 1000
                group = small = 0
            elif word in self.scales:
                scale = self.scales[word]
                part = group + small
                if part == 0 and total and total < scale:
                    total *= scale  # "mille milliards"
                else:
                    total += (part or 1) * scale
                group = small = 0
            else:
                break
            seen = True
            previous = word
            end = word_end
            i += 1
        if not seen:
            return None
        return total + group + small, end

    def _may_add(self, small: int, value: int) -> bool:
        """Whether a unit/ten `value` may follow the units-and-tens part `small` already read."""
        if small == 0:
            return True
        return any(small in after and lo <= value <= hi for after, lo, hi in self.additions)

    def phrase(self, text: str) -> str:
        return phrase(text, self.elisions)

    def alternation(self, phrases: Iterable[Any]) -> str:
        return alternation(phrases, self.elisions)

    def left(self, phrases: Iterable[Any], tail: str = r"[ ]+") -> re.Pattern[str]:
        return left(phrases, self.elisions, tail)


def phrase(text: str, elisions: dict[str, str]) -> str:
    """A regex for a vocabulary phrase: spaces match runs of spaces; a final word with an
    elided form also matches that form glued to what follows ("plus de" -> "plus d'un")."""
    words = text.split()
    last = words[-1].lower() if words else ""
    if len(words) > 1 and last in elisions:
        head = r"\s+".join(re.escape(w) for w in words[:-1])
        return head + rf"\s+(?:{re.escape(last)}\s+|{re.escape(elisions[last])})"
    return r"\s+".join(re.escape(w) for w in words)


def alternation(phrases: Iterable[Any], elisions: dict[str, str]) -> str:
    """A non-capturing alternation of vocabulary phrases, longest first."""
    unique = sorted({str(p) for p in phrases}, key=lambda p: (-len(p), p))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(phrase(p, elisions) for p in unique) + ")"


def left(phrases: Iterable[Any], elisions: dict[str, str], tail: str = r"[ ]+") -> re.Pattern[str]:
    """Phrases that end right where a search window ends (an elidable last word may be elided)."""
    plain: list[str] = []
    elided: list[str] = []
    for p in sorted({str(p) for p in phrases}):
        words = p.split()
        (elided if len(words) > 1 and words[-1].lower() in elisions else plain).append(p)
    parts = []
    if plain:
        parts.append(alternation(plain, elisions) + tail)
    if elided:
        parts.append(alternation(elided, elisions))
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(_LEFT_EDGE + "(?:" + "|".join(parts) + ")$", re.IGNORECASE)


_TOKEN = re.compile(r"[^\s-]+")


def _digits_pattern(groups: str, decimals: str, dot_max: int) -> str:
    """Digit groups ("100 000", "1.500", "20,000") and a decimal part ("38,5", "2.6")."""
    group_alt = "|".join(re.escape(g) for g in groups) or "(?!)"
    grouped = rf"\d{{1,3}}(?:(?:{group_alt})\d{{3}})+(?!\d)"
    parts = []
    for mark in decimals:
        parts.append(rf"{re.escape(mark)}\d+")
    if "." not in decimals and "." in groups and dot_max:
        parts.append(rf"\.\d{{1,{dot_max}}}(?!\d)")  # "2.5" where dots group thousands
    decimal = f"(?:{'|'.join(parts)})?" if parts else ""
    # A four-digit year never starts a group, so "en 2022 52 prisonniers" stays two numbers.
    return rf"(?:{grouped}|\d+){decimal}"


_compiled: dict[str, tuple[Any, Grammar]] = {}


def grammar(code: str) -> Grammar:
    """The number grammar of language `code`, rebuilt when its data changes (user lexicons)."""
    data = lang.get(code).data("numbers")
    grammar_data = lang.get(code).data("grammar")
    held = _compiled.get(code)
    if held is not None and held[0] == (id(data), id(grammar_data)):
        return held[1]
    try:
        built = _build(code, data, grammar_data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error) as exc:
        raise ConfigError(
            f"lang/{code}/numbers.yaml: malformed number vocabulary ({type(exc).__name__}: {exc})".replace("\n", " ")
        ) from None
    _compiled[code] = ((id(data), id(grammar_data)), built)
    # the raw data is kept alive with the key so that its id cannot be reused
    _keep[code] = (data, grammar_data)
    return built


_keep: dict[str, tuple[Any, Any]] = {}


def _build(code: str, num: dict, grammar_data: dict) -> Grammar:
    elisions = {str(k).lower(): str(v) for k, v in (grammar_data.get("elisions") or {}).items()}
    small = {fold(k): int(v) for k, v in {**num["units"], **num["tens"]}.items()}
    compounds = {}
    for phrase, value in (num.get("compound_tens") or {}).items():
        first, second = fold(phrase).split()
        compounds[(first, second)] = int(value)
    hundreds = frozenset(fold(w) for w in num["hundreds"])
    thousands = frozenset(fold(w) for w in num["thousands"])
    scales = {fold(k): float(v) for k, v in num["scales"].items()}
    collectives = {fold(k): float(v) for k, v in (num.get("collectives") or {}).items()}
    article_one = frozenset(fold(w) for w in num.get("article_one", []))
    multipliers = frozenset({*hundreds, *thousands, *scales, *collectives})
    additions = tuple(
        (frozenset(int(a) for a in rule["after"]), int(rule["min"]), int(rule["max"])) for rule in num["additions"]
    )
    joiners = {
        fold(j["word"]): (frozenset(fold(w) for w in j.get("before", [])), frozenset(fold(w) for w in j.get("after", [])))
        for j in num.get("joiners", [])
    }
    words = [*num["units"], *num["tens"], *num["hundreds"], *num["thousands"], *num["scales"]]
    word = "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"
    joined = []
    for joiner, (before, _after) in joiners.items():
        ahead = rf"(?=(?:{'|'.join(re.escape(w) for w in sorted(before, key=len, reverse=True))})(?![\w-]))" if before else ""
        joined.append(rf"[ -]{re.escape(joiner)}[ -]{ahead}")
    sep = "(?:-|[ ]+" + "".join("|" + j for j in joined) + ")"
    lead = ""
    if article_one:
        lead = rf"(?:(?:{'|'.join(re.escape(a) for a in sorted(article_one))})[ ]+(?={'|'.join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))}))?"
    # Not inside a word nor after a hyphen; after an apostrophe only when it is an elision.
    elided_forms = sorted(str(e) for e in num.get("elided_before_numbers", []))
    after_elision = "".join(f"(?<={re.escape(e)})|" for e in elided_forms)
    word_left = rf"(?<![\w-])(?:{after_elision}(?<!'))"
    words_core = rf"{lead}{word}(?:{sep}{word})*"
    words_regex = re.compile(rf"{word_left}{words_core}(?![\w-])", re.IGNORECASE)

    group_separators = "".join(str(g) for g in num["digit_groups"])
    decimal_marks = "".join(str(d) for d in num["decimal_marks"])
    dot_max = int(num.get("decimal_dot_max", 0))
    digits = _digits_pattern(group_separators, decimal_marks, dot_max)

    plural_of = {str(k): str(v) for k, v in (num.get("collective_plurals") or {}).items()}
    collective_words = sorted({*collectives, *plural_of.values(), *(num.get("vague_plurals") or {})})
    coll_alt = alternation(collective_words, elisions)
    # A symbol stands for a currency, or for a scale and a currency ("M€": million euros).
    currency_symbols: dict[str, tuple[str, float]] = {}
    for symbol, spec in (num.get("currency_symbols") or {}).items():
        code_, scale_ = (spec, 1.0) if isinstance(spec, str) else (str(spec[0]), float(spec[1]))
        currency_symbols[str(symbol)] = (code_, scale_)
    symbol_alt = "|".join(re.escape(s) for s in sorted(currency_symbols, key=len, reverse=True)) or "(?!)"
    digits_atom = r"(?<![\w/°#№.,-])(?<!\d[.,])" + digits
    atom = re.compile(
        rf"(?P<d>{digits_atom})|(?P<c>{_LEFT_EDGE}{coll_alt}{_RIGHT_EDGE})|(?P<w>{words_regex.pattern})",
        re.IGNORECASE,
    )
    abbreviations = {fold(k): float(v) for k, v in (num.get("scale_abbreviations") or {}).items()}
    scale_values = {fold(k): float(v) for k, v in num["scales"].items()}
    scale_values.update({fold(w): 1000.0 for w in num["thousands"]})
    spaced = {**scale_values, **{k: v for k, v in abbreviations.items() if len(k) > 1}}
    scale_values.update(abbreviations)
    glued = list(abbreviations)
    # A one-letter abbreviation is a scale only glued to the digits ("£1.7m", not "6 m").
    scale_alt = alternation(spaced, elisions)
    glued_alt = "|".join(re.escape(k) for k in sorted(glued, key=len, reverse=True)) or "(?!)"

    qualifier_parts = []
    postfix_parts = []
    for qualifier in Qualifier:
        phrases = (num.get("qualifiers") or {}).get(qualifier.value)
        if phrases:
            pattern = left(phrases, elisions).pattern[len(_LEFT_EDGE) : -1]
            qualifier_parts.append(f"(?P<{qualifier.value}>{pattern})")
        post = (num.get("postfix_qualifiers") or {}).get(qualifier.value)
        if post:
            postfix_parts.append(f"(?P<{qualifier.value}>{alternation(post, elisions)})")
    vague_determiners = num.get("vague_determiners") or []
    return Grammar(
        code=code,
        digits=re.compile(digits),
        group_separators=group_separators,
        decimal_marks=decimal_marks,
        decimal_dot_max=dot_max,
        small=small,
        compound_tens=compounds,
        hundreds=hundreds,
        thousands=thousands,
        scales=scales,
        article_one=article_one,
        multipliers=frozenset(multipliers),
        additions=additions,
        joiners=joiners,
        words_regex=words_regex,
        words_core=words_core,
        atom=atom,
        # "2.6 million", "$2.6-million", "£1.7m"
        scale_after_digits=re.compile(rf"(?:(?:[ ]+|-)(?P<s>{scale_alt})|(?P<g>{glued_alt}))(?![\w])", re.IGNORECASE),
        scale_values=scale_values,
        collective_after=re.compile(
            r"[ ]+(?:" + alternation(num.get("collective_adjectives") or [], elisions) + r"[ ]+)?(?P<c>" + coll_alt + r")(?![\w-])",
            re.IGNORECASE,
        ),
        collectives=collectives,
        plural_collectives={fold(p): collectives[fold(s)] for s, p in plural_of.items() if fold(s) in collectives},
        vague={fold(k): (float(v[0]), float(v[1])) for k, v in (num.get("vague_plurals") or {}).items()},
        vague_left=left(vague_determiners, elisions) if vague_determiners else None,
        collective_scale=re.compile(
            r"[ ]+(?:" + alternation(num.get("complement_words") or [], elisions) + r"[ ]*)?(?P<s>"
            + alternation(num.get("collective_scales") or {}, elisions) + r")(?![\w-])",
            re.IGNORECASE,
        ),
        collective_scales={fold(k): float(v) for k, v in (num.get("collective_scales") or {}).items()},
        range_connector=re.compile(
            r"(?:[ ]+(?P<w>" + alternation(num["range_connectors"], elisions) + r")[ ]+|(?P<dash>[-–]))", re.IGNORECASE
        ),
        range_open={str(conn): left([opener], elisions) for conn, opener in (num.get("range_open") or {}).items()},
        range_opener_required=frozenset(str(w) for w in num.get("range_opener_required", [])),
        score_connectors=frozenset(str(w) for w in num.get("score_connectors", [])),
        qualifier_left=re.compile(_LEFT_EDGE + "(?:" + "|".join(qualifier_parts) + ")$", re.IGNORECASE)
        if qualifier_parts
        else re.compile(r"(?!)"),
        postfix_qualifier=re.compile(r"[ ]*,?[ ]+(?:" + "|".join(postfix_parts) + ")" + _RIGHT_EDGE, re.IGNORECASE)
        if postfix_parts
        else re.compile(r"(?!)"),
        change_left=left(num.get("change_verbs") or [], elisions),
        currency_before=re.compile(rf"(?<![^\W\d_])(?P<sym>{symbol_alt})[ ]?$"),  # not the end of a word ("ATR 72")
        currency_after=re.compile(rf"[ ]?(?P<sym>{symbol_alt})(?![\w])"),
        currency_codes=currency_symbols,
        ambiguous=frozenset(fold(w) for w in num.get("ambiguous_words", [])),
        half=re.compile(r"[ ]+" + alternation(num.get("half") or [], elisions) + _RIGHT_EDGE, re.IGNORECASE),
        measure_join=re.compile(
            r"[ ]+" + alternation(num.get("measure_joins") or [], elisions) + r"[ ]+(?P<n>\d+(?:[.,]\d+)?(?![\d.,]*\d)|[^\W\d_])",
            re.IGNORECASE,
        ),
        elisions=elisions,
    )


# ---------------------------------------------------------------------------- figures


def _scaled(value: float, scale: float) -> float:
    """value * scale without binary noise: 65,9 milliards is 65900000000, not ...00001."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def look_left(pattern: re.Pattern[str] | None, text: str, pos: int, window: int = 40) -> re.Match[str] | None:
    """A match of `pattern` ending at `pos` (patterns end with `$`), within `window` characters."""
    if pattern is None:
        return None
    return pattern.search(text, max(0, pos - window), pos)


def base_figure(text: str, m: re.Match[str], g: Grammar) -> Figure | None:
    """The figure a number atom starts: digits (with a scale), words, or a collective."""
    start = m.start()
    if m.group("d") is not None:
        raw = m.group("d")
        end = m.end()
        value = g.parse_digits(raw)
        if value is None:
            return None
        if raw[0] == "0" and len(raw) > 1 and raw[1].isdigit():
            return None  # phone numbers, "007"
        fig = Figure(start, end, value, value, value, Qualifier.exact, "digits", number_start=start)
        fig.year_like = bool(re.fullmatch(r"\d{4}", raw))
        s = g.scale_after_digits.match(text, end)
        if s:
            scale = g.scale_values[fold(s.group("s") or s.group("g"))]
            fig.value = fig.low = fig.high = _scaled(value, scale)
            fig.end = s.end()
            fig.has_scale = True
            fig.scale = scale
            fig.needs_complement = scale >= 1_000_000
            fig.year_like = False
        return fig
    if m.group("c") is not None:
        return _collective(text, m, g)
    parsed = g.parse_words(m.group("w"))
    if parsed is None:
        return None
    value, consumed = parsed
    end = start + consumed
    words = tuple(fold(w) for w in re.findall(r"[^\s-]+", text[start:end]))
    fig = Figure(start, end, value, value, value, Qualifier.exact, "words", number_start=start)
    fig.has_scale = any(w in g.scales or w in g.thousands for w in words)
    fig.needs_complement = words[-1] in g.scales
    if words[-1] in g.scales:
        fig.scale = g.scales[words[-1]]
    elif words[-1] in g.thousands:
        fig.scale = 1000.0
    fig.bare_article = len(words) == 1 and words[0] in g.small and g.small[words[0]] == 1 and words[0] in _articles(g)
    fig.ambiguous = len(words) == 1 and words[0] in g.ambiguous
    if fig.needs_complement and len(words) == 1 and words[0] in g.vague:
        return _vague(text, fig, words[0], g)  # "des millions de personnes" is vague
    c = g.collective_after.match(text, end)
    if c and not fig.has_scale:
        word = fold(c.group("c"))
        unit = g.collectives.get(word, g.plural_collectives.get(word))
        if unit is not None:
            fig.value = fig.low = fig.high = value * unit
            fig.end = c.end()
            fig.kind = "collective"
            fig.qualifier = Qualifier.approximate
            fig.needs_complement = True
            fig.bare_article = fig.ambiguous = False
            _chain_scale(text, fig, g)
    return fig


@functools.cache
def _article_words(code: str) -> frozenset[str]:
    return frozenset(fold(w) for w in lang.get(code).data("numbers").get("indefinite_articles", []))


def _articles(g: Grammar) -> frozenset[str]:
    return _article_words(g.code)


def _collective(text: str, m: re.Match[str], g: Grammar) -> Figure | None:
    word = fold(m.group("c"))
    start = m.start()
    article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    if article and fold(article.group(1)) in g.article_one:
        start = article.start()  # "a dozen"
    fig = Figure(start, m.end(), 0, 0, 0, Qualifier.approximate, "collective", needs_complement=True, number_start=start)
    if word in g.collectives:  # "la centaine de soldats", "dozens"
        fig.value = fig.low = fig.high = g.collectives[word]
        _chain_scale(text, fig, g)
        return fig
    return _vague(text, fig, word, g)


_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(\w+)[ ]+$")


def _vague(text: str, fig: Figure, word: str, g: Grammar) -> Figure | None:
    """A vague plural, after its determiner where the language needs one: "des dizaines", "hundreds"."""
    bounds = g.vague.get(word)
    if bounds is None:
        return None
    if g.vague_left is not None:
        det = look_left(g.vague_left, text, fig.start)
        if det is None:
            return None
        fig.start = det.start()
    fig.low, fig.high = bounds
    fig.value = fig.low
    fig.kind = "vague"
    fig.qualifier = Qualifier.approximate
    fig.needs_complement = True
    fig.bare_article = fig.ambiguous = False
    _chain_scale(text, fig, g)
    return fig


def _chain_scale(text: str, fig: Figure, g: Grammar) -> None:
    """Multiply by a following scale: "des dizaines de milliers", "tens of thousands"."""
    s = g.collective_scale.match(text, fig.end)
    if s:
        factor = g.collective_scales[fold(s.group("s"))]
        fig.value = _scaled(fig.value, factor)
        fig.low = None if fig.low is None else _scaled(fig.low, factor)
        fig.high = None if fig.high is None else _scaled(fig.high, factor)
        fig.end = s.end()
        fig.has_scale = True


def second_of_range(text: str, fig: Figure, g: Grammar) -> Figure | None:
    """`fig` extended into a range when a connector and a second figure follow, else None."""
    if fig.kind not in ("digits", "words") or fig.year_like:
        return None
    c = g.range_connector.match(text, fig.end)
    if not c:
        return None
    if c.group("dash"):
        d = g.digits.match(text, c.end())  # the atom's look-behind refuses a digit after "-"
        if d is None or fig.kind != "digits":
            return None
        value = g.parse_digits(d.group())
        if value is None:
            return None
        second: Figure | None = Figure(d.start(), d.end(), value, value, value, Qualifier.exact, "digits", number_start=d.start())
    else:
        m = g.atom.match(text, c.end())
        if not m or m.group("c") is not None:
            return None
        second = base_figure(text, m, g)
    if second is None or second.kind not in ("digits", "words") or second.year_like:
        return None
    word = (c.group("w") or "").lower()
    if word in g.range_opener_required and not look_left(g.range_open.get(word), text, fig.start):
        return None  # "deux et trois" without "entre"
    low = fig.value
    if second.scale > 1 and fig.scale == 1 and _scaled(low, second.scale) <= second.value:
        low = _scaled(low, second.scale)  # "entre 2 et 3 millions": the scale applies to both ends
    if second.value <= low:
        if word in g.score_connectors or c.group("dash"):
            # "3 à 0", "2-1": a score, no count at all.
            return Figure(fig.start, second.end, low, low, second.value, Qualifier.exact, "score")
        return None
    opener = g.range_open.get(word)
    start = fig.start
    if opener is not None:
        o = look_left(opener, text, fig.start)
        if o:
            start = o.start()
            if look_left(g.change_left, text, start, 30):
                # "le bilan est passé de 12 à 15 morts": 15 now, 12 before.
                fig.value = fig.low = fig.high = low
                second.previous = fig
                return second
    return Figure(
        start, second.end, low, low, second.value, Qualifier.exact, second.kind,
        needs_complement=second.needs_complement, has_scale=second.has_scale, is_range=True,
        number_start=fig.number_start, currency=second.currency,
    )


def apply_qualifier(text: str, fig: Figure, g: Grammar) -> None:
    """Read the qualifier words before `fig` into its qualifier and interval."""
    q = look_left(g.qualifier_left, text, fig.start)
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
    fig.bare_article = False


def apply_postfix_qualifier(text: str, fig: Figure, end: int, g: Grammar) -> int:
    """Read a qualifier written after the counted noun ("trois morts au moins", "12 or more");
    returns where the claim ends."""
    post = g.postfix_qualifier.match(text, end)
    if not post or fig.qualifier is not Qualifier.exact or fig.is_range:
        return end
    fig.qualifier = Qualifier(post.lastgroup)
    if fig.qualifier is Qualifier.lower_bound:
        fig.high = None
    elif fig.qualifier is Qualifier.upper_bound:
        fig.low = None
    return post.end()


def apply_currency(text: str, fig: Figure, g: Grammar) -> None:
    """A currency symbol written before or right after the figure: "$2.6 million", "€2m", "5 M€"."""
    before = g.currency_before.search(text, max(0, fig.start - 4), fig.start)
    if before:
        fig.currency = g.currency_codes[before.group("sym")][0]
        fig.start = before.start()
        return
    after = g.currency_after.match(text, fig.end)
    if after:
        fig.currency, scale = g.currency_codes[after.group("sym")]
        if scale != 1.0:
            fig.value = _scaled(fig.value, scale)
            fig.low = None if fig.low is None else _scaled(fig.low, scale)
            fig.high = None if fig.high is None else _scaled(fig.high, scale)
            fig.has_scale = True
        fig.end = after.end()


def figures(text: str, g: Grammar) -> Iterator[Figure]:
    """Every number expression of `text` with its qualifier, range, scale and currency symbol.

    A search loop rather than finditer: a word run may parse shorter than it matched ("deux
    trois soldats"), and the scan resumes where the figure ends.
    """
    pos = 0
    while (m := g.atom.search(text, pos)) is not None:
        fig = base_figure(text, m, g)
        if fig is None:
            pos = m.end()
            continue
        ranged = second_of_range(text, fig, g)
        if ranged is not None:
            fig = ranged
        pos = fig.end
        if fig.kind == "score":
            continue
        apply_qualifier(text, fig, g)
        apply_currency(text, fig, g)
        pos = max(pos, fig.end)
        yield fig
