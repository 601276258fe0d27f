"""Benchmark: `xialu-graph report` on the seed document, as a ratio to the import floor.

Each round runs, in a shuffled order, the floor (``python -c "import networkx, pandas,
matplotlib.pyplot, pyvis, jieba"``), the report of this tree and, with ``--baseline DIR``, the
report of another tree (a checkout of an older commit, put first on ``PYTHONPATH``). Every run
is a fresh process writing to a fresh folder, started with ``python -P`` so that the working
folder does not shadow ``PYTHONPATH`` (each tree's own package is imported). Wall time and CPU time (user + sys of the child,
``os.wait4``) are recorded; the ratios to the floor are paired (same round), and the median
with min–max over the rounds is printed. The machine is shared, so CPU time is the steadier
figure.

Variants of this tree's report (``--variants``, default all): ``report`` (the default pack,
worker processes on every CPU), ``png`` (``--formats png``), ``serial`` (``--jobs 1``: one
process, whose progress lines give the stage shares) and ``cached`` (the same command as
``report`` again on its finished pack: the content-hash cache's early exit). A tree that has
``xialu_graph/__main__.py`` is run as ``python -m xialu_graph`` (the ``xialu-graph``
command's path, where the cache answers before pandas is imported), an older one as
``python -m xialu_graph.cli``.

Stage shares come from the progress lines on stderr (wall time from one stage's first line to
the next stage's first line; "imports" is process start to the first line); they are printed
for the one-process runs only (``serial`` and the baseline), since the workers' lines arrive
when each stage ends.

Usage::

    .venv/bin/python benchmarks/bench_report.py [--runs 5] [--baseline /tmp/base] [--variants report,png,cached]
                                                [--no-append]
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

REPO = Path(__file__).resolve().parent.parent
SEED_DOC = REPO / "data" / "raw" / "xialu_2020.txt"
FLOOR = "import networkx, pandas, matplotlib.pyplot, pyvis, jieba"
HEADING = "## Report pack (bench_report.py)"
COMMAND = ".venv/bin/python benchmarks/bench_report.py"

STAGES = [  # (stage, prefix of the first progress line of that stage)
    ("parse", "reading "),
    ("analysis", "building the unit"),
    ("figures", "figure "),
    ("views", "view "),
    ("tables+exports", "tables (CSV)"),
    ("report html/md/docx", "report.html"),
    ("swap", "moving the new outputs"),
]


def run(cmd: list, env: dict) -> dict:
    """One child process: wall, cpu (user+sys) and the arrival time of each stderr line."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         encoding="utf-8", cwd=REPO)
    lines = []
    for line in p.stderr:
        lines.append((time.perf_counter() - t0, line.rstrip("\n")))
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n" + "\n".join(x for _, x in lines[-20:]))
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "lines": lines}


def stages(res: dict) -> dict:
    marks = []
    for t, line in res["lines"]:
        text = line.split("] ", 1)[-1]
        for name, prefix in STAGES:
            if text.startswith(prefix) and name not in [m[0] for m in marks]:
                marks.append((name, t))
    out = {"imports": marks[0][1] if marks else res["wall"]}
    for k, (name, t) in enumerate(marks):
        end = marks[k + 1][1] if k + 1 < len(marks) else res["wall"]
        out[name] = end - t
    return out


VARIANTS = {"report": [], "png": ["--formats", "png"], "serial": ["--jobs", "1"], "cached": []}


def entry(tree: str) -> list:
    """How to start the command line of a source tree."""
    return ["-m", "xialu_graph" if (Path(tree) / "xialu_graph" / "__main__.py").is_file() else "xialu_graph.cli"]


def med(xs: list) -> str:
    return f"{statistics.median(xs):6.2f} ({min(xs):.2f}–{max(xs):.2f})"


def main(argv=None) -> list:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--input", default=str(SEED_DOC))
    ap.add_argument("--baseline", default=None, help="another source tree to compare with (PYTHONPATH)")
    ap.add_argument("--extra", action="append", default=[], help="extra report arguments, e.g. --extra=--seed=1")
    ap.add_argument("--variants", default=",".join(VARIANTS),
                    help=f"this tree's runs, comma-separated from {','.join(VARIANTS)} (default all)")
    ap.add_argument("--no-append", action="store_true")
    a = ap.parse_args(argv)

    py = sys.executable
    variants = [v.strip() for v in a.variants.split(",") if v.strip()]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variant(s) {sorted(unknown)}: choose from {sorted(VARIANTS)}")
    trees = {v: str(REPO) for v in variants}
    if a.baseline:
        trees["baseline"] = str(Path(a.baseline).resolve())
    env0 = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    rng = random.Random(0)
    results: dict = {name: [] for name in ["floor", *trees]}
    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        for r in range(a.runs):
            jobs = ["floor", *(t for t in trees if t != "cached")]
            rng.shuffle(jobs)
            if "cached" in trees:  # right after the run whose pack it finds
                jobs.insert(jobs.index("report") + 1 if "report" in jobs else len(jobs), "cached")
            for job in jobs:
                if job == "floor":
                    res = run([py, "-c", FLOOR], env0)
                else:
                    tree = trees[job]
                    out = work / f"{'report' if job == 'cached' else job}-{r}"
                    cmd = [py, "-P", *entry(tree), "report", a.input, "--out", str(out / "out"),
                           "--figures", str(out / "fig"), *VARIANTS.get(job, []), *a.extra]
                    res = run(cmd, {**env0, "PYTHONPATH": tree})
                    if job == "cached" and not any("unchanged since the last run" in x for _, x in res["lines"]):
                        raise SystemExit("the cached re-run rebuilt the pack:\n" + "\n".join(x for _, x in res["lines"]))
                    if job != "report" or "cached" not in trees:
                        shutil.rmtree(out, ignore_errors=True)
                results[job].append(res)
            print(f"round {r + 1}/{a.runs}: " + ", ".join(
                f"{j} {results[j][-1]['wall']:.1f} s wall / {results[j][-1]['cpu']:.1f} s CPU" for j in results), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()
    lines = [f"input: {Path(a.input).name}{' ' + ' '.join(a.extra) if a.extra else ''}; {a.runs} paired rounds; "
             f"load average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs (shared)",
             f"floor: python -c \"{FLOOR}\"",
             f"{'':10s} {'wall s (min–max)':>22s} {'CPU s (min–max)':>22s} {'wall/floor':>22s} {'CPU/floor':>22s}"]
    fl = results["floor"]
    for job in results:
        rs = results[job]
        walls, cpus = [x["wall"] for x in rs], [x["cpu"] for x in rs]
        rw = [x["wall"] / f["wall"] for x, f in zip(rs, fl)]
        rc = [x["cpu"] / f["cpu"] for x, f in zip(rs, fl)]
        lines.append(f"{job:10s} {med(walls):>22s} {med(cpus):>22s} {med(rw):>22s} {med(rc):>22s}")
    for job in [t for t in trees if t != "baseline"] if "baseline" in results else []:
        rw = [x["wall"] / b["wall"] for x, b in zip(results[job], results["baseline"])]
        rc = [x["cpu"] / b["cpu"] for x, b in zip(results[job], results["baseline"])]
        lines.append(f"{job}/baseline, paired: wall {med(rw)}, CPU {med(rc)}")
    for job in [t for t in trees if t in ("serial", "baseline")]:
        per = [stages(x) for x in results[job]]
        names = [n for n in ["imports", *[s for s, _ in STAGES]] if all(n in p for p in per)]
        total = statistics.median(x["wall"] for x in results[job])
        lines.append(f"{job} stages (wall s, median; share of the median wall): " + ", ".join(
            f"{n} {statistics.median(p[n] for p in per):.2f} ({statistics.median(p[n] for p in per) / total:.0%})"
            for n in names))
    print("\n".join(lines))
    if not a.no_append:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from _results import append_results

        cmd = COMMAND + "".join(f" --{k} {v}" for k, v in [("runs", a.runs), ("baseline", a.baseline),
                                                            ("variants", a.variants)] if v and
                                (k != "runs" or v != 5) and (k != "variants" or v != ",".join(VARIANTS)))
        append_results(HEADING, cmd, lines)
    return lines


if __name__ == "__main__":
    main()
