"""Shared helpers for the metrics / text / export tests: hand-made Documents.

The seed document comes from the ``seed_doc`` fixture of conftest.py."""

from __future__ import annotations

from xialu_graph.graph import build_graph
from xialu_graph.model import Assignment, Document, Metadata, Task

KINDS = {"各街办(新区)": "collective", "区政府各部门": "collective"}


def make_doc(spec) -> Document:
    """spec: list of (task_id, section_no, text, [(unit, role[, kind[, via]]), ...])."""
    doc = Document(metadata=Metadata(title="hand-made", source="<test>"))
    for n, (tid, sec, text, assigns) in enumerate(spec, start=1):
        t = Task(task_id=str(tid), number=n, numbering=f"{tid}、", text=text, section_no=sec, section=f"第{sec}部分")
        for a in assigns:
            unit, role = a[0], a[1]
            kind = a[2] if len(a) > 2 else KINDS.get(unit, "street_office" if unit.endswith("街办") else "department")
            via = a[3] if len(a) > 3 else ""
            t.assignments.append(Assignment(task_id=str(tid), unit=unit, unit_raw=via or unit, role=role, via=via, unit_kind=kind))
        doc.tasks.append(t)
    return doc


def make_graph(spec, **kw):
    return build_graph(make_doc(spec), **kw)


# A small plan worked by hand in the tests:
#   task 1 (一): A lead, B support
#   task 2 (一): A lead, C support, D support
#   task 3 (二): B responsible, C responsible
#   task 4 (二): D lead, A support, 各街办(新区) expanded to 东街办/老街办 (support)
#   task 5 (二): 区政府各部门 (collective, not expanded) responsible
HAND = [
    ("1", "一", "深化放管服改革,优化营商环境", [("A", "lead"), ("B", "support")]),
    ("2", "一", "落实双随机一公开监管", [("A", "lead"), ("C", "support"), ("D", "support")]),
    ("3", "二", "全面推进河湖长制", [("B", "responsible"), ("C", "responsible")]),
    (
        "4",
        "二",
        "巩固两不愁三保障成果",
        [("D", "lead"), ("A", "support"), ("东街办", "support", "street_office", "各街办(新区)"),
         ("老街办", "support", "street_office", "各街办(新区)")],
    ),
    ("5", "二", "加强作风建设", [("区政府各部门", "responsible", "collective")]),
]
