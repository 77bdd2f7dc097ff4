"""Build claims by hand from the compact YAML notation of tests/fixtures/rules/*.yml.

Each claim entry becomes one sentence of its source's text, so every claim gets a real
span and sentence. Entity context is written inline:

    {source: a, type: quantity, text: "17 pays", value: 17, head: pays, head_class: countries,
     verb_class: attend, event: Vostok-2022}
    {source: b, type: date, text: "lundi 19 décembre", start: 2022-12-19, verb_class: meeting,
     people: [Vladimir Poutine, Alexandre Loukachenko]}

A claim's frame takes `head`, `head_class`, `verb`, `verb_class`, `nationality`, `part`,
`place`, `when`, `cumulative`, `anchor` and `context` (lemmas) as written; an `event` is its anchor, and the
event and `people` are the entities its clause names.
    {source: a, type: set, text: "la Pologne et la Lituanie", members: [PL, LT], relation: border}
    {source: a, type: person, text: "Bryan Shoup", title: attaché militaire}
    {source: a, type: time, text: "20h08", at: "20:08", zone: local, head: ouvrir}

`before` puts words in front of the claim in its sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from claimdiff.alignment import names
from claimdiff.claims.models import (
    ArticleClaims,
    DateClaim,
    EntityClaim,
    EntityType,
    Frame,
    PersonClaim,
    QuantityClaim,
    SetClaim,
    SetMember,
    Span,
    TimeClaim,
)
from claimdiff.corpus.models import Source

_QUANTITY_FIELDS = ("noun", "temporal", "anaphoric", "unit", "dimension")
_FRAME_FIELDS = (
    "head", "head_class", "verb", "verb_class", "nationality", "part", "place", "when", "cumulative", "anchor", "context",
)


def _frame(entry: dict) -> Frame:
    """The frame of a claim entry: its fields as written, its event as anchor, its event and
    people as the entities of its clause."""
    fields = {k: entry[k] for k in _FRAME_FIELDS if k in entry}
    event = entry.get("event")
    if event and "anchor" not in fields:
        fields["anchor"] = "event:" + names.fold(event).replace(" ", "-")
        fields["anchor_role"] = "subject"
    entities = ["event:" + names.fold(event).replace(" ", "-")] if event else []
    entities += ["person:" + names.fold(p.split()[-1]) for p in entry.get("people", [])]
    return Frame(**fields, entities=tuple(sorted(entities)))


def _person(source: str, name: str, span: Span, sentence: Span, title: str | None = None) -> PersonClaim:
    words = name.split()
    return PersonClaim(
        source=source,
        span=span,
        sentence=sentence,
        name=name,
        given=" ".join(words[:-1]) or None,
        surname=words[-1],
        short_form=len(words) == 1,
        title=title,
    )


def build_corpus(
    entries: list[dict[str, Any]],
    published: dict[str, Any] | None = None,
    story: list[str] | None = None,
    languages: dict[str, str] | None = None,
) -> tuple[list[Source], list[ArticleClaims]]:
    """Sources and extracted claims for a case's claim entries.

    `story` names places every source mentions (in a sentence of its own): what makes
    articles tell the same story when their claims are not anchored to a named event.
    `languages` gives a source's language (French otherwise).
    """
    published = {k: _date(v) for k, v in (published or {}).items()}
    texts: dict[str, str] = defaultdict(str)
    claims: dict[str, list] = defaultdict(list)
    for entry in entries:
        source = entry["source"]
        context = [entry.get("event"), *entry.get("people", [])]
        before = entry.get("before", "")
        sentence_text = before + " ".join([entry["text"], *[f"({c})" for c in context if c]]) + "."
        start = len(texts[source])
        texts[source] += sentence_text + " "
        sentence = Span(source=source, start=start, end=start + len(sentence_text), text=sentence_text)
        begin = start + len(before)
        span = Span(source=source, start=begin, end=begin + len(entry["text"]), text=entry["text"])
        claims[source].extend(_context_claims(source, entry, sentence))
        claims[source].append(_claim(entry, span, sentence))
    for source in sorted(texts) if story else ():
        for name in story:
            start = len(texts[source])
            texts[source] += name + ". "
            span = Span(source=source, start=start, end=start + len(name), text=name)
            key = "place:" + names.fold(name).replace(" ", "-")
            claims[source].append(
                EntityClaim(source=source, span=span, sentence=span, entity_type=EntityType.place, name=name, key=key)
            )
    sources = [Source(id=s, path=f"{s}.txt", date=published.get(s), language=(languages or {}).get(s, "fr")) for s in sorted(texts)]
    extracted = [
        ArticleClaims(source=s, claims=sorted(claims[s], key=lambda c: c.span.start), publication_date=published.get(s))
        for s in sorted(texts)
    ]
    return sources, extracted


def _context_claims(source: str, entry: dict, sentence: Span) -> list:
    out = []
    for name in [entry.get("event"), *entry.get("people", [])]:
        if not name:
            continue
        i = sentence.text.index(f"({name})") + 1 + sentence.start
        span = Span(source=source, start=i, end=i + len(name), text=name)
        if name == entry.get("event"):
            key = "event:" + names.fold(name).replace(" ", "-")
            out.append(EntityClaim(source=source, span=span, sentence=sentence, entity_type=EntityType.event, name=name, key=key))
        else:
            out.append(_person(source, name, span, sentence))
    return out


def _claim(entry: dict, span: Span, sentence: Span):
    kind, source = entry["type"], entry["source"]
    if kind == "quantity":
        value = float(entry["value"])
        qualifier = entry.get("qualifier", "exact")
        low = entry.get("low", None if qualifier == "upper_bound" else value)
        high = entry.get("high", None if qualifier == "lower_bound" else value)
        extra = {k: entry[k] for k in _QUANTITY_FIELDS if k in entry}
        return QuantityClaim(
            source=source, span=span, sentence=sentence, value=value, low=low, high=high, qualifier=qualifier,
            attribution=entry.get("attribution"), hedged=entry.get("hedged", False), frame=_frame(entry), **extra,
        )
    if kind == "date":
        start = _date(entry.get("start"))
        return DateClaim(
            source=source, span=span, sentence=sentence, start=start, end=_date(entry.get("end")) or start,
            frame=_frame(entry), weekday=entry.get("weekday"), weekday_mismatch=entry.get("weekday_mismatch", False),
            month=entry.get("month"), month_days=tuple(entry["month_days"]) if "month_days" in entry else None,
        )
    if kind == "time":
        hours, minutes = (int(x) for x in str(entry["at"]).split(":"))
        minute = hours * 60 + minutes
        return TimeClaim(
            source=source, span=span, sentence=sentence, minute=minute, low=entry.get("low", minute),
            high=entry.get("high", minute), qualifier=entry.get("qualifier", "exact"), zone=entry.get("zone"),
            utc_offset=entry.get("utc_offset"), twelve_hour=entry.get("twelve_hour", False), frame=_frame(entry),
        )
    if kind == "set":
        members = [SetMember(key=k, name=k, span=span) for k in entry["members"]]
        return SetClaim(
            source=source, span=span, sentence=sentence, members=members, exhaustive=entry.get("exhaustive", True),
            stated_count=entry.get("stated_count"), relation=entry.get("relation"), qualifier=entry.get("qualifier"),
        )
    if kind == "person":
        return _person(source, entry["text"], span, sentence, title=entry.get("title"))
    if kind == "entity":
        return EntityClaim(
            source=source, span=span, sentence=sentence, entity_type=EntityType(entry.get("entity_type", "event")),
            name=entry["text"], key=entry["key"],
        )
    raise ValueError(f"unknown claim type {kind!r}")


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def corpus_texts(extracted: list[ArticleClaims]) -> dict[str, str]:
    """The text of each source as `build_corpus` wrote it: its sentences at their offsets."""
    texts = {}
    for article in extracted:
        chars: list[str] = []
        for claim in article.claims:
            sentence = claim.sentence
            if len(chars) < sentence.end:
                chars.extend(" " * (sentence.end - len(chars)))
            chars[sentence.start : sentence.end] = sentence.text
        texts[article.source] = "".join(chars)
    return texts
