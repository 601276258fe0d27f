"""Parse throughput on a generated corpus: MB/s and documents/s.

Run: .venv/bin/python benchmarks/bench_parse.py
Targets (issue 2): at least 20 MB/s, and 1,000 documents parsed in under 2 s on 2 cores.
The single-process lines measure one core; the read_corpus line uses every core (processes).
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xialu_graph.parse import parse_text  # noqa: E402
from xialu_graph.pipeline import read_document  # noqa: E402
from xialu_graph.units import load_unit_tables, resolve_document  # noqa: E402

CN = "一二三四五六七八九十"
WORDS = ["推进", "产业", "建设", "完善", "机制", "加快", "项目", "城市", "服务", "改革", "创新", "发展", "生态", "治理"]
UNITS = ["区发改局", "区财政局", "区科信局", "区住保局", "区建设局", "区教育局", "区卫健局", "各街办(新区)", "区政府各部门", "东街办(工业新区)"]


def make_doc(rng: random.Random, n_tasks: int) -> str:
    lines = ["名 称: 区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知", "2020年区政府重点工作责任分解"]
    n = 0
    for s in range(8):
        lines.append(f"{CN[s]}、" + "".join(rng.choices(WORDS, k=5)))
        for sub in range(3):
            lines.append(f"({CN[sub]})" + "".join(rng.choices(WORDS, k=4)))
            for _ in range(max(1, n_tasks // 24)):
                n += 1
                text = ",".join("".join(rng.choices(WORDS, k=3)) for _ in range(rng.randint(3, 12)))
                us = rng.sample(UNITS, rng.randint(1, 6))
                lines.append(f"{n}、{text}。[牵头单位:{us[0]};责任单位:{'、'.join(us[1:] or ['区审计局'])}]")
    return "\n".join(lines) + "\n"


def main() -> None:
    rng = random.Random(0)
    docs = [make_doc(rng, 106) for _ in range(1000)]
    size = sum(len(d.encode("utf-8")) for d in docs)
    tables = load_unit_tables()
    t0 = time.perf_counter()
    for d in docs:
        parse_text(d)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        resolve_document(parse_text(d), tables)
    t_full = time.perf_counter() - t0
    seed = Path(__file__).resolve().parent.parent / "data" / "raw" / "xialu_2020.txt"
    t0 = time.perf_counter()
    for _ in range(20):
        read_document(seed)
    t_seed = (time.perf_counter() - t0) / 20
    import tempfile

    from xialu_graph.compare import read_corpus

    with tempfile.TemporaryDirectory() as d:
        for i, doc in enumerate(docs):
            Path(d, f"doc{i:04d}.txt").write_text(doc, encoding="utf-8")
        t0 = time.perf_counter()
        corpus = read_corpus(d, progress=False)
        t_corpus = time.perf_counter() - t0
    assert len(corpus) == 1000
    lines = [
        f"corpus: 1000 generated documents, {size / 1e6:.1f} MB",
        f"parse only:        {t_parse:.2f} s  -> {size / 1e6 / t_parse:.1f} MB/s, {1000 / t_parse:.0f} docs/s",
        f"parse + resolve:   {t_full:.2f} s  -> {size / 1e6 / t_full:.1f} MB/s, {1000 / t_full:.0f} docs/s",
        f"seed read_document: {t_seed * 1000:.1f} ms",
        f"read_corpus(folder of 1000 files), parallel over {os.cpu_count()} cores: {t_corpus:.2f} s "
        f"-> {size / 1e6 / t_corpus:.1f} MB/s, {1000 / t_corpus:.0f} docs/s (target: under 2 s)",
    ]
    print("\n".join(lines))
    if "--no-append" not in sys.argv:
        from _results import append_results

        append_results("## Parse throughput (bench_parse.py)", ".venv/bin/python benchmarks/bench_parse.py", lines)


if __name__ == "__main__":
    main()
