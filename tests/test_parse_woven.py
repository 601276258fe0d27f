"""Tables read across (xialu_graph/parse/woven.py): a PDF table extracted line by line across the
page, its task column's lines alternating with its unit columns' (issue 12)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import xialu_graph as xg
from xialu_graph.parse.woven import unit_piece, unweave_row
from genre import assert_recovered, woven_table_document

ACROSS = """2021年区政府重点工作责任分解表
序号
工作任务
牵头单位
责任单位
1
加快推进重大项目建设，全年完成固定资
区发改局
区财政局、区自然资源
产投资200亿元以上。
和规划局
2
深化营商环境改革，推行“一网通办”，
区政务服务和
区市场监管局、区司法局
政务服务事项网上可办率达到95%以上。
大数据管理局
3
抓好安全生产。
区应急管理局
各街道办事处
"""


def test_a_table_read_across_is_put_back_in_its_columns_and_says_so():
    doc = xg.read_document(ACROSS)
    got = [(t.task_id, t.text, [(a.role, a.unit_raw) for a in t.raw_assignments]) for t in doc.tasks]
    assert got == [
        ("1", "加快推进重大项目建设，全年完成固定资产投资200亿元以上。",
         [("lead", "区发改局"), ("support", "区财政局"), ("support", "区自然资源和规划局")]),
        ("2", "深化营商环境改革，推行“一网通办”，政务服务事项网上可办率达到95%以上。",
         [("lead", "区政务服务和大数据管理局"), ("support", "区市场监管局"), ("support", "区司法局")]),
        ("3", "抓好安全生产。", [("lead", "区应急管理局"), ("support", "各街道办事处")]),
    ]
    # said: a convention, a warning on each rebuilt row, a review reason that lowers the confidence
    assert doc.report.conventions["layout_interleaved_rows"] == 2
    assert [(w.code, w.line) for w in doc.report.warnings if w.code == "interleaved_columns"] == [
        ("interleaved_columns", 6), ("interleaved_columns", 12)]
    assert [("interleaved_columns" in t.reasons) for t in doc.tasks] == [True, True, False]
    assert doc.tasks[0].confidence < doc.tasks[2].confidence
    review = xg.review_frame(doc)
    assert set(review.loc[review["reasons"].str.contains("interleaved_columns"), "task_id"]) == {"1", "2"}


def test_strict_parsing_stops_at_a_table_read_across():
    import pytest

    with pytest.raises(xg.InputError, match="interleaved_columns|alternate line by line"):
        xg.read_document(ACROSS, strict=True)


def test_an_ordinary_cell_table_whose_text_holds_a_name_like_line_is_not_rebuilt():
    # one row's text has a line that reads like a unit (区域协调发展), the other rows do not: a table
    # counts as read across only when two rows (or its only row) show it
    text = ("序号\n工作任务\n牵头单位\n责任单位\n1\n推进城乡融合,促进\n区域协调发展\n取得新成效。\n区发改局\n区财政局\n"
            "2\n抓好安全生产。\n区应急管理局\n区司法局\n3\n稳定就业。\n区人社局\n区财政局\n")
    doc = xg.read_document(text)
    assert "layout_interleaved_rows" not in doc.report.conventions
    assert [(a.role, a.unit_raw) for a in doc.tasks[0].raw_assignments] == [("lead", "区发改局"), ("support", "区财政局")]
    assert doc.tasks[0].text == "推进城乡融合,促进区域协调发展取得新成效。"


def test_unit_pieces_and_a_row_put_back():
    assert unit_piece("区财政局、区自然资源") and unit_piece("和规划局") and not unit_piece("建设园区")
    pieces = ["抓项目,全年完成固定资", "区发改局", "区财政局、区自然资源", "产投资200亿元。", "和规划局", "、区司法局"]
    task, (lead, support), glued = unweave_row(pieces, 2)
    assert (task, lead, support, glued) == ([0, 3], [1], [2, 4, 5], {4})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(woven_table_document())
def test_parse_recovers_tables_read_across(gen):
    assert_recovered(*gen)
