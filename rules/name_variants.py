"""CD101 name-variant."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from claimdiff.alignment import names
from claimdiff.alignment.entities import same_person
from claimdiff.alignment.models import Alignment, Entity
from claimdiff.claims.models import EntityClaim, PersonClaim
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule, compare_line, source_count

Mention = PersonClaim | EntityClaim


class NameVariant(Rule):
    """One person, place, organisation or event named differently across or within sources.

    A misspelt name is the error readers notice first, and it breaks searches and
    archives. Names are compared once case, accents and hyphens are folded ("Etats" /
    "États", "Zapad-2025" / "Zapad 2025" are one spelling). A person's name written with
    other accents or capitals ("Mérindol" / "Merindol", "LaTonya" / "Latonya") is reported
    as `info`; so is a difference that a known transliteration correspondence explains
    (ou/u, ch/sh, -ine/-in, doubled consonants: alignment/data/transliteration.yaml); any
    other difference in a person's name is reported at the rule's severity (warning by
    default). One surname with two first names that start alike ("Brian" / "Bryant
    Dalton") is the same person given a wrong first name: reported at the rule's severity.
    Place and organisation names one letter apart ("Fonscolombe" / "Fonscolombes") are
    reported as `info`. A surname alone, an initial ("Boris P."), a middle name or initial
    ("George W. Bush" / "George Bush") are short forms, not variants; names the alias file
    declares the same are accepted. A name spelt alike by two sources or more is reported
    as an agreement.

    Example: "le lieutenant-colonel Bryan Shoup" (source A) and "l'attaché militaire
    Bryan Shoupe" (source B) -> variant, warning. "Viktor Khrenine" / "Viktor Khrenin" ->
    variant, info (transliteration).
    """

    code = "CD101"
    name = "name-variant"
    kind = Kind.name
    groups = ("all", "names")
    default_severity = Severity.warning

    def check(self, alignment: Alignment) -> Iterator[Finding]:
        for entity in alignment.entities:
            if entity.type in ("person", "event", "organisation", "place"):
                finding = self._check_entity(entity, alignment)
                if finding is not None:
                    yield finding
        yield from self._first_names(alignment)

    def _check_entity(self, entity: Entity, alignment: Alignment) -> Finding | None:
        if entity.type == "person" and (spaced := _spacing_only(entity)) is not None:
            return self._spacing(entity, alignment, spaced)
        worst = _NONE
        evidence: list[Mention] = []
        chosen: set[int] = set()
        spellings: list[tuple[Callable, dict[str, list]]] = []
        short_forms = False
        for part in _parts(entity):
            classes: dict[str, list[Mention]] = {}
            for m in entity.mentions:
                spelling = part(m)
                if spelling is not None:
                    classes.setdefault(_exact(spelling), []).append(m)
            found = _NONE
            keys = sorted(classes)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    ma, mb = classes[a][0], classes[b][0]
                    if not _comparable(classes[a], classes[b], entity):
                        continue
                    sa, sb = part(ma), part(mb)
                    if sa is None or sb is None or alignment.aliases.accepted(_display(ma), _display(mb)):
                        continue
                    difference = _difference(sa, sb, entity)
                    if difference == _SHORT:
                        short_forms = True
                    found = max(found, difference, key=_RANK.__getitem__)
            if _RANK[found] > _RANK[_SHORT]:
                worst = max(worst, found, key=_RANK.__getitem__)
                for m in _representatives(classes):
                    if id(m) not in chosen:  # by identity: pydantic's == compares every field
                        chosen.add(id(m))
                        evidence.append(m)
                spellings.append((part, classes))
        if _RANK[worst] <= _RANK[_SHORT]:
            return self._agreement(entity, alignment, short_forms)
        evidence.sort(key=lambda m: (m.source, m.span.start))
        # Show what differs: the whole name when first names differ, else the surname,
        # so that a short form is not shown as a variant of its own full name.
        only_surnames = [part for part, _ in spellings] == [_surname]
        value_of = {id(m): m.surname if only_surnames and isinstance(m, PersonClaim) else _display(m) for m in evidence}
        # People's and events' names have one spelling; places and organisations are often
        # written several ways by their own users.
        severity = self.severity if worst == names.Difference.spelling and entity.type in ("person", "event") else Severity.info
        how = {names.Difference.spelling: "spelt", names.Difference.transliteration: "transliterated"}.get(worst, "written")
        return self.finding(
            status=Status.variant,
            severity=severity,
            subject=entity.label,
            message=f"{entity.label}: {how} {_spelling_line(spellings, alignment)}",
            claims=evidence,
            value_of=value_of,
            key=entity.id,
        )

    def _spacing(self, entity: Entity, alignment: Alignment, classes: dict[str, list[Mention]]) -> Finding:
        """One name whose words are split differently ("Zhang Yimou" / "Zhang Yi Mou"): a
        transliteration habit more than an error, reported as `info`."""
        evidence = sorted(_representatives(classes), key=lambda m: (m.source, m.span.start))
        return self.finding(
            status=Status.variant,
            severity=Severity.info,
            subject=entity.label,
            message=f"{entity.label}: spaced {_spelling_line([(_whole, classes)], alignment)}",
            claims=evidence,
            value_of={id(m): m.name for m in evidence},
            key=entity.id,
        )

    def _agreement(self, entity: Entity, alignment: Alignment, short_forms: bool) -> Finding | None:
        """An agreement when two sources or more write the name alike (a short form is compatible)."""
        full = [m for m in entity.mentions if not (isinstance(m, PersonClaim) and (m.short_form or not m.given))]
        chosen = _representatives({"": full})
        if source_count(chosen) < 2:
            return None
        value_of = {id(m): _display(m) for m in chosen}
        return self.finding(
            status=Status.compatible if short_forms else Status.agree,
            severity=Severity.info,
            subject=entity.label,
            message=f"{entity.label}: {compare_line(chosen, value_of, alignment.short_id, ' / ')}",
            claims=chosen,
            value_of=value_of,
            key=entity.id,
        )

    def _first_names(self, alignment: Alignment) -> Iterator[Finding]:
        """One surname with two first names that start with the same letter and that no
        source writes together: one person, given a wrong first name in one source."""
        by_surname: dict[str, list[Entity]] = {}
        for entity in alignment.entities:
            full = [m for m in entity.mentions if isinstance(m, PersonClaim) and m.given and not m.short_form]
            if entity.type == "person" and full:
                skeleton = names.canonical(_label_surname(full))
                if len(skeleton) >= 4:
                    by_surname.setdefault(skeleton, []).append(entity)
        for skeleton in sorted(by_surname):
            people = by_surname[skeleton]
            for i, a in enumerate(people):
                for b in people[i + 1 :]:
                    finding = self._wrong_first_name(a, b, alignment)
                    if finding is not None:
                        yield finding

    def _wrong_first_name(self, a: Entity, b: Entity, alignment: Alignment) -> Finding | None:
        ma = _first_full(a)
        mb = _first_full(b)
        if ma is None or mb is None or ma.given is None or mb.given is None:
            return None
        if names.fold(ma.given)[:1] != names.fold(mb.given)[:1] or same_person(ma.given, ma.surname, mb.given, mb.surname):
            return None
        if alignment.aliases.distinct(_display(ma), _display(mb)) or names.gendered_forms(ma.surname, mb.surname):
            return None
        sentences_a = {(m.source, m.sentence.start) for m in a.mentions}
        if any((m.source, m.sentence.start) in sentences_a for m in b.mentions):
            return None  # "Jean et Jacques Dupont": two people
        mentions = _representatives({"a": [m for m in a.mentions if m.given], "b": [m for m in b.mentions if m.given]})
        value_of = {id(m): _display(m) for m in mentions}
        label = f"{_display(ma)} / {_display(mb)}"
        return self.finding(
            status=Status.variant,
            severity=self.severity,
            subject=label,
            message=f"{label}: different first names {compare_line(mentions, value_of, alignment.short_id, ' / ')}",
            claims=mentions,
            value_of=value_of,
            key=f"{a.id}|{b.id}",
        )


# Differences by rank; a short form is no difference, typography (accents, capitals) the least.
_NONE, _SHORT, _TYPOGRAPHY = "none", "short", "typography"
_RANK = {
    _NONE: 0,
    _SHORT: 1,
    _TYPOGRAPHY: 2,
    names.Difference.none: 0,
    names.Difference.transliteration: 3,
    names.Difference.spelling: 4,
}


def _difference(a: str, b: str, entity: Entity) -> object:
    """How two spellings of one name part differ; short forms and middle names are no difference."""
    fa, fb = names.fold(a), names.fold(b)
    if _is_initial_of(a, b) or _is_initial_of(b, a):
        return _SHORT
    wa, wb = fa.split(), fb.split()
    if len(wa) != len(wb) and wa[:1] == wb[:1]:
        # "George W." / "George"; but "LaTonya Sharon" / "Latonya" also writes the shared name differently
        if entity.type == "person" and _typographic(a.split()[0]) != _typographic(b.split()[0]):
            return _TYPOGRAPHY
        return _SHORT
    difference = names.difference(a, b)
    if difference is names.Difference.none:
        if entity.type == "person" and _typographic(a) != _typographic(b):
            return _TYPOGRAPHY
        return _NONE
    return difference


def _is_initial_of(initial: str, word: str) -> bool:
    folded = names.fold(initial).replace(" ", "")
    return len(folded) == 1 and names.fold(word).startswith(folded) and len(names.fold(word)) > 1


def _typographic(text: str) -> str:
    """The form in which accents and capitals count, but not a name set all in capitals."""
    if text.isupper():
        text = text.title()
    return unicodedata.normalize("NFC", " ".join(text.replace("-", " ").split()))


def _exact(spelling: str) -> str:
    """The key of a spelling class: accents and capitals kept (they are compared), spacing not."""
    return _typographic(spelling)


def _surname(m: Mention) -> str | None:
    return m.surname if isinstance(m, PersonClaim) else None


def _given(m: Mention) -> str | None:
    return m.given if isinstance(m, PersonClaim) and m.given and not m.short_form else None


def _spacing_only(entity: Entity) -> dict[str, list[Mention]] | None:
    """The full names of a person by spelling, when they differ only in where the words are
    split; None otherwise."""
    full = [m for m in entity.mentions if isinstance(m, PersonClaim) and m.given and not m.short_form]
    classes: dict[str, list[Mention]] = {}
    for m in full:
        classes.setdefault(names.fold(m.name), []).append(m)
    if len(classes) < 2 or len({k.replace(" ", "") for k in classes}) != 1:
        return None
    return classes


def _whole(m: Mention) -> str:
    return m.name


def _parts(entity: Entity) -> tuple[Callable, ...]:
    """What is compared: surnames and given names for people, whole names otherwise."""
    return (_surname, _given) if entity.type == "person" else (_whole,)


def _comparable(a: list[Mention], b: list[Mention], entity: Entity) -> bool:
    """Names of things are compared only across keys merged as misspellings, or when only
    accents and capitals tell them apart.

    Two names with the same key are accepted forms of one name (OTAN / NATO); a bare
    name against a numbered one ("Zapad" / "Zapad-2025") is a short form.
    """
    if entity.type == "person":
        return True
    keys_a = {m.key for m in a if isinstance(m, EntityClaim)}
    keys_b = {m.key for m in b if isinstance(m, EntityClaim)}
    return not (keys_a & keys_b) and names.numbers(a[0].name) == names.numbers(b[0].name)


def _spelling_line(spellings: list[tuple[Callable, dict[str, list]]], alignment: Alignment) -> str:
    """ '"Loukachenko" (000, 001) / "Lukachenko" (004)' for each part that differs."""
    lines = []
    for part, classes in spellings:
        mentions = [m for ms in classes.values() for m in ms]
        value_of = {id(m): f'"{part(m)}"' for m in mentions}
        lines.append(compare_line(mentions, value_of, alignment.short_id, " / "))
    return "; ".join(lines)


def _display(m: Mention) -> str:
    if isinstance(m, PersonClaim) and m.given and not m.short_form:
        return f"{m.given} {m.surname}"
    return m.name


def _first_full(entity: Entity) -> PersonClaim | None:
    full = [m for m in entity.mentions if isinstance(m, PersonClaim) and m.given and not m.short_form]
    return min(full, key=lambda m: (m.source, m.span.start)) if full else None


def _label_surname(full: list[PersonClaim]) -> str:
    return min(full, key=lambda m: (m.source, m.span.start)).surname


def _representatives(classes: dict[str, list]) -> list:
    """Per spelling and source, the first mention, preferring full names."""
    chosen = []
    for key in sorted(classes):
        by_source: dict[str, list] = {}
        for m in classes[key]:
            by_source.setdefault(m.source, []).append(m)
        for source in sorted(by_source):
            ms = by_source[source]
            full = [m for m in ms if isinstance(m, PersonClaim) and m.given and not m.short_form]
            chosen.append(min(full or ms, key=lambda m: (m.span.start, m.span.end)))
    return chosen
