"""`claimdiff rules`: the rule list and each rule's documentation, as configured."""

from __future__ import annotations

import json
from typing import Any

from claimdiff.base.config import Config
from claimdiff.rules.base import Rule
from claimdiff.rules.engine import all_rules, configured_rules, find_rule


def _configured(config: Config | None) -> dict[str, Rule]:
    """The enabled rules of `config` (validated) by code; the defaults without one."""
    return {r.code: r for r in configured_rules(config or Config())}


def list_rules(config: Config | None = None) -> str:
    """One line per rule: code, name, kind, severity and state as configured, summary."""
    enabled = _configured(config)
    rows = []
    for r in all_rules():
        rule = enabled.get(r.code)
        severity = rule.severity.value if rule else r.default_severity.value
        rows.append((r.code, r.name, r.kind.value, severity, "on" if rule else "off", r.summary()))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths)) + "  " + row[5] for row in rows]
    source = f" (configuration: {config.config_file})" if config is not None and config.config_file else ""
    return "\n".join(lines) + f"\n\nSeverity and on/off as configured{source}. Run `claimdiff rules CODE` for a rule's documentation and options.\n"


def explain_rule(name: str, config: Config | None = None) -> str:
    """A rule's full documentation, groups and tunable options (with their configured values)."""
    rule = find_rule(name)
    configured = _configured(config).get(rule.code)
    severity = configured.severity.value if configured else rule.default_severity.value
    state = "enabled" if configured else "disabled in the configuration"
    lines = [
        f"{rule.code} {rule.name}",
        f"kind: {rule.kind.value}    severity: {severity} (default {rule.default_severity.value})    {state}"
        f"    groups: {', '.join(rule.groups)}",
        "",
        rule.documentation(),
    ]
    if rule.defaults:
        lines += ["", "Options (claimdiff.toml [rules." + rule.code + "] or [tool.claimdiff.rules." + rule.code + "]):"]
        for key, default in sorted(rule.defaults.items()):
            value = configured.options[key] if configured else default
            note = "" if value == default else f"    (default {default!r})"
            lines.append(f"  {key} = {value!r}{note}")
    lines += ["", "Common settings: enabled = false, severity = \"info\" | \"warning\" | \"error\"."]
    return "\n".join(lines) + "\n"


def rules_json(config: Config | None = None, name: str | None = None) -> str:
    """The rules (or one rule) as configured, as JSON: for tools and editors."""
    enabled = _configured(config)
    wanted = [find_rule(name)] if name else all_rules()
    out: list[dict[str, Any]] = []
    for r in wanted:
        rule = enabled.get(r.code)
        out.append(
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind.value,
                "enabled": rule is not None,
                "severity": (rule.severity if rule else r.default_severity).value,
                "default_severity": r.default_severity.value,
                "groups": list(r.groups),
                "summary": r.summary(),
                "documentation": r.documentation(),
                "options": {
                    key: {"value": rule.options[key] if rule else default, "default": default}
                    for key, default in sorted(r.defaults.items())
                },
            }
        )
    return json.dumps(out[0] if name else out, ensure_ascii=False, indent=2) + "\n"
