"""Tables as web pages and PDFs print them (issue 12, item 1): exact expectations per layout.

Each text is written for the test (no corpus document is copied); the layouts are those met in
tests/genre: headers without a number column, group cells spanning rows, one cell per line with
separators, header words broken over lines, numbered task cells sharing a unit cell, header
words from data/grammar/columns.csv.
"""

from __future__ import annotations

import pytest

import xialu_graph as xg
from xialu_graph.parse.grammar import load_columns
from xialu_graph.parse.tables import (
    TableLayout,
    align_number,
    cell_role,
    flat_rows,
    match_flat_header,
    opens_header,
    widen,
    with_number_column,
)


def by_id(doc):
    return {t.task_id: [(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks}


@pytest.mark.parametrize("sep", ["\n|\n", "\n\n", " |\n", "\n"])
def test_one_cell_per_line_without_number_column_group_cell_before_number(sep):
    cells = ["工作任务", "具体要求", "责任科室", "时限要求",
             "规范公开文件", "1", "清理规范性文件。", "办公室", "年底前",
             "做好政策解读", "2", "做好解读工作。", "各科室", "持续推进",
             "3", "公开解读材料。", "办公室", "持续推进"]
    doc = xg.read_document(sep.join(cells) + "\n")
    assert by_id(doc) == {"1": [("responsible", "办公室")], "2": [("responsible", "各科室")],
                          "3": [("responsible", "办公室")]}
    assert [t.heading for t in doc.tasks] == ["规范公开文件", "做好政策解读", "做好政策解读"]
    assert doc.report.conventions["layout_cells_rebuilt"] == 3
    assert all("cell_layout_rebuilt" in t.reasons for t in doc.tasks)


def test_numbered_task_cells_share_the_unit_cell_printed_after_them():
    text = ("工作任务\n\n具体要求\n\n落实科室(部门)\n\n做好规划公开\n\n1.公开各类规划。\n\n各科室\n\n"
            "做好执法公开\n\n2.公开准入清单。\n\n3.公开检查结果。\n\n法规科、医保中心\n")
    doc = xg.read_document(text)
    assert by_id(doc) == {
        "1": [("responsible", "各科室")],
        "2": [("responsible", "法规科"), ("responsible", "医保中心")],
        "3": [("responsible", "法规科"), ("responsible", "医保中心")],
    }


def test_pipe_header_narrower_than_its_rows():
    text = ("具 体 要 求 | 责任科室 | ||\n"
            "一、抓好主动公开。 | 1 | 深化民生信息公开。 | 办公室牵头,各股室配合 |\n"
            "2 | 做好政策解读。 | 办公室 | |\n")
    doc = xg.read_document(text)
    assert by_id(doc) == {"1": [("lead", "办公室"), ("support", "各股室")], "2": [("responsible", "办公室")]}
    assert doc.report.conventions["layout_header_widened"] is True


def test_pipe_rows_whose_group_cell_spans_rows():
    text = ("工作任务 | 具体要求 | 责任部门 |\n"
            "一、做好财政公开。 | 1.公开预算。 | 财务科 |\n"
            "2.公开决算。 | 各科室 | |\n"
            "二、做好网站公开。 | 3.更新网站。 | 办公室牵头,各科室配合 |\n")
    doc = xg.read_document(text)
    assert by_id(doc) == {"1": [("responsible", "财务科")], "2": [("responsible", "各科室")],
                          "3": [("lead", "办公室"), ("support", "各科室")]}
    assert doc.report.conventions["layout_row_spans_aligned"] == 1


def test_pipe_header_word_read_by_the_column_word_it_contains():
    text = "序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |\n1 | 建学校。 | 张三 | 县教体局 | 已开工 |\n"
    doc = xg.read_document(text)
    assert by_id(doc) == {"1": [("responsible", "县教体局")]}
    assert [p.name for p in doc.tasks[0].people] == ["张三"]


def test_group_column_after_the_number_left_out_of_a_row():
    text = "序号\n类别\n具体要求\n责任单位\n完成时限\n1\n稳增长\n抓项目。\n区发改局\n年底前\n2\n招商。\n区商务局\n年底前\n"
    doc = xg.read_document(text)
    assert by_id(doc) == {"1": [("responsible", "区发改局")], "2": [("responsible", "区商务局")]}


def test_header_word_broken_over_two_lines_opens_the_header():
    assert opens_header(["具体", "|", "要求"], 0)
    lay, end = match_flat_header(["具体", "要求", "责任单位", "时限", "要求", "1"], 0)
    assert (lay.columns, lay.names, end) == (["task", "responsible", "deadline"], ["具体要求", "责任单位", "时限要求"], 5)


def test_prose_line_that_is_a_header_word_opens_no_table():
    text = "一、稳增长\n1、抓项目。(区发改局负责)\n责任单位\n2、招商。(区商务局负责)\n"
    doc = xg.read_document(text)
    assert by_id(doc) == {"1": [("responsible", "区发改局")], "2": [("responsible", "区商务局")]}
    assert "layout_cells_rebuilt" not in doc.report.conventions


def test_column_words_come_from_the_grammar_table(tmp_path, monkeypatch):
    (tmp_path / "columns.csv").write_text("header,role,note\n任务清单,task,\n办理科室,responsible,\n期限,deadline,\n",
                                          encoding="utf-8")
    cols = load_columns(str(tmp_path))
    assert cols == {"任务清单": "task", "办理科室": "responsible", "期限": "deadline"}
    (tmp_path / "columns.csv").write_text("header,role,note\n任务清单,boss,\n", encoding="utf-8")
    load_columns.cache_clear()
    with pytest.raises(ValueError, match=r"columns.csv line 2"):
        load_columns(str(tmp_path))
    load_columns.cache_clear()


def test_pieces():
    assert cell_role("落实科室(部门)") == "responsible"
    lay = with_number_column(TableLayout(["category", "task", "responsible"], ["工作任务", "具体要求", "责任科室"]))
    assert flat_rows(["1", "甲。", "办公室", "2", "乙。", "各科室"], 0, lay) == ([[None, 0, 1, 2], [None, 3, 4, 5]], 6)
    assert align_number(lay, ["2", "乙。", "各科室", ""]) == ["", "2", "乙。", "各科室"]
    assert widen(TableLayout(["task", "responsible"], ["具体要求", "责任科室"]), ["1", "甲。", "办公室"]).columns == [
        "number", "task", "responsible"]
