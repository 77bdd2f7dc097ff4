"""CD101 name-variant."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimdiff.alignment import names
from claimdiff.alignment.models import Alignment, Entity
from claimdiff.claims.models import EntityClaim, PersonClaim
from claimdiff.findings.models import Finding, Kind, Severity, Status
from claimdiff.rules.base import Rule, compare_line


class NameVariant(Rule):
    """One person or event spelt differently across or within sources.

    A misspelt name is the error readers notice first, and it breaks searches and
    archives. Names of people are compared once case, accents and hyphens are folded
    ("Etats"/"États", "Zapad-2025"/"Zapad 2025" are the same spelling). A difference that a
    known transliteration correspondence explains (ou/u, ch/sh, -ine/-in, -ski/-sky: see
    alignment/data/transliteration.yaml) is reported as `info`; any other difference is
    reported at the rule's severity (warning by default). A surname alone ("Poutine",
    "M. Loukachenko") is a short form of the full name, not a variant; names the alias file
    declares the same are accepted.

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
            if entity.type in ("person", "event", "organisation"):
                finding = self._check_entity(entity, alignment)
                if finding is not None:
                    yield finding

    def _check_entity(self, entity: Entity, alignment: Alignment) -> Finding | None:
        worst = names.Difference.none
        evidence: list[PersonClaim | EntityClaim] = []
        chosen: set[int] = set()
        spellings: list[tuple[Callable, dict[str, list]]] = []
        for part in _parts(entity):
            classes: dict[str, list[PersonClaim | EntityClaim]] = {}
            for m in entity.mentions:
                spelling = part(m)
                if spelling is not None:
                    classes.setdefault(names.fold(spelling), []).append(m)
            found = names.Difference.none
            folded = sorted(classes)
            for i, a in enumerate(folded):
                for b in folded[i + 1 :]:
                    ma, mb = classes[a][0], classes[b][0]
                    if not _comparable(classes[a], classes[b], entity):
                        continue
                    sa, sb = part(ma), part(mb)
                    if sa is None or sb is None or alignment.aliases.accepted(_display(ma), _display(mb)):
                        continue
                    found = max(found, names.difference(sa, sb), key=_RANK.__getitem__)
            if found is not names.Difference.none:
                worst = max(worst, found, key=_RANK.__getitem__)
                for m in _representatives(classes):
                    if id(m) not in chosen:  # by identity: pydantic's == compares every field
                        chosen.add(id(m))
                        evidence.append(m)
                spellings.append((part, classes))
        if worst is names.Difference.none:
            return None
        evidence.sort(key=lambda m: (m.source, m.span.start))
        # Show what differs: the whole name when first names differ, else the surname,
        # so that a short form is not shown as a variant of its own full name.
        only_surnames = [part for part, _ in spellings] == [_surname]
        value_of = {id(m): m.surname if only_surnames else _display(m) for m in evidence}
        severity = self.severity if worst is names.Difference.spelling else Severity.info
        how = "spelt" if worst is names.Difference.spelling else "transliterated"
        return self.finding(
            status=Status.variant,
            severity=severity,
            subject=entity.label,
            message=f"{entity.label}: {how} {_spelling_line(spellings, alignment)}",
            claims=evidence,
            value_of=value_of,
            key=entity.id,
        )


_RANK = {names.Difference.none: 0, names.Difference.transliteration: 1, names.Difference.spelling: 2}


def _surname(m: PersonClaim) -> str:
    return m.surname


def _given(m: PersonClaim) -> str | None:
    return m.given if (m.given and not m.short_form) else None


def _whole(m: EntityClaim) -> str:
    return m.name


def _parts(entity: Entity) -> tuple[Callable, ...]:
    """What is compared: surnames and given names for people, whole names otherwise."""
    return (_surname, _given) if entity.type == "person" else (_whole,)


def _comparable(a: list, b: list, entity: Entity) -> bool:
    """Event and organisation names are compared only across keys merged as misspellings.

    Two names with the same key are accepted forms of one name (OTAN / NATO); a bare
    name against a numbered one ("Zapad" / "Zapad-2025") is a short form.
    """
    if entity.type == "person":
        return True
    keys_a, keys_b = {m.key for m in a}, {m.key for m in b}
    return not (keys_a & keys_b) and names.numbers(a[0].name) == names.numbers(b[0].name)


def _spelling_line(spellings: list[tuple[Callable, dict[str, list]]], alignment: Alignment) -> str:
    """ '"Loukachenko" (000, 001) / "Lukachenko" (004)' for each part that differs."""
    lines = []
    for part, classes in spellings:
        mentions = [m for ms in classes.values() for m in ms]
        value_of = {id(m): f'"{part(m)}"' for m in mentions}
        lines.append(compare_line(mentions, value_of, alignment.short_id, " / "))
    return "; ".join(lines)


def _display(m: PersonClaim | EntityClaim) -> str:
    if isinstance(m, PersonClaim) and m.given and not m.short_form:
        return f"{m.given} {m.surname}"
    return m.name


def _representatives(classes: dict[str, list]) -> list:
    """Per spelling and source, the first mention, preferring full names."""
    chosen = []
    for folded in sorted(classes):
        by_source: dict[str, list] = {}
        for m in classes[folded]:
            by_source.setdefault(m.source, []).append(m)
        for source in sorted(by_source):
            ms = by_source[source]
            full = [m for m in ms if isinstance(m, PersonClaim) and m.given and not m.short_form]
            chosen.append(min(full or ms, key=lambda m: m.span.start))
    return chosen
