"""Benchmark: ``read_corpus`` of 1,000 generated documents, paired with the import floor.

The documents are ``bench_parse.make_doc(rng, 106)`` (seeded, ~24 KB each) written to a temporary
folder. Each round runs, in a shuffled order, the floor (``python -c "import networkx, pandas,
matplotlib.pyplot, pyvis, jieba"``) and ``read_corpus(folder, processes=P)`` in a fresh process for
this tree and, with ``--baseline DIR``, for another source tree. Wall and CPU time (user + sys of the
process and its workers; ``python -P``, so each tree imports its own package) are printed as medians with min–max and as paired ratios.

Usage::

    .venv/bin/python benchmarks/bench_corpus.py [--runs 5] [--processes 2] [--baseline /tmp/base] [--no-append]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

FLOOR = "import networkx, pandas, matplotlib.pyplot, pyvis, jieba"
HEADING = "## read_corpus of 1,000 documents (bench_corpus.py)"
COMMAND = ".venv/bin/python benchmarks/bench_corpus.py"
CODE = ("import sys, time; from xialu_graph.compare import read_corpus; t = time.perf_counter(); "
        "c = read_corpus(sys.argv[1], processes=int(sys.argv[2]), progress=False); "
        "print(len(c), sum(len(e.document.tasks) for e in c), time.perf_counter() - t)")


def run(cmd: list, env: dict) -> dict:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    # the child is reaped by communicate(); its rusage (with its workers) is in RUSAGE_CHILDREN deltas
    if p.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return {"wall": wall, "out": out.strip()}


def cpu_children() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def med(xs: list) -> str:
    return f"{statistics.median(xs):6.2f} ({min(xs):.2f}–{max(xs):.2f})"


def main(argv=None) -> list:
    from bench_parse import make_doc

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--baseline", default=None)
    ap.add_argument("--no-append", action="store_true")
    a = ap.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    rng = random.Random(0)
    for i in range(a.n):
        (folder / f"doc_{i:05d}.txt").write_text(make_doc(rng, 106), encoding="utf-8")
    size = sum(p.stat().st_size for p in folder.iterdir())
    trees = {"read_corpus": str(REPO)}
    if a.baseline:
        trees["baseline"] = str(Path(a.baseline).resolve())
    env0 = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    results: dict = {j: [] for j in ["floor", *trees]}
    order = random.Random(1)
    try:
        for r in range(a.runs):
            jobs = list(results)
            order.shuffle(jobs)
            for job in jobs:
                c0 = cpu_children()
                if job == "floor":
                    res = run([sys.executable, "-c", FLOOR], env0)
                else:
                    res = run([sys.executable, "-P", "-c", CODE, str(folder), str(a.processes)],
                              {**env0, "PYTHONPATH": trees[job]})
                res["cpu"] = cpu_children() - c0
                results[job].append(res)
            print(f"round {r + 1}/{a.runs}: " + ", ".join(
                f"{j} {results[j][-1]['wall']:.1f} s wall / {results[j][-1]['cpu']:.1f} s CPU" for j in results), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    load = os.getloadavg()
    lines = [f"{a.n} generated documents, {size / 1e6:.1f} MB, processes={a.processes}; {a.runs} paired rounds; "
             f"load average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs (shared)",
             f"floor: python -c \"{FLOOR}\"",
             f"{'':12s} {'wall s (min–max)':>22s} {'CPU s (min–max)':>22s} {'wall/floor':>22s} {'CPU/floor':>22s}"]
    fl = results["floor"]
    for job, rs in results.items():
        lines.append(f"{job:12s} {med([x['wall'] for x in rs]):>22s} {med([x['cpu'] for x in rs]):>22s} "
                     f"{med([x['wall'] / f['wall'] for x, f in zip(rs, fl)]):>22s} "
                     f"{med([x['cpu'] / f['cpu'] for x, f in zip(rs, fl)]):>22s}")
    if a.baseline:
        new, old = results["read_corpus"], results["baseline"]
        lines.append(f"read_corpus/baseline, paired: wall {med([x['wall'] / b['wall'] for x, b in zip(new, old)])}, "
                     f"CPU {med([x['cpu'] / b['cpu'] for x, b in zip(new, old)])}")
    print("\n".join(lines))
    if not a.no_append:
        from _results import append_results

        append_results(HEADING, COMMAND + (f" --processes {a.processes}" if a.processes != 2 else ""), lines)
    return lines


if __name__ == "__main__":
    main()
