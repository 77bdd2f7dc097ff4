"""Seconds spent per stage of a run: what the benchmarks report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class StageTimes:
    """Seconds spent per stage of a run, for benchmarks.

    `load` (spaCy model), `nlp` and `extract` add up the time of every process that worked
    on them, so with several workers they can exceed the wall time; `transfer` is the
    parent's time spent rebuilding the workers' claims (after they exit).
    """

    seconds: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    extracted: int = 0
    jobs: int = 1
    #: Wall time of extraction (model load, NER and extractors, all processes together).
    extract_wall: float = 0.0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)
