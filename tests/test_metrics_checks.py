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
