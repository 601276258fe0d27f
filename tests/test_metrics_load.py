"""unit_load: hand-worked plan and counts taken from the 2020 Xialu text by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_helpers import HAND, make_graph
from xialu_graph.graph import build_graph
from xialu_graph.metrics import LOAD_COLUMNS, unit_load


@pytest.fixture(scope="module")
def hand():
    return make_graph(HAND)


def row(df, unit):
    r = df[df.unit == unit]
    assert len(r) == 1, unit
    return r.iloc[0]


def test_columns_and_order(hand):
    df = unit_load(hand)
    assert list(df.columns) == LOAD_COLUMNS
    # ranked first, collectives last
    assert df.ranked.tolist() == [True] * 6 + [False]
    assert df["rank"].tolist()[:6] == sorted(df["rank"].tolist()[:6])


def test_hand_values(hand):
    df = unit_load(hand)
    a = row(df, "A")
    # A: lead 1, lead 2, support 4 → 1 + 1 + 0.5
    assert (a.n_lead, a.n_support, a.n_responsible, a.n_tasks) == (2, 1, 0, 3)
    assert a.weighted_load == 2.5
    assert a.n_sections == 2
    # partners of A: B (t1), C, D (t2), D, 东街办, 老街办 (t4) → B C D 东 老
    assert a.n_partners == 5
    assert a.lead_ratio == pytest.approx(2 / 3)
    b = row(df, "B")
    assert (b.n_lead, b.n_support, b.n_responsible, b.weighted_load) == (0, 1, 1, 1.5)
    east = row(df, "东街办")
    assert east.weighted_load == 0.5 and east.n_partners == 3
    # total over ranked: A 2.5, B 1.5, C 1.5, D 1.5, 东 0.5, 老 0.5 = 8.0
    assert df.attrs["total_weighted_load"] == 8.0
    assert a.load_share == pytest.approx(2.5 / 8)
    assert a["rank"] == 1
    assert {row(df, u)["rank"] for u in "BCD"} == {2}
    coll = row(df, "区政府各部门")
    assert not coll.ranked and pd.isna(coll["rank"]) and pd.isna(coll.load_share)
    assert coll.weighted_load == 1.0
    assert df.attrs["n_sections_total"] == 2


def test_include_collectives(hand):
    df = unit_load(hand, include_collectives=True)
    assert df.ranked.all()
    assert df.attrs["total_weighted_load"] == 9.0
    # A 2.5 ranks 1; B, C, D share rank 2 with 1.5; the collective's 1.0 ranks 5
    assert row(df, "区政府各部门")["rank"] == 5
    assert row(df, "A").load_share == pytest.approx(2.5 / 9)


def test_weights_change_load():
    G = make_graph(HAND, weights={"support": 0.25})
    df = unit_load(G)
    assert row(df, "A").weighted_load == 2.25


def test_unexpanded_collective_is_not_ranked():
    G = make_graph(HAND, collectives="keep")
    df = unit_load(G)
    assert "东街办" not in set(df.unit)
    c = row(df, "各街办(新区)")
    assert c.kind == "collective" and not c.ranked


def test_empty_graph():
    import networkx as nx

    df = unit_load(nx.Graph())
    assert list(df.columns) == LOAD_COLUMNS and len(df) == 0


# -- seed: counts made with grep on data/raw/xialu_2020.txt ----------------------------------
# grep -o '牵头单位:[^];]*' | grep -c 区发改局            → 8 leads
# grep -o ';责任单位:[^]]*' | grep -c 区发改局            → 14 supports
# grep -o '\[责任单位:[^]]*' | grep -c 区发改局           → 3 sole-responsible tasks
SEED_COUNTS = {
    "区发改局": (8, 14, 3),
    "区科信局": (4, 13, 5),
    "区应急管理局": (2, 1, 0),
    # 东街办 named directly or through 各街办(新区): lead 3, support 63, responsible 3
    "东街办": (3, 63, 3),
}


@pytest.fixture(scope="module")
def seed_load(seed_doc):
    return unit_load(build_graph(seed_doc))


@pytest.mark.parametrize("unit", sorted(SEED_COUNTS))
def test_seed_counts(seed_load, unit):
    r = row(seed_load, unit)
    lead, sup, resp = SEED_COUNTS[unit]
    assert (r.n_lead, r.n_support, r.n_responsible, r.n_tasks) == (lead, sup, resp, lead + sup + resp)
    assert r.weighted_load == lead + 0.5 * sup + resp


def test_seed_totals(seed_doc, seed_load):
    G = build_graph(seed_doc)
    assert sum(1 for _, d in G.nodes(data=True) if d["bipartite"] == 1) == 106
    # every edge counted once per unit
    assert seed_load.n_tasks.sum() == G.number_of_edges()
    assert seed_load.attrs["n_sections_total"] == 8
    assert seed_load.loc[seed_load.ranked, "load_share"].sum() == pytest.approx(1.0)
    # the four street offices carry the most (各街办(新区) on 61 tasks)
    assert set(seed_load.head(4).unit) == {"东街办", "老街办", "团街办", "新街办"}
    assert (seed_load.loc[~seed_load.ranked, "kind"] == "collective").all()
