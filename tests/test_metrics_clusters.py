"""Co-responsibility clusters: ARI, consensus, Barber modularity, determinism, seed stability."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from metrics_helpers import make_graph
from xialu_graph.graph import build_graph
from xialu_graph.metrics import (
    CLUSTER_COLUMNS,
    SUMMARY_COLUMNS,
    adjusted_rand_index,
    barber_modularity,
    cluster_summary,
    co_responsibility_clusters,
    consensus_partition,
    task_clusters,
)

# two groups of three units each working together; one weak bridge task (task 7)
TWO_GROUPS = [
    ("1", "一", "x", [("甲1", "lead"), ("甲2", "support"), ("甲3", "support")]),
    ("2", "一", "x", [("甲2", "lead"), ("甲3", "support")]),
    ("3", "一", "x", [("甲1", "lead"), ("甲3", "support")]),
    ("4", "二", "x", [("乙1", "lead"), ("乙2", "support"), ("乙3", "support")]),
    ("5", "二", "x", [("乙2", "lead"), ("乙3", "support")]),
    ("6", "二", "x", [("乙1", "lead"), ("乙2", "support")]),
    ("7", "二", "x", [("乙1", "lead"), ("甲1", "support")]),
    ("8", "二", "x", [("区政府各部门", "responsible", "collective"), ("乙1", "support")]),
]


def test_ari_hand():
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    # contingency [[2,0,0],[0,1,1]]: index 1, expected 2·1/6, max 1.5 → (1 − 1/3)/(1.5 − 1/3) = 4/7
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    # chance-level example: [0,0,1,1] vs [0,1,0,1] → index 0, expected 1/3, max 1 → −0.5
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    assert adjusted_rand_index([0, 0, 0], [0, 0, 0]) == 1.0
    with pytest.raises(ValueError):
        adjusted_rand_index([0, 1], [0])


def test_ari_symmetric_random():
    rng = np.random.default_rng(0)
    for _ in range(20):
        a, b = rng.integers(0, 4, 30), rng.integers(0, 3, 30)
        assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_index(b, a))
        assert adjusted_rand_index(a, b) <= 1.0


def test_consensus():
    runs = [[0, 0, 1, 1, 2], [0, 0, 1, 1, 1], [1, 1, 0, 0, 0], [0, 1, 1, 1, 2]]
    # pairs together in > half of the runs: (0,1) 3/4, (2,3) 4/4, (3,4) 2/4 no, (2,4) 2/4 no
    assert consensus_partition(runs).tolist() == [0, 0, 1, 1, 2]


def test_barber_hand():
    G = nx.Graph()
    G.add_nodes_from(["a", "b"], bipartite=0)
    G.add_nodes_from([1, 2], bipartite=1)
    G.add_edges_from([("a", 1), ("b", 2), ("a", 2)])
    # m = 3; k_a = 2, k_b = 1; d_1 = 1, d_2 = 2
    # units {a:0, b:1}, tasks {1:0, 2:1}: inside A = a1 + b2 = 2
    # expected = (K_0 D_0 + K_1 D_1)/m = (2·1 + 1·2)/3 = 4/3 → Q = (2 − 4/3)/3 = 2/9
    q = barber_modularity(G, {"a": 0, "b": 1}, weight=None, task_clusters_={1: 0, 2: 1})
    assert q == pytest.approx(2 / 9)
    # one cluster for everything: Q = (3 − 3·3/3)/3 = 0
    assert barber_modularity(G, {"a": 0, "b": 0}, weight=None) == pytest.approx(0.0)


def test_two_groups():
    G = make_graph(TWO_GROUPS)
    cl = co_responsibility_clusters(G, seed=0, n_runs=20)
    assert list(cl.columns) == CLUSTER_COLUMNS
    groups = cl.groupby("cluster").unit.apply(lambda s: sorted(s)).tolist()
    # same size → ordered by first unit name, in code-point order: 乙 (U+4E59) < 甲 (U+7532)
    assert groups == [["乙1", "乙2", "乙3"], ["甲1", "甲2", "甲3"]]
    assert "区政府各部门" not in set(cl.unit)
    assert cl.attrs["n_clusters"] == 2
    assert cl.attrs["modularity"] > 0.3
    assert cl.attrs["barber_modularity"] > 0.3
    assert cl.attrs["stability_ari"] == pytest.approx(1.0)
    assert (cl.stability == 1.0).all()
    # modularity on the projection matches networkx
    from xialu_graph.graph import project_units

    P = project_units(G, method="product", nodes=[u for u in G if G.nodes[u].get("kind") == "department"])
    comms = [set("u:" + u for u in g) for g in groups]
    assert cl.attrs["modularity"] == pytest.approx(nx.community.modularity(P, comms, weight="weight"))


def test_task_clusters_and_summary():
    G = make_graph(TWO_GROUPS)
    cl = co_responsibility_clusters(G, n_runs=2)
    tc = task_clusters(G, cl)
    assert tc.task_id.tolist() == [str(i) for i in range(1, 9)]
    assert tc.cluster.tolist()[:6] == [2, 2, 2, 1, 1, 1]
    assert tc.loc[0, "share"] == 1.0
    # task 8: the collective is not clustered; 乙1 (support 0.5) of 1.5 total → cluster 1, share 1/3
    assert tc.loc[7, "cluster"] == 1 and tc.loc[7, "share"] == pytest.approx(1 / 3)
    sm = cluster_summary(G, cl)
    assert list(sm.columns) == SUMMARY_COLUMNS
    assert sm.n_units.tolist() == [3, 3]
    assert sm.n_tasks.sum() == 8
    # inside 乙 (cluster 1): product weights t4 (1·.5 + 1·.5 + .5·.5) + t2 (.5) + t6 (.5) = 2.25
    assert sm.loc[0, "internal_weight"] == pytest.approx(2.25)


def test_same_seed_same_clusters_and_methods():
    G = make_graph(TWO_GROUPS)
    a = co_responsibility_clusters(G, seed=3, n_runs=5)
    b = co_responsibility_clusters(G, seed=3, n_runs=5)
    assert a.equals(b) and a.attrs == b.attrs
    g = co_responsibility_clusters(G, method="greedy")
    assert g.cluster.tolist() == a.cluster.tolist()
    c = co_responsibility_clusters(G, method="components")
    assert c.attrs["n_clusters"] == 1
    # deterministic methods measure no stability: NaN, not 1.0
    assert math.isnan(g.attrs["stability_ari"]) and g.stability.isna().all()
    assert math.isnan(c.attrs["stability_ari"])
    one = co_responsibility_clusters(G, n_runs=1)
    assert math.isnan(one.attrs["stability_ari"]) and one.stability.isna().all()
    with pytest.raises(ValueError):
        co_responsibility_clusters(G, method="spectral")


def test_degenerate_graphs():
    G = make_graph([("1", "一", "x", [("a", "lead")]), ("2", "一", "x", [("b", "lead")])])
    cl = co_responsibility_clusters(G, n_runs=3)
    assert cl.cluster.tolist() == [1, 2] and math.isnan(cl.attrs["modularity"])
    empty = co_responsibility_clusters(nx.Graph())
    assert len(empty) == 0 and list(empty.columns) == CLUSTER_COLUMNS


@pytest.fixture(scope="module")
def seed_clusters(seed_doc):
    G = build_graph(seed_doc)
    return G, co_responsibility_clusters(G, seed=0, n_runs=50)


def test_seed_clusters(seed_clusters, seed_doc):
    G, cl = seed_clusters
    # all non-collective units are clustered, once each
    units = [d["label"] for _, d in G.nodes(data=True) if d["bipartite"] == 0 and d["kind"] != "collective"]
    assert sorted(cl.unit) == sorted(units)
    # the four street offices end up together — forced by expanding 各街办(新区) (61 tasks name
    # all four at once), not a finding: see test_backbone.test_seed_backbone
    st = cl.set_index("unit").loc[["东街办", "老街办", "团街办", "新街办"]]
    assert st.cluster.nunique() == 1
    # cluster ids ordered by size desc
    assert cl.groupby("cluster").size().is_monotonic_decreasing
    assert 0 < cl.attrs["modularity"] < 1 and 0 < cl.attrs["barber_modularity"] < 1
    assert 0.5 < cl.attrs["stability_ari"] <= 1.0
    assert ((cl.stability >= 0) & (cl.stability <= 1)).all()
    again = co_responsibility_clusters(build_graph(seed_doc), seed=0, n_runs=50)
    assert again.equals(cl)
