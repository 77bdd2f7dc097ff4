"""The `claimdiff` command line.

Exit codes: 0 = no finding at or above --fail-on; 1 = findings at or above it;
2 = usage, configuration or input error (a message on stderr, one line, no traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from claimdiff import __version__
from claimdiff.base.errors import ClaimdiffError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("info", "warning", "error", "never")
STATUSES = ("conflict", "variant", "compatible", "agree")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 as well
        self.exit(EXIT_ERROR, f"claimdiff: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimdiff", description="Cross-source claim-consistency checker for news corpora.")
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check a corpus for agreements and discrepancies")
    _add_corpus_options(check)
    check.add_argument(
        "--format", default="rich", choices=("rich", "json", "sarif", "junit", "github", "markdown", "html")
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--fail-on", choices=FAIL_ON, default=None, help="lowest severity that fails the run (default: warning)"
    )
    check.add_argument("--no-exit", action="store_true", help="always exit 0 unless the input is unreadable")
    check.add_argument("--baseline", metavar="FILE", help="fail only on findings not recorded in FILE")
    check.add_argument(
        "--only", metavar="STATUS[,STATUS]", help=f"show only these statuses ({', '.join(STATUSES)})"
    )
    check.add_argument("--quiet", "-q", action="store_true", help="summary only (rich format)")
    check.add_argument("--width", type=int, help="terminal width for the rich report")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in the rich report")

    extract = sub.add_parser("extract", help="show the claims extracted from articles")
    extract.add_argument("paths", nargs="+", metavar="FILE")
    extract.add_argument("--format", default="rich", choices=("rich", "json"))
    extract.add_argument("--output", "-o", metavar="FILE")

    rules = sub.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("rule", nargs="?", metavar="CODE", help="rule code or name")
    rules.add_argument("--config", metavar="FILE")

    ev = sub.add_parser("eval", help="score a corpus against gold annotations")
    _add_corpus_options(ev, default_paths=False)
    ev.add_argument("corpus", metavar="CORPUS")
    ev.add_argument("--gold", required=True, metavar="GOLD.yaml")
    ev.add_argument("--min-score", type=float, default=None, help="exit 1 when the share of items met is lower")
    ev.add_argument("--verbose", "-v", action="store_true", help="list every item and false alarm")

    baseline = sub.add_parser("baseline", help="record current findings so that checks fail only on new ones")
    baseline_sub = baseline.add_subparsers(dest="baseline_command", required=True, parser_class=_Parser)
    create = baseline_sub.add_parser("create", help="write a baseline file of the current findings")
    _add_corpus_options(create)
    create.add_argument("--output", "-o", metavar="FILE", default="claimdiff-baseline.json")

    imp = sub.add_parser("import", help="turn saved web pages (or URLs) into articles that check reads")
    imp.add_argument(
        "pages", nargs="+", metavar="PAGE", help="saved .html pages (or folders of them), or http(s) URLs to fetch"
    )
    imp.add_argument("--to", required=True, metavar="DIR", help="directory to write the .md articles into")
    imp.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="how long to wait for a server (URLs; default 20)"
    )

    cache = sub.add_parser("cache", help="manage the extraction cache")
    cache_sub = cache.add_subparsers(dest="cache_command", required=True, parser_class=_Parser)
    clear = cache_sub.add_parser("clear", help="delete the cache")
    clear.add_argument("--config", metavar="FILE")
    return parser


def _add_corpus_options(p: argparse.ArgumentParser, default_paths: bool = True) -> None:
    if default_paths:
        p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)")
    p.add_argument("--config", metavar="FILE", help="claimdiff.toml or pyproject.toml to read")
    p.add_argument("--jobs", "-j", type=int, default=None, help="processes for extraction (default: auto)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except ClaimdiffError as exc:
        print(f"claimdiff: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimdiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Reader went away (`claimdiff check | head`): nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def write_output(text: str, output: str | None, protected: Sequence[str] = ()) -> None:
    """Write to stdout, or atomically to `output`, refusing to overwrite an input file."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    resolved = target.resolve()
    if any(resolved == Path(p).resolve() for p in protected):
        raise ClaimdiffError(f"{output}: refusing to overwrite an input file")
    if target.is_dir():
        raise ClaimdiffError(f"{output}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    except OSError as exc:
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror}") from None


def _inputs(paths: Sequence[str], articles) -> list[str]:
    """Every input file, read or skipped: an --output must not overwrite any of them."""
    from claimdiff.corpus.reader import input_files

    return [*input_files(list(paths)), *(a.source.path for a in articles)]


def _print_notes(notes) -> None:
    for note in notes:
        print(f"claimdiff: {note}", file=sys.stderr)


def _cmd_check(args: argparse.Namespace) -> int:
    from claimdiff.base.config import load_config
    from claimdiff.findings import select
    from claimdiff.pipeline import check
    from claimdiff.reports import base

    config = load_config(args.config)
    paths = args.paths or ["seeds"]
    result = check(paths, config, jobs=args.jobs, use_cache=not args.no_cache)
    report = select.apply(result.report, config=config, baseline=args.baseline)
    shown = select.only(report, args.only)
    _print_notes(report.notes)
    fail_on = args.fail_on or config.fail_on
    to_file = args.output not in (None, "-")
    options = base.RenderOptions(
        width=args.width,
        color=False if to_file or args.color == "never" else True if args.color == "always" else None,
        quiet=args.quiet,
        fail_on=fail_on,
        texts={a.id: a.text for a in result.articles},
        paths={a.id: a.source.path for a in result.articles},
    )
    text = base.get(args.format).render(shown, options)
    write_output(text, args.output, protected=_inputs(paths, result.articles))
    if any(n.level == "error" for n in report.notes):
        return EXIT_ERROR
    if args.no_exit or not select.fails(report, fail_on):
        return EXIT_OK
    return EXIT_FINDINGS


def _cmd_extract(args: argparse.Namespace) -> int:
    from claimdiff.claims.show import render_claims
    from claimdiff.corpus.reader import read_corpus
    from claimdiff.extraction import extract_all

    articles, notes = read_corpus(args.paths)
    _print_notes(notes)
    extracted = extract_all(articles)
    write_output(render_claims(articles, extracted, args.format), args.output, _inputs(args.paths, articles))
    return EXIT_ERROR if any(n.level == "error" for n in notes) else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from claimdiff.rules.show import explain_rule, list_rules

    sys.stdout.write(explain_rule(args.rule) if args.rule else list_rules())
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from claimdiff.evaluate import run_eval

    return run_eval(args)


def _cmd_baseline(args: argparse.Namespace) -> int:
    from claimdiff.base.config import load_config
    from claimdiff.findings.baseline import write_baseline
    from claimdiff.pipeline import check

    config = load_config(args.config)
    paths = args.paths or ["seeds"]
    result = check(paths, config, jobs=args.jobs, use_cache=not args.no_cache)
    _print_notes(result.report.notes)
    write_output(write_baseline(result.report), args.output, _inputs(paths, result.articles))
    print(f"claimdiff: recorded {len(result.report.findings)} findings in {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from claimdiff.corpus.fetch import DEFAULT_TIMEOUT
    from claimdiff.corpus.importer import import_pages

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if not timeout > 0:
        raise ClaimdiffError("--timeout: must be a positive number of seconds")
    result = import_pages(args.pages, args.to, timeout=timeout)
    for done in result.imported:
        if done.status == "renamed":
            print(f"claimdiff: {done.origin}: {done.taken} exists; written as {done.path}", file=sys.stderr)
        elif done.status == "unchanged":
            print(f"claimdiff: {done.origin}: {done.path} already holds this article; left as it is", file=sys.stderr)
        print(done.path)
    _print_notes(result.notes)
    tried = len(result.imported) + sum(n.level != "note" for n in result.notes)
    print(f"claimdiff: imported {len(result.imported)} of {tried} pages into {args.to}", file=sys.stderr)
    if not result.imported or any(n.level == "error" for n in result.notes):
        return EXIT_ERROR
    return EXIT_OK


def _cmd_cache(args: argparse.Namespace) -> int:
    from claimdiff.cache import clear_cache
    from claimdiff.base.config import load_config

    removed = clear_cache(load_config(args.config))
    print(f"claimdiff: cache cleared ({removed})", file=sys.stderr)
    return EXIT_OK


_COMMANDS = {
    "check": _cmd_check,
    "extract": _cmd_extract,
    "rules": _cmd_rules,
    "eval": _cmd_eval,
    "baseline": _cmd_baseline,
    "import": _cmd_import,
    "cache": _cmd_cache,
}
