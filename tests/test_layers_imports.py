"""One-way layers: no stage imports a stage above it (issue 12, part 5).

base < lang < corpus < claims < alignment < findings < rules < reports < claimdiff (the
app). Each stage is a folder that pyproject.toml maps to `claimdiff.<stage>`; the app is the
`claimdiff` package itself, `__init__` included. Every import counts: at module level, in a
function, or for type checking only.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ("base", "lang", "corpus", "claims", "alignment", "findings", "rules", "reports", "claimdiff")
#: (importer, imported) pairs forbidden on top of the order: formatters are fed by the report alone.
FORBIDDEN = (("corpus", "claims"), ("alignment", "findings"), ("reports", "rules"))


def _stages() -> dict[str, Path]:
    """Stage name -> its folder, from pyproject.toml's package-dir."""
    mapping = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    return {package.split(".")[1] if "." in package else "claimdiff": ROOT / folder for package, folder in mapping.items()}


def _stage_of(module: str) -> str | None:
    """The stage a dotted module name belongs to; None outside claimdiff."""
    parts = module.split(".")
    if parts[0] != "claimdiff":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in ORDER[:-1] else "claimdiff"


def imported_modules(source: str, name: str) -> list[tuple[int, str]]:
    """(line, dotted module) for every import of `source`, the module called `name`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package upwards
                parts = name.split(".")
                module = ".".join(parts[: len(parts) - node.level] + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from claimdiff import lang" imports the stage claimdiff.lang; "__version__" is the app's.
            found += [(node.lineno, f"{module}.{alias.name}" if module == "claimdiff" else module) for alias in node.names]
    return found


def violations(stage: str, source: str, name: str) -> list[str]:
    """What the module `name` of `stage` imports from a stage it must not import."""
    out = []
    for line, module in imported_modules(source, name):
        target = _stage_of(module)
        if target is None or target == stage:
            continue
        if ORDER.index(target) > ORDER.index(stage) or (stage, target) in FORBIDDEN:
            out.append(f"{line}: {module} ({stage} imports {target})")
    return out


def test_layers_pyproject_maps_every_stage() -> None:
    stages = _stages()
    assert sorted(stages) == sorted(ORDER)
    assert all(folder.is_dir() and (folder / "__init__.py").is_file() for folder in stages.values())


@pytest.mark.parametrize(
    ("stage", "source", "bad"),
    [
        ("corpus", "from claimdiff.claims import nlp", True),
        ("corpus", "from claimdiff import __version__", True),
        ("corpus", "from claimdiff import lang", False),
        ("alignment", "def f():\n    from claimdiff.findings.models import Finding", True),
        ("alignment", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import claimdiff.rules.base", True),
        ("reports", "from claimdiff.rules.engine import all_rules", True),
        ("reports", "from claimdiff.findings.models import Report", False),
        ("rules", "from claimdiff.findings.models import Finding\nfrom ..alignment import models", False),
        ("rules", "from ..reports import base", True),
        ("claimdiff", "from claimdiff.reports import base\nimport spacy", False),
    ],
)
def test_layers_detects_an_import_from_above(stage: str, source: str, bad: bool) -> None:
    package = "claimdiff" if stage == "claimdiff" else f"claimdiff.{stage}"
    assert bool(violations(stage, source, f"{package}.module")) is bad


@pytest.mark.parametrize("stage", ORDER)
def test_layers_no_stage_imports_one_above_it(stage: str) -> None:
    folder = _stages()[stage]
    found = []
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder).with_suffix("")
        name = ".".join(["claimdiff", *([] if stage == "claimdiff" else [stage]), *relative.parts])
        found += [f"{path.relative_to(ROOT)}:{v}" for v in violations(stage, path.read_text(encoding="utf-8"), name)]
    assert found == []
