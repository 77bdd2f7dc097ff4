"""Discover the rules, configure them, run them, and order their findings."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from claimdiff.alignment.models import Alignment
from claimdiff.base.config import Config
from claimdiff.base.errors import ConfigError
from claimdiff.findings.models import Finding
from claimdiff.rules.base import Rule

_NOT_RULES = {"base", "engine", "show"}


def all_rules() -> list[type[Rule]]:
    """Every built-in rule class, by code. A rule is a module of this package defining a Rule subclass."""
    import claimdiff.rules as package

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _NOT_RULES or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and getattr(obj, "code", None):
                found[obj.code] = obj
    return [found[code] for code in sorted(found)]


def find_rule(name: str) -> type[Rule]:
    """The rule class with this code or name (case-insensitive)."""
    wanted = name.lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    raise ConfigError(f"unknown rule {name!r} (see `claimdiff rules`)")


def configured_rules(config: Config) -> list[Rule]:
    """Instances of the enabled rules with the configured severities and options."""
    settings: dict[str, dict] = {}
    for name, values in config.rules.items():
        settings[find_rule(name).code] = dict(values)
    rules = []
    for cls in all_rules():
        options = dict(settings.get(cls.code, {}))
        if not options.pop("enabled", True):
            continue
        severity = options.pop("severity", None)
        try:
            rules.append(cls(severity=severity, **options))
        except ValueError as exc:
            raise ConfigError(f"rule {cls.code}: {exc}") from None
    return rules


def sort_key(finding: Finding) -> tuple:
    """Conflicts first, then variants, then agreements; most severe first; then by place."""
    first = finding.evidence[0] if finding.evidence else None
    return (
        finding.status.rank,
        -finding.severity.rank,
        finding.kind.value,
        finding.subject,
        (first.source, first.start) if first else ("", 0),
        finding.rule,
        finding.fingerprint,
    )


def run(alignment: Alignment, rules: Iterable[Rule]) -> list[Finding]:
    """All findings of all rules, in report order."""
    findings = [f for rule in rules for f in rule.check(alignment)]
    return sorted(findings, key=sort_key)
