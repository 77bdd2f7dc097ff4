"""Discover the rules, configure them, run them, and order their findings."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Iterable

from claimdiff.alignment.models import Alignment
from claimdiff.base.config import Config, shown
from claimdiff.base.errors import ConfigError
from claimdiff.findings.models import Finding, Severity
from claimdiff.rules.base import Rule, RuleOptionError

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
    rules = all_rules()
    for rule in rules:
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    words = [w for r in rules for w in (r.code.lower(), r.name)]
    close = difflib.get_close_matches(wanted, words, n=1)
    hint = f"did you mean {close[0].upper() if close[0][:2] == 'cd' else close[0]}? " if close else ""
    raise ConfigError(f"unknown rule {name!r} ({hint}see `claimdiff rules`)")


def configured_rules(config: Config) -> list[Rule]:
    """Instances of the enabled rules with the configured severities and options.

    Every value is checked, enabled rule or not; a ConfigError names the file and the key."""
    settings: dict[str, tuple[str, dict]] = {}
    for name, values in config.rules.items():
        try:
            settings[find_rule(name).code] = (name, dict(values))
        except ConfigError as exc:
            raise ConfigError(f"{config.origin}: rules.{name}: {exc}") from None
    rules = []
    for cls in all_rules():
        written, options = settings.get(cls.code, (cls.code, {}))
        where = f"{config.origin}: rules.{written}"
        enabled, severity = options.pop("enabled", True), options.pop("severity", None)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{where}.enabled: expects true or false, got {shown(enabled)}")
        if severity is not None and severity not in [s.value for s in Severity]:
            raise ConfigError(f"{where}.severity: expects \"info\", \"warning\" or \"error\", got {shown(severity)}")
        try:
            rule = cls(severity=severity, **options)
        except RuleOptionError as exc:
            raise ConfigError(f"{where}.{exc.option}: {exc.detail}") from None
        if enabled:
            rules.append(rule)
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
