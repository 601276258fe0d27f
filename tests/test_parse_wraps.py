"""Text hard-wrapped at a fixed width, as copied out of a PDF, reads like the unwrapped text
(issue 12; xialu_graph/parse/wraps.py)."""

from __future__ import annotations

import xialu_graph as xg
from xialu_graph.parse.wraps import join_hard_wraps, wrap_width

UNWRAPPED = "\n".join([
    "区政府重点工作责任分解",
    "一、稳增长",
    "1.推进重大项目建设,加快产业转型升级,完善项目推进机制,全年新开工项目三十个以上。"
    "(牵头单位:区发改局;责任单位:区财政局、区住建局、区自然资源和规划局)",
    "2.稳定就业,新增城镇就业一万人,城镇登记失业率控制在百分之三点五以内,扶持创业带动就业。"
    "(牵头单位:区人社局;责任单位:区财政局、区教育局)",
    "3.优化营商环境,深化放管服改革,推进一网通办,企业开办时间压缩至一个工作日以内。"
    "(牵头单位:区政务服务和大数据管理局;责任单位:区市场监管局、区司法局)",
])


def _wrap(text, width):
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def _pairs(text):
    doc = xg.read_document(text)
    return [(t.number, [(a.role, a.unit_raw) for a in t.raw_assignments]) for t in doc.tasks]


def test_the_wrap_width_is_found_and_the_lines_joined_back():
    wrapped = _wrap(UNWRAPPED, 20)
    assert wrap_width(wrapped.split("\n")) == 20
    assert join_hard_wraps(wrapped) == (UNWRAPPED, wrapped.count("\n") - UNWRAPPED.count("\n"))


def test_a_hard_wrapped_document_reads_like_the_unwrapped_one():
    expected = _pairs(UNWRAPPED)
    assert [n for n, _ in expected] == [1, 2, 3]
    assert expected[2][1] == [("lead", "区政务服务和大数据管理局"), ("support", "区市场监管局"), ("support", "区司法局")]
    assert _pairs(_wrap(UNWRAPPED, 20)) == expected


def test_a_line_that_could_open_an_item_is_not_joined():
    lines = [f"推进项目建设加快产业发展完善机制第{k}" for k in range(5)]
    text = "\n".join(lines + ["2.抓项目。"])
    assert join_hard_wraps(text)[0] == "".join(lines) + "\n2.抓项目。"
    assert join_hard_wraps("\n".join(lines + ["2020年完成。"]))[0].endswith("\n2020年完成。")


def test_a_text_of_paragraph_lines_is_not_rewrapped():
    assert wrap_width(UNWRAPPED.split("\n")) == 0
    assert join_hard_wraps(UNWRAPPED) == (UNWRAPPED, 0)
    table = "\n".join(f"{k} | 推进项目建设加快产业发展 | 区发改局 |" for k in range(1, 8))
    assert join_hard_wraps(table) == (table, 0)


def test_a_cut_right_after_a_space_keeps_the_space_and_the_line_counts_as_full():
    """Cells separated by spaces (a table copied as text): the cut falls after a space."""
    rows = [f"{k} 推进项目建设 加快产业发展完善机制 " for k in range(1, 7)]
    wrapped = "\n".join(r + "区发改局 区财政局" for r in rows)
    cut = "\n".join(r + "\n区发改局 区财政局" for r in rows)
    assert wrap_width(cut.split("\n")) == len(rows[0].rstrip())
    assert join_hard_wraps(cut) == (wrapped, 6)


def test_an_attachment_line_after_a_full_line_is_not_joined():
    lines = [f"推进项目建设加快产业发展完善机制第{k}" for k in range(5)]
    text = "\n".join(lines + ["附件2", "重点任务分解表"])
    assert join_hard_wraps(text)[0] == "".join(lines) + "\n附件2\n重点任务分解表"

def test_a_table_of_one_cell_per_line_is_left_to_the_table_reader():
    cells = [f"推进项目建设加快产业发展完善{k}" for k in range(6)]
    text = "\n|\n".join(c + "\n机制。" for c in cells)
    assert wrap_width(text.split("\n")) == 15
    assert join_hard_wraps(text) == (text, 0)


def test_items_that_happen_to_be_as_long_as_each_other_are_not_a_wrap():
    """A hypothesis case of test_parse_grammar_forms: five lines of 15 characters, each a heading,
    an item or a sentence, are not a text wrapped at 15."""
    text = ("各单位:\n现将工作分解如下,请认真落实。\n一、孟学农省长负责的工作\n(一)区招商服务中心牵头的工作\n"
            "推进推进,推进推进,推进推进。\n协同单位:区发改局、区财政局。\n(二)区招商服务中心牵头的工作\n1.推进,推进。\n")
    assert wrap_width(text.split("\n")) == 0
    assert join_hard_wraps(text) == (text, 0)


def test_page_lines_of_one_length_do_not_hide_the_wrap_width():
    # a document site's page list (…_第3页 eight times, all 29 characters) outnumbers the lines of
    # a short wrapped text: the next most common length is tried
    pages = [line for k in range(1, 9) for line in (f"钟楼区2023年生活垃圾分类工作任务清单.docx_第{k}页", f"第{k}页 / 共8页")]
    assert [len(p) for p in pages[:2]] == [29, 9]
    wrapped = _wrap(UNWRAPPED, 35)  # six full lines of 35 characters, fewer than the eight page lines
    assert sum(len(x) == 35 for x in wrapped.split("\n")) == 6
    assert wrap_width(pages + wrapped.split("\n")) == 35
    assert _pairs("\n".join(pages) + "\n" + wrapped) == _pairs(UNWRAPPED)


def test_a_unit_cell_cut_after_a_comma_goes_on_on_the_next_line():
    # one cell per line (a web table), and one row per line with cells between spaces: the cut
    # after 区卫健委, leaves the rest of the list on a line of its own
    cells = ("序号\n工作任务\n主要责任单位\n协同配合单位\n1\n固定资产投资增长7.5%左右。\n区发改委\n"
             "区工信局、区住建局、区卫健委,\n各乡镇人民政府、街道办事处,\n魏武国控集团。\n2\n地区生产总值增长6.5%。\n区统计局\n区发改委\n")
    spaced = ("序号 重点工作任务 主要责任单位 协同配合单位\n1 固定资产投资增长7.5%左右。 区发改委 区工信局、区住建局、区卫健委,\n"
              "各乡镇人民政府、街道办事处,\n魏武国控集团。\n2 地区生产总值增长6.5%。 区统计局 区发改委\n")
    first = [("responsible", "区发改委")] + [("support", u) for u in
                                           ["区工信局", "区住建局", "区卫健委", "各乡镇人民政府", "街道办事处", "魏武国控集团"]]
    for text in (cells, spaced):
        assert _pairs(text) == [(1, first), (2, [("responsible", "区统计局"), ("support", "区发改委")])]


def test_a_label_line_cut_after_a_separator_and_a_bracket_cut_before_its_full_stop_go_on():
    label = ("6.推进企业腾笼换鸟。\n责任单位:省经信厅、省发展改革委、省科技厅、\n省消防救援总队\n"
             "7.培育企业梯队。\n责任单位:省经信厅\n")
    assert _pairs(label) == [(6, [("responsible", u) for u in ["省经信厅", "省发展改革委", "省科技厅", "省消防救援总队"]]),
                             (7, [("responsible", "省经信厅")])]
    rule = ("一、加快调整能源结构\n1.制订煤炭消费总量控制方案。(省经信委、省发改委(省能源局)\n。列第一位者为牵头部门,下同)\n"
            "2.禁止配套建设自备燃煤电站。(省发改委、省经信委)\n")
    assert _pairs(rule) == [(1, [("lead", "省经信委"), ("support", "省发改委(省能源局)")]),
                            (2, [("lead", "省发改委"), ("support", "省经信委")])]


def test_label_lines_of_one_length_under_short_items_are_no_wrap():
    # found by the rich-document property test (not derandomised): five lines of 16 characters,
    # three of them label lines, read as a text wrapped at 16 — the label joined the task's text
    text = ("关于印发2022年区政府重点工作分解意见的通知\n2022年区政府重点工作分解意见\n一、推进,推进\n（1）推进,推进,推进推进推进。\n"
            "牵头单位:区发改局\n责任单位:区财政局\n（2）推进,推进。\n责任单位:区发改局、区城管执法局\n二、推进,推进\n"
            "（3）推进,推进推进推进,推进。\n牵头单位:区发改局、区城管执法局\n责任单位:区财政局\n")
    assert wrap_width(text.split("\n")) == 0
    doc = xg.read_document(text)
    assert doc.tasks[0].text == "推进,推进,推进推进推进。"
    assert _pairs(text)[0] == (1, [("lead", "区发改局"), ("support", "区财政局")])
