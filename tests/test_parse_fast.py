"""The parse fast path (xialu_graph/parse/fast.py) gives exactly the general parser's Document.

Every document is parsed twice, ``parse_document(..., fast=True)`` and ``fast=False``, and the two
Documents (tasks, text, line numbers, raw assignments, sections, warnings, conventions, line
kinds, metadata, lines) must be equal, or both parses must fail with the same error. The
documents: every collected document (tests/genre/docs, the holdout's and the fresh set's docs, data/raw), the
generator of tests/genre.py, and documents of the common shapes written here, with the names,
lines and brackets that come close to what the fast path reads.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xialu_graph.errors import InputError
from xialu_graph.parse import fast, parse_document
from xialu_graph.read import read_text
from xialu_graph.units import load_unit_tables, resolve_document

from genre import (UNITS, WORDS, document, fresh_forms_document, genre_document, grammar_document, ragged_table_document,
                   rich_document, table_document, viewer_rows_document)

ROOT = Path(__file__).resolve().parent.parent
COLLECTED = sorted(
    [p for d in ("tests/genre/docs", "tests/genre/holdout/docs", "tests/genre/fresh/docs") for p in (ROOT / d).iterdir() if p.is_file()]
    + sorted((ROOT / "data" / "raw").glob("*.txt"))
)


def both(text: str, source: str = "<string>"):
    """The Document (or the error message) with and without the fast path, and whether the
    fast path read the document itself."""
    out = []
    for on in (True, False):
        fast.STATS.reset()
        try:
            out.append(parse_document(text, source=source, fast=on))
        except InputError as e:
            out.append(("InputError", str(e)))
        if on:
            taken = fast.STATS.docs == 1 and fast.STATS.fallback_docs == 0
    return out[0], out[1], taken


def test_collected_documents_are_identical_with_and_without_the_fast_path():
    assert len(COLLECTED) >= 70
    taken = []
    for p in COLLECTED:
        text = read_text(p).text
        a, b, took = both(text, str(p))
        assert a == b, p.name
        taken.append(took)
    # the fast path reads a share of them itself (the rest fall back), the seed among them
    assert 0 < sum(taken) < len(taken)
    assert taken[[p.name for p in COLLECTED].index("xialu_2020.txt")]


def test_seed_resolves_identically_and_mostly_by_the_line_pattern():
    text = read_text(ROOT / "data" / "raw" / "xialu_2020.txt").text
    fast.STATS.reset()
    a = resolve_document(parse_document(text, fast=True), load_unit_tables())
    assert fast.STATS.fallback_docs == 0 and fast.STATS.fast_tasks == 102 and fast.STATS.general_tasks == 4
    b = resolve_document(parse_document(text, fast=False), load_unit_tables())
    assert a == b and len(a.tasks) == 106


def test_repeated_seed_is_read_by_the_fast_path():
    """The memory benchmark's input (the seed repeated, each copy's page chrome and preamble glued
    to the last task of the copy before as continuation lines)."""
    text = (ROOT / "data" / "raw" / "xialu_2020.txt").read_text(encoding="utf-8") * 3
    a, b, took = both(text)
    assert a == b and took
    assert [k for _, k in a.report.line_kinds].count("continuation") == 29 and len(a.tasks) == 318


def test_text_between_tasks_and_headings_are_read_by_the_fast_path():
    text = ("一、稳增长\n1、抓项目。[牵头单位:区发改局]\n各单位要认真落实。\n\n稳定经济运行\n2、建园区。[责任单位:区财政局]\n"
            "区财政局牵头的工作\n3、招商。[责任单位:区商务局]\n")
    a, b, took = both(text)
    assert a == b and not took  # the heading that names a unit: its task is the general parser's
    text = text.replace("区财政局牵头的工作\n", "")
    a, b, took = both(text)
    assert a == b and took
    assert [k for _, k in a.report.line_kinds] == ["section", "task", "other", "blank", "heading", "task", "task", "blank"]
    assert [t.heading for t in a.tasks] == ["", "稳定经济运行", "稳定经济运行"]
    assert [w.code for w in a.report.warnings] == ["unattached_text"]


def test_switch_off_for_the_process():
    text = "一、稳增长\n1、抓项目。[牵头单位:区发改局]\n"
    fast.STATS.reset()
    fast.ENABLED = False
    try:
        parse_document(text)
        assert fast.STATS.docs == 0
    finally:
        fast.ENABLED = True
    parse_document(text)
    assert fast.STATS.docs == 1 and fast.STATS.fast_tasks == 1


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.one_of(document(), rich_document(), genre_document(), table_document(), grammar_document(),
                 ragged_table_document(), fresh_forms_document(), viewer_rows_document()))
def test_generated_documents_are_identical(gen):
    text = gen[0]
    a, b, _ = both(text)
    assert a == b


# ---- documents of the shapes the fast path reads, and of shapes next to them

NAMES = UNITS + [
    "各街办(新区)", "东街办(工业新区)", "各县(市、区)政府", "区政府各部门", "区文化和旅游局", "市发改委", "国土房管局",
    "各县", "县级市", "高新区", "区管委会", "区发改局等有关部门", "区财政局(牵头)", "年内完成", "区发改局牵头", "由区财政局",
    "区 发改局", "各区、县级市", "市财政局等和县直相关单位", "区财政局会同区审计局", "2020年底前",
]
LABELS = ["牵头单位", "责任单位", "配合单位", "牵头责任单位", "责任领导", "协办单位"]


@st.composite
def bracket(draw):
    parts = []
    for label in draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=3)):
        names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4))
        parts.append(label + draw(st.sampled_from([":", ":", "："])) + draw(st.sampled_from(["、", "、", ","])).join(names))
    body = draw(st.sampled_from([";", ";", "；", ",", "。"])).join(parts)
    if draw(st.integers(0, 9)) == 0:
        body = draw(st.sampled_from(["区发改局、区财政局", "区发改局牵头,区财政局配合", "下同"]))
    o, c = draw(st.sampled_from([("[", "]"), ("[", "]"), ("【", "】"), ("(", ")"), ("（", "）")]))
    return o + body + c


@st.composite
def common_document(draw):
    """A document of the common shape, with now and then a line of another kind."""
    paren = draw(st.booleans())
    lines = ["名 称: 区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知", "", "2020年区政府重点工作责任分解"]
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(st.sampled_from(["区发改局", "列第一位者为牵头单位。", "各单位:", "| 序号 | 任务 |"])))
    n = 0
    for s in range(draw(st.integers(1, 3))):
        title = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
        lines.append(f"{'一二三'[s]}、{title}" + (draw(st.sampled_from(["(工作目标)", "(区发改局牵头)", ":", "(一)稳就业"]))
                                                       if draw(st.integers(0, 9)) == 0 else ""))
        for sub in range(draw(st.integers(0, 2))):
            lines.append("(" + "一二三"[sub] + ")" + "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))))
            for _ in range(draw(st.integers(1, 4))):
                n += 1
                text = ",".join("".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
                                for _ in range(draw(st.integers(1, 4))))
                end = draw(st.sampled_from(["。", "。", "", ";"]))
                num = f"（{n}）" if paren else f"{n}" + draw(st.sampled_from(["、", "、", ".", "．"]))
                shape = draw(st.integers(0, 29))
                if shape == 0:  # the text goes on on the next line
                    lines += [f"{num}{text}", f"{text}{end}{draw(bracket())}"]
                elif shape == 1:  # label lines under the task
                    lines += [f"{num}{text}{end}", f"牵头单位:{draw(st.sampled_from(NAMES))}", f"责任单位:{draw(st.sampled_from(NAMES))}"]
                elif shape == 2:  # a run-in enumerator or a figure
                    lines.append(f"{num}{text}。{n + 1}、完成1、2号线{end}{draw(bracket())}")
                else:
                    lines.append(f"{num}{text}{end}{draw(bracket())}")
                if draw(st.integers(0, 39)) == 0:
                    lines.append(draw(st.sampled_from(["", "打印本页", "抄送:区委办", "附件1", "各单位要认真落实。", "  ", "稳定经济运行", "区财政局牵头的工作", "张三副区长负责"])))
    if draw(st.booleans()):
        lines += ["", "2020年6月28日印发", "关闭窗口"]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(common_document())
def test_common_shapes_are_identical(text):
    a, b, _ = both(text)
    assert a == b


def test_common_shapes_are_read_by_the_fast_path():
    text = ("名 称: 关于印发重点工作责任分解的通知\n一、稳增长(工作目标)\n(一)抓项目\n"
            "1、抓项目。[牵头单位:区发改局;责任单位:区财政局、各街办(新区)]\n"
            "2、建园区,\n引企业。[责任单位:市发改委、国土房管局]\n"
            "3、招商。\n牵头单位:区商务局\n"
            "4、稳就业。(区人社局牵头,区财政局配合)\n"
            "二、惠民生\n（5）办教育。（牵头单位：区教育局；责任单位：区财政局）\n")
    a, b, took = both(text)
    # （5） is another numbering style than 1、: the whole document falls back
    assert a == b and not took
    text = text.replace("（5）", "5、")
    a, b, took = both(text)
    assert a == b and took
    fast.STATS.reset()
    parse_document(text)
    assert (fast.STATS.fast_tasks, fast.STATS.general_tasks) == (2, 3)
    t = {x.task_id: x for x in a.tasks}
    assert [(r.role, r.unit_raw, r.prefix) for r in t["2"].raw_assignments] == [
        ("responsible", "市发改委", ""), ("responsible", "国土房管局", "市")]
    assert t["2"].text == "建园区,引企业。" and (t["2"].line_start, t["2"].line_end) == (5, 6)
    assert [r.unit_raw for r in t["5"].raw_assignments] == ["区教育局", "区财政局"]
    assert a.report.line_kinds[:4] == [(1, "metadata"), (2, "section"), (3, "subsection"), (4, "task")]
