"""Synthetic responsibility breakdowns for tests and benchmarks (seeded, no parsing).

:func:`synthetic_document` builds a :class:`xialu_graph.model.Document` directly from the
dataclasses: sections, tasks with a lead (or responsible-only) assignment pattern like the
2020 Xialu plan, support units drawn with a skewed popularity, and an expanded collective
(各街办(新区) → the four street offices) on some tasks.
"""

from __future__ import annotations

import random

from .model import Assignment, Document, Metadata, Section, Task

__all__ = ["synthetic_document", "merge_documents", "SYNTHETIC_UNITS", "STREET_OFFICES"]

STREET_OFFICES = ("东街办", "老街办", "团街办", "新街办")
COLLECTIVE = "各街办(新区)"
SYNTHETIC_UNITS = (
    "区发改局", "区科信局", "区财政局", "区人社局", "区民政局", "区卫健局", "区教育局",
    "区建设局", "区城管执法局", "区市场监管局", "区水利湖泊局", "区应急管理局", "区文旅局",
    "区司法局", "区审计局", "区统计局", "区商务局", "区农业农村局", "区退役军人事务局",
    "区招商服务中心", "区金融办", "区政务服务中心", "区医保局", "区信访局", "区档案馆",
    "下陆生态环境分局", "下陆公安分局", "下陆消防救援大队", "下陆税务局", "下陆国土·规划分局",
    "区长乐投资公司", "区扶贫工作专班", "区创文办", "区项目办", "区融媒体中心",
)
SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八")
WORDS = (
    "放管服", "双随机一公开", "河湖长制", "两不愁三保障", "营商环境", "项目建设", "招商引资",
    "疫情防控", "安全生产", "生态修复", "乡村振兴", "城市更新", "民生保障", "社会治理",
    "产业升级", "数字经济", "文明创建", "教育质量", "医疗服务", "就业创业",
)
FILLER = ("全面推进", "切实加强", "持续深化", "认真做好", "大力实施")


def _kind(name: str) -> str:
    if name.endswith("街办"):
        return "street_office"
    if name.startswith("下陆"):
        return "vertical"
    if name.endswith("公司"):
        return "enterprise"
    if name.endswith("专班"):
        return "task_force"
    return "department"


def synthetic_document(
    seed: int = 0,
    *,
    n_tasks: int = 100,
    units=SYNTHETIC_UNITS,
    p_no_lead: float = 0.2,
    p_collective: float = 0.3,
    max_support: int = 6,
    id_prefix: str = "",
) -> Document:
    """A seeded synthetic Document with ``n_tasks`` tasks in 8 sections.

    Examples
    --------
    >>> doc = synthetic_document(1, n_tasks=10)
    >>> len(doc.tasks), doc.tasks[0].task_id
    (10, '1')
    >>> synthetic_document(1, n_tasks=10).tasks[3].text == doc.tasks[3].text
    True
    """
    rng = random.Random(seed)
    units = list(units)
    # skewed popularity: Zipf-like weights in a seeded order
    order = units[:]
    rng.shuffle(order)
    pop = [1.0 / (i + 1) ** 0.8 for i in range(len(order))]
    doc = Document(metadata=Metadata(title=f"synthetic {seed}", place="下陆区", year=2020, source=f"<synthetic {seed}>"))
    for i, no in enumerate(SECTION_NUMBERS):
        doc.sections.append(Section(number=no, title=f"第{no}部分", line=i + 1))
    for k in range(1, n_tasks + 1):
        sec = SECTION_NUMBERS[min(len(SECTION_NUMBERS) - 1, (k - 1) * len(SECTION_NUMBERS) // n_tasks)]
        tid = f"{id_prefix}{k}"
        text = f"{rng.choice(FILLER)}{rng.choice(WORDS)}工作,{rng.choice(FILLER)}{rng.choice(WORDS)}。"
        t = Task(task_id=tid, number=k, numbering=f"{k}、", text=text, section_no=sec, section=f"第{sec}部分",
                 line_start=k + 10, line_end=k + 10)
        n_sup = rng.randint(0, max_support)
        chosen = []
        while len(chosen) < 1 + n_sup:
            u = rng.choices(order, weights=pop)[0]
            if u not in chosen:
                chosen.append(u)
        no_lead = rng.random() < p_no_lead
        for j, u in enumerate(chosen):
            role = "responsible" if no_lead else ("lead" if j == 0 else "support")
            t.assignments.append(Assignment(task_id=tid, unit=u, unit_raw=u, role=role, unit_kind=_kind(u), line=k + 10))
        if rng.random() < p_collective:
            role = "responsible" if no_lead else "support"
            for s in STREET_OFFICES:
                t.assignments.append(Assignment(task_id=tid, unit=s, unit_raw=COLLECTIVE, role=role, via=COLLECTIVE,
                                                unit_kind="street_office", rule="collective", line=k + 10))
        doc.tasks.append(t)
    return doc


def merge_documents(docs) -> Document:
    """One Document holding the tasks of several; task ids are prefixed ``d<i>-``.

    Examples
    --------
    >>> d = merge_documents([synthetic_document(0, n_tasks=3), synthetic_document(1, n_tasks=2)])
    >>> [t.task_id for t in d.tasks]
    ['d0-1', 'd0-2', 'd0-3', 'd1-1', 'd1-2']
    """
    from dataclasses import replace

    out = Document(metadata=Metadata(title="merged", source="<merged>"))
    for i, doc in enumerate(docs):
        if i == 0:
            out.sections = list(doc.sections)
        for t in doc.tasks:
            tid = f"d{i}-{t.task_id}"
            nt = replace(t, task_id=tid, assignments=[replace(a, task_id=tid) for a in t.assignments])
            out.tasks.append(nt)
    return out
