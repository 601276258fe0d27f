"""responsibility_checks and unit_checks: hand-made plan and counts taken from the seed text by grep."""

from __future__ import annotations

import pytest

from metrics_helpers import HAND, make_graph
from xialu_graph.graph import build_graph
from xialu_graph.metrics import UNIT_CHECK_COLUMNS, UNIT_CHECKS, responsibility_checks, unit_checks

SPEC = HAND + [
    ("6", "三", "两个牵头", [("A", "lead"), ("D", "lead"), ("B", "support")]),
    ("7", "三", "只有街办", [("东街办", "responsible", "street_office", "各街办(新区)"),
                          ("老街办", "responsible", "street_office", "各街办(新区)")]),
    ("8", "三", "没有单位", []),
    ("9", "三", "很多单位", [("A", "lead")] + [(f"U{i}", "support") for i in range(9)]),
]


# -- unit_checks: units that support and never lead ---------------------------------------
def test_unit_checks_hand():
    df = unit_checks(make_graph(SPEC))
    assert list(df.columns) == UNIT_CHECK_COLUMNS and set(df.check) == set(UNIT_CHECKS)
    # C supports (task 2) and is responsible (3) but never leads; B the same; U0..U8 support;
    # 东街办 / 老街办 support task 4. The collective is skipped by default.
    assert df.unit.tolist() == sorted(["B", "C"] + [f"U{i}" for i in range(9)] + ["东街办", "老街办"])
    c = df[df.unit == "C"].iloc[0]
    assert (c.n_support, c.n_responsible, c.n_lead, c.label) == (1, 1, 0, "只配合、从不牵头的单位")


def test_unit_checks_seed(seed_doc):
    df = unit_checks(build_graph(seed_doc))
    assert "区发改局" not in set(df.unit) and "区科信局" not in set(df.unit)
    assert (df.n_support > 0).all() and (df.n_lead == 0).all()


def test_many_units_is_a_task_check():
    G = make_graph(SPEC)
    df = responsibility_checks(G, checks=["many_units"])
    assert df.task_id.tolist() == ["9"] and df.n_units.tolist() == [10]
    # tasks with more than 2 units: 2 (3), 4 (D, A, 各街办(新区) as written: 3), 6 (3), 9 (10)
    assert responsibility_checks(G, checks=["many_units"], many_units=2).task_id.tolist() == ["2", "4", "6", "9"]


def test_seed_no_lead_is_two_questions(seed_doc):
    # grep -c '\[牵头单位:' → 86 of 106 tasks name a lead: the other 20 split into one unit
    # in charge (not a gap) and several units none leading
    df = responsibility_checks(build_graph(seed_doc))
    counts = df.check.value_counts()
    assert counts["several_no_lead"] + counts["one_responsible"] == 106 - 86
    # grep -o '牵头单位:[^];]*' | grep -c '、' → 9 tasks with two leads
    assert counts["many_leads"] == 9
    assert "no_units" not in counts
    # task 22 has one lead and four supports: no finding on it
    assert "22" not in set(df.task_id)


# -- responsibility_checks: one check per question, with task text and units -----------------
from xialu_graph.metrics.checks import (  # noqa: E402
    CHECK_LABELS_ZH,
    RESPONSIBILITY_CHECKS,
    RESPONSIBILITY_COLUMNS,
)


def test_responsibility_hand():
    spec = SPEC + [("10", "三", "一个责任单位", [("C", "responsible")])]
    df = responsibility_checks(make_graph(spec))
    assert list(df.columns) == RESPONSIBILITY_COLUMNS
    by = {c: df[df.check == c].task_id.tolist() for c in RESPONSIBILITY_CHECKS}
    # task 3 (B, C) has no lead; task 7's two street offices are one collective as written,
    # 各街办(新区) — one named unit, not a gap; task 10 names C alone
    assert by["several_no_lead"] == ["3"]
    assert by["one_responsible"] == ["5", "7", "10"]
    assert by["diffuse"] == ["5"]  # 区政府各部门; 各街办(新区) names four known offices
    assert by["only_collectives"] == ["5", "7"]
    assert by["many_leads"] == ["6"] and by["no_units"] == ["8"]
    r = df[(df.check == "only_collectives") & (df.task_id == "7")].iloc[0]
    assert (r.units, r.n_units, r.n_leads, r.task_text) == ("各街办(新区)", 1, 0, "只有街办")
    # document order, not alphabetical: task 4 is D, A, 各街办(新区)
    G = make_graph(spec)
    full = responsibility_checks(G, many_leads=1)
    assert full[(full.check == "many_leads") & (full.task_id == "4")].units.tolist() == ["D、A、各街办(新区)"]
    assert set(df.label) <= set(CHECK_LABELS_ZH.values()) and df.label.iloc[0] == "多个单位、无牵头单位"
    with pytest.raises(ValueError):
        responsibility_checks(G, checks=["no_lead"])


def test_responsibility_seed(seed_doc):
    df = responsibility_checks(build_graph(seed_doc))
    by = {c: df[df.check == c].task_id.tolist() for c in RESPONSIBILITY_CHECKS}
    # the 20 tasks without a lead split in half: 10 name one unit, 10 name several
    assert len(by["several_no_lead"]) == 10 and len(by["one_responsible"]) == 10
    assert by["one_responsible"] == ["12", "18", "47", "64", "79", "81", "86", "87", "89", "98"]
    assert "52" in by["several_no_lead"]  # 8 units, none leading
    # diffuse: every task naming 区政府各部门 is among the 28 (grep -n 区政府各部门: 17 lines, the
    # first is the salutation on line 13, the other 16 are tasks 41 … 105)
    tasks_all_depts = df[(df.check == "diffuse") & df.units.str.contains("区政府各部门")]
    assert len(tasks_all_depts) == 16 and len(by["diffuse"]) == 28
    assert by["only_collectives"] == ["101"] and len(by["many_leads"]) == 9
    # the same findings whatever the collective policy
    keep = responsibility_checks(build_graph(seed_doc, collectives="keep"))
    assert keep.drop(columns="units").equals(df.drop(columns="units"))
