"""Run every benchmark in turn (`make bench`); each prints its numbers and appends them to results.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_genre.py", "bench_parse.py", "bench_hostile.py", "bench_metrics.py", "bench_compare.py", "bench_notebooks.py",
    "bench_views.py", "bench_batch.py", "bench_report.py", "bench_corpus.py",
]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        print(f"\n== {name}", flush=True)
        r = subprocess.run([sys.executable, str(HERE / name)], cwd=HERE.parent)
        if r.returncode:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
