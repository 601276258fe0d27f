"""parse/cells.py: ragged one-cell-per-line tables, aligned by what their cells say."""

from __future__ import annotations

import xialu_graph as xg
from xialu_graph.parse.assignments import parse_assignment
from xialu_graph.parse.cells import align_cells, cell_kind, ragged_rows, split_glued
from xialu_graph.parse.grammar import load_grammar
from xialu_graph.parse.tables import TableLayout, match_flat_header


def test_cell_kinds():
    assert cell_kind("县海洋与渔业局") == "unit"
    assert cell_kind("各股室、委属部门单位") == "unit"
    assert cell_kind("夏俊贵") == "person"
    assert cell_kind("10月底前") == "deadline"
    assert cell_kind("≥2%") == "short"
    assert cell_kind("亿斤") == "short"
    assert cell_kind("建设“千亩方、万亩方”") == "text"
    assert cell_kind("开展好“三下乡”活动。") == "text"


def test_alignment_gives_a_unit_column_all_its_lines_and_the_assessor_one():
    roles = ["category", "task", "", "note", "responsible", "assessor"]
    kinds = ["text", "text", "short", "short", "unit", "unit", "unit"]
    assert align_cells(roles, kinds) == [[0], [1], [2], [3], [4, 5], [6]]
    # the group cell spans rows: left out, the task takes the first line
    assert align_cells(roles, ["text", "short", "short", "unit", "unit"]) == [[], [0], [1], [2], [3], [4]]


def test_alignment_leaves_spanning_cells_out():
    roles = ["category", "task", "deadline", "person", "responsible", "note"]
    assert align_cells(roles, ["text", "unit"]) == [[], [0], [], [], [1], []]
    assert align_cells(roles, ["text", "text", "deadline", "person", "unit"]) == [[0], [1], [2], [3], [4], []]


def test_ragged_rows_take_the_group_cell_printed_before_the_number():
    lay = TableLayout(["category", "number", "task", "responsible", "assessor"], ["考核项目", "序号", "考核内容", "责任部门", "评分部门"])
    norms = ["农业高质高效", "1", "粮食播种面积", "县农业农村局", "县海洋与渔业局", "市农业农村局",
             "农业绿色发展", "2", "化肥减量", "县农业农村局", "市农业农村局"]
    rows, end = ragged_rows(norms, 0, lay)
    assert rows == [[[0], [1], [2], [3, 4], [5]], [[6], [7], [8], [9], [10]]]
    assert end == 11


def test_a_row_number_out_of_sequence_is_a_value():
    lay = TableLayout(["number", "task", "note", "responsible"], ["序号", "考核内容", "年度目标", "责任部门"])
    rows, _ = ragged_rows(["1", "粮食总产量", "42", "县农业农村局", "2", "生猪存栏", "0", "县农业农村局"], 0, lay)
    assert [r[0] for r in rows] == [[0], [4]]
    assert rows[0][2] == [2]


def test_glued_units_are_cut_only_between_units():
    assert split_glued("文化宣传股文化馆") == ["文化宣传股", "文化馆"]
    assert split_glued("市海洋渔业局市农业农村局") == ["市海洋渔业局", "市农业农村局"]
    assert split_glued("区委办公室") == ["区委办公室"]
    assert split_glued("县文化馆总馆") == ["县文化馆总馆"]


def test_header_note_on_its_own_line_joins_its_cell():
    lay, end = match_flat_header(["序号", "工作任务", "责任领导", "责任股室", "(单位)", "备注", "1"], 0)
    assert lay.names == ["序号", "工作任务", "责任领导", "责任股室(单位)", "备注"]
    assert lay.columns == ["number", "task", "person", "responsible", "note"]
    assert end == 6


def test_a_county_departments_table_reads_end_to_end():
    text = "\n".join([
        "序号", "指标", "工作任务", "完成时限", "责任领导", "责任股室", "(单位)", "备注",
        "1", "公共文化服务", "免费开放服务人次较上年增长15%。", "12月底前", "夏俊贵", "文化宣传股", "文化馆", "图书馆",
        "2", "全年组织开展文化下乡等惠民演出不少于100场。", "文化宣传股文化馆",
        "3", "开展好“三下乡”活动。",
        "4", "非遗保护", "完成非遗展厅布展任务。", "羌研会", "灵岩寺博物馆",
        "5", "脱贫攻坚", "完成包扶村脱贫攻坚年度任务。", "10月底前", "黄文阁", "各股室、委属部门单位",
    ]) + "\n"
    doc = xg.read_document(text)
    got = {t.task_id: [(a.role, a.unit_raw) for a in t.raw_assignments] for t in doc.tasks}
    assert got["1"] == [("responsible", "文化宣传股"), ("responsible", "文化馆"), ("responsible", "图书馆")]
    assert got["2"] == [("responsible", "文化宣传股"), ("responsible", "文化馆")]
    assert got.get("3", []) == []
    assert got["4"] == [("responsible", "羌研会"), ("responsible", "灵岩寺博物馆")]
    assert got["5"] == [("responsible", "各股室"), ("responsible", "委属部门单位")]
    assert doc.report.conventions["layout_ragged_rows"] == 5
    people = doc.people_frame()
    assert sorted(zip(people.task_id, people.name)) == [("1", "夏俊贵"), ("5", "黄文阁")]


def test_a_copy_cut_inside_a_role_suffix_still_closes_the_list():
    assert dict(load_grammar().cut_suffixes())["按职责分工落"] == "responsible"
    res = parse_assignment("办公室、医保中心按职责分工落")
    assert res.units == [("responsible", "办公室"), ("responsible", "医保中心")]


def test_a_level_tail_after_xiangguan_is_stripped():
    res = parse_assignment("区发改委等相关区直部门、各镇(办)牵头")
    assert res.units == [("lead", "区发改委"), ("lead", "各镇(办)")]


def test_a_header_printed_again_on_a_new_page_is_not_read_as_cells():
    head = ["序号", "考核内容", "年度目标", "责任部门", "评分部门"]
    rows = [["1", "粮食播种面积。", "0.07", "县农业农村局", "市农业农村局"],
            ["2", "油菜面积。", "0", "县海洋与渔业局", "县农业农村局", "市农业农村局"],
            ["3", "生猪存栏。", "42", "县经济和信息化局", "市商务局"]]
    text = "\n".join(head + rows[0] + rows[1] + head + rows[2]) + "\n"
    doc = xg.read_document(text)
    got = {t.task_id: [a.unit_raw for a in t.raw_assignments] for t in doc.tasks}
    assert got == {"1": ["县农业农村局"], "2": ["县海洋与渔业局", "县农业农村局"], "3": ["县经济和信息化局"]}


def test_a_table_ends_where_no_row_number_follows():
    lay = TableLayout(["number", "task", "responsible"], ["序号", "工作任务", "责任部门"])
    norms = ["1", "抓项目。", "县农业农村局"] + ["说明文字。"] * 60 + ["2", "抓招商。", "县商务局"]
    rows, end = ragged_rows(norms, 0, lay)
    assert [r[0] for r in rows] == [[0]]
    assert end < 20


def test_lines_between_a_lead_and_a_support_column_go_to_the_support():
    assert align_cells(["task", "lead", "support"], ["text", "unit", "unit", "unit"]) == [[0], [1], [2, 3]]
    assert cell_kind("按期完成") == "deadline"


def test_a_table_of_cell_lines_ends_where_the_next_number_opens_a_text():
    # the rows are cells, then the document goes on with the next task written as an item
    text = ("序号\n工作任务\n牵头单位\n责任单位\n1\n抓项目。\n区政府办公室\n区司法局等有关部门\n"
            "2.深化投资审批制度改革,简化报建手续。(牵头单位:区行政审批服务局;责任单位:区发展改革局)\n")
    doc = xg.read_document(text)
    assert [(t.task_id, [(a.role, a.unit_raw) for a in t.assignments]) for t in doc.tasks] == [
        ("1", [("lead", "区政府办公室"), ("support", "区司法局")]),
        ("2", [("lead", "区行政审批服务局"), ("support", "区发展改革局")])]
