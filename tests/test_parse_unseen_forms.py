"""Forms of the genre met while building the unseen set (issue 12): units named once for a group of
items (以上工作由X牵头,Y配合), Markdown copies (``- **1.** …``), a one-line document whose last
label runs into its closing text, and the role suffix 按照职责分工负责. Each is written by a
generator and recovered exactly, and the pieces that read them are tested on their own."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xialu_graph as xg
from genre import UNITS, sentence
from xialu_graph.parse.assignments import parse_assignment
from xialu_graph.parse.groups import GROUP_SENTENCE, apply_group_sentences
from xialu_graph.parse.markdown import strip_markdown
from xialu_graph.parse.tasks import labels_end


@st.composite
def unseen_forms_document(draw):
    """(text, [(task id, [(role, unit)])]) in one of the forms above."""
    kind = draw(st.sampled_from(["group_sentence", "markdown", "markdown_table", "one_line"]))
    expected = []
    n_tasks = draw(st.integers(1, 5))
    picks = [draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True)) for _ in range(n_tasks)]
    if kind == "group_sentence":
        lines = ["各单位:", "现将工作分解如下。", "一、重点工作"]
        cut = draw(st.integers(1, n_tasks))  # the first group ends after item `cut`, the rest is a second group
        for start, end in ((1, cut), (cut + 1, n_tasks)):
            if start > end:
                continue
            units = picks[start - 1]
            for n in range(start, end + 1):
                lines.append(f"{n}.{draw(sentence())}。")
            where = draw(st.sampled_from(["own_line", "bracket", "same_line", "each"]))
            if where == "each" and len(units) == end - start + 1 and len(units) > 1:
                lines.append(f"以上{len(units)}项工作分别由{'、'.join(units)}负责。")
                expected += [(str(n), [("responsible", u)]) for n, u in zip(range(start, end + 1), units)]
                continue
            said = f"以上工作由{units[0]}牵头"
            pairs = [("lead", units[0])]
            if len(units) > 1:
                said += f",{'、'.join(units[1:])}配合"
                pairs += [("support", u) for u in units[1:]]
            if where == "bracket":
                lines.append(f"({said})")
            elif where == "same_line":
                lines[-1] += said + "。"
            else:
                lines.append(said + "。")
            expected += [(str(n), pairs) for n in range(start, end + 1)]
        return "\n".join(lines) + "\n", expected
    if kind == "markdown":
        lines = ["# 重点工作任务分工", "", "## 一、重点工作", ""]
        bullet = draw(st.sampled_from(["- ", "* ", ""]))
        for n, units in enumerate(picks, 1):
            lines.append(f"{bullet}**{n}.** {draw(sentence())}。(**责任单位**:{'、'.join(units)})")
            expected.append((str(n), [("responsible", u) for u in units]))
        return "\n".join(lines) + "\n", expected
    if kind == "markdown_table":
        lines = ["## 任务分工表", "", "| 序号 | 工作任务 | 牵头单位 | 配合单位 |", draw(st.sampled_from(["|---|---|---|---|", "| :--- | :---: | --- | ---: |"]))]
        for n, units in enumerate(picks, 1):
            lines.append(f"| {n} | {draw(sentence())} | {units[0]} | {'、'.join(units[1:])} |")
            expected.append((str(n), [("lead", units[0])] + [("support", u) for u in units[1:]]))
        return "\n".join(lines) + "\n", expected
    body = "关于支持发展的意见。现提出以下意见。"
    for n, units in enumerate(picks, 1):
        body += f"{n}.{draw(sentence())}。责任单位:{'、'.join(units)}。"
        expected.append((str(n), [("responsible", u) for u in units]))
    body += draw(st.sampled_from(["本意见自印发之日起施行,由区发改局负责解释。", "本意见自印发之日起施行。联系人:张三,电话12345。", ""]))
    return body + "\n", expected


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unseen_forms_document())
def test_parse_recovers_the_forms_of_the_unseen_set(gen):
    text, expected = gen
    doc = xg.read_document(text)
    assert [t.task_id for t in doc.tasks] == [i for i, _ in expected], text
    for t, (_, pairs) in zip(doc.tasks, expected):
        assert [(a.role, a.unit_raw) for a in t.raw_assignments] == pairs, (t.task_id, text)


def test_a_group_sentence_names_the_units_of_the_items_above_it_that_name_none():
    doc = xg.read_document("一、产业\n1.建设集群。\n2.实施技改。(区科信局负责)\n3.培育企业。\n"
                           "以上工作由区发改局牵头,区财政局配合。\n二、服务\n4.发展物流。\n以上3项由区商务局负责。\n")
    got = {t.task_id: [(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks}
    assert got["1"] == got["3"] == [("lead", "区发改局"), ("support", "区财政局")]
    assert got["2"] == [("responsible", "区科信局")]  # its own unit stays
    assert got["4"] == [("responsible", "区商务局")]
    assert doc.report.conventions["group_sentences"] >= 2
    assert GROUP_SENTENCE.match("上述各项任务均由区教育局负责") and not GROUP_SENTENCE.match("由区教育局负责以上工作")
    # a group sentence in a bracket of its own is not a unit of the item above it; 分别 gives one unit each
    doc = xg.read_document("1.建设集群。\n2.实施技改。\n(以上工作由区商务局负责)\n3.新建学校。\n4.改造小区。\n"
                           "以上两项工作分别由区教育局、区住建局负责。\n")
    got = {t.task_id: [(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks}
    assert got == {"1": [("responsible", "区商务局")], "2": [("responsible", "区商务局")],
                   "3": [("responsible", "区教育局")], "4": [("responsible", "区住建局")]}
    assert apply_group_sentences([], ["以上工作由区发改局牵头。"]) == []


def test_markdown_marks_are_removed_and_plain_text_is_left_alone():
    text, n = strip_markdown("## 一、稳增长\n- **（一）** 扩大投资。(区发改局牵头)\n  - 配合单位:区财政局")
    assert text == "一、稳增长\n（一） 扩大投资。(区发改局牵头)\n  配合单位:区财政局" and n == 3
    plain = "一、稳增长\n1.抓项目。(区发改局牵头)\n- 负增长2%"
    assert strip_markdown(plain) == (plain, 0)


def test_inline_labels_end_at_the_sentence_after_which_no_label_follows():
    s = "奖励。牵头单位:市科技局。配合单位:市财政局。本意见由市发改委负责解释。"
    assert s[3:labels_end(s, 3)] == "牵头单位:市科技局。配合单位:市财政局。"
    assert labels_end("奖励。责任单位:市科技局", 3) == len("奖励。责任单位:市科技局")


def test_the_role_suffix_with_an_zhao_reads_like_the_short_one():
    pa = parse_assignment("市发展改革委、市财政局、市地税局等按照职责分工负责。列第一位者为牵头单位,下同", first_listed_leads=True)
    assert pa.units == [("lead", "市发展改革委"), ("support", "市财政局"), ("support", "市地税局")]


def test_a_unit_with_its_other_name_in_a_bracket_reads_as_a_unit_in_prose():
    doc = xg.read_document("一、任务\n1.完善制度,由市交通委(市道运局)牵头,市财政局配合。\n"
                           "2.推进改革。\n以上工作由市委网信办（市互联网信息办公室）负责。\n")
    got = [[(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks]
    assert got == [[("lead", "市交通委(市道运局)"), ("support", "市财政局")],
                   [("responsible", "市委网信办（市互联网信息办公室）")]]


def test_a_closing_instruction_is_not_a_group_sentence():
    for closing in ("以上工作由各地各部门认真抓好落实。", "以上任务由区政府督查室跟踪督办。", "以上工作由各单位认真组织实施。"):
        doc = xg.read_document(f"一、任务\n1.建设集群。(区发改局负责)\n2.实施技改。\n{closing}\n")
        assert [[a.unit_raw for a in t.raw_assignments] for t in doc.tasks] == [["区发改局"], []], closing


def test_a_markdown_quote_and_bold_item_titles_are_read():
    doc = xg.read_document("# 任务\n\n> **1.推动工业运行。**（牵头单位：市工信局）\n>\n> **2.扩大投资。**（牵头单位：市发改委）\n")
    assert [(t.task_id, [a.unit_raw for a in t.raw_assignments]) for t in doc.tasks] == [("1", ["市工信局"]), ("2", ["市发改委"])]


def test_a_heading_naming_a_unit_with_its_other_name_leads_the_tasks_under_it():
    doc = xg.read_document("一、重点任务\n(一)市交通委(市道运局)牵头的工作\n1.完善路网。\n2.优化公交。(市公安局配合)\n")
    got = [[(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks]
    assert got == [[("lead", "市交通委(市道运局)")], [("lead", "市交通委(市道运局)"), ("support", "市公安局")]]
