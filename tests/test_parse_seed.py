"""Exact expectations on the seed document (下陆区 2020) and the real excerpts."""

from __future__ import annotations

import re

import pytest

import xialu_graph as xg
from xialu_graph.model import ASSIGNMENT_COLUMNS, TASK_COLUMNS, UNIT_COLUMNS

from conftest import RAW


def test_counts(seed_doc):
    assert [t.task_id for t in seed_doc.tasks] == [str(i) for i in range(1, 107)]
    assert len(seed_doc.sections) == 8
    assert len(seed_doc.subsections) == 31
    assert sum(1 for t in seed_doc.tasks if t.units("lead")) == 86


def test_no_warning_beyond_chrome(seed_doc):
    assert seed_doc.report.warnings == []
    kinds = dict(seed_doc.report.line_kinds)
    assert [ln for ln, k in kinds.items() if k == "chrome"] == [1, 2, 3, 4]
    assert kinds[6] == kinds[7] == kinds[8] == "metadata"


def test_every_line_accounted_for(seed_doc, seed_text):
    lines = seed_text.split("\n")
    assert len(seed_doc.report.line_kinds) == len(lines)
    for (ln, kind), line in zip(seed_doc.report.line_kinds, lines):
        assert (kind == "blank") == (not line.strip()), ln
    counts = seed_doc.report.kind_counts()
    assert counts["task"] == 106 and counts["section"] == 8 and counts["subsection"] == 31
    assert counts["continuation"] == 1  # the second half of task 54


def test_metadata(seed_doc):
    md = seed_doc.metadata
    assert md.title == "2020年区政府重点工作责任分解"
    assert md.issuer == "下陆区政府办公室"
    assert md.date == "2020-06-28"
    assert md.index_number == "000014349/2020-105482"
    assert md.year == 2020
    assert md.place == "下陆区"


def test_task_22(seed_doc):
    t = seed_doc.task(22)
    assert t.units("lead") == ["区应急管理局"]
    assert t.units("support") == ["区科信局", "下陆生态环境分局", "下陆消防救援大队", "下陆公安分局"]
    assert t.section_no == "二" and t.subsection_no == "三"
    assert t.subsection == "坚决把牢不发生重大风险底线"


def test_task_54_joined_across_line_break(seed_doc):
    t = seed_doc.task(54)
    assert t.text == "有序实施垃圾分类工作,确保机关事业单位垃圾分类覆盖率达100%,打造1-2个垃圾分类示范街道。"
    assert (t.line_start, t.line_end) == (93, 94)
    assert t.units("lead") == ["区城管执法局"]


def test_task_16_compound_split(seed_doc):
    t = seed_doc.task(16)
    sup = [(a.unit, a.unit_raw, a.rule) for a in t.assignments if a.role == "support"][:3]
    assert sup == [
        ("区建设局", "区建设局", "suffix"),
        ("区城管执法局", "区城管执法局", "split"),
        ("河湖长制成员单位", "河湖长制成员单位", "split"),
    ]
    # each unit's unit_raw is its own piece as written (line 41: 区城管执法局及河湖长制成员单位);
    # the units table keeps the whole name as written, split in two
    rows = [(r["unit_raw"], r["unit"], r["rule"]) for r in seed_doc.unit_table if r["rule"] == "split"]
    assert ("区城管执法局及河湖长制成员单位", "区城管执法局", "split") in rows
    assert ("区城管执法局及河湖长制成员单位", "河湖长制成员单位", "split") in rows
    kinds = {a.unit: a.unit_kind for a in t.assignments}
    assert kinds["河湖长制成员单位"] == "collective"


def test_task_61_responsible_no_lead(seed_doc):
    t = seed_doc.task(61)
    assert t.units("lead") == []
    assert t.units("responsible") == ["区建设局", "区站区办", "东街办", "老街办", "团街办", "新街办"]
    direct = [a.unit_raw for a in t.assignments if not a.via]
    assert direct == ["区建设局", "区站区办"]


def test_responsible_tasks(seed_doc):
    ids = [t.task_id for t in seed_doc.tasks if t.units("responsible")]
    assert len(ids) == 20
    assert {"5", "12", "18", "61"} <= set(ids)
    assert all(not seed_doc.task(i).units("lead") for i in ids)


def test_collective_expansion_task_1(seed_doc):
    rows = [(a.unit, a.role, a.via, a.unit_kind) for a in seed_doc.task(1).assignments]
    assert rows == [
        ("区卫健局", "lead", "", "department"),
        ("区疫情防控指挥部成员单位", "support", "", "collective"),
        ("东街办", "support", "各街办(新区)", "street_office"),
        ("老街办", "support", "各街办(新区)", "street_office"),
        ("团街办", "support", "各街办(新区)", "street_office"),
        ("新街办", "support", "各街办(新区)", "street_office"),
    ]


def test_aliases_and_labels(seed_doc):
    a52 = {a.unit_raw: a for a in seed_doc.task(52).assignments}
    assert a52["区公安分局"].unit == "下陆公安分局" and a52["区公安分局"].rule == "alias"
    assert a52["区公安分局"].unit_kind == "vertical"
    a46 = {a.unit_raw: a for a in seed_doc.task(46).assignments}
    assert a46["区财政(国资)局"].unit == "区财政局" and a46["区财政(国资)局"].note == "国资"
    a65 = {a.unit_raw: a for a in seed_doc.task(65).assignments}
    assert a65["区建设局(人防办)"].unit == "区建设局" and a65["区建设局(人防办)"].note == "人防办"
    a19 = {a.unit_raw: a for a in seed_doc.task(19).assignments}
    assert (a19["东街办(工业新区)"].unit, a19["东街办(工业新区)"].note) == ("东街办", "工业新区")
    a91 = {a.unit_raw: a for a in seed_doc.task(91).assignments}
    assert a91["政府各相关部门"].unit == "区政府各相关部门"
    assert a91["政府各相关部门"].unit_kind == "collective"


def test_unknown_collectives_stay_one_node(seed_doc):
    kinds = {a.unit: a.unit_kind for a in seed_doc.assignments}
    for name in ("区政府各部门", "各市级垂管单位", "区疫情防控指挥部成员单位", "各相关部门"):
        assert kinds[name] == "collective"
    assert kinds["区扶贫工作专班"] == "task_force"
    assert kinds["区长乐投资公司"] == "enterprise"
    assert kinds["交巡警下陆大队"] == "vertical"


def test_lead_counts_match_raw_text(seed_doc, seed_text):
    """Counted from the raw text by regular expressions independent of the parser."""
    leads = re.findall(r"牵头单位:([^;\]]*)", seed_text)
    n_fagai_lead = sum("区发改局" in seg.split("、") for seg in leads)
    load = [a for a in seed_doc.assignments if a.unit == "区发改局"]
    assert sum(a.role == "lead" for a in load) == n_fagai_lead == 8
    supports = re.findall(r"责任单位:([^\]]*)\]", seed_text)
    n_fagai_any = sum("区发改局" in seg.split("、") for seg in supports)
    assert sum(a.role != "lead" for a in load) == n_fagai_any == 17


def test_frames_have_documented_columns(seed_doc):
    assert list(seed_doc.tasks_frame().columns) == list(TASK_COLUMNS)
    af = seed_doc.assignments_frame()
    assert list(af.columns) == list(ASSIGNMENT_COLUMNS)
    assert list(seed_doc.units_frame().columns) == list(UNIT_COLUMNS)
    assert len(seed_doc.tasks_frame()) == 106
    assert not af.duplicated(["task_id", "unit"]).any()


def test_units_frame_provenance(seed_doc):
    uf = seed_doc.units_frame()
    row = uf[uf.unit_raw == "区公安分局"].iloc[0]
    assert (row.unit, row.rule, row.source) == ("下陆公安分局", "alias", "aliases.csv")
    exp = uf[uf.unit_raw == "各街办(新区)"]
    assert sorted(exp.unit) == sorted(["东街办", "老街办", "团街办", "新街办"])
    assert set(exp.rule) == {"collective"}


@pytest.mark.parametrize(
    "name, n_tasks, last_cut, cut_line",
    [
        ("huangshigang_2021_excerpt", 12, "13.", 47),
        ("huangshigang_2022_excerpt", 10, "11.", 42),
        ("huangshigang_2025_excerpt", 10, "11.", 54),
        ("xialu_2023_excerpt", 1, "2.", 27),
    ],
)
def test_excerpts_report_cut_item(name, n_tasks, last_cut, cut_line):
    doc = xg.read_document(RAW / f"{name}.txt")
    assert [t.task_id for t in doc.tasks] == [str(i) for i in range(1, n_tasks + 1)]
    assert doc.report.truncated.startswith(last_cut)
    w = [w for w in doc.report.warnings if w.code == "truncated_item"]
    assert len(w) == 1 and w[0].line == cut_line


def test_huangshigang_2021_details():
    doc = xg.read_document(RAW / "huangshigang_2021_excerpt.txt")
    md = doc.metadata
    assert (md.place, md.year, md.date, md.doc_number) == ("黄石港区", 2021, "2021-06-02", "港政发〔2021〕1号")
    assert doc.task(2).units("responsible") == ["区科经局"]
    assert doc.task(10).heading == "加快临空商务产业园起步建设。"
    assert doc.task(9).units() == ["区发改局", "区科经局", "区生态环境分局"]
    assert doc.task(12).units() == ["区临空办", "花湖街道办事处"]


def test_huangshigang_2025_run_together_units():
    doc = xg.read_document(RAW / "huangshigang_2025_excerpt.txt")
    t = doc.task(7)
    assert [(a.unit, a.rule) for a in t.assignments] == [("区财政局", "split"), ("区税务局", "split")]
    assert doc.task(10).units("lead") == ["区发改局"] and doc.task(10).units("support") == ["花湖街办"]
    assert doc.task(10).heading == "打造临空经济桥头堡"


def test_xialu_2023_excerpt():
    doc = xg.read_document(RAW / "xialu_2023_excerpt.txt")
    assert doc.task(1).units("responsible") == ["老街办", "区招商服务中心", "长乐投资有限公司"]
    kinds = {a.unit: a.unit_kind for a in doc.task(1).assignments}
    assert kinds["长乐投资有限公司"] == "enterprise"
    assert doc.metadata.year == 2023 and doc.metadata.date == "2022-12-27"
