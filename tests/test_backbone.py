"""Backbone of significant co-responsibility ties: null models with known answers, Davis, the seed."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from scipy.stats import binom, hypergeom

from xialu_graph.graph import build_graph
from xialu_graph.metrics.backbone import (
    BACKBONE_COLUMNS,
    backbone,
    benjamini_hochberg,
    bicm_probabilities,
    poisson_binomial_sf,
)


def two_mode(rows):
    """Units u0.. with the given task lists."""
    G = nx.Graph()
    tasks = sorted({t for ts in rows for t in ts})
    for i, ts in enumerate(rows):
        G.add_node(f"u{i}", bipartite=0, label=f"u{i}", kind="department")
    G.add_nodes_from((f"t{t}" for t in tasks), bipartite=1)
    for i, ts in enumerate(rows):
        G.add_edges_from((f"u{i}", f"t{t}") for t in ts)
    return G


def test_bicm_regular_is_uniform():
    # every unit on 2 of 4 tasks, every task with 2 of 4 units: p = 1/2 everywhere
    B = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 1]])
    assert np.allclose(bicm_probabilities(B), 0.5)


def test_bicm_meets_degrees_davis():
    G = nx.davis_southern_women_graph()
    women = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    events = [n for n, d in G.nodes(data=True) if d["bipartite"] == 1]
    B = nx.bipartite.biadjacency_matrix(G, women, events).toarray()
    P = bicm_probabilities(B)
    assert np.allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-9)
    assert np.allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-9)
    assert ((P > 0) & (P < 1)).all()


def test_poisson_binomial_against_binomial_and_brute_force():
    assert poisson_binomial_sf([[0.25] * 4], [2])[0] == pytest.approx(binom.sf(1, 4, 0.25))
    p = [0.1, 0.7, 0.4]
    brute = sum(
        math.prod(p[i] if (m >> i) & 1 else 1 - p[i] for i in range(3)) for m in range(8) if bin(m).count("1") >= 2
    )
    assert poisson_binomial_sf([p], [2])[0] == pytest.approx(brute)
    assert poisson_binomial_sf([p], [0])[0] == 1.0


def test_bh_known_values():
    # Benjamini & Hochberg (1995): q_(i) = min_{j≥i} p_(j) m / j
    assert benjamini_hochberg([0.01, 0.02, 0.03, 0.04]).tolist() == pytest.approx([0.04] * 4)
    assert benjamini_hochberg([0.2, 0.001]).tolist() == pytest.approx([0.2, 0.002])


def test_sdsm_worked_example():
    # regular 4 × 4 design: shared tasks ~ Binomial(4, 1/4); u0 and u1 share 1 task
    G = two_mode([[0, 1], [1, 2], [2, 3], [3, 0]])
    tab, H = backbone(G, alpha=0.05)
    assert list(tab.columns) == BACKBONE_COLUMNS
    r = tab[(tab.unit_a == "u0") & (tab.unit_b == "u1")].iloc[0]
    assert r.observed == 1 and r.expected == pytest.approx(1.0)
    assert r.p_value == pytest.approx(binom.sf(0, 4, 0.25))  # 1 − (3/4)^4 = 0.68359375
    assert tab.attrs["n_pairs_tested"] == 6 and H.number_of_edges() == 0


def test_hypergeom_worked_example():
    # two blocks of 2 units × 5 tasks: a pair inside a block shares all 5 of 10 tasks
    G = two_mode([[0, 1, 2, 3, 4]] * 2 + [[5, 6, 7, 8, 9]] * 2)
    tab, H = backbone(G, method="hypergeom", alpha=0.05)
    p = 1 / math.comb(10, 5)  # hypergeom.sf(4, 10, 5, 5)
    assert p == pytest.approx(hypergeom.sf(4, 10, 5, 5))
    assert tab.p_value.tolist() == pytest.approx([p, p])
    # BH over the 6 pairs: q = p · 6 / 2
    assert tab.q_value.tolist() == pytest.approx([3 * p, 3 * p])
    assert sorted(H.edges) == [("u0", "u1"), ("u2", "u3")]
    assert H.edges["u0", "u1"]["weight"] == 5.0


def test_davis_no_tie_beats_chance_and_top_pairs_within_groups():
    G = nx.davis_southern_women_graph()
    women = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    tab, H = backbone(G)
    assert tab.attrs["n_pairs_tested"] == 153 and tab.attrs["n_significant"] == 0
    # the strongest pairs lie inside Davis, Gardner & Gardner's two groups (women 1–9 / 10–18),
    # leaving out the women the ethnographers placed on the boundary (Pearl, Ruth, Dorothy)
    group = {w: int(i >= 9) for i, w in enumerate(women)}
    boundary = {"Pearl Oglethorpe", "Ruth DeSand", "Dorothy Murchison"}
    top = tab[tab.p_value < 0.2]
    top = top[~top.unit_a.isin(boundary) & ~top.unit_b.isin(boundary)]
    assert len(top) == 5
    assert all(group[a] == group[b] for a, b in zip(top.unit_a, top.unit_b))
    assert tab.iloc[0][["unit_a", "unit_b"]].tolist() == ["Olivia Carleton", "Flora Price"]


def test_options_and_errors():
    G = two_mode([[0, 1], [1, 2]])
    with pytest.raises(ValueError):
        backbone(G, method="bicm")
    with pytest.raises(ValueError):
        backbone(G, alpha=1.5)
    with pytest.raises(ValueError):
        backbone(G, family="some")
    tab, H = backbone(nx.Graph())
    assert len(tab) == 0 and H.number_of_nodes() == 0


def test_seed_backbone(seed_doc):
    # expand: only street-office pairs beat chance — forced by 各街办(新区) naming all four at once
    tab, H = backbone(build_graph(seed_doc))
    assert len(tab) == 307 and tab.attrs["n_pairs_tested"] == 946
    sig = tab[tab.significant]
    assert len(sig) == 3 and H.number_of_edges() == 3
    assert set(sig.unit_a) | set(sig.unit_b) == {"老街办", "新街办", "团街办"}
    tab_o, _ = backbone(build_graph(seed_doc), family="observed")
    assert tab_o.attrs["n_significant"] == 4
    assert set(tab_o[tab_o.significant].unit_a) | set(tab_o[tab_o.significant].unit_b) <= {"东街办", "老街办", "新街办", "团街办"}
    # keep each collective whole: no tie beats chance
    tab_k, H_k = backbone(build_graph(seed_doc, collectives="keep"))
    assert len(tab_k) == 211 and tab_k.attrs["n_significant"] == 0 and H_k.number_of_edges() == 0
