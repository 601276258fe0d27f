"""Tables whose cells span rows (xialu_graph.parse.spans), on small synthetic tables."""

from __future__ import annotations

import xialu_graph as xg
from xialu_graph.parse.spans import is_group_label, retarget_task_column, skip_spanned_groups, spanned_columns
from xialu_graph.parse.tables import TableLayout, match_header

SPANNED = TableLayout(["number", "category", "task", "responsible", "deadline", "note"],
                      ["序号", "工作任务", "细化分工", "责任处室", "完成时限", "备注"])


def test_group_labels():
    assert is_group_label("一、优化基础")
    assert is_group_label("(三)提升办理水平。")
    assert is_group_label("")
    assert not is_group_label("1.规范使用")
    assert not is_group_label("做好信息发布")


def test_task_column_moves_to_the_numbered_text():
    lay = match_header("工作要求 | 一级要点 | 二级要点 | 责任科室 |")
    assert lay.columns == ["task", "", "", "responsible"]
    rows = [["一、甲", "(一)乙。", "1.做好公开工作。", "办公室"], ["2.做好解读工作。", "法规科", "", ""],
            ["(二)丙。", "3.做好回应工作。", "财务科", ""]]
    moved = retarget_task_column(lay, rows)
    assert moved.columns == ["category", "category", "task", "responsible"]
    assert moved.names == lay.names
    assert lay.columns == ["task", "", "", "responsible"]  # the input is left as it was


def test_task_column_stays_when_it_holds_tasks():
    lay = match_header("工作要求 | 一级要点 | 二级要点 | 责任科室 |")
    rows = [["做好公开工作", "甲", "1.做好公开工作。", "办公室"]]
    assert retarget_task_column(lay, rows) is None
    # a later column that holds group labels is no task column
    rows = [["一、甲", "(一)乙。", "(二)丙。", "办公室"]]
    assert retarget_task_column(lay, rows) is None
    # no full-width row: nothing to judge by
    assert retarget_task_column(lay, [["2.做好解读工作。", "法规科"]]) is None


def test_spanned_group_cell_is_left_blank():
    cells = ["2", "扎实做好疫苗接种信息公开", "疾控处", "长期推进"]
    assert spanned_columns(SPANNED, cells) == [1]
    assert skip_spanned_groups(SPANNED, cells) == ["2", "", "扎实做好疫苗接种信息公开", "疾控处", "长期推进"]


def test_alias_in_brackets_reads_as_a_unit():
    cells = ["4", "做好爱国卫生信息发布", "规划信息处(爱卫办)", "长期推进"]
    assert spanned_columns(SPANNED, cells) == [1]


def test_full_row_is_kept():
    cells = ["5", "常规政务公开事项", "强化执法信息公开", "政法处", "长期推进"]
    assert spanned_columns(SPANNED, cells) == []
    assert skip_spanned_groups(SPANNED, cells) is cells


def test_short_row_that_fits_is_kept():
    # the row leaves out its trailing deadline, not its group cell
    cells = ["6", "常规政务公开事项", "强化执法信息公开", "政法处"]
    assert spanned_columns(SPANNED, cells) == []


def test_row_without_number_is_kept():
    cells = ["扎实做好疫苗接种信息公开", "疾控处", "长期推进"]
    assert spanned_columns(SPANNED, cells) == []


def test_spanned_table_read_end_to_end():
    text = ("序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注 |\n"
            "1 | 做好信息发布 | 围绕疫情发布权威信息 | 应急处、监督处等按职责分工落实 | 长期推进 |\n|\n"
            "2 | 做好疫苗接种信息公开 | 疾控处 | 长期推进 |\n|\n"
            "3 | 提高信息发布规范化水平 | 宣传处会同办公室 | 2021年8月前 |\n|\n")
    doc = xg.read_document(text)
    got = {(t.number, t.text, t.heading) for t in doc.tasks}
    assert got == {(1, "围绕疫情发布权威信息", "做好信息发布"), (2, "做好疫苗接种信息公开", "做好信息发布"),
                   (3, "提高信息发布规范化水平", "做好信息发布")}
    af = doc.assignments_frame()
    rows = sorted(zip(af.task_id, af.role, af.unit_raw))
    assert rows == [("1", "responsible", "应急处"), ("1", "responsible", "监督处"), ("2", "responsible", "疾控处"),
                    ("3", "lead", "宣传处"), ("3", "support", "办公室")]


def test_group_column_table_read_end_to_end():
    text = ("工作要求 | 一级要点 | 二级要点 | 责任科室 |\n"
            "一、优化基础 | (一)深化集中公开。 | 1.规范使用行政法规。 | 法规科牵头,办公室配合 |\n"
            "2.摸清规范性文件底数。 | 办公室牵头,各科室按职责分工落实 | ||\n"
            "(二)推进标准化。 | 3.更新主动公开目录。 | 办公室 | |\n")
    doc = xg.read_document(text)
    assert [(t.number, t.text) for t in doc.tasks] == [
        (1, "1.规范使用行政法规。"), (2, "2.摸清规范性文件底数。"), (3, "3.更新主动公开目录。")]
    af = doc.assignments_frame()
    assert sorted(zip(af.task_id, af.role, af.unit_raw)) == [
        ("1", "lead", "法规科"), ("1", "support", "办公室"), ("2", "lead", "办公室"), ("2", "support", "各科室"),
        ("3", "responsible", "办公室")]
