"""Times of day: "20h08 heure locale", "à 23h36", "peu avant minuit", "at approximately 3:00 pm",
"8:30 p.m.", "0737 GMT".

Each becomes a `TimeClaim` with the minute it names and the interval its qualifier allows
("vers 20 h" is 19:45-20:15, "peu avant minuit" 23:00-24:00), the zone written with it and,
where the zone fixes one, its offset from UTC on the article's date. The vocabulary is in
lang/<code>/times.yaml. A bare hour is a time only after a clock preposition ("à 10
heures"), never as a duration ("après 10 heures de débat", "48 heures").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimdiff.base.errors import ConfigError
from claimdiff.claims import cues, frames
from claimdiff.claims.document import Document
from claimdiff.claims.models import Qualifier, TimeClaim

_DAY = 24 * 60


@dataclass(frozen=True)
class _Vocab:
    clock: re.Pattern[str]
    bare: re.Pattern[str]
    named: re.Pattern[str]
    named_minutes: dict[str, int]
    military: re.Pattern[str] | None
    qualifier_left: re.Pattern[str]
    qualifiers: dict[str, tuple[Qualifier, int, int]]
    colon_preposition: re.Pattern[str]  # before "10:30", it makes it a time, not a score
    day_part: re.Pattern[str]
    day_parts: dict[str, int]
    zone: re.Pattern[str]
    zones: dict[str, str]
    complement: re.Pattern[str]
    twelve_hour: bool


def _alt(words: Any) -> str:
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"[ ]+") for f in forms) or "(?!)"


_compiled: dict[str, tuple[Any, _Vocab]] = {}


def _vocab(doc: Document) -> _Vocab:
    data = doc.lang.data("times")
    held = _compiled.get(doc.lang.code)
    if held is not None and held[0] is data:
        return held[1]
    try:
        built = _build(data)
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise ConfigError(f"lang/{doc.lang.code}/times.yaml: malformed ({type(exc).__name__}: {exc})") from None
    _compiled[doc.lang.code] = (data, built)
    return built


def _build(data: dict) -> _Vocab:
    seps = [str(s) for s in data["separators"] if str(s) != "."]
    dot = "." in [str(s) for s in data["separators"]]
    day_parts = {str(k).lower(): int(v) for k, v in (data.get("day_parts") or {}).items()}
    part_alt = _alt(day_parts)
    sep_alt = "|".join(re.escape(s) for s in seps)
    # "20h08", "20 h 08", "14:30", "8:30 p.m."; "4.30am" (a dot only before a day part).
    # A separator without minutes ends the word: "20h", not the "h" of "24 heures".
    clock = rf"(?<![\w.,:])(?P<h>[01]?\d|2[0-4])[ ]?(?:(?P<sep>{sep_alt})(?:[ ]?(?P<m>[0-5]\d)|(?![^\W\d_]))"
    if dot:
        clock += rf"|\.(?P<dm>[0-5]\d)(?=[ ]?(?:{part_alt})(?![^\W\d_]))"
    if data.get("hour_words_with_minutes"):  # "20 heures 08": the word, then the minutes
        clock += rf"|(?:{_alt(data['hour_words_with_minutes'])})[ ]+(?P<wm>[0-5]\d)(?![\d.,]\d)"
    clock += r")(?![\d])"
    hour_words = _alt(data.get("hour_words") or [])
    preps = _alt(data.get("prepositions") or [])
    bare = rf"(?<![\w-])(?:{preps})[ ]+(?P<h>[01]?\d|2[0-4])[ ]?(?P<w>{hour_words})(?![\w])"
    qualifiers: dict[str, tuple[Qualifier, int, int]] = {}
    kinds = {"approximate": Qualifier.approximate, "before": Qualifier.upper_bound, "after": Qualifier.lower_bound}
    for kind, spec in (data.get("qualifiers") or {}).items():
        for word in spec["words"]:
            qualifiers[" ".join(str(word).lower().split())] = (kinds[kind], int(spec["before"]), int(spec["after"]))
    zones = {}
    for zone, words in (data.get("zones") or {}).items():
        for word in words:
            zones.setdefault(" ".join(str(word).lower().split()), str(zone))
    named = {str(k).lower(): int(v) for k, v in (data.get("named") or {}).items()}
    return _Vocab(
        clock=re.compile(clock, re.IGNORECASE),
        bare=re.compile(bare, re.IGNORECASE),
        named=re.compile(rf"(?<![\w-])(?P<n>{_alt(named)})(?![\w-])", re.IGNORECASE),
        named_minutes=named,
        military=re.compile(rf"(?<![\w.,:])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=[ ]+(?:{_alt(zones)})(?![\w]))", re.IGNORECASE)
        if data.get("military")
        else None,
        qualifier_left=re.compile(
            rf"(?<![\w-])(?P<q>{_alt(qualifiers)})[ ]+(?:(?:{_alt(data.get('qualifier_links') or [])})[ ]+)?$", re.IGNORECASE
        ),
        qualifiers=qualifiers,
        colon_preposition=re.compile(rf"(?<![\w-])(?:{_alt(data.get('colon_prepositions') or [])})[ ]+$", re.IGNORECASE),
        day_part=re.compile(rf"[ ]?(?P<p>{part_alt})(?![^\W\d_])", re.IGNORECASE),
        day_parts=day_parts,
        zone=re.compile(rf"[ ]*[(,]?[ ]*(?P<z>{_alt(zones)})(?![\w])", re.IGNORECASE),
        zones=zones,
        complement=re.compile(rf"[ ]+(?:{_alt(data.get('complement') or [])})(?![\w])", re.IGNORECASE),
        twelve_hour=bool(data.get("twelve_hour")),
    )


@dataclass
class _Mention:
    start: int
    end: int
    minute: int
    ambiguous_12h: bool = False


def _mentions(text: str, v: _Vocab) -> list[_Mention]:
    found: list[_Mention] = []
    for m in v.clock.finditer(text):
        hour = int(m.group("h"))
        minute = m.group("m") or m.groupdict().get("dm") or m.groupdict().get("wm")
        sep = m.group("sep")
        end = m.end()
        part = v.day_part.match(text, end)
        if minute is None:
            # "20h" is a time; "20:" alone is not; "3 p.m." has no separator (handled below).
            if not sep or sep == ":":
                continue
        if sep == ":" and part is None and not v.zone.match(text, end) and not _clock_preposition_before(text, m.start(), v):
            continue  # "2:1", "10:30" in a score or a ratio
        value = hour * 60 + int(minute or 0)
        ambiguous = False
        if part is not None:
            value = _with_day_part(hour, int(minute or 0), v.day_parts[" ".join(part.group("p").lower().split())])
            end = part.end()
        elif v.twelve_hour and 1 <= hour <= 12:
            ambiguous = True
        if value > _DAY:
            continue
        found.append(_Mention(m.start(), end, value, ambiguous))
    # "3 p.m.", "9 pm": an hour with a day part.
    for m in re.finditer(r"(?<![\w.,:])(?P<h>1[0-2]|0?[1-9])(?=[ ]?\S)", text):
        part = v.day_part.match(text, m.end())
        if part is None:
            continue
        found.append(_Mention(m.start(), part.end(), _with_day_part(int(m.group("h")), 0, v.day_parts[" ".join(part.group("p").lower().split())])))
    for m in v.bare.finditer(text):
        if v.complement.match(text, m.end()):
            continue  # "après 10 heures de débat": a duration
        hour = int(m.group("h"))
        start = m.start("h")
        part = v.day_part.match(text, m.end())
        end = m.end()
        value, ambiguous = hour * 60, v.twelve_hour and 1 <= hour <= 12
        if part is not None:
            value, ambiguous, end = _with_day_part(hour, 0, v.day_parts[" ".join(part.group("p").lower().split())]), False, part.end()
        found.append(_Mention(start, end, value, ambiguous))
    for m in v.named.finditer(text):
        found.append(_Mention(m.start(), m.end(), v.named_minutes[m.group("n").lower()]))
    if v.military is not None:
        for m in v.military.finditer(text):
            found.append(_Mention(m.start(), m.end(), int(m.group("h")) * 60 + int(m.group("m"))))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[_Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


def _with_day_part(hour: int, minute: int, add: int) -> int:
    if add == 12 and hour < 12:
        hour += 12
    elif add == 0 and hour == 12:
        hour = 0  # "12:30 a.m."
    return hour * 60 + minute


def _clock_preposition_before(text: str, pos: int, v: _Vocab) -> bool:
    return bool(v.colon_preposition.search(text, max(0, pos - 12), pos))


def extract(doc: Document) -> Iterator[TimeClaim]:
    """Time claims of `doc`, in text order; also stored in `doc.times`."""
    v = _vocab(doc)
    text = doc.text
    reader = frames.reader(doc)
    claims = []
    for m in _mentions(text, v):
        start, end = m.start, m.end
        qualifier, low, high = Qualifier.exact, m.minute, m.minute
        q = v.qualifier_left.search(text, max(0, start - 40), start)
        if q:
            kind, before, after = v.qualifiers[" ".join(q.group("q").lower().split())]
            qualifier, low, high = kind, m.minute - before, m.minute + after
            start = q.start()
        zone = None
        z = v.zone.match(text, end)
        if z:
            zone = v.zones[" ".join(z.group("z").lower().split())]
            end = z.end()
        span = reader.tokens(m.start, m.end)
        frame = reader.frame(span, None, event_subject=True) if span is not None else None
        claims.append(
            TimeClaim(
                source=doc.source,
                span=doc.span(start, end),
                sentence=doc.sentence_span(start),
                attribution=cues.attribution(doc, start),
                hedged=cues.is_hedged(doc, start),
                minute=m.minute,
                low=low,
                high=high,
                qualifier=qualifier,
                twelve_hour=m.ambiguous_12h,
                zone=zone,
                utc_offset=_offset(zone, doc.publication_date),
                **({"frame": frame} if frame is not None else {}),
            )
        )
    doc.times = claims
    return iter(claims)


def _offset(zone: str | None, day: dt.date | None) -> float | None:
    """Hours east of UTC of a named zone on `day`; None when it is unknown, as for a zone that
    changes its clocks in an article of unknown date ("14h08 heure de Paris" is UTC+1 or +2)."""
    if zone in (None, "local"):
        return None
    if zone in ("GMT", "UTC"):
        return 0.0
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    days = [day] if day is not None else [dt.date(2000, 1, 15), dt.date(2000, 7, 15)]
    offsets = {dt.datetime.combine(d, dt.time(12), tzinfo=tz).utcoffset() for d in days}
    if len(offsets) != 1 or None in offsets:
        return None
    return offsets.pop().total_seconds() / 3600  # type: ignore[union-attr]
