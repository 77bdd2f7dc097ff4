"""Configuration from `claimdiff.toml` or `[tool.claimdiff]` in `pyproject.toml`.

Example::

    [tool.claimdiff]
    corpus = "articles"                 # the default corpus, and what single files are checked against
    fail_on = "warning"
    lexicon_dirs = ["lexicon"]          # user extensions of the YAML vocabularies
    aliases = "aliases.yaml"            # known equivalent / distinct names

    [tool.claimdiff.rules.CD201]        # rule code or name
    severity = "error"
    approximate_tolerance = 0.15

    [tool.claimdiff.rules.role-titles]
    enabled = false

    [[tool.claimdiff.waivers]]
    fingerprint = "3f2a9c0e1b7d4a65"
    reason = "Both spellings are used by the ministry itself."
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimdiff.base.errors import ConfigError

FailOn = Literal["info", "warning", "error", "never"]


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str
    reason: str = Field(min_length=1)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fail_on: FailOn = "warning"
    #: The corpus `check` reads when given no path, and checks single files against.
    corpus: str | None = None
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    lexicon_dirs: list[str] = Field(default_factory=list)
    aliases: str | None = None
    waivers: list[Waiver] = Field(default_factory=list)
    cache_dir: str | None = None
    #: The language of articles whose metadata names none and whose text is too short to tell.
    default_language: str = "fr"
    #: Directory the configuration file was found in; relative paths resolve against it.
    base_dir: str = "."
    #: The file this configuration was read from (None: the defaults). Set by `load_config`.
    config_file: str | None = None

    @property
    def origin(self) -> str:
        """How messages name this configuration: its file, else "configuration"."""
        return self.config_file or "configuration"

    def resolve(self, path: str) -> Path:
        p = Path(path)
        return p if p.is_absolute() else Path(self.base_dir) / p


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """The configuration from `explicit`, else the first claimdiff.toml / pyproject.toml upwards."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return _parse(path)
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in ("claimdiff.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                config = _parse(candidate, optional=name == "pyproject.toml")
                if config is not None:
                    return config
    return Config()


# Fields set by `load_config`, never by the file.
_INTERNAL = ("base_dir", "config_file")


def _parse(path: Path, optional: bool = False) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read configuration: nested too deeply") from None
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("claimdiff") if isinstance(tool, dict) else None
        if data is None:
            return None if optional else Config(base_dir=str(path.parent), config_file=str(path))
        prefix = "tool.claimdiff."
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.claimdiff: expected a table, got {type(data).__name__}")
    for key in _INTERNAL:
        if key in data:
            raise ConfigError(f"{path}: {prefix}{key}: unknown configuration key")
    try:
        return Config.model_validate({**data, "base_dir": str(path.parent), "config_file": str(path)})
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc, prefix)}") from None


def describe(exc: ValidationError, prefix: str = "") -> str:
    """The first validation error as "key.path: what was expected, got value" (one line)."""
    first = exc.errors()[0]
    where = prefix + ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        known = [k for k in Config.model_fields if k not in _INTERNAL]
        key = str(first["loc"][-1])
        close = difflib.get_close_matches(key, known, n=1) if len(first["loc"]) == 1 else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{where}: unknown configuration key{hint}"
    return f"{where}: {first['msg']}, got {shown(first.get('input'))}"


def shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, cut to `limit` characters; a table or list by its type."""
    if isinstance(value, (dict, list, tuple)):
        return {dict: "a table", list: "a list", tuple: "a list"}[type(value)]
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
