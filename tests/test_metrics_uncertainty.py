"""Task-bootstrap intervals: exact bootstrap distributions by hand, agreement with balance, the seed."""

from __future__ import annotations


import networkx as nx
import pytest

from xialu_graph.graph import build_graph
from xialu_graph.metrics import unit_load, workload_balance
from xialu_graph.metrics.uncertainty import (
    BOOTSTRAP_COLUMNS,
    RANK_CI_COLUMNS,
    LORENZ_BAND_COLUMNS,
    bootstrap_balance,
    bootstrap_lorenz,
    bootstrap_ranks,
)

from metrics_helpers import HAND, make_graph


def two_disjoint():
    # unit a alone on task 1, unit b alone on task 2 (weight 1 each)
    G = nx.Graph()
    G.add_node("u:a", bipartite=0, label="a", kind="department")
    G.add_node("u:b", bipartite=0, label="b", kind="department")
    G.add_nodes_from(["t:1", "t:2"], bipartite=1)
    G.add_edges_from([("u:a", "t:1"), ("u:b", "t:2")], weight=1.0)
    return G


def test_exact_bootstrap_distribution():
    # draws of 2 tasks from 2: {1,1} and {2,2} (prob 1/4 each) give loads (2,0): Gini 1/2;
    # {1,2} (prob 1/2) gives (1,1): Gini 0. So the replicates' mean is 1/4, their sd 1/4.
    b = bootstrap_balance(two_disjoint(), n_boot=20000, seed=1).set_index("measure")
    assert b.loc["gini", "estimate"] == 0.0
    assert b.loc["gini", "bias"] == pytest.approx(0.25, abs=0.01)
    assert b.loc["gini", "se"] == pytest.approx(0.25, abs=0.01)
    assert (b.loc["gini", "ci_low"], b.loc["gini", "ci_high"]) == (0.0, 0.5)
    # n = 2: corrected Gini doubles, normalised HHI of (2, 0) is 1
    assert b.loc["gini_corrected", "ci_high"] == 1.0 and b.loc["herfindahl_normalised", "ci_high"] == 1.0
    basic = bootstrap_balance(two_disjoint(), n_boot=2000, seed=1, interval="basic").set_index("measure")
    assert (basic.loc["gini", "ci_low"], basic.loc["gini", "ci_high"]) == (-0.5, 0.0)


def test_estimates_match_workload_balance():
    G = make_graph(HAND)
    b = bootstrap_balance(G, n_boot=100).set_index("measure")
    assert list(b.reset_index().columns) == BOOTSTRAP_COLUMNS
    wb = workload_balance(unit_load(G), columns=("weighted_load",)).iloc[0]
    for m in ("gini", "herfindahl", "top5_share", "top10_share"):
        assert b.loc[m, "estimate"] == pytest.approx(wb[m])
        assert b.loc[m, "ci_low"] <= b.loc[m, "ci_high"]
    n = wb["n_units"]
    assert b.loc["gini_corrected", "estimate"] == pytest.approx(wb["gini"] * n / (n - 1))
    assert b.loc["herfindahl_normalised", "estimate"] == pytest.approx((wb["herfindahl"] - 1 / n) / (1 - 1 / n))


def test_deterministic_and_errors():
    G = make_graph(HAND)
    assert bootstrap_balance(G, n_boot=50, seed=3).equals(bootstrap_balance(G, n_boot=50, seed=3))
    with pytest.raises(ValueError):
        bootstrap_balance(G, level=1.5)
    with pytest.raises(ValueError):
        bootstrap_balance(G, interval="bca")
    with pytest.raises(ValueError):
        bootstrap_balance(G, n_boot=1)


def test_ranks_by_hand():
    r = bootstrap_ranks(two_disjoint(), n_boot=4000, seed=0)
    assert list(r.columns) == RANK_CI_COLUMNS
    # observed tie → both rank 1; in a draw either may lead: rank interval 1–2
    assert r.load_rank.tolist() == [1, 1]
    assert r.rank_ci_low.tolist() == [1, 1] and r.rank_ci_high.tolist() == [2, 2]
    assert r.p_top5.tolist() == [1.0, 1.0]


def test_seed_intervals(seed_doc):
    G = build_graph(seed_doc)
    b = bootstrap_balance(G, n_boot=2000, seed=0).set_index("measure")
    g = b.loc["gini"]
    assert g.estimate == pytest.approx(0.5985, abs=5e-4)
    # 0.60 (95% CI 0.59–0.65): the estimate sits near the lower end (bias ≈ +0.02)
    assert g.ci_low == pytest.approx(0.585, abs=0.01) and g.ci_high == pytest.approx(0.653, abs=0.01)
    assert 0.01 < g.bias < 0.03
    assert b.loc["top5_share", "estimate"] == pytest.approx(0.4946, abs=5e-4)
    r = bootstrap_ranks(G, n_boot=2000, seed=0).set_index("unit")
    # the four street offices are in the top 5 in every replicate; 区发改局 in about two thirds
    for s in ("东街办", "团街办", "老街办", "新街办"):
        assert r.loc[s, "p_top5"] == 1.0
    assert 0.55 < r.loc["区发改局", "p_top5"] < 0.8
    assert r.loc["区发改局", "load_rank"] == 5


def test_lorenz_band_exact_on_two_disjoint_units():
    # draws {1,1}/{2,2} (prob 1/2 together) give loads (0, 2): curve (0, 0, 1); {1,2} gives (1, 1):
    # curve (0, 0.5, 1). So at x = 1/2 the 95 % band runs from 0 to 0.5, the plan's curve at 0.5.
    band = bootstrap_lorenz(two_disjoint(), n_boot=4000, seed=3)
    assert list(band.columns) == LORENZ_BAND_COLUMNS
    assert band.values.tolist() == [[0.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.5], [1.0, 1.0, 1.0, 1.0]]


def test_lorenz_band_agrees_with_the_gini_interval_on_the_seed(seed_doc):
    G = build_graph(seed_doc)
    band = bootstrap_lorenz(G, n_boot=500, seed=0)
    b = bootstrap_balance(G, n_boot=500, seed=0).set_index("measure")
    assert len(band) == 45 and band.attrs["n_units"] == 44
    assert (band["ci_low"] <= band["load_share"]).all() and (band["load_share"] <= band["ci_high"]).all()
    # the Gini of the band's edges brackets the replicates' Gini interval (area between curve and diagonal)
    x = band["population_share"].to_numpy()

    def g(y):
        return float(1 - ((x[1:] - x[:-1]) * (y[1:] + y[:-1])).sum())

    assert g(band["ci_high"].to_numpy()) <= b.loc["gini", "ci_low"] + 1e-9
    assert g(band["ci_low"].to_numpy()) >= b.loc["gini", "ci_high"] - 1e-9
    assert g(band["load_share"].to_numpy()) == pytest.approx(b.loc["gini", "estimate"], abs=1e-12)
