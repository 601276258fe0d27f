"""unit_centrality: agreement with networkx reference functions, BiRank, sampling."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from fractions import Fraction
from networkx.algorithms import bipartite

from metrics_helpers import HAND, make_graph
from xialu_graph.graph import build_graph, project_units
from xialu_graph.metrics import CENTRALITY_COLUMNS, birank, burt_constraint, effective_size, unit_centrality
from xialu_graph.metrics.centrality import weighted_betweenness


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


def test_two_mode_matches_networkx(davis):
    df = unit_centrality(davis).set_index("unit")
    women = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
    deg = bipartite.degree_centrality(davis, women)
    bet = bipartite.betweenness_centrality(davis, women)
    clo = bipartite.closeness_centrality(davis, women)
    for w in women:
        assert df.loc[w, "degree_2m"] == pytest.approx(deg[w])
        assert df.loc[w, "betweenness_2m"] == pytest.approx(bet[w])
        assert df.loc[w, "closeness_2m"] == pytest.approx(clo[w])
    assert not df.attrs["betweenness_sampled"]
    assert len(df) == 18


def test_projection_measures_match_networkx(davis):
    df = unit_centrality(davis, projection="count").set_index("unit")
    P = project_units(davis, method="count")
    # reference with exact rational distances: the tied shortest paths all count
    for _, _, d in P.edges(data=True):
        d["dist"] = 1 / Fraction(d["weight"])
    bet = nx.betweenness_centrality(P, weight="dist")
    eig = nx.eigenvector_centrality_numpy(P, weight="weight")
    # node-by-node reference (networkx's sparse shortcut for nodes=None differs on weights)
    con = nx.constraint(P, nodes=list(P), weight="weight")
    eff = nx.effective_size(P, nodes=list(P), weight="weight")
    for w in P:
        assert df.loc[w, "strength"] == pytest.approx(P.degree(w, weight="weight"))
        assert df.loc[w, "betweenness_w"] == pytest.approx(bet[w])
        assert df.loc[w, "eigenvector"] == pytest.approx(abs(eig[w]))
        assert df.loc[w, "constraint"] == pytest.approx(con[w])
        assert df.loc[w, "effective_size"] == pytest.approx(eff[w])


def test_brokerage_match_networkx_weighted():
    G = nx.gnm_random_graph(25, 60, seed=3)
    rng = np.random.default_rng(3)
    for _, _, d in G.edges(data=True):
        d["weight"] = float(rng.integers(1, 5))
    G.add_node(99)  # isolated
    c, e = burt_constraint(G), effective_size(G)
    cn = nx.constraint(G, nodes=list(G), weight="weight")
    en = nx.effective_size(G, nodes=list(G), weight="weight")
    for n in G:
        if n == 99:
            assert math.isnan(c[n]) and math.isnan(e[n])
            continue
        assert c[n] == pytest.approx(cn[n])
        assert e[n] == pytest.approx(en[n])


def test_star_brokerage_by_hand():
    S = nx.star_graph(3)
    # hub: three contacts, each p = 1/3, no indirect paths → 3 × (1/3)² = 1/3
    assert burt_constraint(S)[0] == pytest.approx(1 / 3)
    assert effective_size(S)[0] == 3.0


def test_eigenvector_disconnected():
    # two components: a triangle (units a b c) and a pair (d e)
    spec = [
        ("1", "一", "x", [("a", "lead"), ("b", "support")]),
        ("2", "一", "x", [("b", "lead"), ("c", "support")]),
        ("3", "一", "x", [("a", "lead"), ("c", "support")]),
        ("4", "二", "x", [("d", "lead"), ("e", "support")]),
    ]
    df = unit_centrality(make_graph(spec)).set_index("unit")
    # triangle: each 1/sqrt(3) scaled by sqrt(3/5); pair: 1/sqrt(2) scaled by sqrt(2/5)
    for u in "abc":
        assert df.loc[u, "eigenvector"] == pytest.approx(math.sqrt(1 / 5))
    for u in "de":
        assert df.loc[u, "eigenvector"] == pytest.approx(math.sqrt(1 / 5))
    assert (df.eigenvector ** 2).sum() == pytest.approx(1.0)


def test_birank_properties():
    G = make_graph(HAND)
    r1, it = birank(G, seed=1, return_iterations=True)
    r2 = birank(G, seed=2)
    assert it < 1000
    for n in G:
        assert r1[n] == pytest.approx(r2[n], abs=1e-9)
    units = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    tasks = [n for n, d in G.nodes(data=True) if d["bipartite"] == 1]
    assert sum(r1[u] for u in units) == pytest.approx(1.0)
    assert sum(r1[t] for t in tasks) == pytest.approx(1.0)
    # A carries the most weight → highest score
    assert max(units, key=r1.get) == "u:A"


def test_birank_symmetric_hand():
    # a perfectly symmetric graph: every unit and every task get the same score
    G = nx.complete_bipartite_graph(3, 4)
    r = birank(G, weight=None)
    assert [round(r[i], 12) for i in range(3)] == [round(1 / 3, 12)] * 3
    assert [round(r[i], 12) for i in range(3, 7)] == [0.25] * 4


def test_birank_fixed_point():
    G = make_graph(HAND)
    r = birank(G, alpha=0.8, beta=0.7, tol=1e-14)
    units = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    tasks = [n for n, d in G.nodes(data=True) if d["bipartite"] == 1]
    W = bipartite.biadjacency_matrix(G, units, tasks, weight="weight").toarray()
    du, dt = W.sum(1), W.sum(0)
    S = W / np.sqrt(du)[:, None] / np.sqrt(dt)[None, :]
    # the normalised vectors are proportional to the fixed point of the iteration;
    # solve the linear system directly and compare the normalised result
    nu, nt = len(units), len(tasks)
    u0, p0 = np.full(nu, 1 / nu), np.full(nt, 1 / nt)
    # u = β S (α Sᵀ u + (1-α) p0) + (1-β) u0
    A = np.eye(nu) - 0.7 * 0.8 * S @ S.T
    u = np.linalg.solve(A, 0.7 * 0.2 * S @ p0 + 0.3 * u0)
    p = 0.8 * S.T @ u + 0.2 * p0
    assert [r[n] for n in units] == pytest.approx(list(u / u.sum()))
    assert [r[n] for n in tasks] == pytest.approx(list(p / p.sum()))


def test_columns_ranking_collectives():
    G = make_graph(HAND)
    df = unit_centrality(G)
    assert list(df.columns) == CENTRALITY_COLUMNS
    assert df.unit.iloc[-1] == "区政府各部门" and not df.ranked.iloc[-1]
    assert df["birank_rank"].iloc[0] == 1 and df["rank"].equals(df["birank_rank"])
    assert df.birank.iloc[:-1].is_monotonic_decreasing
    assert unit_centrality(G, include_collectives=True).ranked.all()


def test_sampling_above_threshold(davis):
    exact = unit_centrality(davis).set_index("unit")
    s1 = unit_centrality(davis, sample_threshold=10, k=20, seed=5)
    s2 = unit_centrality(davis, sample_threshold=10, k=20, seed=5)
    assert s1.attrs["betweenness_sampled"] and s1.attrs["betweenness_k"] == 20
    assert s1.betweenness_sampled.all()
    assert s1.equals(s2)  # same seed, same estimate
    # the estimate is in the right range
    est = s1.set_index("unit").betweenness_2m
    assert abs(est.sum() - exact.betweenness_2m.sum()) < 0.5 * exact.betweenness_2m.sum()


def test_deterministic(davis):
    assert unit_centrality(davis).equals(unit_centrality(davis))


def test_seed_graph(seed_doc):
    G = build_graph(seed_doc)
    df = unit_centrality(G).set_index("unit")
    units = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    deg = bipartite.degree_centrality(G, units)
    # 区发改局 is on 25 of the 106 tasks (8 lead + 14 support + 3 responsible, counted by grep)
    assert df.loc["区发改局", "degree_2m"] == pytest.approx(25 / 106) == pytest.approx(deg["u:区发改局"])
    bet = bipartite.betweenness_centrality(G, units)
    assert df.loc["区应急管理局", "betweenness_2m"] == pytest.approx(bet["u:区应急管理局"])
    assert df.birank.sum() == pytest.approx(sum(birank(G)[u] for u in units))


def test_float_distances_drop_ties_exact_ones_do_not(davis):
    # Davis, count projection: float sums of 1/w miss some equal-length paths
    P = project_units(davis, method="count")
    for _, _, d in P.edges(data=True):
        d["fdist"] = 1 / d["weight"]
    fl = nx.betweenness_centrality(P, weight="fdist")
    ex = weighted_betweenness(P)
    assert max(abs(fl[w] - ex[w]) for w in P) > 1e-3


def test_weighted_betweenness_tie_by_hand():
    # a–b–d (0.7 + 0.1) and a–c–d (0.4 + 0.4) are equally short: b and c each carry half
    P = nx.Graph()
    P.add_edge("a", "b", weight=1 / 0.7)
    P.add_edge("b", "d", weight=10)
    P.add_edge("a", "c", weight=2.5)
    P.add_edge("c", "d", weight=2.5)
    bc = weighted_betweenness(P, normalized=False)
    assert (bc["b"], bc["c"], bc["a"]) == (0.5, 0.5, 0.0)


def test_closeness_at_most_one_when_disconnected():
    # component 1: a, b on task 1 (a also on 2); component 2: c alone on task 3
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"], bipartite=0, kind="department")
    G.add_nodes_from([1, 2, 3], bipartite=1)
    G.add_edges_from([("a", 1), ("b", 1), ("a", 2), ("c", 3)], weight=1.0)
    df = unit_centrality(G).set_index("unit")
    # a: distances 1 (t1), 1 (t2), 2 (b); minimum in its component m_c + 2(n_c − 1) = 2 + 2 = 4
    # → 4/4 × reachable (4 − 1)/(6 − 1) = 0.6; c: 1/1 × 1/5 = 0.2 (networkx uses the whole graph,
    # m + 2(n − 1) = 3 + 4: 7/1 × 1/5 = 1.4, above 1)
    assert df.loc["a", "closeness_2m"] == pytest.approx(0.6)
    assert df.loc["c", "closeness_2m"] == pytest.approx(0.2)
    assert bipartite.closeness_centrality(G, ["a", "b", "c"])["c"] == pytest.approx(1.4)


def test_seed_closeness_bounded(seed_doc):
    df = unit_centrality(build_graph(seed_doc)).set_index("unit")
    assert df.closeness_2m.max() <= 1.0
    # 区审计局 sits in a small component: networkx's whole-graph normalisation gives it 1.35
    assert df.loc["区审计局", "closeness_2m"] < 0.1


def test_seed_weighted_betweenness_exact(seed_doc):
    # the seed's product projection: exact rational distances as reference; float 1/w drops ties
    G = build_graph(seed_doc)
    df = unit_centrality(G).set_index("unit")
    P = project_units(G, method="product")
    for _, _, d in P.edges(data=True):
        d["exact"] = 1 / Fraction(d["weight"]).limit_denominator(10**9)
        d["fdist"] = 1 / d["weight"]
    ref = nx.betweenness_centrality(P, weight="exact")
    fl = nx.betweenness_centrality(P, weight="fdist")
    for u in P:
        assert df.loc[P.nodes[u]["label"], "betweenness_w"] == pytest.approx(float(ref[u]), abs=1e-12)
    assert max(abs(fl[u] - ref[u]) for u in P) > 1e-3
