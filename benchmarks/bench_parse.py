"""Parse throughput on a generated corpus and on the seed: MB/s of CPU time, paired.

Run: .venv/bin/python benchmarks/bench_parse.py [--docs 1000] [--rounds 5] [--baseline DIR] [--corpus] [--no-append]

Targets (issues 2 and 17): at least 20 MB/s, and 1,000 documents parsed in under 2 s on 2 cores.
Each round runs, in a shuffled order and each in a fresh process (``python -P``, so each tree
imports its own package): this tree with the fast path (``fast``), this tree with the general
parser only (``general``, ``parse_document(..., fast=False)``) and, with ``--baseline DIR``, another
source tree (``base``). Each process parses the same documents (``make_doc(rng, 106)``, seeded,
~24 KB each) and reports the CPU time (``time.process_time``) of ``parse_document`` alone and of
``parse_document`` + ``resolve_document``, and of ``read_document`` on the seed (20 times). Printed:
medians with min–max over the rounds, the paired ratios (per round, same machine state), and
the share of tasks the fast path read itself. ``--corpus`` adds the wall time of ``read_corpus``
of the documents on every core (see also ``bench_corpus.py``).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


_WORKER = r"""
import json, sys, time
tree, mode, docs_file, seed = sys.argv[1:5]
sys.path.insert(0, tree)
from xialu_graph.parse import parse_document
from xialu_graph.pipeline import read_document
from xialu_graph.units import load_unit_tables, resolve_document
try:
    from xialu_graph.parse import fast
except ImportError:
    fast = None
docs = json.load(open(docs_file, encoding="utf-8"))
tables = load_unit_tables()
kw = {"fast": False} if mode == "general" else {}
parse_document(docs[0], **kw)
if fast is not None:
    fast.STATS.reset()
t0 = time.process_time()
for d in docs:
    parse_document(d, **kw)
t_parse = time.process_time() - t0
stats = vars(fast.STATS).copy() if fast is not None else {}
t0 = time.process_time()
for d in docs:
    resolve_document(parse_document(d, **kw), tables)
t_full = time.process_time() - t0
if fast is not None:
    fast.STATS.reset()
    if mode == "general":
        fast.ENABLED = False
read_document(seed)
seed_stats = vars(fast.STATS).copy() if fast is not None else {}
t0 = time.process_time()
for _ in range(20):
    read_document(seed)
t_seed = (time.process_time() - t0) / 20
print(json.dumps({"parse": t_parse, "full": t_full, "seed": t_seed, "stats": stats, "seed_stats": seed_stats}))
"""


def _arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv[:-1] else default


def _run(tree: str, mode: str, docs_file: str, seed: str) -> dict:
    r = subprocess.run([sys.executable, "-P", "-c", _WORKER, tree, mode, docs_file, seed], capture_output=True, text=True,
                       cwd=tree, check=True)
    return json.loads(r.stdout)


def _spread(xs: list) -> str:
    return f"{statistics.median(xs):6.2f} ({min(xs):.2f}–{max(xs):.2f})"


def _share(st: dict) -> str:
    if not st:
        return "no fast path"
    tasks = st["fast_tasks"] + st["general_tasks"]
    return (f"{st['docs'] - st['fallback_docs']}/{st['docs']} documents on the fast path, "
            f"{st['fast_tasks']}/{tasks} of their tasks by the line pattern")


def main() -> None:
    n_docs = int(_arg("--docs", "1000"))
    rounds = int(_arg("--rounds", "5"))
    baseline = _arg("--baseline", "")
    rng = random.Random(0)
    docs = [make_doc(rng, 106) for _ in range(n_docs)]
    size = sum(len(d.encode("utf-8")) for d in docs)
    seed = str(ROOT / "data" / "raw" / "xialu_2020.txt")
    modes = [("fast", str(ROOT)), ("general", str(ROOT))] + ([("base", str(Path(baseline).resolve()))] if baseline else [])
    res: dict = {m: [] for m, _ in modes}
    with tempfile.TemporaryDirectory() as tmp:
        docs_file = str(Path(tmp) / "docs.json")
        Path(docs_file).write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        order = random.Random(1)
        for _ in range(rounds):
            for mode, tree in order.sample(modes, len(modes)):
                res[mode].append(_run(tree, mode, docs_file, seed))
        t_corpus = None
        if "--corpus" in sys.argv:
            from xialu_graph.compare import read_corpus

            for i, doc in enumerate(docs):
                Path(tmp, f"doc{i:04d}.txt").write_text(doc, encoding="utf-8")
            os.unlink(docs_file)
            t0 = time.perf_counter()
            corpus = read_corpus(tmp, progress=False)
            t_corpus = time.perf_counter() - t0
            assert len(corpus) == n_docs
    load = os.getloadavg()
    lines = [f"corpus: {n_docs} generated documents, {size / 1e6:.1f} MB; {rounds} rounds, each mode in a fresh process, "
             f"shuffled; load average at the end {load[0]:.1f}",
             "MB/s of CPU time, median (min–max):"]
    for mode, _ in modes:
        rs = res[mode]
        lines.append(f"  {mode:8s} parse only {_spread([size / 1e6 / r['parse'] for r in rs])} MB/s   "
                     f"parse + resolve {_spread([size / 1e6 / r['full'] for r in rs])} MB/s   "
                     f"seed read_document {_spread([r['seed'] * 1000 for r in rs])} ms CPU")
    others = [m for m, _ in modes if m != "fast"]
    for other in others:
        for key, what in (("parse", "parse only"), ("full", "parse + resolve"), ("seed", "seed read_document")):
            ratios = [o[key] / f[key] for f, o in zip(res["fast"], res[other])]
            lines.append(f"  paired speed-up fast vs {other:7s} ({what}): {_spread(ratios)}x")
    lines.append(f"  generated input: {_share(res['fast'][0]['stats'])}")
    lines.append(f"  seed: {_share(res['fast'][0]['seed_stats'])}")
    if t_corpus is not None:
        lines.append(f"read_corpus(folder of {n_docs} files), parallel over {os.cpu_count()} cores: {t_corpus:.2f} s wall "
                     f"-> {size / 1e6 / t_corpus:.1f} MB/s (target: 1,000 documents under 2 s)")
    print("\n".join(lines))
    if "--no-append" not in sys.argv:
        from _results import append_results

        append_results("## Parse throughput (bench_parse.py)", ".venv/bin/python benchmarks/bench_parse.py", lines)


if __name__ == "__main__":
    main()
