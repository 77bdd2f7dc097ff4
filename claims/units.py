"""Units, currencies and percentages: what a figure measures, and conversion between units.

Each language maps its words and symbols to language-neutral units (`lang/<code>/units.yaml`:
"kilomètres", "km", "miles" -> kilometer, mile; "euros", "€" -> EUR; "%", "pour cent",
"per cent" -> percent). `claims/data/units.yaml` gives each unit its dimension; conversion
goes through pint, loaded only when two different units of one dimension meet (300 ha =
3 km², 10 miles ≈ 16 km). Currencies are never converted: no exchange rate is assumed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimdiff import lang
from claimdiff.base import lexicon
from claimdiff.base.errors import ConfigError
from claimdiff.claims.models import Dimension
from claimdiff.claims.numbers import fold

if TYPE_CHECKING:
    from pint import UnitRegistry


@dataclass(frozen=True)
class Unit:
    """What a word or symbol after a figure measures."""

    dimension: Dimension
    unit: str | None  # unit id, ISO 4217 code, "%" or "pp"


PERCENT = Unit(Dimension.percent, "%")
PERCENTAGE_POINT = Unit(Dimension.percent, "pp")


@dataclass(frozen=True)
class UnitWords:
    """The unit vocabulary of one language."""

    by_form: dict[str, Unit]  # folded lemma or written form -> unit
    after: re.Pattern[str]  # a unit form right after a figure (spaced, or glued for symbols)
    glued: re.Pattern[str]  # any unit form starting right where the text is
    age_prefixes: re.Pattern[str]
    not_age_prefixes: re.Pattern[str]
    age_nouns: frozenset[str]
    age_verbs: frozenset[str]
    value_words: frozenset[str] = frozenset()  # lemmas that say an amount is what a thing is worth

    def unit_after(self, text: str, pos: int, glued: bool = False) -> tuple[Unit, int] | None:
        """The unit written at `pos` (after a figure) and where it ends; `glued` lets any form
        start right at `pos` (after "d'", or a hyphen)."""
        m = (self.glued if glued else self.after).match(text, pos)
        if m is None:
            return None
        return self.by_form[fold(" ".join(m.group("u").split()))], m.end()

    def lemma_unit(self, lemma: str) -> Unit | None:
        return self.by_form.get(fold(lemma))


@functools.cache
def _dimensions() -> dict[str, tuple[Dimension, str]]:
    """Unit id -> (dimension, pint expression)."""
    data = lexicon.load("units", package="claimdiff.claims")
    try:
        return {
            str(uid): (Dimension(spec["dimension"]), str(spec.get("pint", uid)))
            for uid, spec in data["units"].items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"claims/data/units.yaml: malformed ({type(exc).__name__}: {exc})") from None


_compiled: dict[str, tuple[Any, UnitWords]] = {}


def words(code: str) -> UnitWords:
    """The unit vocabulary of language `code`, rebuilt when its data changes."""
    data = lang.get(code).data("units")
    held = _compiled.get(code)
    if held is not None and held[0] is data:
        return held[1]
    try:
        built = _build(code, data)
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise ConfigError(f"lang/{code}/units.yaml: malformed ({type(exc).__name__}: {exc})") from None
    _compiled[code] = (data, built)
    return built


def _build(code: str, data: dict) -> UnitWords:
    dims = _dimensions()
    by_form: dict[str, Unit] = {}
    symbols: set[str] = set()

    def add(forms: list[str], unit: Unit) -> None:
        for form in forms:
            by_form.setdefault(fold(" ".join(str(form).split())), unit)
            if not any(c.isalpha() for c in str(form)) or len(str(form)) <= 3:
                symbols.add(str(form))

    for lemma, spec in (data.get("units") or {}).items():
        uid = str(spec["unit"])
        if uid not in dims:
            raise ValueError(f"unknown unit {uid!r} for {lemma!r}")
        add([str(lemma), *spec.get("forms", [])], Unit(dims[uid][0], uid))
    for lemma, spec in (data.get("currencies") or {}).items():
        add([str(lemma), *spec.get("forms", [])], Unit(Dimension.money, str(spec["code"])))
    add([str(w) for w in data.get("percent", [])], PERCENT)
    add([str(w) for w in data.get("percentage_points", [])], PERCENTAGE_POINT)
    spaced = sorted(by_form, key=len, reverse=True)
    # Words need a space before them and a word boundary after; short symbols may be glued
    # to the digits ("10km", "5%") but a single letter never starts a word ("5 t" yes, "5 tués" no).
    word_alt = "|".join(re.escape(f).replace(r"\ ", r"[ ]+") for f in spaced)
    glued_alt = "|".join(re.escape(fold(s)) for s in sorted(symbols, key=len, reverse=True))
    after = re.compile(
        rf"(?:[ ]+|(?=(?:{glued_alt})(?![^\W\d_])))(?P<u>{word_alt})(?![^\W_]|')" if glued_alt else rf"[ ]+(?P<u>{word_alt})(?![^\W_]|')",
        re.IGNORECASE,
    )
    ages = data.get("ages") or {}
    prefixes = sorted({str(p) for p in ages.get("prefixes", [])}, key=len, reverse=True)
    prefix_alt = "|".join(re.escape(p).replace(r"\ ", r"[ ]+") for p in prefixes) or "(?!)"
    blockers = sorted({str(p) for p in ages.get("not_after", [])}, key=len, reverse=True)
    blocker_alt = "|".join(re.escape(p).replace(r"\ ", r"[ ]+") for p in blockers) or "(?!)"
    return UnitWords(
        by_form=by_form,
        after=after,
        glued=re.compile(rf"[ ]*(?P<u>{word_alt})(?![^\W_]|')", re.IGNORECASE),
        age_prefixes=re.compile(rf"(?<![\w-])(?:{prefix_alt})[ ]*$", re.IGNORECASE),
        not_age_prefixes=re.compile(rf"(?<![\w-])(?:{blocker_alt})\W*$", re.IGNORECASE),
        age_nouns=frozenset(fold(str(n)) for n in ages.get("nouns", [])),
        age_verbs=frozenset(fold(str(v)) for v in ages.get("verbs", [])),
        value_words=frozenset(fold(str(v)) for v in data.get("value_words", [])),
    )


def dimension(unit: str) -> Dimension:
    """The dimension of a unit id."""
    return _dimensions()[unit][0]


@functools.cache
def _registry() -> UnitRegistry:
    import pint

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=256)
def factor(unit: str, to: str) -> float | None:
    """How many `to` one `unit` is (3.28 for meter -> foot); None across dimensions or currencies."""
    if unit == to:
        return 1.0
    dims = _dimensions()
    if unit not in dims or to not in dims or dims[unit][0] is not dims[to][0]:
        return None
    registry = _registry()
    # Expressions, not unit names: "10 * year" (a decade) carries a factor `.to()` refuses.
    ratio = registry.parse_expression(dims[unit][1]) / registry.parse_expression(dims[to][1])
    return float(ratio.to("dimensionless").magnitude)
