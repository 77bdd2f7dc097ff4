"""The rule interface: small classes with a code, a name, a kind and their documentation."""

from __future__ import annotations

import difflib
import functools
import hashlib
import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from claimdiff.alignment.models import Alignment, ClaimGroup
from claimdiff.claims.models import Claim
from claimdiff.base.errors import ConfigError
from claimdiff.findings import lines
from claimdiff.findings.models import Evidence, Finding, Kind, Severity, Status


class Rule(ABC):
    """Base of every rule. The subclass docstring is the rule's documentation.

    A rule reads the alignment (entities and groups of comparable claims) and yields
    findings: agreements at `info`, alarms at the rule's (configurable) severity.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    kind: ClassVar[Kind]
    groups: ClassVar[tuple[str, ...]] = ("all",)
    default_severity: ClassVar[Severity] = Severity.warning
    #: Tunable options and their defaults; configuration may override them.
    defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, severity: Severity | str | None = None, **options: Any) -> None:
        unknown = sorted(set(options) - set(self.defaults))
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(self.defaults), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RuleOptionError(self, unknown[0], f"is not an option of this rule{hint}")
        self.severity = Severity(severity) if severity else self.default_severity
        self.options = {**self.defaults, **_validated(type(self), options)}

    @abstractmethod
    def check(self, alignment: Alignment) -> Iterable[Finding]:
        """Findings about the aligned claims."""

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0]

    def finding(
        self,
        *,
        status: Status,
        severity: Severity,
        subject: str,
        message: str,
        claims: Sequence[Claim],
        value_of: dict[int, str] | None = None,
        key: str = "",
        clashes: Iterable[tuple[str, str]] = (),
    ) -> Finding:
        """Build a finding whose evidence is the claims' spans, with values per source.

        `value_of` maps `id(claim)` to its display value; `key` identifies the subject
        independently of wording so that the fingerprint survives edits elsewhere;
        `clashes` are the pairs of values that exclude each other.
        """
        value_of = value_of or {}
        evidence: list[Evidence] = []
        values: dict[str, list[str]] = {}
        seen: set[tuple[str, int, int]] = set()
        for claim in sorted(claims, key=lambda c: (c.source, c.span.start, c.span.end)):
            where = (claim.source, claim.span.start, claim.span.end)
            if where in seen:
                continue
            seen.add(where)
            value = value_of.get(id(claim))
            evidence.append(
                Evidence(
                    source=claim.source,
                    start=claim.span.start,
                    end=claim.span.end,
                    text=claim.span.text,
                    value=value,
                    sentence=claim.sentence.text,
                    sentence_start=claim.sentence.start,
                )
            )
            if value is not None and value not in values.setdefault(claim.source, []):
                values[claim.source].append(value)
        return Finding(
            kind=self.kind,
            status=status,
            severity=severity,
            rule=self.code,
            rule_name=self.name,
            subject=subject,
            message=message,
            values=values,
            evidence=evidence,
            fingerprint=fingerprint(self.code, key or subject, values),
            clashes=sorted({(min(a, b), max(a, b)) for a, b in clashes if a != b}),
        )


    def compare(
        self,
        group: ClaimGroup,
        claims: Sequence[Claim],
        value_of: dict[int, str],
        short_id: Callable[[str], str],
        *,
        clash: bool,
        same: bool,
        clash_severity: Severity | None = None,
        note: str = "",
        pairs: Sequence[tuple[Claim, Claim]] = (),
        variant: bool = False,
    ) -> Finding | None:
        """The finding for a group of comparable claims: a conflict when they clash; a
        `variant` note when they state one value written differently (a rounded figure
        against a precise one); else an agreement (all equal) or compatibility, when at
        least two sources state them.

        `pairs` are the claims that exclude each other, when they clash."""
        if source_count(claims) < 2 and not clash:
            return None
        if variant:
            status, severity = Status.variant, Severity.info
        elif clash:
            status, severity = Status.conflict, clash_severity or self.severity
        else:
            status, severity, note = (Status.agree if same else Status.compatible), Severity.info, ""
        return self.finding(
            status=status,
            severity=severity,
            subject=group.subject,
            message=f"{group.subject}: {compare_line(claims, value_of, short_id)}{note}",
            claims=claims,
            value_of=value_of,
            key=group.key,
            clashes=[(value_of[id(a)], value_of[id(b)]) for a, b in pairs] if clash else (),
        )


class RuleOptionError(ConfigError):
    """A rule option that the rule does not have, or of the wrong type."""

    def __init__(self, rule: Rule | type[Rule], option: str, detail: str) -> None:
        super().__init__(f"rule {rule.code} ({rule.name}): option {option!r} {detail}")
        self.option, self.detail = option, detail


_EXPECTED = {bool: "true or false", int: "an integer", float: "a number", str: "a string", list: "a list", dict: "a table"}


@functools.cache
def _options_model(rule: type[Rule]) -> type[BaseModel]:
    """A pydantic model of the rule's options, typed after their defaults (an int is a float's
    valid value; nothing else is converted)."""
    fields = {key: (type(value) if value is not None else Any, value) for key, value in rule.defaults.items()}
    return create_model(f"{rule.__name__}Options", __config__=ConfigDict(extra="forbid", strict=True), **fields)


def _validated(rule: type[Rule], options: dict[str, Any]) -> dict[str, Any]:
    try:
        return _options_model(rule).model_validate(options).model_dump(exclude_unset=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        option = str(error["loc"][0])
        expected = _EXPECTED.get(type(rule.defaults[option]), type(rule.defaults[option]).__name__)
        value = repr(error.get("input"))
        value = value if len(value) <= 60 else value[:59] + "…"
        raise RuleOptionError(rule, option, f"expects {expected}, got {value}") from None


def clash_severity(group: ClaimGroup, pairs: Sequence[tuple[Claim, Claim]], severity: Severity) -> Severity:
    """`severity` when one of the clashing `pairs` is strongly matched, else info.

    Groups not matched by frames (sets, roles) carry no links: their clashes keep `severity`.
    """
    if not group.links:
        return severity
    for a, b in pairs:
        link = group.link(a, b)
        if link is not None and link.strength == "strong":
            return severity
    return Severity.info


def fingerprint(code: str, key: str, values: dict[str, list[str]]) -> str:
    """A stable id from what a finding says, not where: offsets may move, the finding stays."""
    material = "\x1f".join([code, key, *(f"{s}={'|'.join(sorted(v))}" for s, v in sorted(values.items()))])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def compare_line(
    claims: Sequence[Claim], value_of: dict[int, str], short_id: Callable[[str], str], sep: str = " vs "
) -> str:
    """ "~20 (001) vs 17 (002)": each distinct value with the sources that state it, in first-seen order."""
    ordered = sorted(claims, key=lambda c: (c.source, c.span.start))
    return lines.comparison(((short_id(c.source), value_of[id(c)]) for c in ordered), sep)


def source_count(claims: Iterable[Claim]) -> int:
    return len({c.source for c in claims})
