"""What a run needs from the configuration and the command line, checked before any work.

A mistake in the configuration (a rule option of the wrong type, a language without a pack,
an unreadable alias file) or on the command line (`--select`, `--ignore`, `--only`, a
baseline) stops the run at once, naming the file and the key, instead of after minutes of
extraction. What is wrong but harmless (a lexicon directory that does not exist) is a note.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff import lang
from claimdiff.base.config import Config
from claimdiff.base.errors import ClaimdiffError, ConfigError
from claimdiff.corpus.models import InputNote
from claimdiff.findings.models import Status
from claimdiff.rules import engine
from claimdiff.rules.base import Rule


class UsageError(ClaimdiffError):
    """A command-line value that is not valid."""


@dataclass(frozen=True)
class Plan:
    """The validated settings of one run."""

    rules: list[Rule]
    notes: list[InputNote] = field(default_factory=list)
    only: frozenset[Status] | None = None


def prepare(
    config: Config,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    only: str | None = None,
    baseline: str | None = None,
) -> Plan:
    """Validate everything the run will use; raise ClaimdiffError on the first mistake."""
    if config.default_language not in lang.codes():
        raise ConfigError(
            f"{config.origin}: default_language: no language pack for {config.default_language!r}"
            f" (available: {', '.join(lang.codes())})"
        )
    rules = select_rules(config, select, ignore)
    if config.aliases:
        from claimdiff.alignment.aliases import load_aliases

        load_aliases(str(config.resolve(config.aliases)))
    if baseline:
        from claimdiff.findings.baseline import load_baseline

        load_baseline(baseline)
    return Plan(rules=rules, notes=config_notes(config), only=parse_only(only))


def config_notes(config: Config) -> list[InputNote]:
    """Notes about configured paths that cannot be used but do not stop the run."""
    notes = []
    entries = [(config.origin, f"lexicon_dirs: {d}", config.resolve(d)) for d in config.lexicon_dirs]
    env = os.environ.get("CLAIMDIFF_LEXICON_PATH", "")
    entries += [("CLAIMDIFF_LEXICON_PATH", p, Path(p)) for p in env.split(os.pathsep) if p]
    for where, label, path in entries:
        if not path.is_dir():
            what = "not a directory" if path.exists() else "no such directory"
            notes.append(InputNote(path=where, level="warning", message=f"{label}: {what}; ignored"))
    return notes


def rule_words() -> set[str]:
    """Every code and name of a rule, lowercase: what selectors and inline waivers may name."""
    return {w for r in engine.all_rules() for w in (r.code.lower(), r.name.lower())}


def select_rules(config: Config, select: Sequence[str] | None, ignore: Sequence[str] | None) -> list[Rule]:
    """The configured rules, narrowed by `--select` and `--ignore` (ruff's words).

    `--select` replaces the configuration's choice: a selected rule runs even when the
    configuration disables it. `--ignore` then removes rules. Both take codes, code
    prefixes (`CD2`), names, or `ALL`, comma-separated or repeated.
    """
    chosen = _codes("--select", select) if select else None
    dropped = _codes("--ignore", ignore) if ignore else set()
    if chosen is not None:
        config = _enabled(config, chosen)
    rules = engine.configured_rules(config)  # validates every rule's settings
    return [r for r in rules if (chosen is None or r.code in chosen) and r.code not in dropped]


def _codes(option: str, values: Iterable[str]) -> set[str]:
    rules = engine.all_rules()
    codes: set[str] = set()
    for value in values:
        for word in (w.strip() for w in value.split(",")):
            if not word:
                continue
            matched = {r.code for r in rules if _matches(word.lower(), r)}
            if not matched:
                words = [w for r in rules for w in (r.code, r.name)]
                close = difflib.get_close_matches(word, words, n=1, cutoff=0.5)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise UsageError(f"{option}: no rule {word!r}{hint}; see `claimdiff rules`")
            codes |= matched
    return codes


def _matches(word: str, rule: type[Rule]) -> bool:
    """Whether a lowercase selector names the rule: ALL, its name, its code or a code prefix."""
    if word in ("all", rule.name.lower()):
        return True
    return word.startswith("cd") and rule.code.lower().startswith(word)


def _enabled(config: Config, codes: set[str]) -> Config:
    """`config` with the rules of `codes` enabled, whatever it says."""
    rules = {name: dict(values) for name, values in config.rules.items()}
    covered: set[str] = set()
    for name, values in rules.items():
        try:
            code = engine.find_rule(name).code
        except ConfigError:
            continue  # configured_rules reports it, with the file
        if code in codes:
            values["enabled"] = True
            covered.add(code)
    rules.update({code: {"enabled": True} for code in sorted(codes - covered)})
    return config.model_copy(update={"rules": rules})


def parse_only(value: str | None) -> frozenset[Status] | None:
    """The statuses of `--only` (comma-separated), or None for all."""
    if not value:
        return None
    names = [s.value for s in Status]
    wanted = set()
    for word in (w.strip().lower() for w in value.split(",")):
        if not word:
            continue
        if word not in names:
            close = difflib.get_close_matches(word, names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise UsageError(f"--only: no status {word!r} ({hint}choose from {', '.join(names)})")
        wanted.add(Status(word))
    return frozenset(wanted) or None
