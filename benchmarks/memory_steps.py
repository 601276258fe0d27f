"""Python's traced memory (tracemalloc) after each step of ``read_document``, over the file size.

The seed repeated to ``--mb`` MB (default 5) is read step by step as ``pipeline.read_document``
does: ``read_text``, ``parse_document``, the reader's string dropped, ``resolve_document``,
``score_document``; after each, the memory still held (current) and the highest since the step
before (peak), both as multiples of the file size. Fast to rerun while changing the data model;
``bench_hostile.py --memory`` measures the process's resident peak (the 8x bound).

Run: PYTHONPATH=. .venv/bin/python benchmarks/memory_steps.py [--mb 5]
"""

from __future__ import annotations

import gc
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xialu_graph.parse import parse_document, score_document  # noqa: E402
from xialu_graph.read import read_text  # noqa: E402
from xialu_graph.units import load_unit_tables, resolve_document  # noqa: E402


def main() -> None:
    mb = float(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv[:-1] else 5.0
    tables = load_unit_tables()
    seed = (ROOT / "data" / "raw" / "xialu_2020.txt").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.txt"
        path.write_bytes(seed * int(mb * 1_000_000 // len(seed)))
        size = path.stat().st_size
        tracemalloc.start()

        def mark(step: str) -> None:
            gc.collect()
            cur, peak = tracemalloc.get_traced_memory()
            print(f"{step:14s} current {cur / size:5.2f}x  peak {peak / size:5.2f}x", flush=True)
            tracemalloc.reset_peak()

        src = read_text(path)
        mark("read_text")
        doc = parse_document(src.text, source=src.name)
        mark("parse_document")
        src.text = ""
        mark("text dropped")
        resolve_document(doc, tables)
        mark("resolve")
        score_document(doc)
        mark("score")
        print(f"{size / 1e6:.2f} MB file, {len(doc.tasks)} tasks")


if __name__ == "__main__":
    main()
