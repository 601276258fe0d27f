"""Append a benchmark run to benchmarks/results.md under the benchmark's own heading.

Each benchmark script owns one ``## …`` section; a run is added at the end of its section as
``### <date> — <python>, <n> CPU(s)`` followed by the printed lines in a code block.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
sys.path.insert(0, str(ROOT))


def append_results(heading: str, command: str, lines: list, *, fenced: bool = True) -> None:
    """Add ``lines`` as the newest run under ``heading`` (created with ``command`` if new)."""
    from xialu_graph.files import atomic_write_text

    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    body = ["```", *lines, "```"] if fenced else list(lines)
    block = [f"### {stamp} — Python {platform.python_version()}, {os.cpu_count()} CPU(s)", "", *body, ""]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if heading not in text:
        text = text.rstrip("\n") + f"\n\n{heading}\n\nCommand: `{command}`\n"
    head, _, rest = text.partition(heading)
    nxt = rest.find("\n## ")
    section, tail = (rest, "") if nxt < 0 else (rest[:nxt], rest[nxt:])
    text = head + heading + section.rstrip("\n") + "\n\n" + "\n".join(block) + tail
    atomic_write_text(RESULTS, text)
