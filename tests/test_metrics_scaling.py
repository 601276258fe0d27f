"""Metrics that scale (issue 17, item 4): the igraph, sparse and bit-parallel paths give the
networkx / dense reference values, and stay deterministic."""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest
from fractions import Fraction
from networkx.algorithms import bipartite

from xialu_graph.graph import project_units
from xialu_graph.metrics import (
    burt_constraint,
    co_responsibility_clusters,
    consensus_partition,
    effective_size,
    unit_centrality,
)
from xialu_graph.metrics.centrality import weighted_betweenness
from xialu_graph.metrics.clusters import coassociation_matrix


def _bip(n_units, n_tasks, p, seed, *, weights=False):
    """A random two-mode graph in the shape build_graph makes (labels, kinds, roles)."""
    rng = np.random.default_rng(seed)
    G = nx.Graph()
    for i in range(n_units):
        G.add_node(f"u{i:03d}", bipartite=0, label=f"u{i:03d}", kind="department")
    for j in range(n_tasks):
        G.add_node(f"t{j:03d}", bipartite=1, task_id=str(j))
    for i in range(n_units):
        for j in range(n_tasks):
            if rng.random() < p:
                w = float(rng.choice([1.0, 0.5])) if weights else 1.0
                G.add_edge(f"u{i:03d}", f"t{j:03d}", weight=w, role="lead" if w == 1.0 else "support")
    return G


@pytest.fixture(scope="module")
def big_bip():
    # 150 units (three 64-source batches of the bit-parallel BFS), connected
    G = _bip(150, 120, 0.03, 7, weights=True)
    comp = max(nx.connected_components(G), key=len)
    return G.subgraph(comp).copy()


@pytest.fixture(scope="module")
def davis():
    G = nx.davis_southern_women_graph()
    for n, d in G.nodes(data=True):
        d["label"] = n
        d["kind"] = "person" if d["bipartite"] == 0 else ""
    for _, _, d in G.edges(data=True):
        d["weight"] = 1.0
        d["role"] = "lead"
    return G


def test_two_mode_betweenness_igraph_path_matches_networkx(big_bip, monkeypatch):
    from xialu_graph.metrics import centrality

    monkeypatch.setattr(centrality, "NX_BETWEENNESS_MAX", 10)  # igraph also for the exact case
    units = [n for n, d in big_bip.nodes(data=True) if d["bipartite"] == 0]
    df = unit_centrality(big_bip).set_index("unit")
    ref = bipartite.betweenness_centrality(big_bip, units)
    for u in units:
        assert df.loc[u, "betweenness_2m"] == pytest.approx(ref[u], rel=1e-12, abs=1e-15)


def test_closeness_batches_match_networkx(big_bip):
    units = [n for n, d in big_bip.nodes(data=True) if d["bipartite"] == 0]
    assert len(units) > 128
    df = unit_centrality(big_bip).set_index("unit")
    ref = bipartite.closeness_centrality(big_bip, units)
    for u in units:
        assert df.loc[u, "closeness_2m"] == pytest.approx(ref[u], rel=1e-12)


def test_closeness_disconnected_matches_dense_reference():
    from scipy.sparse import csgraph

    G = _bip(90, 60, 0.02, 3)  # several components, isolated units and tasks
    assert nx.number_connected_components(G) > 3
    nodes = list(G)
    units = [n for n in nodes if G.nodes[n]["bipartite"] == 0]
    D = csgraph.shortest_path(nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None), unweighted=True, directed=False)
    is_unit = np.array([G.nodes[v]["bipartite"] == 0 for v in nodes])
    df = unit_centrality(G).set_index("unit")
    for u in units:
        d = D[nodes.index(u)]
        fin = np.isfinite(d)
        tot = d[fin].sum()
        n_c, m_c = int((fin & is_unit).sum()), int((fin & ~is_unit).sum())
        ref = (m_c + 2 * (n_c - 1)) / tot * ((fin.sum() - 1) / (len(nodes) - 1)) if tot > 0 else 0.0
        assert df.loc[u, "closeness_2m"] == pytest.approx(ref, rel=1e-12, abs=1e-15)


def test_closeness_isolated_nodes_last_in_node_order():
    # the last unit with edges is followed by isolated nodes in the node order
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c", "z"], bipartite=0, kind="department")
    G.add_nodes_from([1, 2, 3, 4], bipartite=1)
    G.add_edges_from([("a", 1), ("b", 1), ("b", 2), ("c", 2), ("c", 3), (3, "z")], weight=1.0)
    G.add_node("y", bipartite=0, kind="department")
    G.add_node(5, bipartite=1)
    df = unit_centrality(G).set_index("unit")
    # node order a b c z 1 2 3 4 y 5: task 3 (neighbours c, z) is the last node with edges
    # z: distances 1 (t3), 2 (c), 3 (t2), 4 (b), 5 (t1), 6 (a) = 21; component of 4 units, 3 tasks:
    # (3 + 2·3) / 21 × (7 − 1) / (10 − 1)
    assert df.loc["z", "closeness_2m"] == pytest.approx((3 + 2 * 3) / 21 * 6 / 9, rel=1e-12)
    assert df.loc["a", "closeness_2m"] == pytest.approx((3 + 2 * 3) / 21 * 6 / 9, rel=1e-12)
    assert df.loc["y", "closeness_2m"] == 0.0


def test_sampled_two_mode_betweenness_is_networkx_estimate(davis):
    df = unit_centrality(davis, sample_threshold=10, k=12, seed=3).set_index("unit")
    raw = nx.betweenness_centrality(davis, k=12, normalized=False, seed=3)
    women = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
    exact = bipartite.betweenness_centrality(davis, women)
    exact_raw = nx.betweenness_centrality(davis, normalized=False)
    for w in women:
        if exact_raw[w] > 0:
            # same sources, same rescaling: the estimate times the bipartite normaliser ratio
            assert df.loc[w, "betweenness_2m"] == pytest.approx(raw[w] * exact[w] / exact_raw[w], rel=1e-9)


@pytest.mark.parametrize("k", [None, 5, 17])
def test_weighted_betweenness_matches_networkx_exact_distances(davis, k):
    P = project_units(davis, method="count")
    H = nx.Graph()
    H.add_nodes_from(P)
    for a, b, d in P.edges(data=True):
        H.add_edge(a, b, dist=1 / Fraction(d["weight"]))
    for normalized in (True, False):
        ref = nx.betweenness_centrality(H, k=k, seed=11, weight="dist", normalized=normalized)
        got = weighted_betweenness(P, k=k, seed=11, normalized=normalized)
        assert set(got) == set(ref)
        for v in P:
            assert got[v] == pytest.approx(float(ref[v]), rel=1e-12, abs=1e-15)


def test_weighted_betweenness_leaves_global_random_alone():
    random.seed(123)
    expected = random.random()
    random.seed(123)
    weighted_betweenness(nx.path_graph(6), k=3, seed=0)
    assert random.random() == expected


@pytest.mark.parametrize("dense_max", [10, 2000])
def test_brokerage_blocks_match_networkx(monkeypatch, dense_max):
    # dense_max 10: the sparse path; more than 256 nodes: the masked product runs over several
    # column blocks. 2000: the dense path plan-sized graphs keep
    from xialu_graph.metrics import centrality

    monkeypatch.setattr(centrality, "DENSE_MAX", dense_max)
    G = nx.gnm_random_graph(300, 900, seed=5)
    rng = np.random.default_rng(5)
    for _, _, d in G.edges(data=True):
        d["weight"] = float(rng.integers(1, 6))
    G.add_node(1000)
    c, e = burt_constraint(G), effective_size(G)
    cn = nx.constraint(G, nodes=list(G), weight="weight")
    en = nx.effective_size(G, nodes=list(G), weight="weight")
    for n in G:
        if G.degree(n) == 0:
            assert math.isnan(c[n]) and math.isnan(e[n])
        else:
            assert c[n] == pytest.approx(cn[n], rel=1e-12)
            assert e[n] == pytest.approx(en[n], rel=1e-12)


def _dense_consensus(L):
    C = (L[:, :, None] == L[:, None, :]).mean(axis=0)
    H = nx.Graph()
    H.add_nodes_from(range(L.shape[1]))
    ii, jj = np.nonzero(np.triu(C > 0.5, 1))
    H.add_edges_from(zip(ii.tolist(), jj.tolist()))
    out = np.full(L.shape[1], -1)
    nxt = 0
    for i in range(L.shape[1]):
        if out[i] < 0:
            for j in nx.node_connected_component(H, i):
                out[j] = nxt
            nxt += 1
    return out, C


@pytest.mark.parametrize("runs,n", [(1, 40), (2, 40), (7, 40), (10, 40), (3, 2100), (5, 2100)])
def test_consensus_and_coassociation_match_dense(runs, n):
    # n = 2100: the majority pairs are counted in two blocks of rows (2**21 // 2100 = 998 rows)
    rng = np.random.default_rng(runs)
    k = 6 if n < 100 else 40
    base = rng.integers(0, k, size=n)
    L = np.array([np.where(rng.random(n) < 0.3, rng.integers(0, k, size=n), base) for _ in range(runs)])
    ref, C = _dense_consensus(L)
    assert consensus_partition(L).tolist() == ref.tolist()
    assert np.array_equal(coassociation_matrix(L), C)


@pytest.mark.parametrize("igraph_above", [5, 2000])
def test_stability_matches_dense_formula(davis, monkeypatch, igraph_above):
    # igraph_above 5: the contingency-count formula used above 2,000 units; 2000: the dense one
    from xialu_graph.metrics import clusters

    monkeypatch.setattr(clusters, "IGRAPH_ABOVE", igraph_above)
    cl = co_responsibility_clusters(davis, n_runs=8, seed=2, engine="networkx")
    units = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
    P = project_units(davis, method="product", nodes=units)
    order = list(cl.unit)
    runs = []
    for s in range(2, 10):
        lab = {u: i for i, c in enumerate(nx.community.louvain_communities(P, weight="weight", seed=s)) for u in c}
        runs.append([lab[u] for u in order])
    C = (np.array(runs)[:, :, None] == np.array(runs)[:, None, :]).mean(axis=0)
    lab = cl.cluster.to_numpy()
    A = (lab[:, None] == lab[None, :]).astype(float)
    diff = np.abs(C - A)
    np.fill_diagonal(diff, 0.0)
    ref = 1.0 - diff.sum(axis=1) / (len(order) - 1)
    assert np.allclose(cl.stability.to_numpy(), ref, rtol=0, atol=1e-12)


def test_louvain_engines(davis):
    auto = co_responsibility_clusters(davis, n_runs=5)
    nxe = co_responsibility_clusters(davis, n_runs=5, engine="networkx")
    assert auto.attrs["engine"] == "networkx" and auto.equals(nxe)  # 18 units: below the igraph threshold
    a = co_responsibility_clusters(davis, n_runs=5, engine="igraph")
    b = co_responsibility_clusters(davis, n_runs=5, engine="igraph")
    assert a.attrs["engine"] == "igraph"
    assert a.equals(b) and a.attrs["stability_ari"] == b.attrs["stability_ari"]
    assert sorted(a.unit) == sorted(nxe.unit)
    assert a.attrs["modularity"] > 0
    assert co_responsibility_clusters(davis, method="greedy").attrs["engine"] is None
    with pytest.raises(ValueError, match="engine"):
        co_responsibility_clusters(davis, engine="leiden")


def test_igraph_louvain_leaves_global_random_alone(davis):
    random.seed(9)
    expected = random.random()
    random.seed(9)
    co_responsibility_clusters(davis, n_runs=3, engine="igraph")
    assert random.random() == expected


def test_weighted_betweenness_when_common_denominator_overflows():
    # weights = the primes up to 53: the distances 1/p have a common denominator of 3.3e19 > 2^53,
    # so float distances are used; igraph's tolerant comparison still counts tied paths
    primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53]
    P = nx.gnm_random_graph(40, 120, seed=2)
    rng = np.random.default_rng(2)
    for _, _, d in P.edges(data=True):
        d["weight"] = float(rng.choice(primes))
    P.add_edge(100, 101, weight=2.0)  # a tie: 100–101–103 and 100–102–103 are both 1/2 + 1/2
    P.add_edge(101, 103, weight=2.0)
    P.add_edge(100, 102, weight=2.0)
    P.add_edge(102, 103, weight=2.0)
    assert math.prod(primes) > 2**53
    H = nx.Graph()
    H.add_nodes_from(P)
    for a, b, d in P.edges(data=True):
        H.add_edge(a, b, dist=1 / Fraction(d["weight"]))
    ref = nx.betweenness_centrality(H, weight="dist")
    got = weighted_betweenness(P)
    for v in P:
        assert got[v] == pytest.approx(float(ref[v]), rel=1e-9, abs=1e-15)
    assert got[101] == got[102] > 0
