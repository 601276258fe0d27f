"""The formats of the genre (issue 7): one short, realistic document per convention, exact answers.

Each document is written the way published breakdowns of other governments write it.
"""

from __future__ import annotations

import pytest

import xialu_graph as xg


def roles(task):
    return [(a.role, a.unit) for a in task.assignments]


def ids(doc):
    return [t.task_id for t in doc.tasks]


# ------------------------------------------------------------------ 1. numbering

@pytest.mark.parametrize("mark", ["1、", "1.", "1．", "(1)", "（1）", "①", "⑴", "1)", "1）"])
def test_numbering_styles(mark):
    two = mark.replace("1", "2").replace("①", "②").replace("⑴", "⑵")
    text = (
        "一、稳住经济基本盘\n"
        f"{mark}抓好重大项目建设。（牵头单位：区发改局；责任单位：区财政局）\n"
        f"{two}落实减税降费政策。（责任单位：区税务局）\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2"]
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局")]
    assert roles(doc.task(2)) == [("responsible", "区税务局")]
    assert doc.task(1).text == "抓好重大项目建设。"


def test_cn_paren_are_subsections_in_one_document_and_tasks_in_another():
    as_subsections = (
        "一、推动高质量发展\n(一)壮大实体经济\n1、培育龙头企业。[牵头单位:区科信局;责任单位:区发改局]\n"
        "(二)扩大有效投资\n2、推进项目前期。[牵头单位:区发改局]\n"
    )
    doc = xg.read_document(as_subsections)
    assert ids(doc) == ["1", "2"]
    assert [t.subsection for t in doc.tasks] == ["壮大实体经济", "扩大有效投资"]
    as_tasks = (
        "一、推动高质量发展\n（一）培育龙头企业，壮大实体经济。（牵头单位：区科信局；配合单位：区发改局）\n"
        "（二）推进项目前期工作。（牵头单位：区发改局）\n"
        "二、保障和改善民生\n（三）扩大就业。（牵头单位：区人社局）\n"
    )
    doc = xg.read_document(as_tasks)
    assert ids(doc) == ["1", "2", "3"]
    assert doc.report.conventions["numbering"] == "cn_paren"
    assert doc.task(1).numbering == "(一)"
    assert [t.section_no for t in doc.tasks] == ["一", "一", "二"]
    assert roles(doc.task(1)) == [("lead", "区科信局"), ("support", "区发改局")]


def test_numbering_restarts_in_each_section():
    text = (
        "一、经济\n1.抓投资。(责任单位:区发改局)\n2.抓消费。(责任单位:区商务局)\n"
        "二、民生\n1.抓就业。(责任单位:区人社局)\n2.抓教育。(责任单位:区教育局)\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["一-1", "一-2", "二-1", "二-2"]
    assert doc.report.conventions["numbering_restarts_per_section"] is True
    assert doc.report.warnings == []


def test_numbering_restarts_in_attachments():
    text = (
        "附件1\n2021年重点工作任务分解表\n一、经济\n1、抓投资。[责任单位:区发改局]\n2、抓消费。[责任单位:区商务局]\n"
        "附件2\n2021年民生实事分解表\n一、民生\n1、抓就业。[责任单位:区人社局]\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["附件1-1", "附件1-2", "附件2-1"]
    assert [t.attachment for t in doc.tasks] == ["附件1", "附件1", "附件2"]
    assert doc.report.warnings == []


def test_unnumbered_subheading_and_targets_numbered_as_tasks():
    text = (
        "一、经济社会发展指标\n1.地区生产总值增长7%左右。(责任单位:区发改局)\n"
        "二、重点工作\n(一)优化发展布局\n打造临空经济桥头堡\n"
        "2.推动临空产业集聚。(牵头单位:区发改局;责任单位:花湖街办)\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2"]
    assert doc.task(1).text == "地区生产总值增长7%左右。"
    assert doc.task(2).heading == "打造临空经济桥头堡"
    assert doc.task(2).subsection == "优化发展布局"


def test_section_and_subsection_on_one_line():
    doc = xg.read_document("一、扩大内需(一)抓投资\n1、推进项目。[牵头单位:区发改局]\n")
    assert doc.sections[0].title == "扩大内需"
    assert doc.task(1).subsection_no == "一" and doc.task(1).subsection == "抓投资"


# ------------------------------------------------------------------ 2. labels

@pytest.mark.parametrize(
    "bracket, expected",
    [
        ("（牵头单位：区发改局；配合单位：区财政局、区统计局）", [("lead", "区发改局"), ("support", "区财政局"), ("support", "区统计局")]),
        ("（牵头责任单位：区住建局；协同责任单位：区城管局）", [("lead", "区住建局"), ("support", "区城管局")]),
        ("（主要责任单位：区民政局；协办单位：区卫健局；参与单位：区残联）", [("responsible", "区民政局"), ("support", "区卫健局"), ("support", "区残联")]),
        ("（责任单位：区审计局、区财政局）", [("responsible", "区审计局"), ("responsible", "区财政局")]),
        ("（牵头单位：区发改局、区财政局；责任单位：区统计局）", [("lead", "区发改局"), ("lead", "区财政局"), ("support", "区统计局")]),
    ],
)
def test_label_vocabularies(bracket, expected):
    doc = xg.read_document(f"一、经济\n1、做好统筹工作。{bracket}\n")
    assert roles(doc.task(1)) == expected


# ------------------------------------------------------------------ 3. where labels stand

def test_bracket_kinds_change_from_task_to_task():
    text = (
        "一、经济\n"
        "1、修复山体。[牵头单位:区自然资源局;责任单位:东街办(工业新区)]\n"
        "2、治理水体（牵头单位：区水利局；责任单位：区城管局）。\n"
        "3、建设公园【责任单位：区建设局】\n"
        "4、完善体制（牵头单位：区发改〈商务〉局）\n"
    )
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区自然资源局"), ("support", "东街办")]
    assert doc.task(2).text == "治理水体。"
    assert roles(doc.task(3)) == [("responsible", "区建设局")]
    assert doc.task(3).text == "建设公园"
    assert roles(doc.task(4)) == [("lead", "区发改(商务)局")]


def test_label_lines_under_the_task():
    text = (
        "一、经济\n1、抓好招商引资。\n牵头单位：区招商中心\n\n责任单位：区发改局、各街道办事处\n"
        "2、抓好项目建设。\n牵头单位:区发改局\n责任单位:区住建局\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2"]
    assert roles(doc.task(1)) == [("lead", "区招商中心"), ("support", "区发改局"), ("support", "各街道办事处")]
    assert doc.task(1).text == "抓好招商引资。"
    assert roles(doc.task(2)) == [("lead", "区发改局"), ("support", "区住建局")]
    assert dict(doc.report.line_kinds)[3] == "label"


# ------------------------------------------------------------------ 4. no labels

@pytest.mark.parametrize(
    "bracket, expected",
    [
        ("（区政务服务局牵头，区发改局、区住建局配合）", [("lead", "区政务服务局"), ("support", "区发改局"), ("support", "区住建局")]),
        ("（省发展改革委牵头，各地、各部门配合）", [("lead", "省发展改革委"), ("support", "各地"), ("support", "各部门")]),
        ("（区财政局牵头，区直各部门按职责分工负责）", [("lead", "区财政局"), ("support", "区直各部门")]),
        ("（区教育局、区卫健局等负责）", [("responsible", "区教育局"), ("responsible", "区卫健局")]),
    ],
)
def test_unlabeled_assignments(bracket, expected):
    doc = xg.read_document(f"一、改革\n1、深化放管服改革。{bracket}\n")
    assert roles(doc.task(1)) == expected


def test_first_listed_unit_leads():
    text = (
        "各单位：\n现将重点工作分解如下，列第一位者为牵头单位，请认真落实。\n"
        "一、经济\n1、抓项目。（区发改局、区财政局、区统计局）\n2、抓就业。（责任单位：区人社局、区民政局）\n"
    )
    doc = xg.read_document(text)
    assert doc.report.conventions["lead_rule"] == "first_listed_leads"
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局"), ("support", "区统计局")]
    assert roles(doc.task(2)) == [("lead", "区人社局"), ("support", "区民政局")]


# ------------------------------------------------------------------ 5. people

def test_people_are_not_units():
    text = (
        "一、经济\n1、推进园区建设。[责任领导:洪金虎;牵头单位:区发改局;责任单位:区财政局]\n"
        "2、推进招商。（分管领导：李明；牵头负责领导：王强；牵头单位：区招商中心）\n"
        "3、推进改革。\n牵头单位：区委改革办\n责任人：张三、李四\n"
    )
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局")]
    assert [(p.title, p.name) for p in doc.task(1).people] == [("责任领导", "洪金虎")]
    assert [(p.title, p.name) for p in doc.task(2).people] == [("分管领导", "李明"), ("牵头负责领导", "王强")]
    assert [(p.title, p.name) for p in doc.task(3).people] == [("责任人", "张三"), ("责任人", "李四")]
    assert "洪金虎" not in {a.unit for a in doc.assignments}
    assert len(doc.people_frame()) == 5


def test_group_header_names_a_leader():
    text = "一、经济发展（牵头领导：赵六）\n1、抓项目。（牵头单位：区发改局）\n2、抓消费。（牵头单位：区商务局）\n"
    doc = xg.read_document(text)
    assert doc.sections[0].title == "经济发展"
    assert [(p.title, p.name) for t in doc.tasks for p in t.people] == [("牵头领导", "赵六"), ("牵头领导", "赵六")]
    assert all(a.unit != "赵六" for a in doc.assignments)


# ------------------------------------------------------------------ 6. other things in the bracket

def test_notes_etc_and_district_collectives():
    text = (
        "一、改革\n1、清理规章。（国务院各部门分别负责，年内持续推进）\n"
        "2、优化服务。（牵头单位：区政务服务局；责任单位：区发改局等相关部门）\n"
        "3、推进试点。（省发展改革委牵头，各区、县级市）\n"
    )
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("responsible", "国务院各部门")]
    notes = doc.report.conventions.get("notes", [])
    assert {"task_id": "1", "note": "年内持续推进"} in notes
    # a list tail 等相关部门 is stripped from the last name (tests/genre/CONVENTIONS.md)
    assert roles(doc.task(2)) == [("lead", "区政务服务局"), ("support", "区发改局")]
    assert roles(doc.task(3)) == [("lead", "省发展改革委"), ("support", "各区、县级市")]
    kinds = {a.unit: a.unit_kind for a in doc.assignments}
    assert kinds["各区、县级市"] == "collective"


# ------------------------------------------------------------------ 7. lists

def test_mixed_and_missing_separators():
    text = "一、财政\n1、组织收入。(责任单位:区财政局区税务局,区统计局；区审计局;区发改局，区住建局)\n"
    doc = xg.read_document(text)
    assert doc.task(1).units() == ["区财政局", "区税务局", "区统计局", "区审计局", "区发改局", "区住建局"]


# ------------------------------------------------------------------ 8. unit names

def test_long_and_short_forms_in_one_document():
    text = (
        "一、经济\n1、抓投资。[牵头单位:区发展和改革局;责任单位:区招商服务中心]\n"
        "2、抓项目。[牵头单位:区发改局;责任单位:区招商中心]\n3、抓统计。[牵头单位:区发改局]\n"
    )
    doc = xg.read_document(text)
    assert doc.task(1).units() == doc.task(2).units()
    assert doc.task(1).units("lead") == ["区发改局"]
    uf = doc.units_frame()
    assert uf.set_index("unit_raw").loc["区发展和改革局", "rule"] == "short_form"


def test_prefix_given_on_first_unit_only():
    doc = xg.read_document("一、城建\n1、推进棚改。（牵头单位：市发改委、国土房管局、建委）\n")
    assert doc.task(1).units() == ["市发改委", "市国土房管局", "市建委"]
    raw = [a.unit_raw for a in doc.task(1).assignments]
    assert raw == ["市发改委", "国土房管局", "建委"]


def test_names_without_district_prefix_join_their_prefixed_form():
    text = "一、城管\n1、整治市容。[牵头单位:区城管局;责任单位:税务局]\n2、清理欠税。[牵头单位:区税务局;责任单位:城管局]\n"
    doc = xg.read_document(text)
    assert doc.task(1).units() == ["区城管局", "区税务局"]
    assert doc.task(2).units() == ["区税务局", "区城管局"]


def test_unit_name_shapes():
    text = (
        "一、基础设施\n1、保障电力和邮政服务。[牵头单位:区发改(商务)局;责任单位:区国土·规划分局、国网黄石供电公司、"
        "黄石市邮政管理局、各乡镇(街道)、各县(市、区)政府、区直相关单位、各项目牵头单位]\n"
    )
    doc = xg.read_document(text)
    kinds = [(a.unit, a.unit_kind) for a in doc.task(1).assignments]
    assert kinds == [
        ("区发改(商务)局", "department"),
        ("区国土·规划分局", "vertical"),
        ("国网黄石供电公司", "enterprise"),
        ("黄石市邮政管理局", "enterprise"),
        ("各乡镇(街道)", "collective"),
        ("各县(市、区)政府", "collective"),
        ("区直相关单位", "collective"),
        ("各项目牵头单位", "collective"),
    ]


# ------------------------------------------------------------------ 9. tables

def test_pipe_table_with_category_on_first_row_only():
    text = (
        "2022年重点工作任务分解表\n"
        "序号 | 类别 | 工作任务 | 牵头单位 | 责任单位 | 责任人 | 完成时限\n"
        "1 | 稳增长 | 抓好重大项目建设 | 区发改局 | 区财政局、区住建局 | 张三 | 2022年12月\n"
        "2 |  | 扩大有效投资 | 区发改局 | 区统计局 | 李四 | 2022年6月\n"
        "3 | 惠民生 | 稳定就业 | 区人社局 | 各街道 | 王五 | 长期\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2", "3"]
    assert doc.task(1).text == "抓好重大项目建设"
    assert [t.heading for t in doc.tasks] == ["稳增长", "稳增长", "惠民生"]
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局"), ("support", "区住建局")]
    assert [(p.title, p.name) for p in doc.task(2).people] == [("责任人", "李四")]
    assert doc.report.conventions["table"] is True


def test_pipe_table_responsible_column_first_repeating_lead():
    text = (
        "序号 | 工作任务 | 责任单位 | 牵头单位\n"
        "1 | 推进老旧小区改造 | 区住建局、区财政局、各街道 | 区住建局\n"
        "2 | 推进垃圾分类 | 区城管局、各街道 | 区城管局\n"
    )
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区住建局"), ("support", "区财政局"), ("support", "各街道")]
    assert roles(doc.task(2)) == [("lead", "区城管局"), ("support", "各街道")]


def test_flattened_table_one_cell_per_line():
    text = (
        "序号\n工作任务\n牵头单位\n配合单位\n"
        "1\n抓好重大项目建设\n区发改局\n区财政局、区住建局\n"
        "2\n扩大有效投资\n区发改局\n区统计局\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2"]
    assert roles(doc.task(2)) == [("lead", "区发改局"), ("support", "区统计局")]
    assert doc.task(1).text == "抓好重大项目建设"


# ------------------------------------------------------------------ 10. text damage

def test_traditional_characters_match_but_text_is_kept():
    text = "一、經濟\n1、推進項目建設。［牽頭單位：區發改局；責任單位：區財政局］\n"
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局")]
    assert doc.task(1).text == "推進項目建設。"
    assert [a.unit_raw for a in doc.task(1).assignments] == ["區發改局", "區財政局"]


def test_stray_spaces_inside_names_and_space_separated_lists():
    doc = xg.read_document("一、经济\n1、抓项目。[牵头单位:区 发改局;责任单位:区财政局 区统计局]\n")
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局"), ("support", "区统计局")]


def test_dropped_closing_bracket_recovered_with_warning():
    text = "一、经济\n1、抓项目。[牵头单位:区发改局;责任单位:区财政局\n2、抓消费。[牵头单位:区商务局]\n"
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局")]
    assert doc.task(1).text == "抓项目。"
    assert [(w.line, w.code) for w in doc.report.warnings] == [(2, "unclosed_bracket")]
    assert roles(doc.task(2)) == [("lead", "区商务局")]


# ------------------------------------------------------------------ 11. the report says what was guessed

def test_report_names_conventions_and_guesses():
    text = (
        "一、经济\n1、抓项目。（区发改局、区财政局）\n2、抓投资。[牵头单位:区发展和改革局;责任单位:市发改委、国土房管局]\n"
        "3、抓统计。[牵头单位:区发改局]\n"
    )
    doc = xg.read_document(text)
    conv = doc.report.conventions
    assert conv["numbering"] == "arabic" and conv["lead_rule"] == "labels"
    assert conv["labels"] == ["bare_list", "labels"]
    assert [(w.line, w.code) for w in doc.report.warnings] == [
        (2, "guess_bare_list"),
        (2, "guess_unit_form"),
        (3, "guess_prefix"),
    ]
    assert roles(doc.task(1)) == [("responsible", "区发改局"), ("responsible", "区财政局")]
    with pytest.raises(xg.InputError, match="guess_bare_list|without labels"):
        xg.read_document(text, strict=True)


# ------------------------------------------------------------------ tables as published: merged cells, headings, footers

def test_html_table_with_rowspan_and_heading_rows(tmp_path):
    page = """<html><body>
    <p>关于印发2022年重点工作任务分解表的通知</p>
    <table>
      <tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>责任单位</th></tr>
      <tr><td colspan="4">一、稳增长</td></tr>
      <tr><td>1</td><td>抓好重大项目建设</td><td rowspan="2">区发改局</td><td>区财政局</td></tr>
      <tr><td>2</td><td>扩大有效投资</td><td>区统计局、区住建局</td></tr>
      <tr><td colspan="4">二、惠民生</td></tr>
      <tr><td>3</td><td>稳定就业</td><td>区人社局</td><td rowspan="2">各街道</td></tr>
      <tr><td>4</td><td>办好养老服务</td><td>区民政局</td></tr>
    </table>
    <p>抄送：区委办公室</p>
    <p>下陆区人民政府办公室 2022年1月5日印发</p>
    </body></html>"""
    p = tmp_path / "table.html"
    p.write_text(page, encoding="utf-8")
    doc = xg.read_document(p)
    assert ids(doc) == ["1", "2", "3", "4"]
    assert roles(doc.task(2)) == [("lead", "区发改局"), ("support", "区统计局"), ("support", "区住建局")]
    assert roles(doc.task(4)) == [("lead", "区民政局"), ("support", "各街道")]
    assert [t.section for t in doc.tasks] == ["稳增长", "稳增长", "惠民生", "惠民生"]
    assert doc.report.warnings == []
    assert doc.report.kind_counts().get("footer") == 2


def test_docx_table_with_vertically_merged_cells(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("2022年重点工作任务分解表")
    t = d.add_table(rows=4, cols=4)
    rows = [["序号", "工作任务", "牵头单位", "配合单位"], ["1", "抓好重大项目建设", "区发改局", "区财政局"],
            ["2", "扩大有效投资", "", "区统计局"], ["3", "稳定就业", "区人社局", "各街道"]]
    for r, vals in enumerate(rows):
        for c, v in enumerate(vals):
            t.cell(r, c).text = v
    t.cell(1, 2).merge(t.cell(2, 2))  # 区发改局 leads tasks 1 and 2
    p = tmp_path / "table.docx"
    d.save(p)
    doc = xg.read_document(p)
    assert ids(doc) == ["1", "2", "3"]
    assert roles(doc.task(2)) == [("lead", "区发改局"), ("support", "区统计局")]
    assert roles(doc.task(3)) == [("lead", "区人社局"), ("support", "各街道")]


# ------------------------------------------------------------------ one bracket per sentence (State Council style)

def test_a_bracket_after_each_sentence():
    text = (
        "一、保持经济运行在合理区间\n"
        "（一）实施好积极的财政政策\n"
        "1.提升效能，更加注重精准、可持续。（财政部牵头，国务院相关部门按职责分工负责）"
        "今年赤字率拟按2.8%左右安排。（财政部、国家发展改革委牵头，年内持续推进）"
        "推进示范县（区）建设，参与率达到90%。（农业农村部负责）\n"
        "2.稳健的货币政策要灵活适度。（人民银行牵头）\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2"]
    t = doc.task(1)
    assert t.text == "提升效能，更加注重精准、可持续。今年赤字率拟按2.8%左右安排。推进示范县（区）建设，参与率达到90%。"
    assert roles(t) == [
        ("lead", "财政部"),
        ("support", "国务院相关部门"),
        ("lead", "国家发展改革委"),
        ("support", "农业农村部"),
    ]
    assert {"task_id": "1", "note": "年内持续推进"} in doc.report.conventions["notes"]
    assert "inline" in doc.report.conventions["labels"]
    assert doc.report.warnings == []


def test_part_and_chapter_headings():
    text = "第一部分 稳增长\n1、抓项目。[牵头单位:区发改局]\n第二部分 惠民生\n2、抓就业。[牵头单位:区人社局]\n"
    doc = xg.read_document(text)
    assert [(s.number, s.title) for s in doc.sections] == [("一", "稳增长"), ("二", "惠民生")]
    assert [t.section_no for t in doc.tasks] == ["一", "二"]


def test_role_words_inside_a_labelled_list():
    doc = xg.read_document("一、经济\n1、抓项目。（责任单位：区发改局牵头，区财政局、区统计局配合）\n")
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局"), ("support", "区统计局")]


def test_units_joined_by_and():
    doc = xg.read_document("一、经济\n1、抓项目。[牵头单位:区发改局和区财政局;责任单位:区政务服务和大数据管理局与区统计局]\n")
    assert roles(doc.task(1)) == [
        ("lead", "区发改局"), ("lead", "区财政局"), ("support", "区政务服务和大数据管理局"), ("support", "区统计局"),
    ]


def test_a_name_in_parentheses_after_a_unit_is_a_note():
    doc = xg.read_document("一、经济\n1、抓项目。[牵头单位:区发改局(张三);责任单位:区财政局（李四）、区发改(商务)局]\n")
    rows = [(a.unit, a.role, a.note) for a in doc.task(1).assignments]
    assert rows == [("区发改局", "lead", "张三"), ("区财政局", "support", "李四"), ("区发改(商务)局", "support", "")]
    assert doc.report.warnings == []


def test_table_with_group_rows_and_two_task_columns():
    text = (
        "序号 | 重点工作 | 具体任务 | 牵头单位 | 责任单位 | 完成时限\n"
        "一 | 稳增长 |  |  |  | \n"
        "1 | 扩大有效投资 | 新开工亿元以上项目20个 | 区发改局 | 区住建局 | 2023年12月\n"
        "2 |  | 落实减税降费 | 区财政局 | 区税务局 | 全年\n"
        "二 | 惠民生 |  |  |  | \n"
        "3 | 稳定就业 | 城镇新增就业3000人 | 区人社局 | 各街道 | 2023年12月\n"
    )
    doc = xg.read_document(text)
    assert ids(doc) == ["1", "2", "3"]
    assert [s.title for s in doc.sections] == ["稳增长", "惠民生"]
    assert [t.section for t in doc.tasks] == ["稳增长", "稳增长", "惠民生"]
    assert [t.heading for t in doc.tasks] == ["扩大有效投资", "扩大有效投资", "稳定就业"]
    assert doc.task(1).text == "新开工亿元以上项目20个"
    assert roles(doc.task(2)) == [("lead", "区财政局"), ("support", "区税务局")]
    assert doc.report.warnings == []


def test_short_labels_inside_one_cell():
    text = (
        "序号 | 工作任务 | 责任单位\n"
        "1 | 抓好重大项目建设 | 牵头：区发改局；配合：区财政局、区住建局\n"
        "2 | 稳定就业 | 区人社局\n"
    )
    doc = xg.read_document(text)
    assert roles(doc.task(1)) == [("lead", "区发改局"), ("support", "区财政局"), ("support", "区住建局")]
    assert roles(doc.task(2)) == [("responsible", "区人社局")]
