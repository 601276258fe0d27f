"""Forms first met in the second unseen set (tests/genre/unseen2, issue 12): each rule on a
small made-up document, so a change that breaks it fails here and not only in the corpus score."""

from __future__ import annotations

from genre import assignment_pairs as _pairs
from xialu_graph.parse.assignments import parse_assignment
from xialu_graph.parse.cells import cell_kind, ragged_rows
from xialu_graph.parse.tables import TableLayout, cell_role, match_flat_header


def test_a_unit_cell_closed_by_a_full_stop_is_still_units():
    assert cell_kind("区工信局、区住建局,各乡镇人民政府、街道办事处。") == "unit"
    assert cell_kind("区投资促进中心。") == "unit"
    assert cell_kind("市财政局(国资委)") == "unit"
    assert cell_kind("区农业农村委*") == "unit"
    assert cell_kind("成功创建首批浙江省美丽城镇。") == "text"
    assert cell_kind("固定资产投资增长7.5%左右。") == "text"


def test_ragged_rows_skip_section_headings_and_follow_a_jump_after_one():
    lay = TableLayout(["number", "task", "lead", "support"], ["序号", "重点工作任务", "主要责任单位", "协同配合单位"])
    norms = ["一、主要预期目标", "3", "固定资产投资增长7.5%左右。", "区发改委", "区工信局、区住建局。",
             "二、全力以赴扩投资", "三、全力以赴惠民生", "68", "推进学前教育普及普惠。", "区教育局", "区政府有关部门。",
             "69", "引进优质教育资源。", "区教育局", "区投资促进中心。", "73", "推进托幼"]
    rows, _ = ragged_rows(norms, 0, lay)
    assert [r[0] for r in rows] == [[1], [7], [11], [15]]
    assert rows[1][2:] == [[9], [10]]
    assert rows[2][2:] == [[13], [14]]  # 73 starts its own row: a jump after a full row


def test_a_header_note_broken_over_lines_joins_its_column():
    assert cell_role("责任部门(加*号为牵头部门,其余为参与部门)") == "responsible"
    lay, end = match_flat_header(["序号", "任务名称", "责任部门", "(加*号为牵头部门,", "其余为参与部门)", "责任街镇", "1"], 0)
    assert lay.columns == ["number", "task", "responsible", "responsible"] and end == 6


def test_a_starred_unit_leads_and_the_others_support():
    assert parse_assignment("责任部门:区建管委*、区农业农村委、区规划资源局").units == [
        ("lead", "区建管委"), ("support", "区农业农村委"), ("support", "区规划资源局")]


def test_a_space_separated_table_stays_open_across_a_heading_between_rows():
    # 主要责任单位 names the responsible units (no lead), its 协同配合单位 support (CONVENTIONS.md)
    text = ("谯城区重点工作任务分解表\n"
            "序号 重点工作任务 主要责任单位 协同配合单位\n"
            "一、主要预期目标\n"
            "1 地区生产总值增长6.5%左右。 区发改委 区政府各部门,各乡镇人民政府\n"
            "二、扩投资\n"
            "2 社会消费品零售总额增长8.2%左右。 区商务局 区发改委、区市场监管局。\n")
    got = _pairs(text)
    assert got["1"] == [("responsible", "区发改委"), ("support", "区政府各部门"), ("support", "各乡镇人民政府")]
    assert got["2"] == [("responsible", "区商务局"), ("support", "区发改委"), ("support", "区市场监管局")]


def test_a_progress_report_reads_its_lead_column_and_skips_the_report_text():
    text = ("2023年《政府工作报告》重点工作任务完成情况\n\n序号\n\n重点工作任务\n\n完  成  情  况\n\n牵头责任单位\n\n"
            "一、确保完成全年主要预期目标\n\n1\n\n地区生产总值增长8%左右。\n\n全年地区生产总值2291.5亿元,增长5.8%。\n\n市发展改革委\n\n"
            "2\n\n一般公共预算收入增长6%左右。\n\n全年一般公共预算收入161.8亿元。\n\n市财政局(国资委)\n\n"
            "3\n\n节能减排完成年度任务。\n\n单位地区生产总值能耗完成省定目标。\n\n市发展改革委\n\n市生态环境局\n\n"
            "二、做实工业经济支撑\n\n(一)锻强壮大先进制造业。\n\n4\n\n优化产业生态。\n\n制定行动计划。\n\n市经济和信息化局\n")
    got = _pairs(text)
    assert got["1"] == [("lead", "市发展改革委")]
    assert got["2"] == [("lead", "市财政局")]
    assert got["3"] == [("lead", "市发展改革委"), ("lead", "市生态环境局")]
    assert got["4"] == [("lead", "市经济和信息化局")]


def test_a_header_word_with_a_converters_pinyin_is_its_column_word():
    assert cell_role("牵头责(zé)任单位") == "lead"
    assert cell_role("重点工作任务(wù)") == "task"


def test_a_label_line_under_a_heading_with_no_numbered_item_makes_the_heading_the_task():
    text = ("某县创建工作实施方案\n"
            "一、开展机动车检测工作\n"
            "(一)任务要求。所有年检车辆实施尾气检测。\n"
            "牵头单位:县公安局;责任单位:县环保局。\n"
            "(二)任务要求。落实检测经费。\n"
            "牵头单位:县人民政府;责任单位:县公安局。\n"
            "二、开展“绿色饭店”创建工作\n"
            "任务要求。三星级以上宾馆全面开展创建。\n"
            "牵头单位:县旅游局;责任单位:县环保局、县林业局。\n"
            "三、组织开展节能降耗工作\n"
            "任务要求。制定节能降耗工作计划。\n"
            "牵头单位:县经贸局;责任单位:县发改委。\n")
    got = _pairs(text)
    assert got["二"] == [("lead", "县旅游局"), ("support", "县环保局"), ("support", "县林业局")]
    assert got["三"] == [("lead", "县经贸局"), ("support", "县发改委")]
    assert ("lead", "县公安局") in next(v for k, v in got.items() if k not in ("二", "三"))


def test_a_space_row_whose_unit_cells_run_over_lines_takes_them():
    text = ("重点工作任务分解表\n"
            "序号 重点工作任务 主要责任单位 协同配合单位\n"
            "1 地区生产总值增长6.5%左右。 区发改委 区政府各部门\n"
            "2 一般公共预算收入增长5%左右。 区财政局\n"
            "区税务局\n"
            "区政府有关部门,各乡镇人民政府。\n"
            "3 社会消费品零售总额增长8.2%左右。 区商务局 区市场监管局\n")
    got = _pairs(text)
    assert got["2"] == [("responsible", "区财政局"), ("responsible", "区税务局"), ("support", "区政府有关部门"), ("support", "各乡镇人民政府")]
    assert got["3"] == [("responsible", "区商务局"), ("support", "区市场监管局")]


def test_a_main_responsible_label_names_responsible_units_and_its_partners_support():
    # CONVENTIONS.md: 主要责任单位 are units named with no lead; a labelled 协办 unit stays support
    assert parse_assignment("主要责任单位:区民政局;协办单位:区卫健局").units == [
        ("responsible", "区民政局"), ("support", "区卫健局")]


def test_a_hosting_label_line_under_an_item_is_its_lead_not_a_site_footer():
    text = ("2022年区政府重点工作分解意见\n一、推进工作\n1)推进工作建设。\n主办单位:区发改局\n责任单位:区财政局\n"
            "主办单位:下陆区人民政府办公室 承办:区大数据中心\n")
    got = _pairs(text)
    assert got["1"] == [("lead", "区发改局"), ("support", "区财政局")]
