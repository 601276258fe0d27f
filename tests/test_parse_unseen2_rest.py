"""More forms met in the second unseen set (tests/genre/unseen2, issue 12, branch unseen2-rest):
each rule on a small made-up document, so a change that breaks it fails here and not only in the
corpus score."""

from __future__ import annotations

import xialu_graph as xg
from genre import assignment_pairs as _pairs
from xialu_graph.parse.glued import join_viewer_chunks, unglue_tables


def test_a_glued_row_drops_its_deadline_cell_after_the_units():
    text, n = unglue_tables("清单序号任务名称目标内容主要责任单位完成期限1习惯培养开展宣传活动。区委宣传部、区城管局等按职责分工负责全年"
                            "2分类收运建成收运体系。区城管局2023年6月底前3设施建设建")
    assert n == 2
    assert text.split("\n")[1:4] == ["序号 | 任务名称 | 主要责任单位 |",
                                     "1 | 习惯培养开展宣传活动。 | 区委宣传部、区城管局等按职责分工负责 |",
                                     "2 | 分类收运建成收运体系。 | 区城管局 |"]


def test_a_glued_row_cut_before_its_deadline_is_no_row():
    text, n = unglue_tables("清单序号任务名称目标内容主要责任单位完成期限1习惯培养开展宣传活动。区委宣传部全年2分类收运建成收运体系。区城管局")
    assert n == 1 and text.endswith("\n2分类收运建成收运体系。区城管局")


def test_viewer_chunks_separated_by_a_blank_line_join():
    body = "开展宣传活动。" * 50
    text, n = join_viewer_chunks(f"1、清单{body}区城\n\n2、管局全年")
    assert n == 1 and text == f"清单{body}区城管局全年"


def test_a_glued_table_with_a_deadline_column_reads_its_responsible_units():
    body = "落实垃圾分类联动机制,开展联动会议、活动每季度不少于2次;组织党员和干部参与垃圾分类活动" * 4
    text = (f"1、垃圾分类工作任务清单序号任务名称目标内容主要责任单位完成期限1习惯培养{body}。镇(街道)、区委组织部等按职责分工负责全年"
            f"2统筹{body}。镇(街道\n\n2、)\n")
    assert _pairs(text) == {"1": [("responsible", "镇"), ("responsible", "区委组织部")]}


def test_a_piped_one_cell_per_line_table_reads_a_wrapped_cell_as_one():
    # every cell followed by a `|` line; the towns cell and the group cell wrap over lines
    rows = [["(一)", "持续", "推进", "示范村", "建设"], ["1"], ["完成年度", "示范村建设"], ["完成1个示范村建设。"],
            ["区农业农村委*"], ["浦江镇"], ["10月底"],
            ["2"], ["开展市级", "美丽乡村创建"], ["按市级部署开展美丽乡村示范村创建工作。"], ["区农业农村委*"],
            ["浦江镇、浦锦街道、", "马桥镇、华漕镇"], ["12月底"],
            ["(二)", "全面", "推进", "农民", "集中", "居住"], ["3"], ["推进集中居住"], ["持续稳妥推进农民相对集中居住。"],
            ["区农业农村委*、", "区房管局"], ["梅陇镇"], ["12月底"]]
    body = "\n".join("\n".join(cell) + "\n|" for cell in rows)
    text = ("乡村振兴重点任务\n类别\n|\n序号\n|\n任务名称\n|\n任务要求及举措\n|\n责任部门\n(加*号为牵头部门,\n其余为参与部门)\n|\n"
            "责任街镇\n|\n完成时间节点\n|\n" + body + "\n")
    got = _pairs(text)
    assert got["2"] == [("lead", "区农业农村委"), ("support", "浦江镇"), ("support", "浦锦街道"),
                        ("support", "马桥镇"), ("support", "华漕镇")]
    assert got["3"] == [("lead", "区农业农村委"), ("support", "区房管局"), ("support", "梅陇镇")]
    doc = xg.read_document(text)
    assert [t.heading for t in doc.tasks] == ["(一)持续推进示范村建设"] * 2 + ["(二)全面推进农民集中居住"]


def test_a_site_watermark_inside_a_label_is_removed():
    mark = "资料之家—全网资源每日更新www.ziliaozj.com"
    text = (f"{mark}区乡村振兴行动计划\n一、加强领导\n(一)强化组织领导。落实优先发展战略。【牵{mark}头单位:区农业农村局(区委农办);"
            "责任单位:区委农村工作领导小组成员单位】\n(二)落实责任体系。落实三级书记抓乡村振兴。【牵头单位:区农业农村局;责任部门:区委办】")
    got = _pairs(text)
    assert got["1"] == [("lead", "区农业农村局"), ("support", "区委农村工作领导小组成员单位")]
    assert got["2"] == [("lead", "区农业农村局"), ("support", "区委办")]
    assert xg.read_document(text).report.conventions["layout_watermarks_removed"] == 2


def test_a_watermark_glued_twice_to_a_table_header_is_removed():
    # found by the fresh-forms property test (not derandomized): the two glued copies read as two
    # different addresses (…nethtt, www.…net), each written once, so neither was removed and the
    # header was not read: "no tasks found"
    text = ("http://www.wendang.nethttp://www.wendang.net专项整治行业名称 | 时间安排 | 责任单位 |\n"
            "烟花爆竹 | 1月份 | 安监站 |\n")
    assert _pairs(text) == {"1": [("responsible", "安监站")]}


def test_a_web_address_written_once_is_kept():
    from xialu_graph.parse.watermark import strip_watermarks
    assert strip_watermarks("详见www.gov.cn,或www.gd.gov.cn。") == ("详见www.gov.cn,或www.gd.gov.cn。", 0)


def test_a_table_with_each_further_cell_behind_a_pipe_and_an_empty_corner_reads_its_rows():
    # 附件 list of titles (unassigned), then 附件1: caption, a header whose first cell is empty,
    # rows with no number (numbered in order); the only attachment with tasks needs no id prefix
    text = ("各县区要高度重视节能工作。\n附件:1.各县区降低指标;\n2.节能目标责任考核计分表。\n附件1\n各县区降低指标\n"
            "| 2008年降低率指标(%)\n| 责任单位\n|\n新乡县\n| 5.2\n| 新乡县政府\n|\n获嘉县\n| 5.1\n| 获嘉县政府\n|\n")
    assert _pairs(text) == {"1": [("responsible", "新乡县政府")], "2": [("responsible", "获嘉县政府")]}
    assert xg.read_document(text).report.conventions["layout_prefixed_cells_rows"] == 3


def test_prefixed_cells_need_two_rows_of_one_width():
    from xialu_graph.parse.prefixed import join_prefixed_cells
    one = "说明\n| 见附件\n|\n正文。"
    assert join_prefixed_cells(one) == (one, 0)
    # a line before the first pipe line that is no column word is a caption: the corner stays empty
    t, n = join_prefixed_cells("节能指标\n| 责任单位\n|\n新乡县\n| 新乡县政府\n|\n获嘉县\n| 获嘉县政府\n|")
    assert n == 3 and t.split("\n")[:2] == ["节能指标", "|| 责任单位 |"]
    # a column word there is the header's first cell
    t, n = join_prefixed_cells("工作任务\n| 责任单位\n|\n抓项目\n| 区发改局\n|\n稳就业\n| 区人社局\n|")
    assert n == 3 and t.split("\n") == ["工作任务 | 责任单位 |", "抓项目 | 区发改局 |", "稳就业 | 区人社局 |"]


def test_a_labelled_list_running_into_a_flattened_table_ends_at_its_last_unit():
    # labels separated by spaces, and the district table's header and figures right after the list
    text = ("3.新辟公交线路10条。 牵头领导:王仁洲 责任单位:市交通委 项目责任人:劳可军 配合单位:市公安局、市城管局,各区政府 "
            "鄞州 海曙、江东、江北 镇海 北仑 合计 新辟线路年度目标 2 5 1 2 10 实际完成 1 2 0 3 6\n")
    assert _pairs(text) == {"3": [("responsible", "市交通委"), ("support", "市公安局"), ("support", "市城管局"),
                                  ("support", "各区政府")]}


def test_an_indented_table_with_each_further_cell_behind_a_pipe_reads_its_rows():
    rows = "附件1\n各县区降低指标\n| 降低率(%)\n| 责任单位\n|\n新乡县\n| 5.2\n| 新乡县政府\n|\n获嘉县\n| 5.1\n| 获嘉县政府\n|\n"
    indented = "\n".join("\u3000\u3000" + line if line else line for line in rows.split("\n"))
    assert _pairs(indented) == _pairs(rows) == {"1": [("responsible", "新乡县政府")], "2": [("responsible", "获嘉县政府")]}


def test_items_of_two_numbering_styles_that_each_carry_units_are_both_tasks():
    # a compilation of excerpts (unseen4): (八) in one place, 2. in the next, each with its bracket;
    # a unit named after its place takes no level prefix from the list (places.csv)
    text = ("营商环境政策汇编:\n(五)获取金融服务。推动完善担保交易\n"
            "(八)提升涉案信息查询便利度。(责任单位:市高院、市公安局、上海银保监局;各区政府)\n"
            "2.完善综合竣工验收制度。(责任部门:市住房城乡建设管理委、市水务局)\n")
    doc = xg.read_document(text)
    assert [(t.numbering, t.units()) for t in doc.tasks] == [
        ("(五)", []), ("(八)", ["市高院", "市公安局", "上海银保监局", "各区政府"]),
        ("2.", ["市住房城乡建设管理委", "市水务局"])]
