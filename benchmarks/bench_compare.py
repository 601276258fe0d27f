"""Benchmark: compare 10 generated editions of 150 tasks each (target < 10 s).

Editions are written as genre text files (一、… / 1、…[牵头单位:…;责任单位:…]) from a pool of
task texts: each edition keeps most tasks of the previous one (reworded: filler swapped,
numbers changed), drops a few and adds new ones; units are drawn with a skewed popularity
and some are renamed between editions (区招商服务中心 ↔ 区招商中心, 花湖街道办事处 ↔ 花湖街办).

Timed: read_corpus (10 files → parallel processes), compare_corpus (unit suggestions, task
matching, loads, Gini, clusters, ARI) — the target — and, separately, writing every output
(tables, figures in PNG/SVG/PDF, the switchable view, summary.html).

Run: ``.venv/bin/python benchmarks/bench_compare.py``; prints the timings and appends them
to ``benchmarks/results.md`` under "Compare (bench_compare.py)".
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

N_EDITIONS = 10
N_TASKS = 150
TARGET_S = 10.0
HEADING = "## Compare (bench_compare.py)"

UNITS = ["区发改局", "区科经局", "区财政局", "区人社局", "区民政局", "区卫健局", "区教育局", "区住建局", "区城管执法局",
         "区市场监管局", "区应急管理局", "区文旅局", "区司法局", "区商务办", "区临空办", "区住保局", "区招商服务中心",
         "区生态环境分局", "区国土·规划分局", "江北管理区", "花湖街道办事处", "黄石港街道办事处", "沈家营街道办事处"]
RENAMES = {"区招商服务中心": "区招商中心", "花湖街道办事处": "花湖街办"}
TOPICS = ["临空商务产业园", "跨境电商园区", "老旧小区改造", "社区养老服务", "河湖长制", "营商环境", "招商引资",
          "安全生产", "城市更新", "数字经济", "文明城市创建", "义务教育", "医疗服务", "就业创业", "垃圾分类",
          "污水管网", "道路建设", "文化旅游", "食品安全", "基层治理"]
VERBS = ["加快建设", "全力推进", "持续完善", "深入实施", "统筹推进", "大力发展", "扎实开展", "着力提升"]
OBJECTS = ["一期工程", "配套设施", "服务网络", "长效机制", "示范项目", "信息平台", "重点项目", "专项行动"]
SECTIONS = ["稳增长", "促改革", "优环境", "惠民生", "强治理", "抓党建"]


def pool(rng: random.Random, n: int) -> list:
    out = []
    for i in range(n):
        a, b = rng.sample(TOPICS, 2)
        out.append((a, b, rng.choice(OBJECTS), i))
    return out


def render(rng: random.Random, year: int, items: list, rename: bool) -> str:
    lines = [f"{year}年区政府重点工作分解意见"]
    per = (len(items) + len(SECTIONS) - 1) // len(SECTIONS)
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(UNITS))]
    for s, title in enumerate(SECTIONS):
        lines.append(f"{'一二三四五六'[s]}、{title}")
        for k, (a, b, obj, i) in enumerate(items[s * per:(s + 1) * per], start=s * per + 1):
            text = f"{rng.choice(VERBS)}{a}{obj},{rng.choice(VERBS)}{b}建设,完成{rng.randint(2, 40)}个{obj}"
            units = []
            while len(units) < 1 + rng.randint(0, 4):
                u = rng.choices(UNITS, weights=weights)[0]
                u = RENAMES.get(u, u) if rename else u
                if u not in units:
                    units.append(u)
            lines.append(f"{k}、{text}。[牵头单位:{units[0]};责任单位:{'、'.join(units[1:]) or units[0]}]")
    return "\n".join(lines) + "\n"


def write_editions(folder: Path, seed: int = 0) -> list:
    rng = random.Random(seed)
    texts = pool(rng, N_TASKS * 3)
    current = texts[:N_TASKS]
    nxt = N_TASKS
    paths = []
    for e in range(N_EDITIONS):
        if e:
            keep = sorted(rng.sample(range(N_TASKS), N_TASKS - 15))
            current = [current[k] for k in keep] + texts[nxt:nxt + 15]
            nxt += 15
        p = folder / f"edition_{2015 + e}.txt"
        p.write_text(render(rng, 2015 + e, current, rename=bool(e % 2)), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    from xialu_graph.compare import compare_corpus, read_corpus
    from xialu_graph.report import write_comparison

    lines = []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = write_editions(tmp)
        t0 = time.perf_counter()
        corpus = read_corpus(paths, progress=False)
        t1 = time.perf_counter()
        cmp = compare_corpus(corpus, seed=0)
        t2 = time.perf_counter()
        # second run: jieba dictionary and imports warm
        compare_corpus(corpus, seed=0)
        t3 = time.perf_counter()
        write_comparison(cmp, tmp / "out")
        t4 = time.perf_counter()
    st = cmp.task_matches["status"].value_counts()
    say(f"{N_EDITIONS} editions x {N_TASKS} tasks ({sum(len(e.document.tasks) for e in corpus)} tasks)")
    say(f"  read_corpus (parallel, {os.cpu_count()} CPU)   {t1 - t0:7.3f} s")
    say(f"  compare_corpus (cold)            {t2 - t1:7.3f} s")
    say(f"  compare_corpus (warm)            {t3 - t2:7.3f} s")
    total = t2 - t0
    say(f"  TOTAL read + compare (cold)      {total:7.3f} s   (target < {TARGET_S:g} s: {'ok' if total < TARGET_S else 'MISSED'})")
    say(f"  write outputs (tables, 2 figures x 3 formats, view, summary)  {t4 - t3:7.3f} s (not in the target)")
    say(f"  tasks: continued {st.get('continued', 0)}, new {st.get('new', 0)}, dropped {st.get('dropped', 0)}; "
        f"unit suggestions {len(cmp.unit_matches)}")
    from _results import append_results

    append_results(HEADING, ".venv/bin/python benchmarks/bench_compare.py", lines)


if __name__ == "__main__":
    main()
