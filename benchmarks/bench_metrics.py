"""Benchmark: all metrics on the seed document and on a merged graph of 100 synthetic plans.

Run from the repository root::

    .venv/bin/python benchmarks/bench_metrics.py [--docs 100] [--no-append]

Targets (issue 3): seed < 0.5 s after import; 100 merged documents (~10,000 task nodes)
< 30 s. Times are printed and appended to benchmarks/results.md under
"## Metrics (bench_metrics.py)".
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "data" / "raw" / "xialu_2020.txt"
RESULTS = ROOT / "benchmarks" / "results.md"
HEADING = "## Metrics (bench_metrics.py)"


def all_metrics(G, *, n_runs=50):
    from xialu_graph.metrics import (
        co_responsibility_clusters,
        responsibility_checks,
        unit_centrality,
        unit_load,
        workload_balance,
    )

    times = {}

    def timed(name, f, *a, **k):
        t = time.perf_counter()
        r = f(*a, **k)
        times[name] = time.perf_counter() - t
        return r

    load = timed("unit_load", unit_load, G)
    timed("workload_balance", workload_balance, load)
    cen = timed("unit_centrality", unit_centrality, G)
    cl = timed("co_responsibility_clusters", co_responsibility_clusters, G, n_runs=n_runs)
    timed("responsibility_checks", responsibility_checks, G)
    return times, cen, cl


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--tasks", type=int, default=100, help="tasks per synthetic document")
    ap.add_argument("--no-append", action="store_true")
    args = ap.parse_args(argv)

    import xialu_graph  # noqa: F401  (import cost is not part of the targets)
    from xialu_graph.graph import build_graph
    from xialu_graph.metrics import unit_load  # noqa: F401
    from xialu_graph.datasets import SYNTHETIC_UNITS, merge_documents, synthetic_document

    lines = []

    def out(s=""):
        print(s)
        lines.append(s)

    # seed
    seed_total = None
    try:
        from xialu_graph.pipeline import read_document

        doc = read_document(str(SEED))
        G = build_graph(doc)
        all_metrics(G)  # warm-up: lazy imports (scipy.sparse.csgraph …) are paid once
        t = time.perf_counter()
        times, cen, cl = all_metrics(G)
        seed_total = time.perf_counter() - t
        out(f"seed xialu_2020: {sum(1 for _, d in G.nodes(data=True) if d['bipartite'] == 1)} tasks, "
            f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
        for k, v in times.items():
            out(f"  {k:28s} {v:8.3f} s")
        out(f"  {'TOTAL':28s} {seed_total:8.3f} s   (target < 0.5 s: {'ok' if seed_total < 0.5 else 'MISSED'})")
    except Exception as exc:  # parser not available
        out(f"seed: skipped ({exc!r})")

    # merged synthetic
    t = time.perf_counter()
    # 35 shared departments plus 5 units of each document's own (task forces, offices)
    big = merge_documents([
        synthetic_document(s, n_tasks=args.tasks, units=SYNTHETIC_UNITS + tuple(f"专班{s}-{i}" for i in range(5)))
        for s in range(args.docs)
    ])
    Gb = build_graph(big)
    t_build = time.perf_counter() - t
    n_tasks = sum(1 for _, d in Gb.nodes(data=True) if d["bipartite"] == 1)
    out(f"merged synthetic: {args.docs} documents, {n_tasks} tasks, {Gb.number_of_nodes()} nodes, "
        f"{Gb.number_of_edges()} edges (generate + build_graph {t_build:.2f} s, not timed below)")
    t = time.perf_counter()
    times, cen, cl = all_metrics(Gb)
    big_total = time.perf_counter() - t
    for k, v in times.items():
        out(f"  {k:28s} {v:8.3f} s")
    out(f"  {'TOTAL':28s} {big_total:8.3f} s   (target < 30 s: {'ok' if big_total < 30 else 'MISSED'})")
    out(f"  betweenness sampled: {cen.attrs['betweenness_sampled']} (k={cen.attrs['betweenness_k']}, "
        f"seed={cen.attrs['seed']}); clusters {cl.attrs['n_clusters']}, stability ARI {cl.attrs['stability_ari']:.3f}")

    if not args.no_append:
        from _results import append_results

        append_results(HEADING, ".venv/bin/python benchmarks/bench_metrics.py", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
