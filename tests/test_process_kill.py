"""Runs that share a cache, and runs that are killed, through the installed command.

Two processes sharing one cache at once, and a run with extraction workers killed by
SIGINT or SIGKILL (of its process group, or of the parent alone), leave no partial report,
no process behind, and a cache whose next report is byte-identical to a `--no-cache` run.
These load spaCy: `slow`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("claimdiff")
SENTENCES = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "sentences_fr.txt"
N_ARTICLES = 40

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the worker processes"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    lines = [line for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    root = tmp_path_factory.mktemp("kill") / "corpus"
    root.mkdir()
    for i in range(N_ARTICLES):
        start = (i * 5) % len(lines)
        (root / f"a{i:03d}.txt").write_text(" ".join(lines[start : start + 6]), encoding="utf-8")
    return root


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDIFF_")}
    env.update(CLAIMDIFF_CACHE_DIR=str(cache), NO_COLOR="1", PYTHONHASHSEED="0")
    return env


def _check(corpus: Path, cache: Path, *args: str) -> bytes:
    proc = subprocess.run(
        [str(SCRIPT), "check", str(corpus), "--format", "json", "--fail-on", "never", *args],
        capture_output=True, env=_env(cache), cwd=corpus.parent, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    return proc.stdout


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever adopts it to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def _start(corpus: Path, cache: Path, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [str(SCRIPT), "check", str(corpus), "--format", "json", "--fail-on", "never", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(cache), cwd=corpus.parent, **kw,
    )


KILLS = {
    "sigint-group": (signal.SIGINT, "group"),  # Ctrl-C
    "sigkill-group": (signal.SIGKILL, "group"),
    "sigkill-parent": (signal.SIGKILL, "parent"),  # the workers must notice on their own
}


def test_shared_cache_and_killed_runs(corpus, tmp_path):
    """One scenario, its steps run side by side to keep it short on two cores:

    1. two runs over a third of the corpus share one cache at once;
    2. three runs over the whole corpus, with extraction workers, are killed as soon as
       their workers are up (28 articles left to extract) — by SIGINT
       and by SIGKILL of their process group, and by SIGKILL of the parent alone;
    3. the cache they all wrote to then gives, byte for byte, the report of a run without
       cache (the two run side by side).
    """
    third = tmp_path / "third"
    third.mkdir()
    for path in sorted(corpus.iterdir())[:12]:
        (third / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"

    # 1. sharing
    sharing = [_start(third, cache, "--jobs", "1") for _ in range(2)]
    shared = [p.communicate(timeout=300) for p in sharing]
    for proc, (out, err) in zip(sharing, shared):
        assert (proc.returncode, err) == (0, b""), err.decode()  # no busy or damaged cache reported
    assert shared[0][0] == shared[1][0] and b'"sources"' in shared[0][0]

    # 2. killing
    runs: dict[str, tuple[subprocess.Popen, Path]] = {}
    killed: dict[str, list[int]] = {}
    for name in KILLS:
        out = tmp_path / name / "report.json"
        out.parent.mkdir()
        runs[name] = (_start(corpus, cache, "--jobs", "2", "--output", str(out), start_new_session=True), out)
    try:
        pending, deadline = dict(KILLS), time.monotonic() + 180
        while pending:  # kill each run as soon as its workers are up
            assert time.monotonic() < deadline, f"timed out waiting for the workers of {sorted(pending)}"
            for name in list(pending):
                proc = runs[name][0]
                assert proc.poll() is None, f"{name} ended before its workers started"
                workers = _children(proc.pid)
                if len(workers) < 2:
                    continue
                sig, whom = pending.pop(name)
                if whom == "group":
                    os.killpg(proc.pid, sig)
                else:
                    os.kill(proc.pid, sig)
                killed[name] = workers
            time.sleep(0.01)
        for name, (sig, _) in KILLS.items():
            proc = runs[name][0]
            _, err = proc.communicate(timeout=60)  # returns: nothing holds the pipes open any more
            _wait_for(lambda: not any(_running(w) for w in killed[name]), 30, f"{name}'s workers to end")
            if sig == signal.SIGINT:
                assert (proc.returncode, err.decode()) == (130, "claimdiff: interrupted\n")
            else:
                assert proc.returncode == -signal.SIGKILL
    finally:
        for proc, _ in runs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    for name, (_, out) in runs.items():
        assert list(out.parent.iterdir()) == [], name  # no report, no temporary file

    # 3. the cache is sound: its report is the one of a run without cache
    ref_run = _start(corpus, tmp_path / "unused", "--no-cache")
    cached = _check(corpus, cache)
    reference, ref_err = ref_run.communicate(timeout=300)
    assert ref_run.returncode == 0, ref_err.decode()
    assert cached == reference
    assert _check(corpus, cache) == reference  # warm: every article from the cache
