"""The claims that notebooks 02 and 03 make about the 2020 plan, asserted rather than printed."""

from __future__ import annotations

import pytest

from xialu_graph.graph import build_graph
from xialu_graph.metrics import (
    bipartite_clusters,
    co_responsibility_clusters,
    resampling_stability,
    unit_centrality,
    unit_load,
    workload_balance,
)

STREET = ["东街办", "团街办", "老街办", "新街办"]


def gini_top5(G):
    b = workload_balance(unit_load(G), columns=("weighted_load",)).iloc[0]
    return b["gini"], b["top5_share"]


@pytest.fixture(scope="module")
def G(seed_doc):
    return build_graph(seed_doc)


def test_notebook02_concentration(G, seed_doc):
    g, t5 = gini_top5(G)
    assert round(g, 2) == 0.60 and 0.45 < t5 < 0.55  # "about 0.60", "about half"
    load = unit_load(G)
    assert sorted(load.unit.head(4)) == sorted(STREET)
    bureaus = load[load.ranked & (load.kind != "street_office")]
    assert bureaus.sort_values("n_lead", ascending=False, kind="stable").unit.iloc[0] == "区发改局"
    # "Eleven units support tasks and lead none"
    assert int((load.ranked & (load.n_support > 0) & (load.n_lead == 0)).sum()) == 11


def test_notebook02_choices(seed_doc):
    keep = build_graph(seed_doc, collectives="keep")
    assert round(gini_top5(keep)[0], 2) == 0.47 and unit_load(keep).unit.iloc[0] == "区发改局"
    for support, expected in ((0.25, 0.55), (1.0, 0.65)):
        H = build_graph(seed_doc, weights={"support": support})
        assert round(gini_top5(H)[0], 2) == expected
        assert sorted(unit_load(H).unit.head(4)) == sorted(STREET)


def test_notebook03_brokers(G):
    load = unit_load(G).set_index("unit")
    cen = unit_centrality(G).set_index("unit")
    bw = cen.betweenness_w.rank(ascending=False, method="min")
    # notebook 03 says "rank 6th and 9th by load": 区人社局 is 10th (区招商服务中心 is 9th)
    assert load.loc["区科信局", "load_rank"] == 6 and load.loc["区人社局", "load_rank"] == 10
    assert bw["区科信局"] == 2 and bw["区人社局"] == 5


def test_notebook03_stability_is_over_seeds_only(G):
    cl = co_responsibility_clusters(G, seed=0, n_runs=50).set_index("unit")
    # the notebook's "stable" (above 0.95 for most units; least stable about 0.83) holds over seeds …
    assert (cl.stability > 0.95).mean() > 0.85
    assert cl.stability.nsmallest(2).round(2).tolist() == [0.83, 0.83]
    assert sorted(cl.stability.nsmallest(2).index) == ["区公共资源交易中心", "区市场监管局"]
    # … but not when the tasks are resampled: two-mode clusters agree with their reference at
    # ARI ≈ 0.34 on average (issue 13: the seed-only 0.93 overstates stability)
    st = resampling_stability(G, bipartite_clusters(G), n_boot=40, seed=0)
    assert st.attrs["ari_mean"] < 0.5
