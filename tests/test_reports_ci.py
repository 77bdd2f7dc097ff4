"""CI integration files: the pre-commit hook and the commands documented in docs/ci.md."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

from claimdiff import cli

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return next(h for h in hooks if h["id"] == "claimdiff")


def test_ci_precommit_hook_runs_the_real_console_script():
    hook = _hook()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    command, *args = shlex.split(hook["entry"])
    assert command in scripts
    assert scripts[command] == "claimdiff.cli:main"
    cli._parser().parse_args([*args, "corpus/a.txt"])  # the entry plus a file name is a valid command line


def test_ci_precommit_hook_settings():
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True


@pytest.mark.parametrize(
    ("name", "matches"),
    [
        ("corpus/afp.txt", True),
        ("notes.md", True),
        ("corpus/all.jsonl", True),
        ("tool.py", False),
        ("a.txt.bak", False),
    ],
)
def test_ci_precommit_hook_files_pattern(name, matches):
    assert bool(re.search(_hook()["files"], name)) is matches


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_ci_doc_yaml_snippets_parse():
    blocks = _yaml_blocks()
    assert len(blocks) >= 4
    for block in blocks:
        if block.lstrip().startswith("- "):  # a step or hook to insert in a larger file
            block = "steps:\n" + block
        yaml.safe_load(block.replace("<claimdiff repository URL>", "https://example.invalid/claimdiff"))


def test_ci_doc_workflow_job():
    workflow = yaml.safe_load(_yaml_blocks()[0])
    steps = workflow["jobs"]["claimdiff"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    runs = " ".join(s.get("run", "") for s in steps)
    assert f"--output {upload['with']['sarif_file']}" in runs
    assert "--format github" in runs and "--fail-on warning" in runs
    assert workflow["jobs"]["claimdiff"]["permissions"]["security-events"] == "write"


def test_ci_doc_commands_are_valid_command_lines():
    blocks = re.findall(r"```\w*\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    commands = [c for block in blocks for c in re.findall(r"^\s*(?:run: )?(claimdiff .+)$", block, flags=re.M)]
    assert len(commands) >= 5
    for command in commands:
        argv = shlex.split(command)[1:]
        args = cli._parser().parse_args(argv)
        assert args.command in ("check", "baseline")
