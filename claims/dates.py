"""Dates of events: "vendredi 12 septembre", "hier, mardi 16", "fin août", "la semaine dernière".

Each date expression becomes a `DateClaim` with the interval of days it allows. Extraction
runs in three passes over the mentions:

1. scan: patterns built from claims/data/dates.yaml find every date expression (only near
   anchor words: digits, weekdays, months, "hier"...), longest match first;
2. infer: when the article has no publication date, it is inferred from a dateline
   ("PARIS, 15 septembre (AFP) -"), from "hier, mardi 16" (publication = that day + 1) or
   "aujourd'hui, <date>", or else from the latest past date written with its weekday, and
   stored in `doc.publication_date`;
3. resolve: every mention gets its interval in text order (a day without a month takes the
   month of the previous mention), and the predicate it is the date of (`cues.find_predicate`;
   "depuis", "jusqu'à"... make it a start or an end).

A claim is `relative` when its interval depends on the publication date (weekdays alone,
"hier", "la semaine dernière", a day-month whose year is the publication's); without a
publication date such claims keep their span with no interval (precision "unknown").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from claimdiff.claims import calendar as cal
from claimdiff import lang
from claimdiff.claims import cues, frames, numbers
from claimdiff.claims.document import Document
from claimdiff.claims.models import DateClaim, Frame
from claimdiff.corpus.agencies import dateline_credit_at
from claimdiff.base.errors import ConfigError

_S = r"[^\S\n]+"  # spaces inside one line
_O = r"[^\S\n]*"
_LB = r"(?<![\w-])"
_PREDICATE_REACH = 100  # characters between a date and the predicate it is the date of


# ---------------------------------------------------------------------------- vocabulary


def _alt(words: Any) -> str:
    """A regex alternation of literal forms, longest first, spaces matching any spacing
    (one that never matches for no forms)."""
    forms = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(f).replace(r"\ ", _S) for f in forms) or "(?!)"


def _followed(words: Any) -> str:
    """Alternation of forms each followed by a space, except after an apostrophe ("mois d'août")."""
    forms = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(f).replace(r"\ ", _S) + ("" if f.endswith("'") else _S) for f in forms)


def _words(words: Any) -> str:
    """Alternation of whole words; a form ending with an apostrophe may be glued to the next word."""
    forms = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(f).replace(r"\ ", _S) + ("" if f.endswith("'") else r"(?!\w)") for f in forms)


def _token(words: Any) -> re.Pattern[str]:
    """A case-insensitive search for any of `words`, quick to skip text where none starts."""
    forms = [str(w) for w in words]
    if not forms:
        return re.compile(r"(?!)")
    alt = _alt(forms)
    if any(not f or f[0].isspace() for f in forms):
        return re.compile(alt, re.IGNORECASE)
    first = "".join(sorted({re.escape(f[0]) for f in forms}))
    return re.compile(rf"(?=[{first}])(?:{alt})", re.IGNORECASE)


def _key(form: str) -> str:
    return re.sub(r"\s+", " ", form.lower().replace("’", "'"))


class _Vocab:
    """The compiled content of dates.yaml."""

    def __init__(self, data: dict, code: str) -> None:
        self.data = data
        self.code = code
        # Languages that capitalise only names (French) read a capitalised month or weekday
        # mid-sentence as a name ("3 Mai", "Vendredi saint"); English capitalises them all.
        self.capitals_are_names = not data.get("capitalised_names_are_dates", False)
        self.months = {_key(k): int(v) for k, v in data["months"].items()}
        self.abbreviations = {_key(k): int(v) for k, v in data["month_abbreviations"].items()}
        self.weekdays = {_key(k): int(v) for k, v in data["weekdays"].items()}
        self.relative_days = {
            _key(k): (tuple(v) if isinstance(v, list) else (v, v)) for k, v in data["relative_days"].items()
        }
        self.relative_words = {_key(k): int(v) for k, v in data["relative_words"].items()}
        self.parts = {_key(k): v for k, v in data["parts"].items()}
        self.seasons = {_key(k): v for k, v in data["seasons"].items()}
        self.range_openers = frozenset(_key(f) for f in data["grammar"]["range_from"])
        self.period_openers = frozenset(_key(f) for f in data["grammar"].get("period_openers") or [])
        self.period_joins = frozenset(_key(f) for f in data["grammar"].get("period_joins") or [])
        self.year_shifts = {_key(k): int(n) for k, n in (data["grammar"].get("year_shifts") or {}).items()}
        self.ago_units = {_key(k): v for k, v in data["ago_units"].items()}
        self.first_day = frozenset(_key(str(f)) for f in data["first_day"])
        self.anaphoric = {_key(k): int(v) for k, v in data.get("anaphoric_days", {}).items()}
        self.roles: dict[str, tuple[str | None, str | None]] = {}
        for entry in data["prepositions"]:
            for form in entry["forms"]:
                self.roles[_key(form)] = (entry.get("role"), entry.get("tense"))
        self.state_classes = frozenset(data.get("state_classes", []))
        self.year_followers = frozenset(_key(w) for w in data["year_followers"])
        self.count_words = frozenset(_key(w) for w in data["count_words"])
        self.habitual = tuple(_key(w) for w in data.get("habitual", []))
        self.year_min = int(data["years"]["min"])
        self.year_max = int(data["years"]["max"])
        self.window = int(data["weekday_year_window"])
        self.window_published = int(data.get("weekday_year_window_published", self.window))
        self.rollover = int(data["year_rollover_days"])
        self.weekday_reach_days = int(data.get("weekday_reach_days", 183))
        self.periods = [(e["unit"], int(e["offset"])) for e in data["relative_periods"]]
        tense = data["tense"]
        self.future = [re.compile(p) for p in tense["future"]]
        self.past = [re.compile(p) for p in tense["past"]]
        self.not_future = frozenset(tense.get("not_future", []))
        self.not_past = frozenset(tense.get("not_past", []))
        g = data["grammar"]
        self.grammar = {k: frozenset(_key(str(w)) for w in words) for k, words in g.items()}
        self.clause = re.compile(rf"[;:()«»\"]|\s[—–-]\s|(?<!\w)(?:{_words(data['clause_words'])})", re.IGNORECASE)
        self.reference_points = [re.compile(p, re.IGNORECASE) for p in data.get("reference_points", [])]
        self.patterns = self._build_patterns()
        self.tokens, self.needs = self._build_prefilter()
        anchor_words = [
            *data["weekdays"], *data["months"], *data["month_abbreviations"], *data["relative_days"],
            *data["seasons"], *data["ago_units"], *data.get("anaphoric_days", {}), *data.get("period_words", []),
        ]
        # a run of digits anchors the same windows as each of its digits, for less work
        self.anchors = re.compile(rf"\d+|(?<!\w)(?:{_alt(anchor_words)})(?!\w)", re.IGNORECASE)

    def role(self, form: str | None) -> tuple[str | None, str | None]:
        """(role, default tense) of a preposition; a longer form inherits from its first words."""
        if not form:
            return None, None
        form = _key(form)
        while form:
            if form in self.roles:
                return self.roles[form]
            form = form.rpartition(" ")[0]
        return None, None

    def _build_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        d, g = self.data, self.data["grammar"]
        wd_alt = _alt(d["weekdays"])
        month_full = _alt(d["months"])
        month_any = rf"{month_full}|(?:{_alt(d['month_abbreviations'])})\.?"
        prep_alt = _alt(f for e in d["prepositions"] for f in e["forms"])
        art_alt = _alt(a for a in d["articles"] if not a.endswith("'"))
        rel_alt = _alt(d["relative_words"])
        part_alt = _alt(d["parts"])
        reld_alt = _alt(d["relative_days"])
        ana_alt = _alt(d.get("anaphoric_days", {})) or r"(?!)"
        year_nouns = rf"(?:(?:{_alt(g['year_nouns'])}){_S})?"
        first = _alt(d["first_day"])
        first_digits = _alt(f for f in d["first_day"] if any(c.isdigit() for c in str(f)))
        suffix = rf"(?:{_alt(d.get('day_suffixes', []))})?"
        day_forms = rf"{first}|(?:3[01]|[12]\d|0?[1-9]){suffix}"
        # "the 10th of November": a word some languages put between the day and the month
        day_link = rf"(?:(?:{_alt(g['day_month_links'])}){_S})?" if g.get("day_month_links") else ""

        def wd(n: int) -> str:
            return rf"(?P<wd{n}>{wd_alt})"

        def day(n: int) -> str:
            return rf"(?P<d{n}>{day_forms})(?!\d)"

        def month(n: int, forms: str = month_any) -> str:
            return rf"(?P<m{n}>{forms})(?!\w)"

        def year(n: int) -> str:
            return rf"(?P<y{n}>\d{{4}})"

        year_end = r"(?![\w-]|[.,]\d)"
        prep = rf"(?:(?P<prep>{prep_alt}){_S})?"
        elided = _alt(a for a in d["articles"] if a.endswith("'"))
        art = rf"(?:(?P<art>(?:{elided})(?=\w)|(?:{art_alt})(?=[^\S\n])){_O})?"
        lead = prep + art
        night = rf"(?:(?P<night>{_alt(g['night'])}){_S})?"
        part = rf"(?P<part>{part_alt})(?:-{_O}|{_S})"
        periods = "|".join(f"(?P<r{i}>{e['pattern'].replace(' ', _S)})" for i, e in enumerate(d["relative_periods"]))
        time_after = rf"{_S}(?:{_alt(g['time_prepositions'])}){_S}\d"
        # "in April last year", "en avril de l'an dernier": the year relative to publication
        year_shift = rf"{_S}(?P<shift>{_alt(g.get('year_shifts') or {})})(?!\w)"

        raw = [
            ("iso", rf"{_LB}{lead}{year(1)}-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})(?![\w/-])"),
            (
                "numeric",
                rf"(?<![\w/.,-]){lead}(?P<d1>\d{{1,2}})(?P<sep>[/.])(?P<m1>\d{{1,2}})(?P=sep){year(1)}(?![\w/]|[.,]\d)",
            ),
            (
                "dates",
                rf"{_LB}{night}{prep}(?:(?P<from>{_alt(g['range_from'])}){_S})?(?:{wd(1)}{_S})?{day(1)}"
                rf"(?:{_S}{month(1)}(?:{_S}{year(1)})?)?{_O}(?P<join>{_alt(g['range_join'])}){_O}(?:{wd(2)}{_S})?{day(2)}"
                rf"{_S}{day_link}{month(2)}(?:{_S}{year(2)}{year_end})?",
            ),
            (  # month first: "November 9-10, 2011", "Nov. 9th and 10th"
                "dates",
                rf"{_LB}{night}{prep}(?:(?P<from>{_alt(g['range_from'])}){_S})?{month(2)}{_O}{day(1)}{_O}"
                rf"(?P<join>{_alt(g['range_join'])}){_O}{day(2)}(?![\w:]|[.,]\d)(?:{_O},?{_S}{year(2)}{year_end})?",
            ),
            (
                "combo",
                rf"{_LB}{prep}(?P<reld>{reld_alt}){_O}(?:,{_O}|\({_O}|(?<=\w){_S})(?:(?:{_alt(g['combo_articles'])}){_S})?"
                rf"{wd(1)}(?:{_S}{day(1)}(?:{_S}{month(1)}(?:{_S}{year(1)}{year_end})?)?)?(?:{_O}\))?(?![\w-])",
            ),
            (  # "aujourd'hui, 16 septembre"
                "combo",
                rf"{_LB}{prep}(?P<reld>{reld_alt}){_O}(?:,{_O}|\({_O}|(?<=\w){_S})(?:(?:{_alt(g['combo_articles'])}){_S})?"
                rf"{day(1)}{_S}{month(1)}(?:{_S}{year(1)}{year_end})?(?:{_O}\))?(?![\w-])",
            ),
            (
                "date",
                rf"{_LB}{lead}(?:{wd(1)}{_O},?{_S})?{day(1)}{_S}{day_link}{month(1)}"
                rf"(?:{_S}{year(1)}{year_end}|{_S}(?P<rel>{rel_alt})(?!\w))?",
            ),
            (  # month first: "November 10, 2011", "Thursday, Nov. 10th"
                "date",
                rf"{_LB}{lead}(?:{wd(1)}{_O},?{_S})?{month(1)}{_O}{day(1)}(?![\w:]|[.,]\d)"
                rf"(?:{_O},?{_S}{year(1)}{year_end})?",
            ),
            ("weekday_day", rf"{_LB}{lead}{wd(1)}{_S}{day(1)}(?![\w-]|{_O}(?:h\b|h\d|[.,]\d|%|°))"),
            (
                "day_only",
                rf"{_LB}{prep}(?P<art>{_alt(g['day_only_article'])}){_S}(?P<d1>{first_digits}|3[01]|[12]\d|0?[1-9])"
                rf"(?=(?:{_O}[,;)]|{_O}\.(?!\d)|{_S}(?:{_alt(g['day_only_followers'])})(?!\w)|{time_after}))",
            ),
            (
                "month",
                rf"{_LB}{lead}(?:{part}(?:{_followed(g['part_links'])})?)?(?P<mois>{_followed(g['month_nouns'])})?"
                rf"{month(1, month_full)}(?:{_S}{year(1)}{year_end}|{year_shift}|{_S}(?P<rel>{rel_alt})(?!\w))?",
            ),
            ("part_year", rf"{_LB}{lead}{part}(?:{_followed(g['year_links'])})?{year(1)}{year_end}"),
            (
                "part_year_rel",
                rf"{_LB}{lead}(?P<part>{part_alt}){_S}(?:{_alt(g['year_links'])})(?:{_S}(?P<rel>{rel_alt}))?"
                rf"(?![\w-]|{_S}\d)",
            ),
            (
                "season",
                rf"{_LB}{prep}(?:(?P<art>{_alt(g['season_articles'])}){_O})?(?P<season>{_alt(d['seasons'])})(?![\w-])"
                rf"(?:{_S}(?:{_followed(g['year_links'])})?{year(1)}(?:[-/]{year(2)})?{year_end}|{year_shift}"
                rf"|{_S}(?P<rel>{rel_alt})(?!\w))?",
            ),
            (
                "years",
                rf"{_LB}{prep}(?P<from>{_alt(g['year_range_from'])}){_S}{year_nouns}{year(1)}{_S}"
                rf"(?:{_alt(g['year_range_join'])}){_S}{year_nouns}{year(2)}{year_end}",
            ),
            (
                "year",
                rf"{_LB}(?P<prep>{_alt(d['year_prepositions'])}){_S}{year_nouns}{year(1)}(?:{_O}[-–/]{_O}{year(2)})?{year_end}",
            ),
            ("year_of", rf"{_LB}(?P<prep>{_alt(g['year_of'])}){_S}{year(1)}(?={_O}(?:[,.;:!?)»]|$))"),
            # "the 2007 disaster", "a 2022 inspection": a year before the noun it dates
            ("year_attributive", rf"{_LB}(?P<art>{_alt(g.get('year_attributive_articles', []))}){_S}{year(1)}(?={_S}[^\W\d_])"),
            ("decade", rf"{_LB}{prep}(?:{_alt(g['decades'])}){_S}(?P<dec>(?:19|20)?\d0)(?![\w-])"),
            ("relday", rf"{_LB}{prep}(?P<reld>{reld_alt})(?![\w'-])"),
            ("period", rf"{_LB}{prep}(?:{periods})(?![\w-])"),
            ("anaphoric", rf"{_LB}{prep}(?P<ana>{ana_alt})(?![\w'-])(?!{_S}(?:{_words(g['complements'])}))"),
            (
                "ago",
                rf"{_LB}(?:{_alt(g['ago'])}){_S}(?P<n>\d{{1,3}}|[^\W\d_]+){_S}(?P<unit>{_alt(d['ago_units'])})(?![\w-])",
            ),
            (  # "six months ago", "two weeks earlier"
                "ago",
                rf"{_LB}(?P<n>\d{{1,3}}|[^\W\d_]+){_S}(?P<unit>{_alt(d['ago_units'])}){_S}(?:{_alt(g.get('ago_after', []))})(?![\w-])",
            ),
            (
                "weekdays",
                rf"{_LB}{night}(?P<from>{_alt(g['weekday_range_from'])}){_S}{wd(1)}{_S}"
                rf"(?:{_alt(g['weekday_range_join'])}){_S}{wd(2)}(?![\w-]|{_S}\d)",
            ),
            ("weekday", rf"{_LB}{lead}{wd(1)}(?:{_S}(?P<rel>{rel_alt}))?(?![\w-])"),
        ]
        return [(name, re.compile(p, re.IGNORECASE)) for name, p in raw]

    def _build_prefilter(self) -> tuple[dict[str, re.Pattern[str]], list[tuple[str, ...]]]:
        """Tokens every match of a pattern contains, so that a window without them is skipped.

        `needs[rank]` lists the tokens of pattern `rank`.
        """
        d, g = self.data, self.data["grammar"]
        words = {
            "weekday": d["weekdays"],
            "month": [*d["months"], *d["month_abbreviations"]],
            "month_full": d["months"],
            "reld": d["relative_days"],
            "part": d["parts"],
            "year_link": g["year_links"],
            "season": d["seasons"],
            "decade": g["decades"],
            "ana": d.get("anaphoric_days", {}),
            "ago": [*g["ago"], *g.get("ago_after", [])],
        }
        tokens = {k: _token(forms) for k, forms in words.items()}
        tokens["digit"] = re.compile(r"\d+")
        tokens["year"] = re.compile(r"\d{4}")
        # "dates", "date", "combo" and "weekday_day" need no digit: a day may be "premier"
        by_kind: dict[str, tuple[str, ...]] = {
            "iso": ("year",), "numeric": ("year",), "dates": ("month",), "date": ("month",),
            "weekday_day": ("weekday",), "day_only": ("digit",), "month": ("month_full",),
            "part_year": ("part", "year"), "part_year_rel": ("part", "year_link"), "season": ("season",),
            "years": ("year",), "year": ("year",), "year_of": ("year",), "year_attributive": ("year",), "decade": ("decade", "digit"),
            "relday": ("reld",), "period": (), "anaphoric": ("ana",), "ago": ("ago",),
            "weekdays": ("weekday",), "weekday": ("weekday",), "combo": ("reld",),
        }
        needs = [by_kind[name] for name, _ in self.patterns]
        combos = [i for i, (name, _) in enumerate(self.patterns) if name == "combo"]
        needs[combos[0]] = ("reld", "weekday")  # "hier, mardi 16"
        needs[combos[1]] = ("reld", "month")  # "aujourd'hui, 16 septembre"
        return tokens, needs


_compiled: dict[str, tuple[object, _Vocab]] = {}


def _vocab(code: str) -> _Vocab:
    """The compiled vocabulary of language `code`, rebuilt when its data changes (user lexicon directories)."""
    data = lang.get(code).data("dates")
    held = _compiled.get(code)
    if held is None or held[0] is not data:
        try:
            held = _compiled[code] = (data, _Vocab(data, code))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error) as exc:
            message = f"lang/{code}/dates.yaml: invalid date vocabulary ({type(exc).__name__}: {exc})"
            raise ConfigError(message.replace("\n", " ")) from None
    return held[1]


# ---------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    """One date expression, as written (normalised offsets), before resolution."""

    start: int
    end: int
    core: int  # where the date proper begins, after any preposition and article
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    day2: int | None = None
    month2: int | None = None
    year2: int | None = None
    weekday2: int | None = None
    rel: int | None = None  # "dernier" -1, "prochain" +1, demonstrative "ce" 0
    year_shift: int | None = None  # "last year" -1: the publication's year plus this
    offsets: tuple[int, int] | None = None  # relative days
    unit: str | None = None
    n: int | None = None
    part: str | None = None
    season: str | None = None
    role: str | None = None
    role_tense: str | None = None
    prep_start: int | None = None
    tense: str | None = None
    dateline: bool = False
    # A year followed by a word that may be what it counts ("en 1500 exemplaires"): the
    # parse decides (`_counts_next_noun`).
    count_follows: bool = False


@dataclass(frozen=True)
class _Resolved:
    start: dt.date
    end: dt.date
    precision: str
    relative: bool = False
    mismatch: bool = False


def _int_day(text: str | None, v: _Vocab) -> int | None:
    if text is None:
        return None
    if _key(text) in v.first_day:
        return 1
    digits = re.match(r"\d+", text)  # "10th", "2nd": the suffix is the language's, the digits are the day
    return int(digits.group()) if digits else None


def _scan(doc: Document, v: _Vocab) -> list[_Mention]:
    """Every date expression of the document, non-overlapping, longest first."""
    text = doc.text
    found: list[tuple[int, int, int, _Mention]] = []
    windows = _windows(text, v)
    if not windows:
        return []
    lo, hi = windows[0][0], windows[-1][1]
    at = {k: _occurrences(t, text, lo, hi) for k, t in v.tokens.items()}
    for start, end in windows:
        present = {k for k, spans in at.items() if _meets(spans, start, end)}
        for rank, (name, pattern) in enumerate(v.patterns):
            if not present.issuperset(v.needs[rank]):
                continue  # the pattern cannot match without these tokens
            for m in pattern.finditer(text, start, end):
                mention = _build(name, m, text, v)
                if mention is None or (name == "year_attributive" and not _dates_its_noun(doc, mention)):
                    continue
                if not (mention.count_follows and _counts_next_noun(doc, mention)):
                    found.append((-(m.end() - m.start()), rank, m.start(), mention))
    found.sort(key=lambda f: f[:3])
    taken = bytearray(len(text))
    out = []
    for _, _, _, mention in found:
        if any(taken[mention.start : mention.end]):
            continue
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        out.append(mention)
    out.sort(key=lambda m: m.start)
    return out


def _dates_its_noun(doc: Document, mention: _Mention) -> bool:
    """Whether a year set before a noun dates it ("the 2007 disaster"), by the parse: the
    noun it modifies is singular; "the 2000 soldiers" counts them."""
    tokens = frames.reader(doc).tokens(mention.core, mention.end)
    if tokens is None:
        return False
    year = tokens[-1]
    noun = year.head
    return noun.i > year.i and noun.pos_ in ("NOUN", "PROPN") and "Plur" not in noun.morph.get("Number")


def _counts_next_noun(doc: Document, mention: _Mention) -> bool:
    """Whether the number that ends a mention counts the word after it, by the parse ("en
    1500 exemplaires", "jeudi 12 articles"); "in 2007 killed" is a year and a verb. Without
    a parse, a word the year-followers list does not name is taken for a noun."""
    tokens = frames.reader(doc).tokens(mention.core, mention.end)
    if tokens is None or tokens.end >= len(tokens.doc):
        return True
    follower = tokens.doc[tokens.end]
    return follower.pos_ not in ("VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PRON", "DET", "PUNCT")


def _occurrences(token: re.Pattern[str], text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """(starts, ends) of the non-overlapping matches of `token` in text[start:end].

    A token may also start inside one of these matches (overlapping forms), never elsewhere.
    """
    starts, ends = [], []
    for m in token.finditer(text, start, end):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _meets(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether a token may start in [start, end): one of the `_occurrences` spans meets it."""
    starts, ends = spans
    i = bisect_left(starts, end) - 1  # the last match starting before `end`
    return i >= 0 and ends[i] > start


def _windows(text: str, v: _Vocab) -> list[tuple[int, int]]:
    """Stretches of text around date words, where the (slow) date patterns are worth running.

    A date expression never crosses a line, and its words lie within a few dozen characters
    of one of the anchor words (a digit, weekday, month, "hier"...); windows end at a space
    so that the patterns' look-aheads see what they would in the whole text.
    """
    windows: list[tuple[int, int]] = []
    line_start, line_end = 0, -1
    for m in v.anchors.finditer(text):
        if m.start() > line_end:
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end == -1 else line_end
        start = max(line_start, m.start() - _WINDOW_BEFORE)
        end = min(line_end, m.end() + _WINDOW_AFTER)
        stop = min(line_end, end + _WINDOW_AFTER)
        while end < stop and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


_WINDOW_BEFORE = 60
_WINDOW_AFTER = 90


_NEXT_WORD = re.compile(r"[^\S\n]*([\w'’-]+|\S)?")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return (m.group(1) or "") if m else ""


def _prev_words(text: str, pos: int, n: int) -> str:
    return " ".join(re.findall(r"[\w'’-]+", text[max(0, pos - 40) : pos])[-n:]).lower()


def _build(name: str, m: re.Match[str], text: str, v: _Vocab) -> _Mention | None:
    """A mention from a pattern match, or None when the context says it is not a date."""
    g = m.groupdict()
    core = m.start()
    for lead in ("night", "prep", "art", "from"):
        if g.get(lead) and name not in ("dates", "weekdays", "years"):
            core = max(core, m.end(lead))
    while core < m.end() and text[core].isspace():
        core += 1
    mention = _Mention(start=m.start(), end=m.end(), core=core, kind=name)
    prep = g.get("prep")
    if prep:
        mention.role, mention.role_tense = v.role(prep)
        mention.prep_start = m.start("prep")
    if g.get("rel"):
        mention.rel = v.relative_words.get(_key(g["rel"]))
    if g.get("shift"):
        mention.year_shift = v.year_shifts[_key(g["shift"])]

    def month_of(raw: str | None) -> int | None:
        if raw is None:
            return None
        k = _key(raw).rstrip(".")
        return v.months.get(k) or v.abbreviations.get(k)

    mention.day, mention.day2 = _int_day(g.get("d1"), v), _int_day(g.get("d2"), v)
    mention.month, mention.month2 = month_of(g.get("m1")), month_of(g.get("m2"))
    if name in ("iso", "numeric"):
        mention.month = int(g["m1"])
    for attr, key in (("weekday", "wd1"), ("weekday2", "wd2")):
        if g.get(key):
            setattr(mention, attr, v.weekdays[_key(g[key])])
    for attr, key in (("year", "y1"), ("year2", "y2")):
        if g.get(key):
            y = int(g[key])
            if not v.year_min <= y <= v.year_max:
                return None
            setattr(mention, attr, y)
    if g.get("part"):
        mention.part = _key(g["part"])
    if g.get("reld"):
        before = text[max(0, m.start("reld") - 3) : m.start("reld")].lower()
        if any(before.endswith(w) for w in v.grammar["nowadays"]):
            return None  # "la Russie d'aujourd'hui": nowadays, not a day
        mention.offsets = v.relative_days[_key(g["reld"])]
    return _check(name, mention, m, text, v)


def _check(name: str, mention: _Mention, m: re.Match[str], text: str, v: _Vocab) -> _Mention | None:
    """Kind-specific validation of a mention."""
    g = m.groupdict()
    dashed = (g.get("join") or "").strip() in ("-", "–")
    month_first = g.get("m2") is not None and m.start("m2") < m.start("d1")
    # "from 10 to 16 September": the preposition that opens the range ("from") is its opener
    opener = g.get("from") or (name == "dates" and _key(g.get("prep") or "") in v.range_openers)
    if name == "dates" and not (opener or dashed or month_first) and (mention.weekday is None or mention.weekday2 is None):
        return None  # "samedi 13 et dimanche 14 septembre", "9-10 November" need no "du"; bare numbers do
    if name == "dates" and opener and not g.get("from"):
        mention.role = mention.role_tense = None  # the whole range, not its start
    if name in ("iso", "numeric", "date", "dates"):
        for d_, m_ in ((mention.day, mention.month), (mention.day2, mention.month2)):
            if d_ is not None and m_ is not None and not (1 <= m_ <= 12 and 1 <= d_ <= 31):
                return None
        if v.capitals_are_names and name == "date" and g["m1"][0].isupper() and mention.year is None and mention.weekday is None:
            return None  # "3 Mai": more likely a name than a date
    if name == "month":
        if not (mention.year or mention.rel or mention.year_shift is not None or mention.part or g.get("mois") or g.get("prep")):
            return None  # a bare month name is too often something else ("mars", "mai")
        if g.get("mois") and not (g.get("art") or g.get("prep") or mention.part or mention.year or mention.rel):
            return None  # "un mois de juin": any June
        if v.capitals_are_names and g["m1"][0].isupper() and mention.year is None:
            return None
    if name == "season":
        season = _key(g["season"])
        mention.season = season
        article = _key(g.get("art") or "")
        undated = mention.year is None and mention.rel is None and mention.year_shift is None and not g.get("prep")
        if undated and article not in v.grammar["season_openers"]:
            return None  # "le printemps arabe"
        if season in v.grammar["article_seasons"] and not article:
            return None  # "a été": a verb
        if article in v.grammar["demonstratives"] and mention.rel is None:
            mention.rel = 0
    if name in ("year", "years", "year_of", "decade", "part_year", "weekday_day"):
        follower = _next_word(text, m.end())
        if follower and follower[0].isalpha() and follower[0].islower() and _key(follower) not in v.year_followers:
            mention.count_follows = True  # "en 1500 exemplaires", "depuis 1500 ans", "jeudi 12 articles"
        if name == "year_of":
            before = _prev_words(text, m.start(), 1)
            if not before or before in v.count_words or before.isdigit():
                return None
            mention.role = None
        if name == "decade":
            dec = g["dec"]
            mention.year = int(dec) if len(dec) == 4 else 1900 + int(dec)
            mention.year2 = mention.year + 9
        if name == "years" and mention.year2 is not None and mention.year is not None and mention.year2 < mention.year:
            return None
    if name == "period":
        index = next(int(k[1:]) for k, val in g.items() if k.startswith("r") and k[1:].isdigit() and val)
        mention.unit, mention.rel = v.periods[index]
    if mention.role == "start" and mention.part in v.grammar["window_parts"] and name in ("part_year_rel", "month"):
        mention.role = None  # "depuis le début de l'année": a counting window, not an event's start
    if name == "anaphoric":
        mention.n = v.anaphoric[_key(g["ana"])]
    if name == "ago":
        n = _small_number(g["n"], v.code)
        if n is None:
            return None
        mention.n, mention.unit = n, v.ago_units[_key(g["unit"])]
    if name == "weekday":
        article = _key(g.get("art") or "")
        before = _prev_words(text, m.start(), 2)
        if article and article not in v.grammar["weekday_articles"]:
            return None  # "le lundi": habitual; "ce lundi" follows the tense like a bare weekday
        if any(before == h or before.endswith(" " + h) for h in v.habitual) and not g.get("prep"):
            return None
        wd_text = g["wd1"]
        if v.capitals_are_names and wd_text[0].isupper() and not _sentence_initial(text, m.start("wd1")):
            return None  # "Vendredi saint", a name
    return mention


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].strip(" \"«(•-—–*")
    return pos == 0 or not before or before[-1] in ".!?\n:;…"


def _small_number(word: str, code: str) -> int | None:
    """ "3" or "trois" -> 3 (the quantities' number parser, whole word only)."""
    if word.isdecimal():
        return int(word)
    parsed = numbers.grammar(code).parse_words(word)
    if parsed is None or parsed[1] != len(word) or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0])


# ---------------------------------------------------------------------------- tense


def _tense(doc: Document, start: int, end: int, v: _Vocab) -> str | None:
    """'past' or 'future' from the closest tense cue in the clause around [start, end)."""
    s, e = doc.sentence_bounds(start)
    s, e = max(s, start - _TENSE_REACH), min(e, end + _TENSE_REACH)
    text = doc.text
    left_start = s
    for b in v.clause.finditer(text, s, start):
        left_start = b.end()
    cut = v.clause.search(text, end, e)
    right_end = cut.start() if cut else e
    left = _cues(text, left_start, start, v)
    if left:  # the closest cue before the date; a future wins a tie ("doit" also looks past)
        return max(left, key=lambda c: (c[1], c[2] == "future"))[2]
    right = _cues(text, end, right_end, v)
    if right:
        return min(right, key=lambda c: (c[0], c[2] != "future"))[2]
    return None


_TENSE_REACH = 150  # characters of the clause read on each side of a date


def _cues(text: str, start: int, end: int, v: _Vocab) -> list[tuple[int, int, str]]:
    """Tense cues in text[start:end] as (start, end, tense)."""
    found = []
    for tense, patterns, excluded in (("future", v.future, v.not_future), ("past", v.past, v.not_past)):
        for pattern in patterns:
            for m in pattern.finditer(text, start, end):
                if m.group() not in excluded:
                    found.append((m.start(), m.end(), tense))
    return found


# ---------------------------------------------------------------------------- resolution


# Mentions whose month is the one a later day without a month ("le 16") belongs to.
_MONTH_CONTEXT = frozenset({"iso", "numeric", "date", "dates", "combo", "weekday_day", "day_only", "month"})


class _Resolver:
    """Turns mentions into intervals against a publication date and an article year."""

    def __init__(self, v: _Vocab, pub: dt.date | None, ref_year: int | None) -> None:
        self.v = v
        self.pub = pub
        self.ref_year = pub.year if pub else ref_year
        self.context: tuple[int, int] | None = None  # (year, month) of the previous mention
        self.last_day: _Resolved | None = None  # the previous day-precise date, for "le lendemain"

    def run(self, mention: _Mention) -> _Resolved | None:
        try:
            out = getattr(self, f"_{mention.kind}")(mention)
        except (ValueError, OverflowError):
            out = None
        if out is not None and mention.kind in _MONTH_CONTEXT and (mention.kind != "combo" or mention.day is not None):
            self.context = (out.end.year, out.end.month)
        if out is not None and out.precision == "day" and mention.kind != "anaphoric":
            self.last_day = out
        return out

    # -- year choice

    def _choose_year(
        self, month: int, day: int | None, weekday: int | None, tense: str | None, rel: int | None
    ) -> tuple[int | None, bool, bool]:
        """(year, weekday mismatch, relative) for a day-month (or a month) written without its year."""
        pub, ref, v = self.pub, self.ref_year, self.v
        mismatch = False
        if weekday is not None and day is not None:
            if ref is None:
                return None, False, False
            window = v.window if pub is None else v.window_published
            years = cal.years_matching_weekday(month, day, weekday, ref, window)
            if pub is not None:
                # News dates without a year lie near the publication: the year the date gets
                # without its weekday wins if the weekday fits it; another year that fits
                # only if that date is still near the publication; else the weekday is wrong.
                near, _, _ = self._choose_year(month, day, None, tense, rel)
                if near is not None and near in years:
                    return near, False, False

                def distance(y: int) -> tuple[int, bool]:
                    gap = cal.days_between(pub, dt.date(y, month, day))
                    return abs(gap), (gap > 0) != (tense == "future")

                best = min(years, key=distance) if years else None
                if best is not None and distance(best)[0] <= v.weekday_reach_days:
                    return best, False, False
                return near, True, True
            if years:
                return min(years, key=lambda y: (abs(y - ref), -y)), False, False
            mismatch = True
        if pub is None:
            return (ref if mismatch else None), mismatch, mismatch
        if rel:  # "le 12 juin dernier": the latest such day before the publication; "prochain": the next one
            written, now = (month, day or 0), (pub.month, pub.day if day else 0)
            if rel < 0:
                return (pub.year if written < now else pub.year - 1), mismatch, True
            return (pub.year if written > now else pub.year + 1), mismatch, True
        first = dt.date(pub.year, month, min(day or 1, cal.last_day(pub.year, month)))
        last = dt.date(pub.year, month, min(day or 31, cal.last_day(pub.year, month)))
        if tense == "future" and cal.days_between(last, pub) > v.rollover:
            return pub.year + 1, mismatch, True
        if tense != "future" and cal.days_between(pub, first) > v.rollover:
            return pub.year - 1, mismatch, True
        return pub.year, mismatch, True

    def _day_month(
        self, day: int, month: int, year: int | None, weekday: int | None, tense: str | None, rel: int | None
    ) -> _Resolved | None:
        relative = False
        mismatch = False
        if year is None:
            year, mismatch, relative = self._choose_year(month, day, weekday, tense, rel)
            if year is None:
                return None
        date = cal.safe_date(year, month, day)
        if date is None:
            return None
        if weekday is not None and date.weekday() != weekday:
            mismatch = True
        return _Resolved(date, date, "day", relative, mismatch)

    # -- kinds

    def _iso(self, m: _Mention) -> _Resolved | None:
        return self._day_month(m.day, m.month, m.year, None, m.tense, None)  # type: ignore[arg-type]

    _numeric = _iso

    def _date(self, m: _Mention) -> _Resolved | None:
        return self._day_month(m.day, m.month, m.year, m.weekday, m.tense, m.rel)  # type: ignore[arg-type]

    def _dates(self, m: _Mention) -> _Resolved | None:
        assert m.day is not None and m.day2 is not None and m.month2 is not None
        end = self._day_month(m.day2, m.month2, m.year2 or m.year, m.weekday2, m.tense, None)
        if end is None and m.weekday is not None and m.month is not None:
            start = self._day_month(m.day, m.month, m.year, m.weekday, m.tense, None)
            if start is None:
                return None
            year2 = start.start.year + (1 if (m.month2, m.day2) < (m.month, m.day) else 0)
            end = self._day_month(m.day2, m.month2, year2, m.weekday2, m.tense, None)
        if end is None:
            return None
        month = m.month or m.month2
        year = m.year or (end.end.year - (1 if (month, m.day) > (m.month2, m.day2) else 0))
        first = cal.safe_date(year, month, m.day)
        if first is None or first > end.end:
            return None
        mismatch = end.mismatch or (m.weekday is not None and first.weekday() != m.weekday)
        return _Resolved(first, end.end, "days", end.relative, mismatch)

    def _months_around(self, anchor: tuple[int, int], tense: str | None) -> list[tuple[int, int]]:
        order = (0, 1, -1) if tense == "future" else (0, -1, 1)
        return [cal.shift_month(anchor[0], anchor[1], k) for k in order]

    def _weekday_day(self, m: _Mention) -> _Resolved | None:
        assert m.day is not None
        relative = False
        anchor = self.context
        if anchor is None:
            if self.pub is None:
                return None
            anchor, relative = (self.pub.year, self.pub.month), True
        candidates = [cal.safe_date(y, mo, m.day) for y, mo in self._months_around(anchor, m.tense)]
        dates = [c for c in candidates if c is not None]
        if not dates:
            return None
        if m.weekday is not None:
            matching = [c for c in dates if c.weekday() == m.weekday]
            if matching:
                return _Resolved(matching[0], matching[0], "day", relative)
            first = candidates[0] or dates[0]
            return _Resolved(first, first, "day", relative, True)
        return (_Resolved(candidates[0], candidates[0], "day", relative)) if candidates[0] else None

    _day_only = _weekday_day

    def _combo(self, m: _Mention) -> _Resolved | None:
        assert m.offsets is not None
        if self.pub is None:
            if m.day is None:
                return None
            if m.month is not None:
                out = self._day_month(m.day, m.month, m.year, m.weekday, m.tense, None)
            else:
                out = self._weekday_day(m)
            return replace(out, relative=True) if out else None
        anchor = self.pub + dt.timedelta(days=m.offsets[0])
        if m.day is None:
            return _Resolved(anchor, anchor, "day", True, m.weekday is not None and anchor.weekday() != m.weekday)
        if m.month is not None and m.year is not None:
            date = cal.safe_date(m.year, m.month, m.day)
            candidates = [date] if date else []
        elif m.month is not None:
            candidates = [cal.safe_date(anchor.year + k, m.month, m.day) for k in (0, -1, 1)]
        else:
            around = self._months_around((anchor.year, anchor.month), m.tense)
            candidates = [cal.safe_date(y, mo, m.day) for y, mo in around]
        dates = [c for c in candidates if c is not None]
        if not dates:
            return None
        matching = [c for c in dates if m.weekday is None or c.weekday() == m.weekday]
        pool = matching or dates
        best = min(pool, key=lambda c: abs(cal.days_between(anchor, c)))
        return _Resolved(best, best, "day", True, not matching)

    def _month(self, m: _Mention) -> _Resolved | None:
        assert m.month is not None
        relative = False
        year = m.year
        if year is None and m.year_shift is not None:
            if self.pub is None:
                return None
            year, relative = self.pub.year + m.year_shift, True
        if year is None:
            year, _, relative = self._choose_year(m.month, None, None, m.tense, m.rel)
            if year is None:
                return None
        if m.part:
            first, last = self.v.parts[m.part]["days"]
            start, end = cal.month_interval(year, m.month, first, last)
            return _Resolved(start, end, "days", relative)
        start, end = cal.month_interval(year, m.month)
        return _Resolved(start, end, "month", relative)

    def _part_year(self, m: _Mention) -> _Resolved | None:
        assert m.part is not None
        relative = m.year is None
        year = m.year if m.year is not None else (self.pub.year + (m.rel or 0) if self.pub else None)
        if year is None:
            return None
        first, last = self.v.parts[m.part]["months"]
        start, end = cal.months_interval(year, first, last)
        return _Resolved(start, end, "month", relative)

    _part_year_rel = _part_year

    def _season_of(self, season: str, year: int) -> tuple[dt.date, dt.date]:
        spec = self.v.seasons[season]
        (sm, sd), (em, ed) = spec["start"], spec["end"]
        start = dt.date(year, sm, sd)
        end = dt.date(year + (1 if (em, ed) < (sm, sd) else 0), em, ed)
        return start, end

    def _season(self, m: _Mention) -> _Resolved | None:
        assert m.season is not None
        spec = self.v.seasons[m.season]
        wraps = tuple(spec["end"]) < tuple(spec["start"])
        if m.year is None and m.year_shift is not None and self.pub is not None:
            m = replace(m, year=self.pub.year + m.year_shift)
            resolved = self._season(m)
            return replace(resolved, relative=True) if resolved is not None else None
        if m.year is not None:
            if m.year2 is not None:
                start, _ = self._season_of(m.season, m.year)
                _, end = self._season_of(m.season, m.year2 - (1 if wraps else 0))
            elif wraps:  # "l'hiver 2022": the winter ending or the one starting that year
                start, _ = self._season_of(m.season, m.year - 1)
                _, end = self._season_of(m.season, m.year)
            else:
                start, end = self._season_of(m.season, m.year)
            return _Resolved(start, end, "season") if start <= end else None
        if self.pub is None:
            return None
        pub = self.pub
        options = [self._season_of(m.season, y) for y in range(pub.year - 2, pub.year + 2)]
        if m.rel == -1:
            chosen = [o for o in options if o[1] < pub][-1]
        elif m.rel == 1:
            chosen = [o for o in options if o[0] > pub][0]
        elif m.rel == 0:
            current = [o for o in options if o[0] <= pub <= o[1]]
            chosen = current[0] if current else [o for o in options if o[0].year == pub.year][0]
        elif m.tense == "future":
            chosen = [o for o in options if o[1] >= pub][0]
        else:
            chosen = [o for o in options if o[0] <= pub][-1]
        return _Resolved(chosen[0], chosen[1], "season", True)

    def _years(self, m: _Mention) -> _Resolved | None:
        assert m.year is not None
        start, end = cal.year_interval(m.year, m.year2)
        return _Resolved(start, end, "year") if start <= end else None

    _year = _years
    _year_of = _years
    _year_attributive = _years
    _decade = _years

    def _relday(self, m: _Mention) -> _Resolved | None:
        if self.pub is None or m.offsets is None:
            return None
        lo, hi = m.offsets
        if lo != hi and m.tense == "future":
            lo, hi = lo + 1, hi + 1  # "cette nuit" ahead
        start, end = self.pub + dt.timedelta(days=lo), self.pub + dt.timedelta(days=hi)
        return _Resolved(start, end, "day" if start == end else "days", True)

    def _period(self, m: _Mention) -> _Resolved | None:
        pub = self.pub
        if pub is None or m.rel is None:
            return None
        if m.unit == "week":
            start, end = cal.week_of(pub, m.rel)
            return _Resolved(start, end, "week", True)
        if m.unit == "weekend":
            direction = m.rel or (1 if m.tense == "future" else -1)
            start, end = cal.weekend(pub, direction)
            return _Resolved(start, end, "days", True)
        if m.unit == "month":
            y, mo = cal.shift_month(pub.year, pub.month, m.rel)
            start, end = cal.month_interval(y, mo)
            return _Resolved(start, end, "month", True)
        start, end = cal.year_interval(pub.year + m.rel)
        return _Resolved(start, end, "year", True)

    def _ago(self, m: _Mention) -> _Resolved | None:
        pub = self.pub
        if pub is None or m.n is None:
            return None
        if m.unit == "day":
            date = pub - dt.timedelta(days=m.n)
            return _Resolved(date, date, "day", True)
        if m.unit == "week":
            mid = pub - dt.timedelta(weeks=m.n)
            return _Resolved(mid - dt.timedelta(days=3), mid + dt.timedelta(days=3), "week", True)
        if m.unit == "month":
            y, mo = cal.shift_month(pub.year, pub.month, -m.n)
            start, end = cal.month_interval(y, mo)
            return _Resolved(start, end, "month", True)
        # "il y a un an": a year before the publication, give or take half a year
        then = cal.safe_date(pub.year - m.n, pub.month, min(pub.day, 28))
        if then is None:
            return None
        return _Resolved(then - dt.timedelta(days=182), then + dt.timedelta(days=182), "year", True)

    def _anaphoric(self, m: _Mention) -> _Resolved | None:
        if self.last_day is None or m.n is None:
            return None
        date = self.last_day.start + dt.timedelta(days=m.n)
        return _Resolved(date, date, "day", self.last_day.relative)

    def _one_weekday(self, weekday: int, rel: int | None, tense: str | None) -> dt.date:
        assert self.pub is not None
        if rel == -1:
            return cal.weekday_before(self.pub, weekday)
        if rel == 1:
            return cal.weekday_after(self.pub, weekday)
        if tense == "future":
            return cal.weekday_on_or_after(self.pub, weekday)
        return cal.weekday_on_or_before(self.pub, weekday)

    def _weekday(self, m: _Mention) -> _Resolved | None:
        if self.pub is None or m.weekday is None:
            return None
        date = self._one_weekday(m.weekday, m.rel, m.tense)
        return _Resolved(date, date, "day", True)

    def _weekdays(self, m: _Mention) -> _Resolved | None:
        if self.pub is None or m.weekday is None or m.weekday2 is None:
            return None
        first = self._one_weekday(m.weekday, None, m.tense)
        gap = (m.weekday2 - m.weekday) % 7 or 7
        return _Resolved(first, first + dt.timedelta(days=gap), "days", True)


# ---------------------------------------------------------------------------- inference


_NAME_YEAR = re.compile(r"\b[A-ZÀ-Ý][\w]*[- ]((?:19|20)\d\d)(?!\d)")


def _reference_year(doc: Document, mentions: list[_Mention]) -> int | None:
    """The latest year written in the article outside future clauses (dates or named events)."""
    years = [y for m in mentions if m.tense != "future" for y in (m.year, m.year2) if y is not None]
    years += [int(x) for x in _NAME_YEAR.findall(doc.text)]
    return max(years) if years else None


def _infer_publication(mentions: list[_Mention], resolved: list[_Resolved | None]) -> dt.date | None:
    """The publication date implied by a dateline, "hier, mardi 16", or the latest weekday date."""
    for m, r in zip(mentions, resolved, strict=True):
        if m.dateline and r is not None:
            return r.start
    for m, r in zip(mentions, resolved, strict=True):
        if m.kind == "combo" and m.day is not None and r is not None and m.offsets is not None and not r.mismatch:
            return r.start - dt.timedelta(days=m.offsets[0])
    dated = [
        r.start
        for m, r in zip(mentions, resolved, strict=True)
        if r is not None
        and m.kind in ("date", "weekday_day")
        and m.weekday is not None
        and not r.mismatch
        and m.tense != "future"
    ]
    return max(dated) if dated else None


def _mark_datelines(doc: Document, mentions: list[_Mention], v: _Vocab) -> None:
    """Flag "PARIS, 15 septembre (AFP) -" and "KINSHASA, 24 juillet —": the publication date,
    not an event's date."""
    for m in mentions:
        if m.kind not in ("date", "iso", "numeric"):
            continue
        credited = dateline_credit_at(doc.text, m.end)
        if not credited and not _DATELINE_DASH.match(doc.text, m.end):
            continue
        line_start = doc.text.rfind("\n", 0, m.start) + 1
        head = doc.text[line_start : m.start].strip()
        # Without an agency's credit, only a place in capitals opens the line: "KINSHASA,".
        if head.endswith(",") and (len(head) <= 100 if credited else _DATELINE_PLACE.fullmatch(head[:-1]) is not None):
            m.dateline = True


_DATELINE_DASH = re.compile(r"[ \t]*[—–-][ \t]")
_DATELINE_PLACE = re.compile(r"[^\W\d_a-z][^\Wa-z\d]*(?:[ '’-][^\W\d_a-z][^\Wa-z\d]*){0,3}")


# ---------------------------------------------------------------------------- claims


def extract(doc: Document) -> Iterator[DateClaim]:
    """Date claims of `doc`; sets `doc.publication_date` when the article lacks one and it can be inferred."""
    v = _vocab(doc.lang.code)
    mentions = _scan(doc, v)
    for m in mentions:
        m.tense = _tense(doc, m.core, m.end, v) or m.role_tense
    _mark_datelines(doc, mentions, v)
    ref_year = _reference_year(doc, mentions)

    if doc.publication_date is None:
        first = _Resolver(v, None, ref_year)
        resolved = []
        for m in mentions:
            r = first.run(m)
            if r is None and m.dateline and m.month is not None and m.day is not None and ref_year is not None:
                r = first._day_month(m.day, m.month, m.year or ref_year, m.weekday, None, None)
            resolved.append(r)
        inferred = _infer_publication(mentions, resolved)
        if inferred is not None:
            doc.publication_date = inferred

    resolver = _Resolver(v, doc.publication_date, ref_year)
    taken = bytearray(len(doc.text))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    memo: dict = {}  # attribution and hedging per sentence
    resolved_all = []
    for m in mentions:
        r = resolver.run(m)
        if m.kind != "ago":  # "il y a deux semaines": the figure is a duration, not a date's number
            doc.date_numbers.append((m.start, m.end))
        if not m.dateline:
            resolved_all.append((m, r))
    claims = [_claim(doc, m, r, v, taken, memo) for m, r in _periods(doc.text, resolved_all, v)]
    doc.dates = claims
    yield from claims


def _periods(
    text: str, mentions: list[tuple[_Mention, _Resolved | None]], v: _Vocab
) -> list[tuple[_Mention, _Resolved | None]]:
    """Two dates that bound one period become that period: "entre le 15 septembre et la
    mi-octobre", "from mid-September to early October" (start of the first, end of the second)."""
    out: list[tuple[_Mention, _Resolved | None]] = []
    i = 0
    while i < len(mentions):
        m, r = mentions[i]
        if i + 1 < len(mentions):
            m2, r2 = mentions[i + 1]
            if r is not None and r2 is not None and r.start <= r2.end and _bounds_a_period(text, m, m2, v):
                period = _Resolved(r.start, r2.end, "days", r.relative or r2.relative)
                out.append((replace(m, end=m2.end, role=None, role_tense=None, kind="period_of_dates"), period))
                i += 2
                continue
        out.append((m, r))
        i += 1
    return out


def _bounds_a_period(text: str, first: _Mention, second: _Mention, v: _Vocab) -> bool:
    if first.kind in _RANGE_KINDS or second.kind in _RANGE_KINDS or "\n" in text[first.start : second.end]:
        return False
    joined = _key(text[first.end : second.core]).split()
    if not joined or joined[0] not in v.period_joins or len(joined) > 3:
        return False
    before = _key(text[max(0, first.start - 16) : first.core]).split()
    return any(w in v.period_openers for w in before[-3:])


_RANGE_KINDS = frozenset({"dates", "years", "weekdays", "period", "ago", "relday", "anaphoric"})


def _claim(
    doc: Document, m: _Mention, r: _Resolved | None, v: _Vocab, taken: bytearray, memo: dict
) -> DateClaim:
    event, event_class = _event(doc, m, v, taken)
    relative = r.relative if r is not None else True
    reader = frames.reader(doc)
    tokens = reader.tokens(m.core, m.end)
    frame = reader.frame(tokens, None, event_subject=True) if tokens is not None else Frame()
    # The date's own predicate is its head when it is an event noun ("le sommet s'est tenu
    # lundi") or a start or end preposition decides its class; otherwise the parse's verb
    # says what the date is of better than the nearest listed word.
    if m.role is not None or frame.verb is None or (event is not None and _governs(reader, tokens, event)):
        frame = frame.model_copy(update={"head": event or frame.head, "verb_class": event_class or frame.verb_class})
    sentence = doc.sentence_bounds(m.start)
    if sentence not in memo:
        memo[sentence] = (cues.attribution(doc, m.start), cues.is_hedged(doc, m.start))
    attribution, hedged = memo[sentence]
    return DateClaim(
        source=doc.source,
        span=doc.span(m.start, m.end),
        sentence=doc.sentence_span(m.start),
        attribution=attribution,
        hedged=hedged,
        start=r.start if r else None,
        end=r.end if r else None,
        precision=r.precision if r else "unknown",  # type: ignore[arg-type]
        relative=relative,
        weekday=m.weekday,
        day=m.day if m.kind in _WRITTEN_KINDS else None,
        month=m.month if m.kind in _WRITTEN_KINDS else None,
        year=m.year if m.kind in _WRITTEN_KINDS else None,
        month_days=tuple(v.parts[m.part]["days"]) if m.kind == "month" and m.part and m.day is None else None,  # type: ignore[arg-type]
        weekday_mismatch=r.mismatch if r else False,
        **(_year_to_place(m, v) if r is None else {}),
        frame=frame,
    )


def _year_to_place(m: _Mention, v: _Vocab) -> dict[str, Any]:
    """For a year named from the publication's ("d'ici la fin de l'année", "last year") in an
    article without a date: the shift and the part of the year, for alignment to place it."""
    if m.kind == "part_year_rel" and m.part is not None:
        return {"year_shift": m.rel or 0, "year_months": tuple(v.parts[m.part]["months"])}
    if m.kind == "period" and m.unit == "year" and m.rel is not None:
        return {"year_shift": m.rel}
    return {}


#: Mentions whose day, month and year are written as such (not a range or a relative period).
_WRITTEN_KINDS = frozenset({"iso", "numeric", "date", "weekday_day", "day_only", "month", "weekday"})


def _governs(reader: frames.FrameReader, tokens: Any, event: str) -> bool:
    """Whether the event noun `event` is what the date hangs on in the parse: its governor
    ("l'annonce le 17 octobre") or an argument of its verb ("le sommet s'est tenu lundi")."""
    if tokens is None:
        return False
    syn = reader.syn
    governor = syn.governor(tokens.root)
    words = {_key(event), *(_key(w) for w in event.split()[-1:])}
    if governor.pos_ == "NOUN":
        return _key(governor.text) in words or _key(governor.lemma_) in words
    if governor.pos_ not in ("VERB", "AUX"):
        return False
    # A subject after its verb is often parsed as its object ("s'est tenu un sommet").
    arguments = [syn.subject(governor), *syn.objects(governor)]
    return any(a is not None and (_key(a.text) in words or _key(a.lemma_) in words) for a in arguments)


def _event(doc: Document, m: _Mention, v: _Vocab, taken: bytearray) -> tuple[str | None, str | None]:
    """(lemma, class) of what the date is the date of; a start/end preposition decides the class."""
    pred = _predicate(doc, m, taken, v)
    role = m.role
    if role == "start" and m.prep_start is not None:
        s, _ = doc.sentence_bounds(m.prep_start)
        before = doc.text[s : m.prep_start]
        if any(p.search(before) for p in v.reference_points):
            role = None  # "la première fois depuis 2017": a reference point, not a start
    if role is None:
        return (pred.lemma, pred.cls) if pred else (None, None)
    if pred is not None:
        bound = m.prep_start is not None and pred.start <= m.prep_start < pred.end
        if bound or pred.cls in v.state_classes or pred.cls == role:
            return pred.lemma, pred.cls
        if pred.cls in ("start", "end"):
            return None, role
        return pred.lemma, role
    return None, role


def _predicate(doc: Document, m: _Mention, taken: bytearray, v: _Vocab) -> cues.Predicate | None:
    """The predicate the date belongs to: `cues.find_predicate`'s nearest one in the clause.

    Three refinements: a predicate must be within reach and not a word of another date
    ("début" in "début août"); a verb before the date loses when another verb stands between
    ("entamées le 3 mars, ont été suspendues vendredi"); and one that follows the date across
    a comma usually opens another clause ("... en août, quelques heures avant de rencontrer"),
    so a close one before the date is preferred to it.
    """
    text = doc.text

    def gap(p: cues.Predicate) -> int:
        return m.core - p.end if p.end <= m.core else p.start - m.end

    def unfit(p: cues.Predicate) -> bool:
        between = text[p.end : m.core] if p.end <= m.core else text[m.end : p.start]
        if gap(p) > _PREDICATE_REACH or _HARD_BREAK.search(between):
            return True
        if any(taken[p.start : min(p.end, m.start)]) or any(taken[max(p.start, m.end) : p.end]):
            return True  # a word of another date
        if m.start <= p.start and p.end <= m.end:
            return True  # a word of this one ("d'ici la fin de l'année")
        # another verb standing between takes the date, unless the predicate is the event
        # noun that verb says something of ("le sommet s'est tenu lundi")
        if p.end > m.core or _key(text[p.start : p.end]) in _event_nouns(v.code):
            return False
        return bool(_cues(text, p.end, m.core, v))

    pred = cues.find_predicate(doc, m.core, m.end, skip=unfit)
    if pred is not None and pred.start >= m.end and "," in text[m.end : pred.start]:
        before = cues.find_predicate(doc, m.core, m.end, skip=lambda p: p.start >= m.end or unfit(p))
        if before is not None and gap(before) <= gap(pred) + _COMMA_PENALTY:
            return before
    return pred


_nouns: dict[str, tuple[object, frozenset[str]]] = {}


def _event_nouns(code: str) -> frozenset[str]:
    """Event nouns of the predicate lexicon ("sommet", "attaque"), rebuilt when it changes."""
    data = lang.get(code).data("predicates")
    held = _nouns.get(code)
    if held is None or held[0] is not data:
        held = _nouns[code] = (data, frozenset(_key(str(n)) for e in data for n in e.get("nouns", [])))
    return held[1]


_HARD_BREAK = re.compile(r"[;:()]|\s[—–-]\s")
_COMMA_PENALTY = 40


# ---------------------------------------------------------------------------- formatting


def format_date(date: dt.date, weekday: bool = True, year: bool = True, *, code: str) -> str:
    """A date written day first in language `code`: "vendredi 1er mars 2024"."""
    data = lang.get(code).data("dates")
    months: dict[int, str] = {}
    for name, number in data["months"].items():
        months.setdefault(int(number), str(name))  # the first listed form is the accented one
    days: dict[int, str] = {}
    for name, number in data["weekdays"].items():
        days.setdefault(int(number), str(name))
    parts = [days[date.weekday()]] if weekday else []
    parts += [str(data["first_day"][0]) if date.day == 1 else str(date.day), months[date.month]]
    if year:
        parts.append(str(date.year))
    return " ".join(parts)

