"""Graphs for the interactive-view tests: a small hand-made document and a hostile one.

Built from the model dataclasses through :func:`xialu_graph.graph.build_graph`, so the tests do
not depend on the parser.
"""

from __future__ import annotations

from xialu_graph.graph import build_graph
from xialu_graph.model import Assignment, Document, Metadata, Section, Task

PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
    "javascript:window.__xss=1",
    "</textarea><script>window.__xss=1</script>",
    "<a href=\"javascript:window.__xss=1\">href</a>",
    "<!--<script>window.__xss=1</script>",
    "\u202e局政财区",
    "{{7*7}}${window.__xss=1}",
    "&lt;b&gt;&amp;",
]
"""Script payloads used as unit names, task texts, section titles and the document title."""


def _doc(title: str, sections: list[str], tasks: list[tuple[str, str, list[tuple[str, str, str]]]]) -> Document:
    doc = Document(metadata=Metadata(title=title, date="2020-06-28", source="<test>"))
    numbers = "一二三四五六七八九十"
    for i, s in enumerate(sections):
        doc.sections.append(Section(number=numbers[i], title=s, line=i + 1))
    for k, (sec, text, assigns) in enumerate(tasks, start=1):
        tid = str(k)
        no = numbers[sections.index(sec)]
        t = Task(task_id=tid, number=k, numbering=f"{k}、", text=text, section_no=no, section=sec)
        for unit, role, kind in assigns:
            t.assignments.append(Assignment(task_id=tid, unit=unit, unit_raw=unit, role=role, unit_kind=kind))
        doc.tasks.append(t)
    return doc


def small_graph():
    """6 units, 5 tasks, all three roles, two components."""
    tasks = [
        ("稳增长", "抓项目建设", [("区发改局", "lead", "department"), ("区财政局", "support", "department"),
                              ("老街办", "support", "street_office")]),
        ("稳增长", "优化营商环境", [("区发改局", "lead", "department"), ("区市场监管局", "support", "vertical")]),
        ("惠民生", "办好民生实事", [("区财政局", "responsible", "department"), ("老街办", "responsible", "street_office")]),
        ("惠民生", "推进老旧小区改造", [("区住建局", "lead", "department"), ("老街办", "support", "street_office")]),
        ("强治理", "审计监督", [("区审计局", "responsible", "department")]),
    ]
    return build_graph(_doc("2020年区政府重点工作责任分解", ["稳增长", "惠民生", "强治理"], tasks))


def hostile_graph():
    """Every unit name, task text, section title and the title carry a script payload."""
    units = [(p, ["department", "street_office", "other"][i % 3]) for i, p in enumerate(PAYLOADS)]
    sections = [f"章节{p}" for p in PAYLOADS[:3]]
    tasks = []
    for i, p in enumerate(PAYLOADS):
        a = units[i]
        b = units[(i + 1) % len(units)]
        c = units[(i + 3) % len(units)]
        tasks.append((sections[i % 3], f"任务文本{p}结束", [(a[0], "lead", a[1]), (b[0], "support", b[1]),
                                                        (c[0], "support", c[1])]))
    return build_graph(_doc("<script>window.__xss=1</script>标题" + PAYLOADS[0], sections, tasks))
