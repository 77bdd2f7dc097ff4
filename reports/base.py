"""The one interface every output format implements, and the registry of formats."""

from __future__ import annotations

import importlib
import importlib.util
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from claimdiff.findings.models import Report


@dataclass(frozen=True)
class RenderOptions:
    """What the user asked for on the command line that changes the rendering."""

    width: int | None = None  # terminal columns; None = detect
    color: bool | None = None  # None = detect (tty, NO_COLOR)
    quiet: bool = False  # summary only
    texts: dict[str, str] = field(default_factory=dict)  # source id -> full text (for line/column, highlighting)
    paths: dict[str, str] = field(default_factory=dict)  # source id -> file path
    #: Lowest severity of a variant/conflict that fails the run (--fail-on): JUnit failures follow it.
    fail_on: str = "warning"


class Formatter(ABC):
    """Turns a Report into the bytes of one output format."""

    name: str = ""
    #: True when the output is meant for a terminal (rich): colour and width apply.
    terminal: bool = False

    @abstractmethod
    def render(self, report: Report, options: RenderOptions) -> str:
        """The whole output as text."""


# format name -> "module:Class", imported on demand so that `--format json` never imports rich.
FORMATS: dict[str, str] = {
    "rich": "claimdiff.reports.rich:RichFormatter",
    "json": "claimdiff.reports.json:JsonFormatter",
    "sarif": "claimdiff.reports.sarif:SarifFormatter",
    "junit": "claimdiff.reports.junit:JunitFormatter",
    "github": "claimdiff.reports.github:GithubFormatter",
    "markdown": "claimdiff.reports.markdown:MarkdownFormatter",
    "html": "claimdiff.reports.html:HtmlFormatter",
}


def available() -> list[str]:
    """Names of the formats whose module is present."""
    out = []
    for name, target in FORMATS.items():
        module = target.split(":")[0]
        if importlib.util.find_spec(module) is not None:
            out.append(name)
    return out


def get(name: str) -> Formatter:
    """The formatter registered under `name`."""
    module, _, cls = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()
