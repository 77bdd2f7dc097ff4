"""claimdiff benchmarks: end-to-end throughput against the bare spaCy pipeline, stages, memory, cache.

    .venv/bin/python benchmarks/bench.py                     # full run: 1k, 2k, 4k, 8k articles, fr and en
    .venv/bin/python benchmarks/bench.py --sizes 200,400     # quick
    .venv/bin/python benchmarks/bench.py --language fr       # French only
    .venv/bin/python benchmarks/bench.py --json out.json     # also keep the raw numbers

For each language and size, a deterministic corpus (bench_corpus.py) is written to a work
directory, then two child processes run on it, one after the other: `claimdiff`'s whole
pipeline without the cache (read, model load, parse, extractors, alignment, rules, JSON
report), and the yardstick: the bare spaCy pipeline with the components claimdiff runs (the
model the language pack names, `spacy.load` with claimdiff's exclude list, then `nlp.pipe`)
over the same texts with the same number of processes. Each child is sampled for the peak
memory of its whole process tree (workers included). Then cold against warm cache at the
first size of at least 1000 articles (or the largest size) of the first language, and the
cold wall time of `claimdiff check seeds`. Results are printed as markdown tables.
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
from collections import Counter
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
        "languages": dict(sorted(Counter(s.language for s in result.report.sources).items())),
        "spacy_loaded": bool(_loaded_ever(nlp)),
        **_own_rss(),
    }


def _loaded_ever(nlp: object) -> list[str]:
    """Pipelines the run loaded, even if released since (older code: those it holds)."""
    try:
        return nlp.loaded(ever=True)  # type: ignore[attr-defined]
    except TypeError:
        return nlp.loaded()  # type: ignore[attr-defined]


def yardstick_model(code: str) -> tuple[str, list[str]]:
    """The spaCy model claimdiff loads for language `code`, and the components it excludes."""
    from claimdiff import lang
    from claimdiff.claims import nlp

    return lang.get(code).spacy_model, list(nlp._EXCLUDE)


_yard_nlp = None


def _yard_init(code: str) -> None:
    """Load the bare pipeline: claimdiff's model and components, without its own code."""
    global _yard_nlp
    import spacy

    model, exclude = yardstick_model(code)
    _yard_nlp = spacy.load(model, exclude=exclude)


def _yard_chunk(texts: list[str]) -> tuple[int, int]:
    """(entities, tokens) of `texts`: reading every Doc keeps the comparison honest."""
    from claimdiff.extraction import BATCH_SIZE

    entities = tokens = 0
    for doc in _yard_nlp.pipe(texts, batch_size=BATCH_SIZE):
        entities += len(doc.ents)
        tokens += len(doc)
    return entities, tokens


def child_yard(corpus: str, jobs: int | None, code: str) -> dict:
    """The bare spaCy pipeline over the corpus texts with as many processes as claimdiff would use."""
    from concurrent.futures import ProcessPoolExecutor

    from claimdiff.extraction import _chunk_bounds, _mp_context, resolve_jobs

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))]
    n_jobs = resolve_jobs(jobs, len(texts))
    start = time.perf_counter()
    if n_jobs == 1:
        _yard_init(code)
        loaded = time.perf_counter()
        entities, tokens = _yard_chunk(texts)
    else:
        # The same split into chunks as the pipeline's workers get.
        chunks = [texts[a:b] for a, b in _chunk_bounds(len(texts), n_jobs)]
        context = _mp_context()
        if context.get_start_method() == "fork":
            # Loaded once and inherited by the workers, as claimdiff does.
            _yard_init(code)
            loaded = time.perf_counter()
            pool = ProcessPoolExecutor(n_jobs, mp_context=context)
        else:
            pool = ProcessPoolExecutor(n_jobs, mp_context=context, initializer=_yard_init, initargs=(code,))
            loaded = time.perf_counter()  # workers load while the first chunks are sent
        with pool:
            counts = list(pool.map(_yard_chunk, chunks))
        entities, tokens = sum(c[0] for c in counts), sum(c[1] for c in counts)
    wall = time.perf_counter() - start
    model, exclude = yardstick_model(code)
    return {
        "wall": wall,
        "load": loaded - start,
        "jobs": n_jobs,
        "model": model,
        "exclude": exclude,
        "entities": entities,
        "tokens": tokens,
        **_own_rss(),
    }


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


LANGUAGE_NAMES = {"fr": "French", "en": "English"}
FIXTURES_NOTE = " (with the extractor test cases' sentences)"


def markdown(results: dict) -> str:
    lines = [
        f"claimdiff {results['version']}, {results['cpus']} CPUs, jobs={results['jobs_arg']}, "
        f"corpus seed {results['seed']}{FIXTURES_NOTE if results.get('fixture_sentences') else ''}, "
        f"{results['date']}",
    ]
    for code, rows in results["languages"].items():
        if not rows:
            continue
        model = rows[0]["yard"]["model"]
        exclude = ", ".join(rows[0]["yard"]["exclude"]) or "nothing"
        name = LANGUAGE_NAMES.get(code, code)
        lines += [
            "",
            f"### {name}: end to end (no cache) against the bare spaCy pipeline",
            "",
            f"Yardstick: `spacy.load(\"{model}\", exclude=[{exclude}])` then `nlp.pipe`, same texts, same processes.",
            "",
            "| articles | words | jobs | claimdiff s | s per 1k articles | words/s "
            "| bare pipeline s | bare pipeline words/s | throughput vs bare pipeline | CPU s (claimdiff / bare) "
            "| throughput vs bare by CPU | align s | align share of wall | peak memory MB (PSS, all processes) "
            "| peak RSS MB (largest process) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            p, y, n, w = row["pipeline"], row["yard"], row["articles"], row["words"]
            align = p["stages"].get("align", 0.0)
            lines.append(
                f"| {n} | {w} | {p['jobs']} | {_f(p['wall'])} | {_f(p['wall'] * 1000 / n)} "
                f"| {_f(w / p['wall'], 0)} | {_f(y['wall'])} | {_f(w / y['wall'], 0)} | {y['wall'] / p['wall']:.2f} "
                f"| {_f(p['cpu'], 0)} / {_f(y['cpu'], 0)} | {y['cpu'] / p['cpu']:.2f} "
                f"| {_f(align, 2)} | {100 * align / p['wall']:.1f} % "
                f"| {_f(p['peak_pss_mb'], 0)} | {_f(max(p['maxrss_self_mb'], p['maxrss_worker_mb']), 0)} |"
            )
        lines += [
            "",
            f"### {name}: time per stage (s; load, nlp and extract add up all worker processes)",
            "",
            "| articles | " + " | ".join(STAGES) + " | extraction wall | extraction words/s | bare pipeline words/s "
            "| claims | findings | articles read as |",
            "|---:|" + "---:|" * (len(STAGES) + 5) + "---|",
        ]
        for row in rows:
            p, y, w = row["pipeline"], row["yard"], row["words"]
            stages = " | ".join(_f(p["stages"].get(s, 0.0), 2) for s in STAGES)
            read_as = ", ".join(f"{k}: {v}" for k, v in p.get("languages", {}).items())
            lines.append(
                f"| {row['articles']} | {stages} | {_f(p['extract_wall'])} | {_f(w / p['extract_wall'], 0)} "
                f"| {_f(w / y['wall'], 0)} | {p['claims']} | {p['findings']} | {read_as} |"
            )
    if results.get("baseline", {}).get("rows"):
        lines += [
            "",
            f"### This code against {results['baseline']['code']} (same corpus, run one after the other)",
            "",
            "| language | articles | wall s (this / baseline) | claims (this / baseline) "
            "| peak memory MB, PSS (this / baseline) | peak RSS MB, largest process (this / baseline) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in results["baseline"]["rows"]:
            p, b = row["this"], row["pipeline"]

            def rss(r: dict) -> float:
                return max(r["maxrss_self_mb"], r["maxrss_worker_mb"])

            lines.append(
                f"| {row['language']} | {row['articles']} | {_f(p['wall'])} / {_f(b['wall'])} | {p['claims']} / {b['claims']} "
                f"| {_f(p['peak_pss_mb'], 0)} / {_f(b['peak_pss_mb'], 0)} | {_f(rss(p), 0)} / {_f(rss(b), 0)} |"
            )
    if results.get("cache"):
        c = results["cache"]
        lines += [
            "",
            f"### Cache at {c['articles']} articles ({LANGUAGE_NAMES.get(c['language'], c['language'])})",
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
    for code, rows in results["languages"].items():
        if not rows:
            continue
        name = LANGUAGE_NAMES.get(code, code)
        worst = min(r["yard"]["wall"] / r["pipeline"]["wall"] for r in rows)
        by_cpu = min(r["yard"]["cpu"] / r["pipeline"]["cpu"] for r in rows)
        out.append(
            _verdict(
                worst >= TARGETS["ratio"],
                f"{name}: throughput >= {TARGETS['ratio']}x the bare spaCy pipeline: worst {worst:.2f}x by wall time, "
                f"{by_cpu:.2f}x by CPU time",
            )
        )
        per = [r["pipeline"]["wall"] / r["articles"] for r in rows]
        growth = per[-1] / per[0]
        out.append(
            _verdict(
                growth <= 1.15,
                f"{name}: no worse than linear: time per article at {rows[-1]['articles']} is {growth:.2f}x "
                f"that at {rows[0]['articles']}",
            )
        )
        peak = max(r["pipeline"]["peak_pss_mb"] for r in rows)
        out.append(
            _verdict(
                peak < TARGETS["rss_mb"],
                f"{name}: peak memory < {TARGETS['rss_mb']} MB: {peak:.0f} MB (PSS of all processes) at "
                f"{rows[-1]['articles']}",
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


def snapshot(dest: Path, repo: Path = REPO) -> Path:
    """Copy the package's sources, laid out as installed (pyproject's package-dir), under `dest`.

    Children import this copy, so edits made to the working tree during a long run (or a
    cache fingerprint that changes with them) cannot skew the numbers.
    """
    import shutil
    import tomllib

    setup = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for package, folder in sorted(setup["package-dir"].items(), key=lambda kv: kv[0].count(".")):
        shutil.copytree(
            repo / folder,
            dest.joinpath(*package.split(".")),
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            dirs_exist_ok=True,
        )
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--language", choices=("fr", "en", "both"), default="both", help="corpus language(s), each against its own pipeline"
    )
    parser.add_argument("--sizes-en", help="sizes of the English corpora when they differ from --sizes")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: claimdiff's automatic choice)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median reported)")
    parser.add_argument("--seed", type=int, default=2025, help="corpus generation seed")
    parser.add_argument(
        "--fixture-sentences",
        action="store_true",
        help="also draw the sentences of the extractor test cases (their fixed names merge stories)",
    )
    parser.add_argument("--no-cache-bench", action="store_true", help="skip cold vs warm cache")
    parser.add_argument("--no-seeds", action="store_true", help="skip `claimdiff check seeds`")
    parser.add_argument("--workdir", help="where corpora are written (default: a temporary directory)")
    parser.add_argument(
        "--no-snapshot", action="store_true", help="run the working tree's code instead of a copy taken at start"
    )
    parser.add_argument(
        "--baseline-code",
        metavar="CHECKOUT",
        help="also run claimdiff's pipeline from another checkout (e.g. main) at --baseline-sizes, for memory and time side by side",
    )
    parser.add_argument("--baseline-sizes", default="1000", help="sizes (of the first language) for --baseline-code")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results as JSON (rewritten after each size)")
    parser.add_argument("--from-json", metavar="FILE", help="print the tables of raw results saved by --json, run nothing")
    args = parser.parse_args(argv)

    if args.from_json:
        sys.stdout.write(markdown(json.loads(Path(args.from_json).read_text(encoding="utf-8"))))
        return 0

    from bench_corpus import write_corpus

    import claimdiff

    def parse_sizes(text: str) -> list[int]:
        return [int(s) for s in text.split(",") if s.strip()]

    codes = ["fr", "en"] if args.language == "both" else [args.language]
    sizes = {code: parse_sizes(args.sizes_en if code == "en" and args.sizes_en else args.sizes) for code in codes}
    jobs_args = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    results: dict = {
        "version": claimdiff.__version__,
        "cpus": os.cpu_count(),
        "jobs_arg": "auto" if args.jobs is None else args.jobs,
        "seed": args.seed,
        "fixture_sentences": args.fixture_sentences,
        "date": time.strftime("%Y-%m-%d"),
        "languages": {code: [] for code in codes},
    }

    def save() -> None:
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    global CHILD_CWD, CHILD_ENV
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        CHILD_CWD = Path(work)
        if not args.no_snapshot:
            CHILD_ENV = {"PYTHONPATH": str(snapshot(Path(work) / "code"))}
        baseline_env = None
        if args.baseline_code:
            baseline_env = {"PYTHONPATH": str(snapshot(Path(work) / "baseline", Path(args.baseline_code).resolve()))}
            results["baseline"] = {"code": str(args.baseline_code), "rows": []}
        baseline_sizes = set(parse_sizes(args.baseline_sizes))
        for code in codes:
            for n in sizes[code]:
                corpus = Path(work) / f"corpus-{code}-{n}"
                _, words = write_corpus(corpus, n, args.seed, code, args.fixture_sentences)
                print(f"bench: {code} {n} articles, {words} words", file=sys.stderr)
                pipeline = _median_run(["_pipeline", str(corpus), *jobs_args], args.repeat)
                yard = _median_run(["_yard", str(corpus), "--language", code, *jobs_args], args.repeat)
                print(
                    f"bench:   claimdiff {pipeline['wall']:.1f} s, bare pipeline {yard['wall']:.1f} s, "
                    f"ratio {yard['wall'] / pipeline['wall']:.2f}, peak {pipeline['peak_pss_mb']:.0f} MB",
                    file=sys.stderr,
                )
                results["languages"][code].append({"articles": n, "words": words, "pipeline": pipeline, "yard": yard})
                if baseline_env is not None and code == codes[0] and n in baseline_sizes:
                    other = _median_run(["_pipeline", str(corpus), *jobs_args], args.repeat, baseline_env)
                    print(f"bench:   baseline code {other['wall']:.1f} s, peak {other['peak_pss_mb']:.0f} MB", file=sys.stderr)
                    results["baseline"]["rows"].append({"language": code, "articles": n, "pipeline": other, "this": pipeline})
                save()
        first = next((code for code in codes if sizes[code]), None)
        if not args.no_cache_bench and first is not None:
            n = next((s for s in sizes[first] if s >= 1000), max(sizes[first]))
            corpus, cache = Path(work) / f"corpus-{first}-{n}", Path(work) / "cache"
            env = {"CLAIMDIFF_CACHE_DIR": str(cache)}
            cold = run_child(["_pipeline", str(corpus), "--cache", *jobs_args], env)
            warm = _median_run(["_pipeline", str(corpus), "--cache", *jobs_args], 3, env)
            print(f"bench: cache at {n}: cold {cold['wall']:.1f} s, warm {warm['wall']:.2f} s", file=sys.stderr)
            results["cache"] = {"articles": n, "language": first, "cold": cold, "warm": warm}
            save()
        if not args.no_seeds:
            results["seeds"] = seeds_cold(3)
            save()
    sys.stdout.write(markdown(results))
    return 0


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("_pipeline", "_yard"))
    parser.add_argument("corpus")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--cache", action="store_true")
    parser.add_argument("--language", default="fr")
    args = parser.parse_args(argv)
    if args.mode == "_pipeline":
        result = child_pipeline(args.corpus, args.jobs, args.cache)
    else:
        result = child_yard(args.corpus, args.jobs, args.language)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        raise SystemExit(_child_main(sys.argv[1:]))
    raise SystemExit(main())
