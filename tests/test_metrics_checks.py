"""accountability_checks: hand-made plan and counts taken from the seed text by grep."""

from __future__ import annotations

import pytest

from metrics_helpers import HAND, make_graph
from xialu_graph.graph import build_graph
from xialu_graph.metrics import CHECK_COLUMNS, CHECKS, accountability_checks

SPEC = HAND + [
    ("6", "三", "两个牵头", [("A", "lead"), ("D", "lead"), ("B", "support")]),
    ("7", "三", "只有街办", [("东街办", "responsible", "street_office", "各街办(新区)"),
                          ("老街办", "responsible", "street_office", "各街办(新区)")]),
    ("8", "三", "没有单位", []),
    ("9", "三", "很多单位", [("A", "lead")] + [(f"U{i}", "support") for i in range(9)]),
]


@pytest.fixture(scope="module")
def checks():
    return accountability_checks(make_graph(SPEC), max_units=8)


def found(df, check):
    sub = df[df.check == check]
    return sub.task_id.tolist() if check != "support_never_leads" else sub.unit.tolist()


def test_columns(checks):
    assert list(checks.columns) == CHECK_COLUMNS
    assert list(dict.fromkeys(checks.check)) == [c for c in CHECKS if c in set(checks.check)]


def test_hand(checks):
    # task 3 (B, C responsible), task 5 (collective responsible), task 7 (街办 responsible)
    assert found(checks, "no_lead") == ["3", "5", "7"]
    assert found(checks, "no_units") == ["8"]
    assert found(checks, "several_leads") == ["6"]
    assert checks[checks.check == "several_leads"].value.tolist() == [2]
    # task 5: only 区政府各部门 (a collective); task 7: only units expanded from 各街办(新区)
    assert found(checks, "only_collectives") == ["5", "7"]
    assert "各街办(新区)" in checks[checks.task_id == "7"].detail.iloc[-1]
    assert found(checks, "many_units") == ["9"]
    assert checks[checks.check == "many_units"].value.tolist() == [10]
    # C supports (task 2) and is responsible (3) but never leads; B the same; U0..U8 support;
    # 东街办 / 老街办 support task 4. The collective is skipped by default.
    assert found(checks, "support_never_leads") == sorted(["B", "C"] + [f"U{i}" for i in range(9)] + ["东街办", "老街办"])


def test_options():
    G = make_graph(SPEC)
    only = accountability_checks(G, checks=["many_units"], max_units=2)
    assert set(only.check) == {"many_units"}
    # tasks with more than 2 units: 1? no (2); 2 (3); 4 (4); 6 (3); 9 (10)
    assert only.task_id.tolist() == ["2", "4", "6", "9"]
    with pytest.raises(ValueError):
        accountability_checks(G, checks=["nonsense"])
    assert accountability_checks(G).shape[1] == len(CHECK_COLUMNS)


def test_seed(seed_doc):
    df = accountability_checks(build_graph(seed_doc))
    counts = df.check.value_counts()
    # grep -c '\[牵头单位:' → 86 of 106 tasks name a lead
    assert counts["no_lead"] == 106 - 86
    # grep -o '牵头单位:[^];]*' | grep -c '、' → 9 tasks with two leads
    assert counts["several_leads"] == 9
    assert "no_units" not in counts
    # task 22 has one lead and four supports: no finding on it
    assert "22" not in set(df.task_id)
    sup = set(df[df.check == "support_never_leads"].unit)
    assert "区发改局" not in sup and "区科信局" not in sup


# -- responsibility_checks: one check per question, with task text and units -----------------
from xialu_graph.metrics.checks import (  # noqa: E402
    CHECK_LABELS_ZH,
    RESPONSIBILITY_CHECKS,
    RESPONSIBILITY_COLUMNS,
    responsibility_checks,
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
