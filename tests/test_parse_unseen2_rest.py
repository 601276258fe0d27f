"""More forms met in the second unseen set (tests/genre/unseen2, issue 12, branch unseen2-rest):
each rule on a small made-up document, so a change that breaks it fails here and not only in the
corpus score."""

from __future__ import annotations

import xialu_graph as xg
from xialu_graph.parse.glued import join_viewer_chunks, unglue_tables


def _pairs(text: str) -> dict:
    af = xg.read_document(text).assignments_frame()
    col = "task_number" if "task_number" in af.columns else "task_id"
    out: dict = {}
    for r in af.itertuples():
        out.setdefault(str(getattr(r, col)), []).append((r.role, r.unit))
    return out


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
