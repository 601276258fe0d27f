"""Scale of batch runs: documents/s on 1 and 2 workers, parent peak memory, growth exponent.

A corpus of generated documents (:func:`xialu_graph.batch_runs.write_synthetic_corpus`: 100 tasks
each, six places, ten years; every document different) is written once at the largest size;
each smaller size is its first N files. Every run is a fresh Python process (so the peak
memory is that run's own) calling :func:`xialu_graph.batch` with default options (clusters on,
betweenness off, Parquet + CSV panel) into an empty output folder; then once more on the same
folder with 2 workers, to time a resumed run that finds every document done. The real
documents of the repository (``data/raw`` and ``tests/genre``) are run once on 2 workers.

Reported: wall seconds, documents/s, speed-up from 1 to 2 workers, peak RSS of the parent
process (``ru_maxrss``; with 1 worker the analysis runs in the parent itself), and the growth
exponents b of time ∝ N^b and of parent memory ∝ N^b between the two sizes (1 = linear, 0 =
flat); and the CPU seconds of the run (its process and the worker processes it reaped), a
figure that other users of a shared machine do not inflate, split into the parent's and the
workers' (with 1 worker everything runs in the parent). The parent's CPU per document is what
limits the speed-up: on 2 cores, 2 workers give at most 2 × T1 / (T1 + the parent's serial
work), so it is the figure to keep small. The machine's load average is
printed before and after.

Run: ``.venv/bin/python benchmarks/bench_batch.py [--sizes 1000,10000] [--rounds R] [--no-append] [--root CHECKOUT]``; prints
the figures and appends them to ``benchmarks/results.md`` under "Batch runs (bench_batch.py)".
Targets (issue 15): linear growth, parent memory flat in N, ≥ 1.8× from 1 to 2 workers on
2 cores, 10,000 documents in under 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

HEADING = "## Batch runs (bench_batch.py)"
COMMAND = ".venv/bin/python benchmarks/bench_batch.py"

CHILD = r"""
import json, resource, sys
from xialu_graph.batch_runs import batch
paths = open(sys.argv[1], encoding="utf-8").read().splitlines()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
r = batch(paths, out=sys.argv[2], n_jobs=int(sys.argv[3]), progress=False)
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": r.seconds, "analysed": r.n_analysed, "skipped": r.n_skipped, "failed": r.n_failed,
                  "rss_start_mb": rss0 / 1024, "rss_peak_mb": me.ru_maxrss / 1024,
                  "cpu_parent": me.ru_utime + me.ru_stime}))
"""


def run(paths: list, out: Path, jobs: int, work: Path, root: Path = ROOT) -> dict:
    listing = work / f"list_{len(paths)}.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(root)}
    r = subprocess.run([sys.executable, "-c", CHILD, str(listing), str(out), str(jobs)], cwd=root,
                       capture_output=True, text=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode:
        raise SystemExit(f"batch run failed:\n{r.stderr[-3000:]}")
    res = json.loads(r.stdout.strip().splitlines()[-1])
    # CPU of the run's process and of the worker processes it waited for (loky's, at exit)
    res["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    res["cpu_workers"] = max(0.0, res["cpu"] - res["cpu_parent"])
    return res


def exponent(n1, y1, n2, y2) -> float:
    return math.log(y2 / y1) / math.log(n2 / n1)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--no-append", action="store_true", help="do not append to benchmarks/results.md")
    ap.add_argument("--rounds", type=int, default=1,
                    help="paired rounds (1 worker then 2) per size; the speed-up is given as median and range")
    ap.add_argument("--root", default=str(ROOT),
                    help="checkout whose xialu_graph the batches run (default this one; e.g. a baseline worktree)")
    args = ap.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    root = Path(args.root).resolve()

    from xialu_graph.batch_runs import write_synthetic_corpus

    lines = [f"load average before: {load_average()} ({os.cpu_count()} CPUs, shared)"]
    if root != ROOT:
        lines.append(f"package: {root}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        files = write_synthetic_corpus(work / "corpus", sizes[-1], seed=0, n_tasks=100)
        mb = sum(f.stat().st_size for f in files) / 1e6
        lines.append(f"corpus: {len(files)} generated documents of 100 tasks, {mb:.1f} MB, "
                     f"written in {time.perf_counter() - t0:.1f} s")
        print("\n".join(lines), flush=True)
        res: dict = {}
        for n in sizes:
            ups = []
            for k in range(args.rounds):
                for jobs in (1, 2):
                    out = work / f"out_{n}_{jobs}"
                    if out.exists():
                        shutil.rmtree(out)
                    r = run(files[:n], out, jobs, work, root)
                    assert r["analysed"] == n and r["failed"] == 0, r
                    res[n, jobs] = r
                    line = (f"N={n:>6} workers={jobs}: {r['seconds']:8.1f} s  {n / r['seconds']:6.1f} docs/s  "
                            f"CPU {r['cpu']:7.1f} s ({1000 * r['cpu'] / n:.0f} ms/doc: parent "
                            f"{1000 * r['cpu_parent'] / n:.1f}, workers {1000 * r['cpu_workers'] / n:.1f})  "
                            f"parent peak RSS {r['rss_peak_mb']:5.0f} MB (after imports {r['rss_start_mb']:.0f} MB)"
                            + (f"  [round {k + 1}]" if args.rounds > 1 else ""))
                    lines.append(line)
                    print(line, flush=True)
                ups.append(res[n, 1]["seconds"] / res[n, 2]["seconds"])
            if len(ups) == 1:
                lines.append(f"N={n:>6} speed-up 1 → 2 workers: {ups[0]:.2f}× (target ≥ 1.8×)")
            else:
                lines.append(f"N={n:>6} speed-up 1 → 2 workers, paired rounds: median {statistics.median(ups):.2f}× "
                             f"(min {min(ups):.2f}, max {max(ups):.2f}; {', '.join(f'{u:.2f}' for u in ups)}) "
                             f"(target ≥ 1.8×)")
            r = run(files[:n], work / f"out_{n}_2", 2, work, root)
            assert r["skipped"] == n, r
            lines.append(f"N={n:>6} resumed run, all {n} done already: {r['seconds']:.1f} s "
                         f"(hash, check parts, rewrite panel)")
            print("\n".join(lines[-2:]), flush=True)
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            for jobs in (1, 2):
                et = exponent(a, res[a, jobs]["seconds"], b, res[b, jobs]["seconds"])
                em = exponent(a, res[a, jobs]["rss_peak_mb"], b, res[b, jobs]["rss_peak_mb"])
                lines.append(f"growth {a} → {b}, {jobs} worker(s): time ∝ N^{et:.2f}, parent peak memory ∝ N^{em:.2f}")
            big = res[b, 2]["seconds"] * (10000 / b)
            lines.append(f"10,000 documents on 2 workers: {res[b, 2]['seconds'] if b == 10000 else big:.0f} s"
                         f"{'' if b == 10000 else ' (extrapolated linearly from N=' + str(b) + ')'} (target < 300 s)")
        real = sorted(str(p) for d in (ROOT / "data" / "raw", ROOT / "tests" / "genre" / "docs", ROOT / "tests" / "genre" / "holdout")
                      if d.is_dir() for p in d.rglob("*") if p.suffix in (".txt", ".html", ".htm", ".docx"))
        if real:
            r = run(real, work / "out_real", 2, work, root)
            lines.append(f"real documents (data/raw, tests/genre): {len(real)} files, {r['analysed']} analysed, "
                         f"{r['failed']} failed, {r['seconds']:.1f} s on 2 workers")
    lines.append(f"load average after: {load_average()}")
    print("\n".join(lines[-4:]))
    if not args.no_append:
        from _results import append_results

        cmd = COMMAND + (f" --sizes {args.sizes}" if args.sizes != "1000,10000" else "")
        append_results(HEADING, cmd + (f" --rounds {args.rounds}" if args.rounds > 1 else ""), lines)


if __name__ == "__main__":
    main()
