"""The viewer_rows pass (parse/viewer_rows.py): one-line tables of document viewers, glued with a
lead and a support column, or with cells separated by spaces; and the unit splits they need
(units.py: a split name's pieces as written, two names run together)."""

from __future__ import annotations

from pathlib import Path

import xialu_graph as xg
from xialu_graph.parse.layout import prepare
from xialu_graph.parse.viewer_rows import read_unit_run, unglue_unit_columns, unspace_rows
from xialu_graph.units import load_unit_tables, resolve_name, split_pair

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "genre" / "docs"

GLUED = ("分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加学位新建学校12个。何海平教育局经开区高新园(邹区镇)"
         "各街道2老城厢复兴完成修缮展陈。何海平文体旅局晋陵公司推进大庙弄核心区改造。芮春祥住建局五星街道3优化养老提供服务。"
         "张菁民政局各街道提升改造8家中心。序号项目名称主要内容区政府分管领导牵头单位配合单位4文体惠民新建")


# ---- read_unit_run

def test_a_run_of_glued_names_is_cut_where_every_piece_is_a_name():
    assert read_unit_run("五星街道南大街街道荷花池街道", 0) == (["五星街道", "南大街街道", "荷花池街道"], 14)
    # a bracketed label stays with its name; a short place name (经开区) is a name
    assert read_unit_run("经开区高新园(邹区镇)各街道", 0)[0] == ["经开区", "高新园(邹区镇)", "各街道"]


def test_a_run_stops_where_the_text_goes_on():
    # 推进大庙弄核心区 ends like a place but is too long for one: the run ends before it
    assert read_unit_run("轨道公司推进大庙弄核心区改造", 0) == (["轨道公司"], 4)
    assert read_unit_run("各街道提升改造8家", 0) == (["各街道"], 3)
    assert read_unit_run("推进建设。", 0) == ([], 0)


def test_a_name_that_would_open_with_a_closing_character_is_not_cut():
    assert read_unit_run("区政府办下陆公安分局", 0)[0] == ["区政府办", "下陆公安分局"]
    assert read_unit_run("区政府办区财政局", 0)[0] == ["区政府办", "区财政局"]


# ---- unglue_unit_columns

def test_glued_rows_with_a_lead_and_a_support_column_become_pipe_rows():
    text, n = unglue_unit_columns(GLUED)
    lines = text.split("\n")
    assert n == 3
    assert lines[:2] == ["分解表", "序号 | 主要内容 | 区政府分管领导 | 牵头单位 | 配合单位 |"]
    assert lines[2] == "1 | 增加学位新建学校12个。 | 何海平 | 教育局 | 经开区、高新园(邹区镇)、各街道 |"
    # two sub-rows: their sentences, persons, leads and partners are joined
    assert lines[3] == "2 | 老城厢复兴完成修缮展陈。推进大庙弄核心区改造。 | 何海平、芮春祥 | 文体旅局、住建局 | 晋陵公司、五星街道 |"
    # text after the units stays in the row; the header printed again ends it; the cut row 4 is left as text
    assert lines[4] == "3 | 优化养老提供服务。提升改造8家中心。 | 张菁 | 民政局 | 各街道 |"
    assert lines[5] == "4文体惠民新建"


def test_a_person_written_in_several_rows_fixes_the_length_of_the_name():
    # 何海 + 平人社局 would read too; 何海平 is written before three rows
    text = "序号工作任务分管领导牵头单位配合单位1稳就业。何海平人社局各街道2促创业。何海平教育局各街道3抓项目。何海平住建局"
    rows = unglue_unit_columns(text)[0].split("\n")[1:]
    assert [r.split(" | ")[2] for r in rows] == ["何海平"] * 3
    # a two-character name before a unit with a level prefix
    text = "序号工作任务分管领导牵头单位配合单位1稳就业。张菁区人社局各街道2促创业。王强区教育局"
    rows = unglue_unit_columns(text)[0].split("\n")[1:]
    assert [(r.split(" | ")[2], r.split(" | ")[3]) for r in rows] == [("张菁", "区人社局"), ("王强", "区教育局")]


def test_glued_tables_that_are_not_this_shape_are_left_alone():
    one_unit_column = "序号工作任务责任单位1抓项目。区发改局2稳就业。区人社局"
    assert unglue_unit_columns(one_unit_column) == (one_unit_column, 0)
    one_row = "序号工作任务牵头单位配合单位1抓项目。区发改局区财政局2抓"
    assert unglue_unit_columns(one_row) == (one_row, 0)
    assert unglue_unit_columns("没有表格的一段话。") == ("没有表格的一段话。", 0)
    piped = "序号工作任务牵头单位配合单位1抓项目。区发改局区财政局2稳就业。区人社局区民政局 | 备注"
    assert unglue_unit_columns(piped) == (piped, 0)


def test_the_viewer_document_with_two_unit_columns_is_read():
    doc = xg.read_document(DEV / "co_zhonglou_2021_minshengshishi.txt")
    assert [t.task_id for t in doc.tasks] == ["1", "2", "3", "4"]
    t3 = doc.tasks[2]
    assert [a.unit_raw for a in t3.raw_assignments if a.role == "lead"] == ["文体旅局", "住建局"]
    assert [a.unit_raw for a in t3.raw_assignments if a.role == "support"] == [
        "晋陵公司", "轨道公司", "五星街道", "南大街街道", "荷花池街道"]
    assert [p.name for p in t3.people] == ["何海平", "芮春祥"]
    # the chunk marker inside 高新园(邹区镇 / 2、)各街道 was removed before the table was read
    assert [a.unit_raw for a in doc.tasks[1].raw_assignments] == ["人社局", "高新园(邹区镇)", "各街道"]
    assert doc.report.conventions["layout_glued_unit_columns_rows"] == 4


# ---- unspace_rows

SPACED = ("项目规划表 单位:万元 序号 项目类别 项目名称 项目 地点 项目单位 建设起止年月 总投资 备注 * * "
          "1 产业平台 农家乐建设 相关乡镇(街道)村 县农办、相关乡镇村 2013.7-2017.12 3000 1500 直接补助 "
          "2 低丘开发 0 0 小计 0 0 "
          "3 特色产业 基地建设 相关村 农业局、林业局等相关部门;各农业经营主体 2013.7-2017.12 1、奖励; 2、贴息。 4660 "
          "4 加工业建设 相关村 林业局 2013.7-2017.12 200")


def test_spaced_rows_on_one_line_become_pipe_rows():
    text, n = unspace_rows(SPACED)
    assert n == 3
    assert text.split("\n") == [
        "项目规划表 单位:万元",
        "序号 | 项目名称 | 项目单位 |",
        "1 | 农家乐建设 | 县农办、相关乡镇村 |",
        # row 2 names no unit: not a task
        "3 | 基地建设 | 农业局、林业局等相关部门;各农业经营主体 |",
        # row 4 leaves out its category cell (it spans rows 3 and 4)
        "4 | 加工业建设 | 林业局 |",
    ]


def test_a_place_column_is_not_read_as_units():
    doc = xg.read_document(SPACED + "\n")
    assert [t.task_id for t in doc.tasks] == ["1", "3", "4"]
    assert [a.unit_raw for a in doc.tasks[0].raw_assignments] == ["县农办", "相关乡镇村"]
    assert [a.unit_raw for a in doc.tasks[1].raw_assignments] == ["农业局", "林业局", "各农业经营主体"]
    assert {a.role for t in doc.tasks for a in t.raw_assignments} == {"responsible"}


def test_spaced_text_that_is_no_such_table_is_left_alone():
    # rows on lines of their own are read by parse/tables.py, not here
    lines = "序号 类别 主要任务 牵头单位 参与单位\n1 水资源 严守红线。 市水利局 市发改委\n2 水环境 治污。 市环保局 市财政局"
    assert unspace_rows(lines) == (lines, 0)
    one_row = "序号 项目名称 项目单位 建设起止年月 1 农家乐建设 县农办 2013.7 0 0 0 0 0 0"
    assert unspace_rows(one_row) == (one_row, 0)
    piped = "序号 | 项目名称 | 项目单位 | 1 | 农家乐建设 | 县农办 | 2 | 基地建设 | 农业局 | 0 0 0"
    assert unspace_rows(piped) == (piped, 0)


def test_the_viewer_document_with_spaced_cells_is_read():
    lay = prepare((DEV / "co_suichang_2013_shanqujingji.txt").read_text(encoding="utf-8"))
    assert lay.conventions["layout_spaced_rows"] == 3
    doc = xg.read_document(DEV / "co_suichang_2013_shanqujingji.txt")
    assert [t.task_id for t in doc.tasks][:2] == ["1", "3"]
    assert [a.unit_raw for a in doc.tasks[0].raw_assignments] == ["县农办", "相关乡镇(街道)村"]


# ---- units: split names keep their pieces as written; two names run together

def test_the_pieces_of_a_split_name_are_the_units_as_written():
    doc = xg.read_document("1、抓项目。(牽頭單位:州行政審批服務局;責任單位:州司法局、州委編辦及州直相關單位)\n")
    assert [(a.unit_raw, a.rule) for a in doc.tasks[0].assignments if a.role == "support"] == [
        ("州司法局", "suffix"), ("州委編辦", "split"), ("州直相關單位", "split")]
    rows = {(r["unit_raw"], r["rule"]) for r in doc.unit_table}
    assert ("州委編辦及州直相關單位", "split") in rows


def test_two_names_run_together_are_split_when_the_document_names_one_alone():
    text = "专项整治安排表\n行业 | 时间安排 | 责任单位 |\n特种设备 | 7月份 | 工商质监所 安监站 |\n网吧 | 8月份 | 文化站 派出所工商质监所 |\n"
    doc = xg.read_document(text)
    assert [a.unit_raw for a in doc.tasks[1].assignments] == ["文化站", "派出所", "工商质监所"]
    assert doc.report.conventions["unit_pairs_split"] == {"派出所工商质监所": ["派出所", "工商质监所"]}
    # not without the name alone in the document
    alone = xg.read_document(text.replace("工商质监所 安监站", "安监站"))
    assert [a.unit_raw for a in alone.tasks[1].assignments] == ["文化站", "派出所工商质监所"]


def test_no_pair_split_into_a_bare_suffix_or_inside_a_listed_collective():
    t = load_unit_tables()
    assert split_pair("区政府办公室", {"办公室", "区政府"}, t) is None
    assert split_pair("县委办公室", {"办公室"}, t) is None
    assert [r.unit for r in resolve_name("城乡一体化示范区、高新区党工委和管委会", t)] == ["城乡一体化示范区、高新区党工委和管委会"]


def test_long_glued_tables_and_runs_are_read_in_linear_time():
    # 20,000 rows (row numbers of five digits), each person written once: all rewritten, in about a second
    text = "序号工作任务分管领导牵头单位配合单位" + "".join(
        f"{i}抓项目{i}。王{chr(0x4e00 + i % 5000)}平区发改局区财政局" for i in range(1, 20001))
    assert unglue_unit_columns(text)[1] == 20000
    # a run of 100,000 glued names is read over MAX_RUN characters only (one row: not a table)
    run = "序号工作任务分管领导牵头单位配合单位1抓。" + "区发改局" * 100000
    assert unglue_unit_columns(run) == (run, 0)
    assert len(read_unit_run("区发改局" * 100000, 0)[0]) == 100


def test_a_glued_two_column_table_in_full_width_and_traditional_label_words_is_read():
    """Issue 12 invariance: full-width brackets and traditional label words do not hide the table;
    the text before the table stays as written."""
    from xialu_graph.parse.viewer_rows import unglue_unit_columns

    t, n = unglue_unit_columns("表（一）序号项目名称主要内容分管领导牽頭單位配合單位1稳就业新增就业1万人。"
                               "何海平人社局高新园（邹区镇）各街道2抓项目开工10个。张菁区发改局区财政局3")
    assert n == 2
    assert t.split("\n") == [
        "表（一）",
        "序号 | 主要内容 | 分管领导 | 牵头单位 | 配合单位 |",
        "1 | 稳就业新增就业1万人。 | 何海平 | 人社局 | 高新园(邹区镇)、各街道 |",
        "2 | 抓项目开工10个。 | 张菁 | 区发改局 | 区财政局 |",
        "3",
    ]
