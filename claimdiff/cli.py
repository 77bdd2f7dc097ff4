"""The `claimdiff` command line.

Exit codes: 0 = no finding at or above --fail-on; 1 = findings at or above it;
2 = usage, configuration or input error (a message on stderr, one line, no traceback).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, NoReturn

from claimdiff import __version__
from claimdiff.base.errors import ClaimdiffError
from claimdiff.output import check_target, say, silence_stdout, write_output

if TYPE_CHECKING:
    from claimdiff.base.config import Config
    from claimdiff.corpus.models import Article, InputNote
    from claimdiff.pipeline import CheckResult
    from claimdiff.preflight import Plan

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
FORMATS = ("rich", "json", "sarif", "junit", "github", "markdown", "html")
FAIL_ON = ("info", "warning", "error", "never")
STATUSES = ("conflict", "variant", "compatible", "agree")
#: Narrower than this, the rich report's tables cannot show a passage.
MIN_WIDTH = 40

_CHECK_EXITS = """\
exit codes:
  0  no discrepancy at or above --fail-on (agreements never fail a run)
  1  a discrepancy (variant or conflict) at or above --fail-on, among the findings reported
  2  usage, configuration or input error (one line on stderr); unreadable files are named,
     the rest is still checked and the report written"""
_DRAFT_EXITS = """\
  with --against, 1 means a claim of the draft is contradicted at or above --fail-on"""
_PLAIN_EXITS = """\
exit codes:
  0  done
  2  usage, configuration or input error (one line on stderr)"""


class _Parser(argparse.ArgumentParser):
    """argparse with claimdiff's exit code for usage errors and "did you mean" suggestions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # argparse's own exit code is 2 as well
        self.exit(EXIT_ERROR, f"claimdiff: error: {message}\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            what = "command" if isinstance(action, argparse._SubParsersAction) else "choice"
            raise argparse.ArgumentError(action, f"invalid {what} {value!r} ({hint}choose from {', '.join(choices)})")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        parsed, extras = super().parse_known_args(args, namespace)
        unknown = [a for a in extras if a.startswith("-") and a != "-"]
        if unknown and self._subparsers is None:  # the innermost parser knows which options exist
            options = [s for action in self._actions for s in action.option_strings if s.startswith("--")]
            name = unknown[0].split("=", 1)[0]
            close = difflib.get_close_matches(name, options, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            self.error(f"unrecognized option {unknown[0]!r}{hint}")
        return parsed, extras


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of columns, not {value!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_WIDTH} columns, not {width}")
    return width


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (automatic) or more, not {jobs}")
    return jobs


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="claimdiff",
        description="Cross-source claim-consistency checker for news corpora.",
        epilog=f"{_CHECK_EXITS}\n\nexample:\n  claimdiff check corpus/ --fail-on warning\n\n"
        "Run `claimdiff COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}", help="print the version")
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND", help="the command to run"
    )

    check = sub.add_parser(
        "check",
        help="check a corpus for agreements and discrepancies",
        description="Check a corpus: extract the claims of every article, align them across sources and "
        "report agreements and discrepancies.\n\nWith a corpus (--corpus DIR, or `corpus` in the "
        "configuration), the PATHs are checked against the rest of it: the corpus is read with them and "
        "only the findings that cite one of them are reported.\n\nWith --against SOURCE..., the one PATH is a "
        "draft checked against those sources before it is published: every claim of the draft is labelled "
        "supported (with the source passage), contradicted (with the passage) or not found in the sources.",
        epilog=f"{_CHECK_EXITS}\n{_DRAFT_EXITS}\n\nexamples:\n  claimdiff check corpus/\n"
        "  claimdiff check --corpus corpus/ corpus/2025-09-16-afp.md\n"
        "  claimdiff check corpus/ --format sarif --output claimdiff.sarif --no-exit\n"
        "  claimdiff check draft.md --against sources/ --fail-on warning",
    )
    _add_corpus_options(check)
    check.add_argument(
        "--against", nargs="+", metavar="SOURCE",
        help="check the one PATH, a draft, against these sources (files or directories): each of its claims is "
        "supported, contradicted or not found; the run fails on contradictions at or above --fail-on",
    )
    check.add_argument("--format", default="rich", choices=FORMATS, help="output format (default: rich)")
    check.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE (atomically) instead of stdout"
    )
    check.add_argument(
        "--fail-on", choices=FAIL_ON, default=None,
        help="lowest severity of a discrepancy that fails the run (default: warning, or `fail_on`)",
    )
    check.add_argument("--no-exit", action="store_true", help="exit 0 even with failing findings (2 stays 2)")
    check.add_argument("--baseline", metavar="FILE", help="leave out the findings recorded in FILE")
    check.add_argument(
        "--only", metavar="STATUS[,STATUS]",
        help=f"report only these statuses ({', '.join(STATUSES)}); what is not reported does not fail the run",
    )
    check.add_argument(
        "--select", metavar="RULE[,RULE]", action="append",
        help="run only these rules: codes (CD201), code prefixes (CD2), names, or ALL; repeatable",
    )
    check.add_argument(
        "--ignore", metavar="RULE[,RULE]", action="append", help="do not run these rules (as --select); repeatable"
    )
    check.add_argument("--quiet", "-q", action="store_true", help="summary only (rich format); no progress bar")
    check.add_argument("--width", type=_width, metavar="N", help=f"columns of the rich report (at least {MIN_WIDTH})")
    check.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour in the rich report (default: auto: on a terminal, unless NO_COLOR is set)",
    )

    extract = sub.add_parser(
        "extract",
        help="show the claims extracted from articles",
        description="Show the claims extracted from articles, with their exact spans.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff extract corpus/2025-09-16-afp.md --format json",
    )
    extract.add_argument("paths", nargs="+", metavar="FILE", help="article files or directories")
    extract.add_argument("--format", default="rich", choices=("rich", "json"), help="output format (default: rich)")
    extract.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    extract.add_argument("--config", metavar="FILE", help="claimdiff.toml or pyproject.toml to read")

    rules = sub.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List the rules as configured (enabled, severity), or explain one with its options.",
        epilog=f"{_PLAIN_EXITS}\n\nexamples:\n  claimdiff rules\n  claimdiff rules CD201 --config claimdiff.toml\n"
        "  claimdiff rules --format json",
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="rule code or name")
    rules.add_argument("--config", metavar="FILE", help="claimdiff.toml or pyproject.toml to read")
    rules.add_argument("--format", default="text", choices=("text", "json"), help="output format (default: text)")

    ev = sub.add_parser(
        "eval",
        help="score a corpus against gold annotations",
        description="Score a check of CORPUS against a fact-checker's gold annotations (seeds/gold.yaml format).",
        epilog="exit codes:\n  0  done (score at or above --min-score)\n  1  score below --min-score\n"
        "  2  usage, configuration or input error (one line on stderr)\n\n"
        "example:\n  claimdiff eval seeds --gold seeds/gold.yaml --min-score 0.9 --verbose",
    )
    _add_corpus_options(ev, default_paths=False)
    ev.add_argument("corpus", metavar="CORPUS", help="the corpus directory or file the gold file is about")
    ev.add_argument("--gold", required=True, metavar="GOLD.yaml", help="the gold annotations")
    ev.add_argument("--min-score", type=float, default=None, help="exit 1 when the share of items met is lower")
    ev.add_argument(
        "--verbose", "-v", action="store_true",
        help="list every item and false alarm; for each miss, the nearest finding and why it did not count",
    )

    explain = sub.add_parser(
        "explain",
        help="say why claims were (or were not) compared, and the verdict",
        description="For a finding (by fingerprint) or for passages of the articles: each claim's frame, the "
        "features of each pair with their weights, the group each claim landed in, and the findings about them.",
        epilog=f"{_PLAIN_EXITS}\n\nexamples:\n  claimdiff explain seeds --fingerprint 3f2a9c0e\n"
        "  claimdiff explain seeds --passage '001_c973c108cbc49387:vingtaine de pays' --passage '002_f5f3b48e4ddd07e8:17 pays'",
    )
    _add_corpus_options(explain)
    what = explain.add_mutually_exclusive_group(required=True)
    what.add_argument("--fingerprint", metavar="FP", help="a finding's fingerprint (a prefix is enough)")
    what.add_argument(
        "--passage", action="append", metavar="SOURCE:TEXT", help="a source id and words of its text; repeat to compare"
    )

    baseline = sub.add_parser(
        "baseline",
        help="record current findings so that checks fail only on new ones",
        description="Manage baseline files.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff baseline create corpus/ --output claimdiff-baseline.json",
    )
    baseline_sub = baseline.add_subparsers(
        dest="baseline_command", required=True, parser_class=_Parser, metavar="ACTION", help="create"
    )
    create = baseline_sub.add_parser(
        "create",
        help="write a baseline file of the current findings",
        description="Record the fingerprints of the current findings; `check --baseline FILE` then leaves them out.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff baseline create corpus/ --output claimdiff-baseline.json",
    )
    _add_corpus_options(create)
    create.add_argument(
        "--output", "-o", metavar="FILE", default="claimdiff-baseline.json",
        help="the baseline file to write (default: claimdiff-baseline.json)",
    )

    imp = sub.add_parser(
        "import",
        help="turn saved web pages (or URLs) into articles that check reads",
        description="Extract each page's article text and metadata into a .md file with YAML front matter.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff import saved/*.html --to corpus/",
    )
    imp.add_argument(
        "pages", nargs="+", metavar="PAGE", help="saved .html pages (or folders of them), or http(s) URLs to fetch"
    )
    imp.add_argument("--to", required=True, metavar="DIR", help="directory to write the .md articles into")
    imp.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="how long to wait for a server (URLs; default 20)"
    )

    cache = sub.add_parser(
        "cache",
        help="manage the extraction cache",
        description="Manage the extraction cache.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff cache clear",
    )
    cache_sub = cache.add_subparsers(
        dest="cache_command", required=True, parser_class=_Parser, metavar="ACTION", help="clear"
    )
    clear = cache_sub.add_parser(
        "clear",
        help="delete the cache",
        description="Delete the extraction cache file.",
        epilog=f"{_PLAIN_EXITS}\n\nexample:\n  claimdiff cache clear",
    )
    clear.add_argument("--config", metavar="FILE", help="claimdiff.toml or pyproject.toml to read (for cache_dir)")
    return parser


def _add_corpus_options(p: argparse.ArgumentParser, default_paths: bool = True) -> None:
    if default_paths:
        p.add_argument(
            "paths", nargs="*", metavar="PATH",
            help="files or directories (default: the configured corpus)",
        )
        p.add_argument(
            "--corpus", metavar="DIR",
            help="the corpus the PATHs belong to: read with them, findings reported only for them",
        )
    p.add_argument("--config", metavar="FILE", help="claimdiff.toml or pyproject.toml to read")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, help="processes for extraction (default: 0, automatic)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return _COMMANDS[args.command](args)
    except ClaimdiffError as exc:
        say(f"claimdiff: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        say("claimdiff: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()  # the reader of stdout went away before the report was written
        return EXIT_ERROR
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except (OSError, ValueError):
            silence_stdout()
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_ERROR
    except Exception as exc:  # a bug: still one line, and the code of an error
        if os.environ.get("CLAIMDIFF_DEBUG"):
            raise
        message = " ".join(str(exc).split())[:200]
        say(f"claimdiff: internal error: {type(exc).__name__}: {message} (CLAIMDIFF_DEBUG=1 shows the traceback)")
        return EXIT_ERROR


def _inputs(paths: Sequence[str], articles: Sequence[Article]) -> list[str]:
    """Every input file, read or skipped: an --output must not overwrite any of them."""
    from claimdiff.corpus.reader import input_files

    return [*input_files(list(paths)), *(a.source.path for a in articles)]


def _print_notes(notes: Sequence[InputNote]) -> None:
    for note in notes:
        say(f"claimdiff: {note}")


def _corpus(args: argparse.Namespace, config: Config) -> tuple[list[str], list[str] | None]:
    """(paths to read, the paths findings are reported for, or None for all)."""
    corpus = args.corpus or (str(config.resolve(config.corpus)) if config.corpus else None)
    if not args.paths:
        if corpus is None:
            raise ClaimdiffError(
                "no corpus to check: name files or directories, pass --corpus DIR, or set `corpus` in claimdiff.toml"
            )
        return [corpus], None
    if corpus is None:
        return list(args.paths), None
    return [corpus, *args.paths], list(args.paths)


def _draft_usage(args: argparse.Namespace) -> None:
    """Refuse what `check DRAFT --against SOURCES` cannot mean, before any work."""
    if len(args.paths) != 1:
        got = "none" if not args.paths else f"{len(args.paths)} paths"
        raise ClaimdiffError(f"--against checks one draft: claimdiff check DRAFT --against SOURCE... (got {got})")
    if args.corpus:
        raise ClaimdiffError("--against names the sources the draft is checked against: leave out --corpus")
    if args.only:
        raise ClaimdiffError("--only cannot be used with --against: every claim of the draft is labelled")


def _run_check(
    args: argparse.Namespace, config: Config, plan: Plan, quiet: bool = False
) -> tuple[list[str], list[str] | None, CheckResult]:
    """Read, extract and check the corpus of `args` (a progress bar on a terminal, for large
    corpora); the findings are those citing the given paths when a corpus is named.

    The output target is checked first: a report that could not be written fails the run
    before the work, not after it."""
    from claimdiff.pipeline import check

    paths, focus = _corpus(args, config)
    check_target(args.output, _inputs(paths, []))
    with ExitStack() as stack:
        result = check(
            paths, config, jobs=args.jobs, use_cache=not args.no_cache, rules=plan.rules, progress=_progress(stack, quiet)
        )
    return paths, focus, result


def _run_draft_check(
    args: argparse.Namespace, config: Config, plan: Plan
) -> tuple[list[str], CheckResult, str]:
    """Read and check the draft of `args` with its sources, as `_run_check`; also returns the draft's id."""
    from claimdiff.pipeline import check_draft

    paths = [args.paths[0], *args.against]
    check_target(args.output, _inputs(paths, []))
    with ExitStack() as stack:
        result, draft = check_draft(
            paths[0], paths[1:], config, jobs=args.jobs, use_cache=not args.no_cache, rules=plan.rules,
            progress=_progress(stack, args.quiet),
        )
    return paths, result, draft


def _progress(stack: ExitStack, quiet: bool) -> Callable[[int], Callable[[int], None]]:
    """What the pipeline calls with the number of articles: a progress bar when one is wanted."""
    from claimdiff import progress

    def start(total: int) -> Callable[[int], None]:
        if not progress.wanted(total, quiet):
            return lambda n: None
        return stack.enter_context(progress.bar(total))

    return start


def _cmd_check(args: argparse.Namespace) -> int:
    from claimdiff import preflight
    from claimdiff.base.config import load_config
    from claimdiff.findings import select
    from claimdiff.reports import base

    config = load_config(args.config)
    if args.against is not None:
        _draft_usage(args)
    plan = preflight.prepare(config, select=args.select, ignore=args.ignore, only=args.only, baseline=args.baseline)
    draft: str | None = None
    if args.against is not None:
        paths, result, draft = _run_draft_check(args, config, plan)
        focus, cited = None, {draft}
    else:
        paths, focus, result = _run_check(args, config, plan, quiet=args.quiet)
        cited = None if focus is None else select.sources_at(result.articles, focus)
    report = select.apply(
        result.report,
        config=config,
        baseline=args.baseline,
        articles=result.articles,
        known_rules=preflight.rule_words(),
        focus=cited,
    )
    if draft is not None:
        from claimdiff.pipeline import review_draft

        report = review_draft(result, report, draft)
    elif focus is not None:
        report = select.focus_notes(report, corpus=paths[0], paths=focus)
    report = report.model_copy(update={"notes": [*plan.notes, *report.notes]})
    shown = select.only(report, plan.only)
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
    if args.no_exit or not select.fails(shown, fail_on):
        return EXIT_OK
    return EXIT_FINDINGS


def _cmd_extract(args: argparse.Namespace) -> int:
    from claimdiff.base.config import load_config
    from claimdiff.claims.show import render_claims
    from claimdiff.corpus.reader import read_corpus
    from claimdiff.extraction import extract_all
    from claimdiff.pipeline import use_lexicons

    config = load_config(args.config)
    use_lexicons(config)
    check_target(args.output)
    articles, notes = read_corpus(args.paths, config.default_language)
    _print_notes(notes)
    extracted = extract_all(articles)
    write_output(render_claims(articles, extracted, args.format), args.output, _inputs(args.paths, articles))
    return EXIT_ERROR if any(n.level == "error" for n in notes) else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from claimdiff.base.config import load_config
    from claimdiff.rules.show import explain_rule, list_rules, rules_json

    config = load_config(args.config)
    if args.format == "json":
        text = rules_json(config, args.rule)
    else:
        text = explain_rule(args.rule, config) if args.rule else list_rules(config)
    write_output(text, None)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from claimdiff import preflight
    from claimdiff.base.config import load_config
    from claimdiff.explain import Passage, explain

    config = load_config(args.config)
    plan = preflight.prepare(config)
    passages = [Passage.parse(p) for p in args.passage or []]
    args.output = None
    paths, _, result = _run_check(args, config, plan, quiet=True)
    _print_notes(result.report.notes)
    write_output(explain(result, passages, args.fingerprint), None)
    return EXIT_ERROR if any(n.level == "error" for n in result.report.notes) else EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from claimdiff.evaluate import run_eval

    return run_eval(args)


def _cmd_baseline(args: argparse.Namespace) -> int:
    from claimdiff import preflight
    from claimdiff.base.config import load_config
    from claimdiff.findings import select
    from claimdiff.findings.baseline import write_baseline

    config = load_config(args.config)
    plan = preflight.prepare(config)
    paths, focus, result = _run_check(args, config, plan)
    report = result.report
    if focus is not None:
        ids = select.sources_at(result.articles, focus)
        report = select.focus_notes(report, corpus=paths[0], paths=focus)
        report = report.model_copy(update={"findings": [f for f in report.findings if select.cites(f, ids)]})
    notes = [*plan.notes, *report.notes]
    _print_notes(notes)
    write_output(write_baseline(report), args.output, _inputs(paths, result.articles))
    say(f"claimdiff: recorded {len(report.findings)} findings in {args.output}")
    return EXIT_ERROR if any(n.level == "error" for n in notes) else EXIT_OK


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
    from claimdiff.base.config import load_config
    from claimdiff.cache import clear_cache

    removed = clear_cache(load_config(args.config))
    say(f"claimdiff: cache cleared ({removed})")
    return EXIT_OK


_COMMANDS = {
    "check": _cmd_check,
    "extract": _cmd_extract,
    "rules": _cmd_rules,
    "eval": _cmd_eval,
    "explain": _cmd_explain,
    "baseline": _cmd_baseline,
    "import": _cmd_import,
    "cache": _cmd_cache,
}
