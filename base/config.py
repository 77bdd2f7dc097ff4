"""Configuration from `claimdiff.toml` or `[tool.claimdiff]` in `pyproject.toml`.

Example::

    [tool.claimdiff]
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
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    lexicon_dirs: list[str] = Field(default_factory=list)
    aliases: str | None = None
    waivers: list[Waiver] = Field(default_factory=list)
    cache_dir: str | None = None
    #: The language of articles whose metadata names none and whose text is too short to tell.
    default_language: str = "fr"
    #: Directory the configuration file was found in; relative paths resolve against it.
    base_dir: str = "."

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


def _parse(path: Path, optional: bool = False) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimdiff")
        if data is None:
            return None if optional else Config(base_dir=str(path.parent))
    try:
        return Config(**data, base_dir=str(path.parent))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None
