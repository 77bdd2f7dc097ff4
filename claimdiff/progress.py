"""A progress bar for long extractions, on a terminal only.

Shown on stderr when stderr is a terminal, for corpora of at least MIN_ARTICLES articles;
never in piped output, under CI (`CI` set), with `TERM=dumb`, or when asked to be quiet.
It disappears when the run ends, so the report below it reads as without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Corpora smaller than this are extracted in a few seconds: no bar.
MIN_ARTICLES = 100

Advance = Callable[[int], None]


def wanted(n_articles: int, quiet: bool = False) -> bool:
    """Whether a bar is shown for a run over `n_articles`."""
    if quiet or n_articles < MIN_ARTICLES or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (ValueError, AttributeError):
        return False


@contextmanager
def bar(total: int, description: str = "extracting claims") -> Iterator[Advance]:
    """A transient bar on stderr; yields the function that advances it by a number of articles."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
