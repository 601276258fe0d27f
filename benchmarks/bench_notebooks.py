"""Benchmark: execute every notebook in notebooks/ in a fresh kernel, and the report command.

Run from the repository root::

    .venv/bin/python benchmarks/bench_notebooks.py [--no-append]

Target (issue 5): all notebooks together execute in under 60 s. Each notebook runs in its own
fresh ``python3`` kernel with nbclient (cwd = notebooks/, as in tests/test_notebooks.py; the
briefing-figures notebook writes to a temporary folder via ``XIALU_FIGURES_DIR``). Kernel start
is included. The time of ``xialu-graph report`` on the seed is measured too (not in the
target). Times are printed and appended to benchmarks/results.md under
"## Notebooks and report (bench_notebooks.py)".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
RESULTS = ROOT / "benchmarks" / "results.md"
HEADING = "## Notebooks and report (bench_notebooks.py)"
TARGET_S = 60.0


def run_notebook(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    t = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NB_DIR)}}).execute()
    return time.perf_counter() - t


def append(lines: list) -> None:
    from _results import append_results

    append_results(HEADING, ".venv/bin/python benchmarks/bench_notebooks.py", lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-append", action="store_true", help="print only; do not append to results.md")
    args = ap.parse_args(argv)
    lines: list = []

    def out(s: str) -> None:
        print(s, flush=True)
        lines.append(s)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIALU_FIGURES_DIR"] = str(Path(tmp) / "figures")
        total = 0.0
        for p in sorted(NB_DIR.glob("*.ipynb")):
            dt = run_notebook(p)
            total += dt
            out(f"  {p.name:36s} {dt:7.2f} s")
        out(f"  {'TOTAL notebooks':36s} {total:7.2f} s   (target < {TARGET_S:.0f} s: {'ok' if total < TARGET_S else 'MISSED'})")
        t = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("xialu-graph")), "report", "data/raw/xialu_2020.txt",
                        "--out", str(Path(tmp) / "report"), "--quiet"], cwd=ROOT, check=True)
        out(f"  {'xialu-graph report (seed, subprocess)':36s} {time.perf_counter() - t:7.2f} s   (not in the target)")
    if not args.no_append:
        append(lines)
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
