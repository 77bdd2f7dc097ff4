"""Typed claims with exact provenance.

Every claim carries the source id, the span of its key words in the original file text
(`span.text == file_text[span.start:span.end]`) and the span of its sentence. Values are
normalised (intervals, ISO codes, ISO dates) so that rules compare meaning, not wording.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Span(BaseModel):
    """A character range of one source's original decoded text."""

    model_config = ConfigDict(frozen=True)

    source: str
    start: int
    end: int
    text: str


class Qualifier(str, Enum):
    """How a stated quantity bounds the true value."""

    exact = "exact"
    approximate = "approximate"  # "environ", "près de", "une vingtaine"
    lower_bound = "lower_bound"  # "au moins", "plus de"
    upper_bound = "upper_bound"  # "moins de", "jusqu'à"


class Temporal(str, Enum):
    """Whether a figure is the one reported now, or one announced, planned or superseded."""

    reported = "reported"
    announced = "announced"  # "initialement annoncés", "prévus"
    planned = "planned"
    previous = "previous"


class _Claim(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    span: Span = Field(description="The claim's key words in the original text.")
    sentence: Span = Field(description="The sentence the claim was read from.")
    attribution: str | None = Field(default=None, description='Who says so: "Kremlin", "Minsk", "AFP".')
    hedged: bool = Field(default=False, description='Stated in the conditional or as hearsay ("auraient").')

    @property
    def id(self) -> str:
        return f"{self.source}:{self.span.start}-{self.span.end}:{self.type}"  # type: ignore[attr-defined]


class Frame(BaseModel):
    """What a quantity, date or time claim is about, read from the parse of its sentence.

    Alignment matches claims by their frames: the same head, the same anchor entity, the
    same verb, shared context, and no scope that keeps them apart. Every field is decided
    here, by the extractor that reads the sentence; alignment never re-reads the text.
    """

    model_config = ConfigDict(frozen=True)

    head: str | None = Field(default=None, description='Lemma of the counted or measured noun ("délégation", "bomb"), or of the event noun a date is the date of.')
    head_class: str | None = Field(default=None, description="Language-neutral class of the head (dead, troops, money...), from the language's noun lexicon.")
    head_generic: bool = Field(default=False, description='The head says little by itself ("people", "personnes"): sharing it is weak evidence.')
    head_event: bool = Field(
        default=False, description='The head names the event the figure measures ("la perte de 695 millions"), not a thing counted.'
    )
    verb: str | None = Field(default=None, description="Lemma of the governing verb.")
    verb_class: str | None = Field(default=None, description="Language-neutral class of the verb (kill, attend, release...).")
    anchor: str | None = Field(default=None, description='Key of the entity the claim belongs to ("person:hiller", "org:NATO", "place:yida").')
    anchor_role: Literal["apposition", "possessor", "subject", "object", "clause"] | None = Field(
        default=None, description="How the anchor is tied to the claim: the closer, the more it says."
    )
    modifiers: tuple[str, ...] = Field(default=(), description="Lemmas of the adjectives on the head.")
    nationality: str | None = Field(default=None, description='ISO code of a demonym on the head ("officiers américains").')
    part: Literal["subset", "rest", "partitive"] | None = Field(
        default=None,
        description='"subset": a part of a total stated beside it ("dont 24 000 à Paris"); '
        '"rest": what is left of a total besides a part ("quatre autres enfants"); '
        '"partitive": some of a group named after it ("two of the bombs", "trois de ses enfants").',
    )
    cumulative: bool = Field(default=False, description='A running total ("au total", "since January").')
    place: str | None = Field(default=None, description='Key of a place that bounds the count ("24 000 manifestants à Lyon").')
    when: str | None = Field(default=None, description='A time the clause ties the claim to ("2004", "2008-12"): another occasion than the story\'s.')
    occasion: Literal["earlier", "later"] | None = Field(
        default=None, description='An occasion before or after the story\'s that the clause names ("la précédente journée", "the next protest").'
    )
    entities: tuple[str, ...] = Field(default=(), description="Keys of the people and things named in the clause, sorted: its arguments.")
    participants: tuple[str, ...] = Field(
        default=(), description='Lemmas of the common nouns that are the subject or objects of the verb, sorted ("la nounou lui a menti": nounou).'
    )
    context: tuple[str, ...] = Field(default=(), description="Content lemmas of the clause, sorted: what else the sentence talks about.")


class Dimension(str, Enum):
    """What kind of magnitude a quantity is; only quantities of one dimension are compared."""

    count = "count"
    money = "money"
    percent = "percent"
    length = "length"
    area = "area"
    volume = "volume"
    mass = "mass"
    duration = "duration"
    speed = "speed"
    age = "age"
    ordinal = "ordinal"
    ratio = "ratio"
    frequency = "frequency"


class QuantityClaim(_Claim):
    """A count, amount or measure: "au moins deux officiers américains", "38,5 milliards de dollars"."""

    type: Literal["quantity"] = "quantity"
    value: float = Field(description="The nominal figure in `unit` (20 for 'une vingtaine').")
    low: float | None = Field(description="Lower end of the interval the text allows, in `unit`; None = unbounded.")
    high: float | None = Field(description="Upper end of the interval the text allows, in `unit`; None = unbounded.")
    qualifier: Qualifier = Qualifier.exact
    dimension: Dimension = Dimension.count
    unit: str | None = Field(default=None, description='The unit: an ISO 4217 currency for money, a pint unit name ("kilometer", "hour") for measures, "%" for percentages.')
    noun: str | None = Field(default=None, description="The counted or measured noun as written.")
    frame: Frame = Field(default_factory=Frame)
    temporal: Temporal = Temporal.reported
    anaphoric: bool = Field(default=False, description='A definite back-reference ("les deux pays"), not a new count.')

    def interval(self, tolerance: float = 0.0) -> tuple[float, float]:
        """The interval of values compatible with this claim; approximations widened by `tolerance`."""
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        if self.qualifier is Qualifier.approximate and tolerance:
            low = min(low, self.value * (1 - tolerance))
            high = max(high, self.value * (1 + tolerance))
        return low, high


class PersonClaim(_Claim):
    """A mention of a person: full name, or a short form ("Poutine", "M. Loukachenko")."""

    type: Literal["person"] = "person"
    name: str = Field(description="The name as written, without honorifics.")
    given: str | None = Field(default=None, description="First name(s), when written.")
    surname: str
    short_form: bool = Field(default=False, description="Surname alone, possibly after an honorific.")
    title: str | None = Field(default=None, description='Role from an apposition: "ministre de la Défense".')
    title_span: Span | None = None
    nationality: str | None = Field(default=None, description="ISO code of a stated nationality.")


class EntityType(str, Enum):
    country = "country"
    place = "place"
    organisation = "organisation"
    event = "event"


class EntityClaim(_Claim):
    """A mention of a country, place, organisation or named event, resolved to a key."""

    type: Literal["entity"] = "entity"
    entity_type: EntityType
    name: str = Field(description="The form as written.")
    key: str = Field(description='Canonical key: ISO 3166 alpha-2 for countries ("BY"), "org:NATO", "event:zapad-2025".')
    form: Literal["name", "demonym", "capital", "acronym", "government"] = "name"


class DateClaim(_Claim):
    """A date or period of an event, resolved against the article's publication date."""

    type: Literal["date"] = "date"
    start: dt.date | None = Field(description="First day of the resolved interval; None when unresolvable.")
    end: dt.date | None = Field(description="Last day of the resolved interval (inclusive).")
    precision: Literal["day", "days", "week", "month", "season", "year", "unknown"] = "day"
    relative: bool = Field(default=False, description='Resolved from a relative expression ("lundi", "hier").')
    weekday: int | None = Field(default=None, description="The weekday written with the date (0 = Monday), if any.")
    day: int | None = Field(default=None, description="The day of the month as written, if any (to place the date later).")
    month: int | None = Field(default=None, description="The month as written, if any.")
    year: int | None = Field(default=None, description="The year as written, if any.")
    month_days: tuple[int, int] | None = Field(
        default=None, description='The days of `month` that a part of it covers ("fin juillet": 21-31), if written.'
    )
    year_shift: int | None = Field(
        default=None,
        description='The year as counted from the publication\'s ("cette année" 0, "l\'an dernier" -1), '
        "when the article has no date to resolve it against.",
    )
    year_months: tuple[int, int] | None = Field(
        default=None, description='The months of that year a part of it covers ("la fin de l\'année": 10-12), if written.'
    )
    nominal: bool = Field(
        default=False,
        description="Placed by alignment in a nominal year (or week) because nothing in its story gives one: "
        "comparable only with dates placed the same way, by day and month (or weekday).",
    )
    weekday_mismatch: bool = Field(default=False, description="The stated weekday fits no plausible year.")
    frame: Frame = Field(default_factory=Frame, description="What the date is the date of.")


class TimeClaim(_Claim):
    """A time of day: "20h08 heure locale", "at approximately 3:00 pm", "peu avant minuit"."""

    type: Literal["time"] = "time"
    minute: int = Field(description="Minutes after midnight of the time as written.")
    low: int = Field(description="Earliest minute the text allows.")
    high: int = Field(description="Latest minute the text allows.")
    qualifier: Qualifier = Qualifier.exact
    twelve_hour: bool = Field(default=False, description='Written on a clock that may be the 12-hour one ("8h08"): it may also be 12 hours later.')
    zone: str | None = Field(default=None, description='The time zone written with it (an IANA name, "GMT"), "local", or None.')
    utc_offset: float | None = Field(default=None, description="Hours to add to UTC for the written zone, when known.")
    frame: Frame = Field(default_factory=Frame, description="What the time is the time of.")


class SetMember(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    span: Span


class SetClaim(_Claim):
    """An enumeration: "la Pologne, la Lituanie et la Lettonie"."""

    type: Literal["set"] = "set"
    members: list[SetMember]
    exhaustive: bool = Field(
        description="The list names every member of what it describes (relation + qualifier). False for "
        'partial lists ("dont", "tels que"); a partial marker that applies to a larger group ("parmi '
        "lesquels trois membres de l'OTAN : A, B, C\") does not make a counted list partial."
    )
    stated_count: int | None = Field(default=None, description='A count the text gives for the list ("trois membres").')
    count_span: Span | None = None
    relation: str | None = Field(
        default=None,
        description="What the set is: a predicate class in context (attend, participate, border, meeting...), "
        '"location" for places where something happens, "membership".',
    )
    qualifier: str | None = Field(default=None, description='Membership qualifier key, e.g. "org:NATO".')

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.members)


Claim = Annotated[
    Union[QuantityClaim, PersonClaim, EntityClaim, DateClaim, TimeClaim, SetClaim],
    Field(discriminator="type"),
]


class ArticleClaims(BaseModel):
    """Everything extracted from one article: the unit that is cached."""

    source: str
    claims: list[Claim]
    publication_date: dt.date | None = Field(default=None, description="Publication date used to resolve dates.")

    @model_validator(mode="after")
    def _share_sentences(self) -> ArticleClaims:
        """Claims read from one sentence share one Span object, and one source string.

        Read back from JSON (the cache, worker processes) every claim would otherwise carry
        its own copy of its sentence: a large corpus holds hundreds of thousands of claims.
        Claims are frozen, so the shared objects are set without revalidation.
        """
        source = sys.intern(self.source)
        sentences: dict[tuple[int, int], Span] = {}
        for claim in self.claims:
            shared = sentences.setdefault((claim.sentence.start, claim.sentence.end), claim.sentence)
            if shared is not claim.sentence:
                object.__setattr__(claim, "sentence", shared)
            if claim.source is not source and claim.source == source:
                object.__setattr__(claim, "source", source)
                object.__setattr__(claim.span, "source", source)
            _share_fields_set(claim)
            _share_fields_set(claim.span)
            _share_nested(claim)
        return self


#: Fields of claims and frames whose values recur across a corpus (lemmas, keys, names).
_WORD_FIELDS = ("attribution", "name", "key", "given", "surname", "unit", "noun", "zone")
_FRAME_WORDS = ("head", "head_class", "verb", "verb_class", "anchor", "nationality", "place")
_FRAME_WORD_TUPLES = ("modifiers", "entities", "participants", "context")


def _share_nested(claim: BaseModel) -> None:
    """The fields-sets of a claim's nested models (its sentence, frame, members, extra
    spans) shared, and its words interned.

    A frame's set names up to twenty fields: unshared, the sets of a quantity's or a date's
    frame take more memory than the rest of the claim. Read back from JSON, every lemma
    and key of every claim would be a string of its own.
    """
    _share_fields_set(claim.sentence)  # type: ignore[attr-defined]
    _intern_fields(claim, _WORD_FIELDS)
    frame = getattr(claim, "frame", None)
    if frame is not None:
        _share_fields_set(frame)
        _intern_fields(frame, _FRAME_WORDS)
        for name in _FRAME_WORD_TUPLES:
            words = getattr(frame, name)
            if words:
                object.__setattr__(frame, name, tuple(sys.intern(w) for w in words))
    for name in ("title_span", "count_span"):
        span = getattr(claim, name, None)
        if span is not None:
            _share_fields_set(span)
    for member in getattr(claim, "members", ()):
        _share_fields_set(member)
        _share_fields_set(member.span)


_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _intern_fields(model: BaseModel, names: tuple[str, ...]) -> None:
    values = model.__dict__
    for name in names:
        value = values.get(name)
        if type(value) is str:
            values[name] = sys.intern(value)


def _share_fields_set(model: BaseModel) -> None:
    """Give a model instance its class's shared fields-set.

    pydantic keeps a set of the explicitly set field names on every instance (2 KB for a
    quantity claim, more than the claim itself). claimdiff never dumps with exclude_unset,
    and model_copy copies the set before changing it, so instances of a class whose sets
    hold the same names can share one (there are a handful of distinct sets per class).
    """
    fields = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault((type(model), frozenset(fields)), fields)
    if shared is not fields:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
