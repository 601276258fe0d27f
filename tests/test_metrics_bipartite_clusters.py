"""Two-mode clusters (Barber modularity), their null model and their stability under resampling."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from xialu_graph.graph import build_graph
from xialu_graph.metrics import barber_modularity, co_responsibility_clusters
from xialu_graph.metrics.bipartite_clusters import (
    BIPARTITE_COLUMNS,
    STABILITY_CLUSTER_COLUMNS,
    STABILITY_UNIT_COLUMNS,
    _rewire,
    bipartite_clusters,
    modularity_significance,
    resampling_stability,
)


@pytest.fixture(scope="module")
def davis():
    G = nx.davis_southern_women_graph()
    for n in G:
        G.nodes[n]["label"] = n
    return G


def blocks(n_blocks=2, units=3, tasks=4, cross=()):
    G = nx.Graph()
    for b in range(n_blocks):
        for i in range(units):
            G.add_node(f"u:{b}{i}", bipartite=0, label=f"{b}{i}", kind="department")
        for j in range(tasks):
            G.add_node(f"t:{b}{j}", bipartite=1, task_id=f"{b}{j}")
            for i in range(units):
                G.add_edge(f"u:{b}{i}", f"t:{b}{j}", weight=1.0)
    for u, t in cross:
        G.add_edge(u, t, weight=1.0)
    return G


def test_davis_barber_optimum(davis):
    # 0.3455 with 4 modules: the optimum reported for the Southern Women graph
    # (Barber 2007; Liu & Murata 2010)
    cl = bipartite_clusters(davis, n_runs=100, weight=None)
    assert list(cl.columns) == BIPARTITE_COLUMNS
    assert cl.attrs["barber_modularity"] == pytest.approx(0.3455, abs=1e-4)
    assert cl.attrs["n_clusters"] == 4
    by = cl.set_index("unit").cluster
    # Davis's two core cliques never share a module
    core1 = ["Evelyn Jefferson", "Laura Mandeville", "Theresa Anderson", "Brenda Rogers"]
    core2 = ["Katherina Rogers", "Sylvia Avondale", "Nora Fayette", "Helen Lloyd"]
    assert by[core1].nunique() == 1 and by[core2].nunique() == 1 and by[core1[0]] != by[core2[0]]
    # the reported Q is Barber's, recomputed exactly with both sides' labels
    tasks = dict(zip(cl.attrs["tasks"].task_id, cl.attrs["tasks"].cluster))
    q = barber_modularity(davis, by.to_dict(), weight=None, task_clusters_=tasks)
    assert q == pytest.approx(cl.attrs["barber_modularity"])


def test_numbering_from_one_and_blocks():
    G = blocks(2, units=3, tasks=4)
    G.add_node("u:alone", bipartite=0, label="z", kind="department")
    cl = bipartite_clusters(G)
    assert cl.cluster.tolist() == [1, 1, 1, 2, 2, 2, 0]
    assert cl.cluster_size.tolist()[-1] == 1 and cl.attrs["n_clusters"] == 2
    assert cl.attrs["barber_modularity"] == pytest.approx(0.5)
    assert cl.attrs["tasks"].cluster.tolist() == [1] * 4 + [2] * 4


def test_rewire_preserves_degrees():
    rng = np.random.default_rng(0)
    W = (rng.random((8, 12)) < 0.3).astype(float)
    R = _rewire(W, rng, 500)
    assert (R.sum(axis=1) == W.sum(axis=1)).all() and (R.sum(axis=0) == W.sum(axis=0)).all()
    assert set(np.unique(R)) <= {0.0, 1.0} and (R != W).any()


def test_null_model_known_answers():
    # a perfect matching rewires only into perfect matchings: the null has no spread
    G = nx.Graph()
    G.add_nodes_from(range(6), bipartite=0)
    G.add_nodes_from("abcdef", bipartite=1)
    G.add_edges_from(zip(range(6), "abcdef"))
    s = modularity_significance(G, n_null=5)
    assert s["observed"] == pytest.approx(5 / 6) and s["null_std"] == 0.0 and math.isnan(s["z"])
    # three planted blocks joined by one edge beat their rewirings clearly
    G = blocks(3, units=4, tasks=5, cross=[("u:00", "t:10")])
    s = modularity_significance(G, n_null=30, seed=1)
    assert s["z"] > 3 and s["p_value"] == pytest.approx(1 / 31)


def test_resampling_stability_blocks_and_columns():
    G = blocks(2, units=3, tasks=6)
    st = resampling_stability(G, n_boot=30)
    assert list(st.columns) == STABILITY_UNIT_COLUMNS
    assert list(st.attrs["clusters"].columns) == STABILITY_CLUSTER_COLUMNS
    assert (st.stability == 1.0).all() and st.attrs["ari_mean"] == 1.0
    assert st.consensus.tolist() == [1, 1, 1, 2, 2, 2]
    assert st.attrs["clusters"].dissolved.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError):
        resampling_stability(G, n_boot=2, method="spectral")


def test_davis_resampling(davis):
    cl = bipartite_clusters(davis, n_runs=50, weight=None)
    st = resampling_stability(davis, cl, n_boot=50, weight=None).set_index("unit")
    cs = st.attrs["clusters"].set_index("cluster")
    # the two big groups survive resampling better than the small boundary modules
    assert cs.loc[1, "jaccard"] > 0.7 and cs.loc[4, "jaccard"] < 0.5
    assert 0.3 < st.attrs["ari_mean"] < 0.8


@pytest.fixture(scope="module")
def seed_graph(seed_doc):
    return build_graph(seed_doc)


def test_seed_bipartite_clusters(seed_graph):
    cl = bipartite_clusters(seed_graph)
    # direct optimisation beats the projection partition's Barber modularity (0.31)
    proj = co_responsibility_clusters(seed_graph, seed=0, n_runs=2)
    assert cl.attrs["barber_modularity"] == pytest.approx(0.380, abs=0.005)
    assert proj.attrs["barber_modularity"] == pytest.approx(0.307, abs=0.005)
    assert cl.attrs["n_clusters"] == 13 and cl.cluster.min() == 1
    assert cl.groupby("cluster").size().is_monotonic_decreasing


def test_seed_significance_and_stability(seed_graph):
    s = modularity_significance(seed_graph, n_null=20, seed=0)
    assert s["observed"] > s["null_mean"] and s["z"] > 4
    st = resampling_stability(seed_graph, n_boot=30, seed=0)
    # clusters are far less stable under task resampling than under reseeding (ARI 0.93)
    assert 0.2 < st.attrs["ari_mean"] < 0.5
    assert st.attrs["clusters"].jaccard.iloc[0] < 0.6
