"""Issue 17's figures in one run, as ratios to the import floor measured in the same rounds.

Each round (``--rounds``, default 5) starts every job below as a fresh process, in a shuffled
order (the cached re-run right after the report whose pack it finds), and records its wall and
CPU time (user + sys of the process and of the children it waited for, ``os.wait4``):

``floor``
    ``python -c "import networkx, pandas, matplotlib.pyplot, pyvis, jieba"``
``parse``
    ``xialu-graph parse data/raw/xialu_2020.txt`` (the tables in CSV)
``report``, ``report png``, ``report cached``
    the default pack, ``--formats png``, and the default command again on its finished pack
``compare 3``
    ``xialu-graph compare`` of the three Huangshigang editions in ``data/raw``
``notebook``
    ``jupyter nbconvert --execute`` of ``notebooks/01_read_and_check.ipynb`` (kernel start included)
``read_corpus``
    ``read_corpus`` of 1,000 generated documents (``bench_parse.make_doc``, 23.8 MB) on 2
    processes; the function's own wall time is reported beside the process's
``parse MB/s``
    ``parse_document`` alone and with ``resolve_document`` on the same 1,000 documents, CPU time
    in one fresh process (``bench_parse``'s worker)

Once, after the rounds: the metric tables at 10, 100 and 1,000 merged generated documents
(``bench_metrics.py --child N``: CPU seconds, peak RSS while the metrics run) and the growth
exponents between sizes. ``--quick`` runs 1 round and the metrics at 10 and 100 only.

Printed: median with min–max over the rounds, the paired ratio to the floor, each goal of the
issue and whether it is met; appended to ``benchmarks/results.md`` under "Scorecard".

Usage::

    .venv/bin/python benchmarks/scorecard.py [--rounds 5] [--quick] [--no-append]
"""

from __future__ import annotations

import argparse
import json
import math
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

from bench_corpus import CODE as CORPUS_CODE  # noqa: E402
from bench_parse import _WORKER as PARSE_WORKER  # noqa: E402
from bench_parse import make_doc  # noqa: E402
from bench_report import FLOOR, med  # noqa: E402

HEADING = "## Scorecard (scorecard.py)"
COMMAND = ".venv/bin/python benchmarks/scorecard.py"
RAW = REPO / "data" / "raw"
SEED = RAW / "xialu_2020.txt"
EDITIONS = [RAW / f"huangshigang_{y}_excerpt.txt" for y in (2021, 2022, 2025)]
NOTEBOOK = REPO / "notebooks" / "01_read_and_check.ipynb"
# (job, what the goal is on, goal, comparison) — the goals of issue 17
GOALS = {
    "parse": ("wall/floor", 1.0, "<="),
    "report": ("wall/floor", 3.0, "<="),
    "report png": ("wall/floor", 2.0, "<="),
    "report cached": ("wall/floor", 0.2, "<="),
}


def run(cmd: list, env: dict) -> dict:
    """One child process: wall, CPU (user + sys, its waited-for children included), stdout and
    its stderr lines (as ``bench_report.run``, which drops stdout)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8", cwd=REPO)
        stdout = p.stdout.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.stdout.close()
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if p.returncode:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "stdout": stdout, "lines": [(0, x) for x in stderr.splitlines()]}


def jobs(tmp: Path, corpus: Path) -> dict:
    """Job name → (command, environment additions)."""
    py = sys.executable
    cli = [py, "-P", "-m", "xialu_graph"]
    out, fig = tmp / "report", tmp / "fig"
    return {
        "floor": [py, "-c", FLOOR],
        "parse": cli + ["parse", str(SEED), "--out", str(tmp / "parse"), "--quiet"],
        "report": cli + ["report", str(SEED), "--out", str(out), "--figures", str(fig)],
        "report cached": cli + ["report", str(SEED), "--out", str(out), "--figures", str(fig)],
        "report png": cli + ["report", str(SEED), "--out", str(tmp / "png"), "--figures", str(tmp / "pngfig"),
                             "--formats", "png"],
        "compare 3": cli + ["compare", *map(str, EDITIONS), "--out", str(tmp / "compare"), "--quiet"],
        "notebook": [py, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", str(NOTEBOOK),
                     "--output-dir", str(tmp / "nb"), "--log-level", "ERROR"],
        "read_corpus": [py, "-P", "-c", CORPUS_CODE, str(corpus), "2"],
    }


def fresh(tmp: Path, job: str) -> None:
    """Remove what a job wrote, so that the next round starts from nothing (the cached re-run
    keeps the report's pack: it is what it finds)."""
    for name in {"report cached": ["report", "fig"], "report png": ["png", "pngfig"], "parse": ["parse"],
                 "compare 3": ["compare"], "notebook": ["nb"]}.get(job, []):
        shutil.rmtree(tmp / name, ignore_errors=True)


def metrics(sizes: list) -> list:
    out = []
    for n in sizes:
        r = subprocess.run([sys.executable, str(HERE / "bench_metrics.py"), "--child", str(n)], capture_output=True,
                           text=True, cwd=REPO, check=True)
        res = json.loads(r.stdout.strip().splitlines()[-1])
        out.append((n, sum(statistics.median(v) for v in res["cpu"].values()), res["metrics_peak"]))
    return out


def main(argv=None) -> list:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="1 round; metrics at 10 and 100 documents only")
    ap.add_argument("--no-append", action="store_true")
    a = ap.parse_args(argv)
    rounds = 1 if a.quick else a.rounds
    sizes = [10, 100] if a.quick else [10, 100, 1000]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env_repo = {**env, "PYTHONPATH": str(REPO)}
    tmp = Path(tempfile.mkdtemp(prefix="scorecard-"))
    rng = random.Random(0)
    docs = [make_doc(rng, 106) for _ in range(1000)]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    corpus = tmp / "corpus"
    corpus.mkdir()
    for i, d in enumerate(docs):
        (corpus / f"doc{i:04d}.txt").write_text(d, encoding="utf-8")
    docs_file = tmp / "docs.json"
    docs_file.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    res: dict = {}
    inner: list = []  # read_corpus's own wall time
    speed: list = []  # (parse MB/s, parse + resolve MB/s)
    order = random.Random(1)
    try:
        cmds = jobs(tmp, corpus)
        for r in range(rounds):
            names = [j for j in cmds if j != "report cached"]
            order.shuffle(names)
            names.insert(names.index("report") + 1, "report cached")
            for job in names:
                got = run(cmds[job], env if job == "floor" else env_repo)
                if job == "report cached" and not any("unchanged since the last run" in x for _, x in got["lines"]):
                    raise SystemExit("the cached re-run rebuilt the pack")
                res.setdefault(job, []).append(got)
                if job == "read_corpus":
                    inner.append(float(got["stdout"].split()[-1]))
                fresh(tmp, job)
            p = subprocess.run([sys.executable, "-P", "-c", PARSE_WORKER, str(REPO), "fast", str(docs_file), str(SEED)],
                               capture_output=True, text=True, cwd=REPO, check=True, env=env)
            w = json.loads(p.stdout)
            speed.append((mb / w["parse"], mb / w["full"]))
            print(f"round {r + 1}/{rounds}: " + ", ".join(f"{j} {res[j][-1]['wall']:.1f} s" for j in res), flush=True)
        mets = metrics(sizes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    load = os.getloadavg()
    lines = [f"{rounds} paired round(s); load average after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on "
             f"{os.cpu_count()} CPUs; floor: python -c \"{FLOOR}\"",
             f"{'':14s} {'wall s (min–max)':>22s} {'CPU s (min–max)':>22s} {'wall/floor':>22s} {'CPU/floor':>22s}   goal"]
    fl = res["floor"]
    for job in cmds:
        rs = res[job]
        rw = [x["wall"] / f["wall"] for x, f in zip(rs, fl)]
        rc = [x["cpu"] / f["cpu"] for x, f in zip(rs, fl)]
        goal = ""
        if job in GOALS:
            _, limit, _ = GOALS[job]
            goal = f"wall ≤ {limit:g}× floor: {'met' if statistics.median(rw) <= limit else 'NOT met'}"
        lines.append(f"{job:14s} {med([x['wall'] for x in rs]):>22s} {med([x['cpu'] for x in rs]):>22s} "
                     f"{med(rw):>22s} {med(rc):>22s}   {goal}")
    rc_in = statistics.median(inner)
    lines.append(f"read_corpus of 1,000 documents ({mb:.1f} MB), the function alone: {med(inner)} s wall   "
                 f"goal < 2 s: {'met' if rc_in < 2 else 'NOT met'}")
    ps = statistics.median(s[0] for s in speed)
    lines.append(f"parse MB/s of CPU (1,000 documents, one process): parse only {med([s[0] for s in speed])}, "
                 f"parse + resolve {med([s[1] for s in speed])}   goal ≥ 20 MB/s: {'met' if ps >= 20 else 'NOT met'}")
    for n, cpu, peak in mets:
        goal = ""
        if n == 1000:
            goal = f"   goal ≤ 60 s and ≤ 1 GB: {'met' if cpu <= 60 and peak <= 2**30 else 'NOT met'}"
        lines.append(f"metrics, {n:>5d} merged documents: {cpu:7.1f} s CPU, peak RSS while they run "
                     f"{peak / 2**20:6.0f} MB{goal}")
    for (na, ta, _), (nb, tb, _) in zip(mets, mets[1:]):
        lines.append(f"metrics growth {na}→{nb} documents: CPU ∝ N^{math.log(tb / ta) / math.log(nb / na):.2f}")
    print("\n".join(lines))
    if not a.no_append:
        from _results import append_results

        append_results(HEADING, COMMAND + (" --quick" if a.quick else f" --rounds {rounds}" if rounds != 5 else ""),
                       lines)
    return lines


if __name__ == "__main__":
    main()
