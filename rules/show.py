"""`claimdiff rules`: the rule list and each rule's documentation."""

from __future__ import annotations

from claimdiff.rules.engine import all_rules, find_rule


def list_rules() -> str:
    """One line per rule: code, name, kind, default severity, summary."""
    rows = [(r.code, r.name, r.kind.value, r.default_severity.value, r.summary()) for r in all_rules()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4] for row in rows]
    return "\n".join(lines) + "\n\nRun `claimdiff rules CODE` for a rule's documentation and options.\n"


def explain_rule(name: str) -> str:
    """A rule's full documentation, groups and tunable options."""
    rule = find_rule(name)
    lines = [
        f"{rule.code} {rule.name}",
        f"kind: {rule.kind.value}    default severity: {rule.default_severity.value}    groups: {', '.join(rule.groups)}",
        "",
        rule.documentation(),
    ]
    if rule.defaults:
        lines += ["", "Options (claimdiff.toml [rules." + rule.code + "] or [tool.claimdiff.rules." + rule.code + "]):"]
        lines += [f"  {key} = {value!r}" for key, value in sorted(rule.defaults.items())]
    lines += ["", "Common settings: enabled = false, severity = \"info\" | \"warning\" | \"error\"."]
    return "\n".join(lines) + "\n"
