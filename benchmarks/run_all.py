"""Run every benchmark in turn (`make bench`); each prints its numbers and appends them to results.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "scorecard.py",  # issue 17's figures side by side, as ratios to the floor of the same rounds
    "bench_genre.py", "bench_parse.py", "bench_hostile.py", "bench_metrics.py", "bench_compare.py", "bench_notebooks.py",
    "bench_views.py", "bench_batch.py", "bench_report.py", "bench_corpus.py",
    # the memory bound of read_document (issue 16 finding 5): exits 1 when a 50 MB text file takes over 8x its size
    "bench_hostile.py --memory --sizes 50",
]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        print(f"\n== {name}", flush=True)
        script, *args = name.split()
        r = subprocess.run([sys.executable, str(HERE / script), *args], cwd=HERE.parent)
        if r.returncode:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
