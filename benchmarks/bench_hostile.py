"""Time to read each pathological input of tests/hostile_cases.py (issue 8: parsing stays linear).

Run: .venv/bin/python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import xialu_graph as xg  # noqa: E402
from xialu_graph.errors import InputError  # noqa: E402
from hostile_cases import CASES  # noqa: E402

SEED = str(ROOT / "data" / "raw" / "xialu_2020.txt")


def main() -> None:
    lines = []
    for name, expr in CASES.items():
        text = eval(expr, {"SEED": SEED})
        t0 = time.perf_counter()
        try:
            doc = xg.read_document(text)
            what = f"{len(doc.tasks)} tasks, {len(doc.report.warnings)} warnings"
        except InputError as e:
            what = f"InputError: {e}"[:80]
        dt = time.perf_counter() - t0
        mb = len(text.encode("utf-8")) / 1e6
        lines.append(f"{name:34s} {mb:7.1f} MB {dt:7.2f} s  {mb / dt if dt else 0:6.1f} MB/s  {what}")
        print(lines[-1], flush=True)
    if "--no-append" not in sys.argv:
        from _results import append_results

        append_results("## Pathological inputs (bench_hostile.py)", ".venv/bin/python benchmarks/bench_hostile.py", lines)


if __name__ == "__main__":
    main()
